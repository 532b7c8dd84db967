import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { openPostgresAccounts } from '../../src/accounts/postgres-accounts-store.js';
import { SqliteAccountsStore } from '../../src/accounts/sqlite-accounts-store.js';
import type { LifecycleEvent } from '../../src/service/events.js';
import { LifecycleEvents } from '../../src/service/events.js';
import { dropPostgresSchema, postgresAvailable } from '../../src/stores/test-backends.js';
import { RETRY_SCHEDULE_MS } from '../../src/webhooks/dispatcher.js';
import { testClock } from './support.js';
import { teamsApp } from './teams-support.js';
import { auditDraft, webhookReceiver } from './webhook-support.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Opener = () => Promise<AccountsStore>;
const memory: Opener = async () => new MemoryAccountsStore();
const sqlite: Opener = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-webhooks-'));
  const store = new SqliteAccountsStore(join(dir, 'accounts.db'));
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
};
const postgres: Opener = async () => {
  const schema = `bltest_wh_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
  cleanups.push(async () => {
    await store.close();
    await dropPostgresSchema(POSTGRES_URL, schema);
  });
  return store;
};
const BACKENDS: [string, Opener, boolean][] = [
  ['memory', memory, true],
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, await postgresAvailable(POSTGRES_URL)],
];

/** An app whose dispatcher the test steps (`run`), with a 300 ms delivery timeout, and a local receiver. */
async function setup(open: Opener) {
  const events = new LifecycleEvents();
  const disabled: LifecycleEvent[] = [];
  events.on('webhook.disabled', (event) => {
    disabled.push(event);
  });
  const clock = testClock(Date.now());
  const t = await teamsApp({
    accounts: await open(),
    env: { BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on' },
    events,
    clock,
    webhooks: { autoStart: false, timeoutMs: 300 },
  });
  const receiver = await webhookReceiver();
  cleanups.push(
    () => t.app.close(),
    () => receiver.close(),
  );
  const { store, dispatcher } = t.app.burnlinkWebhooks;
  const register = async (events: string[], url = receiver.url) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: t.people.admin.headers,
      payload: { url, events },
    });
    expect(res.statusCode).toBe(201);
    // The registration's own audit record is written in the recorder's next batch: let it land now, so that
    // the records a test appends next follow it (a loaded machine would otherwise write it between them).
    await t.app.burnlinkAudit.flush();
    return res.json() as { id: string; secret: string };
  };
  /** Appends records of the organisation (or another) as the recorder would. */
  const append = (types: string[], org = t.orgId) =>
    store.appendAudit(types.map((type, i) => auditDraft(org, type, clock.now(), i)));
  const state = async (id: string) =>
    (await t.app.inject({ url: '/api/v1/webhooks', headers: t.people.admin.headers }))
      .json()
      .webhooks.find((w: { id: string }) => w.id === id);
  const log = async (id: string) =>
    (await t.app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: t.people.admin.headers })).json()
      .deliveries as {
      record_id: number;
      attempt: number;
      ok: boolean;
      status: number | null;
      error: string;
    }[];
  return { ...t, clock, receiver, register, append, state, log, run: () => dispatcher.runOnce(), disabled };
}

describe.each(BACKENDS)('webhook deliveries on %s (docs/webhooks.md)', (_name, open, available) => {
  test.runIf(available)(
    'deliver the matching records of the organisation, in order, signed for the standardwebhooks verifier',
    async () => {
      const { register, append, run, receiver, app } = await setup(open);
      const { store } = app.burnlinkWebhooks;
      const hook = await register(['secret.viewed', 'member.*']);
      const records = await append([
        'secret.created',
        'secret.viewed',
        'member.added',
        'secret.burned',
        'secret.viewed',
      ]);
      await append(['secret.viewed'], 'another-org');
      await run();
      const wanted = records.filter((r) => r.type !== 'secret.created' && r.type !== 'secret.burned');
      expect(receiver.ids()).toEqual(wanted.map((r) => `msg_${r.id}`));
      const verifier = new Webhook(hook.secret);
      for (const [i, got] of receiver.received.entries()) {
        const record = wanted[i];
        const payload = verifier.verify(got.body, got.headers as Record<string, string>);
        expect(payload).toEqual({
          type: record?.type,
          timestamp: new Date(record?.at ?? 0).toISOString(),
          data: {
            id: record?.id,
            at: new Date(record?.at ?? 0).toISOString(),
            type: record?.type,
            org: record?.org,
            actor: { type: 'system', id: null },
            subject: record?.subject,
            outcome: 'ok',
            details: record?.details,
            ip: null,
          },
        });
        expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
        expect(got.body).not.toContain('hash');
      }
      // Caught up: nothing is sent again, and the cursor is past the records that did not match.
      await run();
      expect(receiver.received).toHaveLength(wanted.length);
      const [last] = await append(['secret.created']);
      await run();
      expect((await store.getWebhook(hook.id))?.cursor).toBe(last?.id);
      expect(receiver.received).toHaveLength(wanted.length);
    },
  );

  test.runIf(available)('an endpoint registered later receives only what happens after it', async () => {
    const { register, append, run, receiver } = await setup(open);
    await append(['secret.viewed']);
    await register(['secret.viewed']);
    const [later] = await append(['secret.viewed']);
    await run();
    expect(receiver.ids()).toEqual([`msg_${later?.id}`]);
  });

  test.runIf(available)(
    'a 500 is retried after the backoff, and the next record waits its turn',
    async () => {
      const { register, append, run, receiver, clock, state, log } = await setup(open);
      const hook = await register(['secret.*']);
      const [first, second] = await append(['secret.viewed', 'secret.burned']);
      receiver.answer(() => 500);
      await run();
      expect(receiver.ids()).toEqual([`msg_${first?.id}`]);
      const failing = await state(hook.id);
      expect(failing.state).toBe('failing');
      expect(failing.failing).toEqual({
        since: new Date(clock.now()).toISOString(),
        attempts: 1,
        next_attempt_at: new Date(clock.now() + RETRY_SCHEDULE_MS[0]!).toISOString(),
      });
      // Not due yet: nothing goes out.
      await run();
      expect(receiver.received).toHaveLength(1);
      clock.advance(RETRY_SCHEDULE_MS[0]!);
      await run();
      expect(receiver.ids()).toEqual([`msg_${first?.id}`, `msg_${first?.id}`]);
      expect((await state(hook.id)).failing.attempts).toBe(2);
      receiver.answer(() => 200);
      clock.advance(RETRY_SCHEDULE_MS[1]!);
      await run();
      expect(receiver.ids()).toEqual([
        `msg_${first?.id}`,
        `msg_${first?.id}`,
        `msg_${first?.id}`,
        `msg_${second?.id}`,
      ]);
      expect(await state(hook.id)).toMatchObject({ state: 'active', failing: null });
      expect((await log(hook.id)).map((d) => [d.record_id, d.attempt, d.ok, d.status])).toEqual([
        [second?.id, 1, true, 200],
        [first?.id, 3, true, 200],
        [first?.id, 2, false, 500],
        [first?.id, 1, false, 500],
      ]);
    },
  );

  test.runIf(available)(
    'the durable cursor moves once per page, and to the last delivered record before a failure',
    async () => {
      const { register, append, run, receiver, app } = await setup(open);
      const { store } = app.burnlinkWebhooks;
      const hook = await register(['secret.viewed']);
      const moves: [number, number][] = [];
      const advance = store.advanceWebhook.bind(store);
      store.advanceWebhook = async (id, from, to) => {
        moves.push([from, to]);
        return advance(id, from, to);
      };
      const page = await append(['secret.viewed', 'secret.created', 'secret.viewed', 'secret.viewed']);
      await run();
      expect(receiver.received).toHaveLength(3);
      expect(moves).toEqual([[0, page[3]?.id]]);
      moves.length = 0;
      const [a, b, c] = await append(['secret.viewed', 'secret.viewed', 'secret.viewed']);
      receiver.answer((delivery) => (delivery.headers['webhook-id'] === `msg_${b?.id}` ? 500 : 200));
      await run();
      // a is settled before b's failure is recorded; c waits behind b.
      expect(moves).toEqual([[page[3]?.id, a?.id]]);
      expect(receiver.ids().slice(3)).toEqual([`msg_${a?.id}`, `msg_${b?.id}`]);
      const stored = await store.getWebhook(hook.id);
      expect(stored?.cursor).toBe(a?.id);
      expect(stored?.failing).toMatchObject({ recordId: b?.id, attempts: 1 });
      expect(c?.id).toBeGreaterThan(b?.id ?? 0);
    },
  );

  test.runIf(available)('a timeout is retried like a failure', async () => {
    const { register, append, run, receiver, clock, log } = await setup(open);
    const hook = await register(['secret.viewed']);
    const [record] = await append(['secret.viewed']);
    receiver.answer(() => 'hang');
    await run();
    expect(await log(hook.id)).toEqual([
      expect.objectContaining({
        record_id: record?.id,
        ok: false,
        status: null,
        error: 'timeout after 300ms',
      }),
    ]);
    receiver.answer(() => 204);
    clock.advance(RETRY_SCHEDULE_MS[0]!);
    await run();
    expect(receiver.ids()).toEqual([`msg_${record?.id}`, `msg_${record?.id}`]);
    expect((await log(hook.id))[0]).toMatchObject({ ok: true, status: 204, attempt: 2 });
  });

  test.runIf(available)('a failing endpoint does not hold up another', async () => {
    const { register, append, run, receiver } = await setup(open);
    const down = await webhookReceiver();
    cleanups.push(() => down.close());
    down.answer(() => 'hang');
    await register(['secret.viewed'], down.url);
    await register(['secret.viewed']);
    const records = await append(['secret.viewed', 'secret.viewed', 'secret.viewed']);
    await run();
    expect(receiver.ids()).toEqual(records.map((r) => `msg_${r.id}`));
    expect(down.received).toHaveLength(1);
  });

  test.runIf(available)(
    'failing for 24 h disables the endpoint and raises webhook.disabled; enable resumes where it stopped',
    async () => {
      const { app, people, register, append, run, receiver, clock, state, disabled, orgId } =
        await setup(open);
      const hook = await register(['secret.viewed']);
      const [first, second] = await append(['secret.viewed', 'secret.viewed']);
      receiver.answer(() => 500);
      const start = clock.now();
      await run();
      let attempts = 1;
      while (clock.now() - start < 24 * 3_600_000) {
        const { failing } = await state(hook.id);
        expect(failing).not.toBeNull();
        clock.advance(Date.parse(failing.next_attempt_at) - clock.now());
        await run();
        attempts += 1;
      }
      // Backoff 5 s, 30 s, 2 min, 10 min, 30 min, 1 h (1 h 42 min in all), then every 2 h: the 19th attempt,
      // 25 h 42 min after the first, is the first failure past 24 h.
      expect(attempts).toBe(19);
      const off = await state(hook.id);
      expect(off.state).toBe('disabled');
      expect(off.disabled_reason).toContain('HTTP 500');
      await Promise.resolve();
      expect(disabled).toEqual([
        expect.objectContaining({ type: 'webhook.disabled', orgId, webhookId: hook.id }),
      ]);
      // Disabled: nothing more goes out.
      clock.advance(10 * 3_600_000);
      await run();
      expect(receiver.received).toHaveLength(attempts);

      receiver.answer(() => 200);
      const enabled = await app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${hook.id}/enable`,
        headers: people.admin.headers,
      });
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json()).toMatchObject({ state: 'active', disabled_at: null, failing: null });
      await run();
      expect(receiver.ids().slice(attempts)).toEqual([`msg_${first?.id}`, `msg_${second?.id}`]);
    },
  );

  test.runIf(available)(
    'a new dispatcher on the same store resumes at the cursor: nothing missing, nothing delivered twice',
    async () => {
      const { register, append, run, receiver, app } = await setup(open);
      await register(['secret.viewed']);
      const before = await append(['secret.viewed', 'secret.viewed']);
      await run();
      await app.burnlinkWebhooks.dispatcher.stop();
      const after = await append(['secret.viewed', 'secret.viewed']);
      const { WebhookDispatcher } = await import('../../src/webhooks/dispatcher.js');
      const { WebhookSender } = await import('../../src/webhooks/deliver.js');
      const next = new WebhookDispatcher({
        store: app.burnlinkWebhooks.store,
        sender: new WebhookSender({ allowPrivate: true }),
        events: new LifecycleEvents(),
        now: Date.now,
        warn: () => {},
      });
      await next.runOnce();
      await next.stop();
      expect(receiver.ids()).toEqual([...before, ...after].map((r) => `msg_${r.id}`));
    },
  );

  test.runIf(available)('one node dispatches: another dispatcher waits while the lease is held', async () => {
    const { register, append, run, receiver, app } = await setup(open);
    await register(['secret.viewed']);
    const [first] = await append(['secret.viewed']);
    await run();
    const { WebhookDispatcher } = await import('../../src/webhooks/dispatcher.js');
    const { WebhookSender } = await import('../../src/webhooks/deliver.js');
    const other = new WebhookDispatcher({
      store: app.burnlinkWebhooks.store,
      sender: new WebhookSender({ allowPrivate: true }),
      events: new LifecycleEvents(),
      now: Date.now,
      warn: () => {},
    });
    const [second] = await append(['secret.viewed']);
    await other.runOnce();
    expect(receiver.ids()).toEqual([`msg_${first?.id}`]);
    await run();
    expect(receiver.ids()).toEqual([`msg_${first?.id}`, `msg_${second?.id}`]);
    await other.stop();
  });
});
