import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsConflictError, type AccountsStore } from '../accounts/accounts-store.js';
import type { AuditStore } from './audit-store.js';
import type { AuditDraft, AuditRecord, Webhook, WebhookDelivery } from './audit-types.js';
import { GENESIS_HASH } from './audit-types.js';
import { ChainWalk, recordHash } from './chain.js';
import { verifyChain } from './verify-chain.js';

/** Opens a fresh accounts store (its `audit` is under test), and how to clean up after it. */
export type OpenAuditStore = () => Promise<{ store: AccountsStore; cleanup?: () => Promise<void> }>;

const randomId = (bytes = 9) => randomBytes(bytes).toString('base64url');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A draft with everything a record holds; `org` random unless given. */
export function newDraft(overrides: Partial<AuditDraft> = {}): AuditDraft {
  return {
    at: Date.now(),
    type: 'secret.viewed',
    org: `org_${randomId()}`,
    actor: { type: 'user', id: `user_${randomId()}` },
    subject: { type: 'secret', id: randomId(16) },
    outcome: 'ok',
    details: { views_left: 0, file_index: 1, burned: true, files: ['a.txt', 'b.txt'], note: 'é ✓ "q"' },
    ip: null,
    ...overrides,
  };
}

export function newWebhook(orgId: string, overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: `wh_${randomId()}`,
    orgId,
    url: 'https://hooks.example.test/burnlink',
    events: ['secret.*', 'member.added'],
    description: 'rotate on view',
    secret: `whsec_${randomBytes(24).toString('base64')}`,
    createdAt: Date.now(),
    createdBy: `user_${randomId()}`,
    disabledAt: null,
    disabledReason: null,
    cursor: 0,
    failing: null,
    ...overrides,
  };
}

function newDelivery(webhookId: string, n: number): Omit<WebhookDelivery, 'id'> {
  return {
    webhookId,
    messageId: `msg_${n}`,
    recordId: n,
    type: 'secret.viewed',
    at: 1_000_000 + n,
    attempt: 1,
    status: n % 2 ? 500 : 204,
    ok: n % 2 === 0,
    error: n % 2 ? 'HTTP 500' : null,
    durationMs: 12,
  };
}

/** Every page of an organisation's records, in the given order, `size` at a time. */
async function allPages(
  store: AuditStore,
  org: string,
  size: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<AuditRecord[][]> {
  const pages: AuditRecord[][] = [];
  let after: number | undefined;
  for (;;) {
    const page = await store.listAudit({ org, limit: size, order, after });
    if (page.length > 0) pages.push(page);
    if (page.length < size) return pages;
    after = page.at(-1)!.id;
  }
}

/**
 * The audit store contract (`audit-store.ts`) as tests, run by each backend's test file with a function
 * that opens a fresh accounts store. Tests use random organisations, so they share one store; those that
 * count every record (auditAfter, pruning, orgs) open a store of their own.
 *
 * @example
 * describeAuditContract('memory', async () => ({ store: new MemoryAccountsStore() }));
 */
export function describeAuditContract(name: string, open: OpenAuditStore): void {
  describe(`AuditStore contract: ${name}`, () => {
    let accounts: AccountsStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    const opened: { store: AccountsStore; cleanup?: () => Promise<void> }[] = [];

    beforeAll(async () => {
      ({ store: accounts, cleanup } = await open());
    });
    afterAll(async () => {
      await accounts?.close();
      await cleanup?.();
      for (const own of opened.splice(0)) {
        await own.store.close();
        await own.cleanup?.();
      }
    });
    const store = (): AuditStore => {
      if (!accounts) throw new Error('the store under test is not open');
      return accounts.audit;
    };
    /** A store of the test's own (for counts over every organisation). */
    const fresh = async (): Promise<AuditStore> => {
      const own = await open();
      opened.push(own);
      return own.store.audit;
    };

    describe('appending', () => {
      it('numbers a batch in order, chains each organisation, and answers fresh records', async () => {
        const a = `org_${randomId()}`;
        const b = `org_${randomId()}`;
        const drafts = [
          newDraft({ org: a }),
          newDraft({ org: b, ip: '203.0.113.7' }),
          newDraft({ org: a, subject: null, details: {} }),
          newDraft({ org: a, actor: { type: 'anonymous', id: null }, outcome: 'refused' }),
        ];
        const records = await store().appendAudit(drafts);
        expect(records).toHaveLength(4);
        const first = records[0]!.id;
        expect(records.map((r) => r.id)).toEqual([first, first + 1, first + 2, first + 3]);
        for (const [i, record] of records.entries()) expect(record).toMatchObject(drafts[i]!);
        expect(records[0]!.prevHash).toBe(GENESIS_HASH);
        expect(records[1]!.prevHash).toBe(GENESIS_HASH);
        expect(records[2]!.prevHash).toBe(records[0]!.hash);
        expect(records[3]!.prevHash).toBe(records[2]!.hash);
        for (const r of records) expect(r.hash).toBe(recordHash(r.prevHash, r));

        const more = await store().appendAudit([newDraft({ org: b }), newDraft({ org: a })]);
        expect(more[0]!.id).toBeGreaterThan(records[3]!.id);
        expect(more[1]!.id).toBe(more[0]!.id + 1);
        expect(more[0]!.prevHash).toBe(records[1]!.hash);
        expect(more[1]!.prevHash).toBe(records[3]!.hash);

        expect(await store().auditHead(a)).toEqual({ org: a, id: more[1]!.id, hash: more[1]!.hash });
        expect(await store().auditHead(b)).toEqual({ org: b, id: more[0]!.id, hash: more[0]!.hash });
        expect(await store().auditHead(`org_${randomId()}`)).toBeNull();

        // What is stored reads back exactly (details, subject null, ip), and walks as a valid chain.
        const listed = await store().listAudit({ org: a, limit: 10 });
        expect(listed).toEqual([records[0], records[2], records[3], more[1]]);
        const walk = new ChainWalk(null);
        walk.feed(listed);
        expect(walk.finish(await store().auditHead(a))).toBeNull();
        expect(await verifyChain(store(), a)).toEqual({ ok: true, records: 4 });
        expect(await verifyChain(store(), b)).toEqual({ ok: true, records: 2 });
        expect(await verifyChain(store(), `org_${randomId()}`)).toEqual({ ok: true, records: 0 });

        // Changing what was answered changes nothing stored.
        listed[0]!.details.views_left = 99;
        expect((await store().listAudit({ org: a, limit: 1 }))[0]).toEqual(records[0]);
      });

      it('an empty batch appends nothing', async () => {
        const own = await fresh();
        expect(await own.appendAudit([])).toEqual([]);
        expect(await own.auditAfter(0, 10)).toEqual([]);
        expect(await own.auditOrgs()).toEqual([]);
      });

      it('batches appended at once get distinct, increasing ids and unbroken chains', async () => {
        const own = await fresh();
        const orgs = [`org_${randomId()}`, `org_${randomId()}`, `org_${randomId()}`];
        const batches = Array.from({ length: 20 }, (_, i) =>
          Array.from({ length: 1 + (i % 4) }, (_, j) => newDraft({ org: orgs[(i + j) % 3]! })),
        );
        const results = await Promise.all(batches.map((batch) => own.appendAudit(batch)));
        const ids = results.flat().map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const batch of results) {
          expect(batch.map((r) => r.id - batch[0]!.id)).toEqual(batch.map((_, i) => i));
        }
        const all = await own.auditAfter(0, 1000);
        expect(all.map((r) => r.id)).toEqual([...ids].sort((x, y) => x - y));
        for (const org of orgs) expect(await verifyChain(own, org)).toMatchObject({ ok: true });
      });
    });

    describe('listing', () => {
      /** One organisation's records with known types, actors and times. */
      async function seeded() {
        const org = `org_${randomId()}`;
        const user = `user_${randomId()}`;
        const key = `key_${randomId()}`;
        const t0 = Date.UTC(2026, 0, 1);
        const plan: [string, AuditDraft['actor'], number][] = [
          ['secret.created', { type: 'user', id: user }, t0],
          ['secret.viewed', { type: 'anonymous', id: null }, t0 + MINUTE],
          ['member.added', { type: 'user', id: user }, t0 + 2 * MINUTE],
          ['secret.burned', { type: 'api_key', id: key }, t0 + 3 * MINUTE],
          ['rate_limit.tripped', { type: 'system', id: null }, t0 + 4 * MINUTE],
          ['secret.viewed', { type: 'anonymous', id: null }, t0 + 5 * MINUTE],
          ['secrets.other', { type: 'system', id: null }, t0 + 6 * MINUTE],
          ['member.removed', { type: 'api_key', id: key }, t0 + 7 * MINUTE],
        ];
        const records = await store().appendAudit(
          plan.map(([type, actor, at]) => newDraft({ org, type, actor, at })),
        );
        // Another organisation's records never show.
        await store().appendAudit([newDraft({ at: t0 + MINUTE }), newDraft({ type: 'member.added' })]);
        return { org, user, key, t0, records };
      }
      const idsOf = (records: AuditRecord[]) => records.map((r) => r.id);

      it('filters by exact types and prefix.* patterns (any of them); * is every type', async () => {
        const { org, records } = await seeded();
        const by = async (types: string[]) => idsOf(await store().listAudit({ org, limit: 100, types }));
        const pick = (...i: number[]) => i.map((n) => records[n]!.id);
        expect(await by(['secret.viewed'])).toEqual(pick(1, 5));
        expect(await by(['secret.*'])).toEqual(pick(0, 1, 3, 5));
        expect(await by(['secret.*', 'member.added'])).toEqual(pick(0, 1, 2, 3, 5));
        expect(await by(['rate_limit.*'])).toEqual(pick(4));
        expect(await by(['member.*', 'rate_limit.tripped'])).toEqual(pick(2, 4, 7));
        expect(await by(['*'])).toEqual(idsOf(records));
        expect(await by([])).toEqual(idsOf(records));
        expect(await by(['secret'])).toEqual([]);
        expect(await by(['nothing.*'])).toEqual([]);
      });

      it('filters by actor id, anonymous and system; by since (inclusive) and until (exclusive)', async () => {
        const { org, user, key, t0, records } = await seeded();
        const pick = (...i: number[]) => i.map((n) => records[n]!.id);
        const by = async (q: { actor?: string; since?: number; until?: number }) =>
          idsOf(await store().listAudit({ org, limit: 100, ...q }));
        expect(await by({ actor: user })).toEqual(pick(0, 2));
        expect(await by({ actor: key })).toEqual(pick(3, 7));
        expect(await by({ actor: 'anonymous' })).toEqual(pick(1, 5));
        expect(await by({ actor: 'system' })).toEqual(pick(4, 6));
        expect(await by({ actor: 'nobody' })).toEqual([]);
        expect(await by({ since: t0 + 2 * MINUTE })).toEqual(pick(2, 3, 4, 5, 6, 7));
        expect(await by({ until: t0 + 2 * MINUTE })).toEqual(pick(0, 1));
        expect(await by({ since: t0 + MINUTE, until: t0 + 4 * MINUTE, actor: 'anonymous' })).toEqual(pick(1));
        const combined = await store().listAudit({
          org,
          limit: 100,
          types: ['secret.*'],
          actor: 'anonymous',
          since: t0 + 2 * MINUTE,
        });
        expect(idsOf(combined)).toEqual(pick(5));
      });

      it('pages ascending and descending with after exclusive in the listing order', async () => {
        const { org, records } = await seeded();
        const all = idsOf(records);
        const asc = await allPages(store(), org, 3, 'asc');
        expect(asc.map((p) => p.length)).toEqual([3, 3, 2]);
        expect(asc.flat().map((r) => r.id)).toEqual(all);
        const desc = await allPages(store(), org, 3, 'desc');
        expect(desc.flat().map((r) => r.id)).toEqual([...all].reverse());
        expect(idsOf(await store().listAudit({ org, limit: 2, after: all[3] }))).toEqual(all.slice(4, 6));
        expect(idsOf(await store().listAudit({ org, limit: 2, after: all[3], order: 'desc' }))).toEqual([
          all[2],
          all[1],
        ]);
        // A filtered page continues after the last id it answered.
        const first = await store().listAudit({ org, limit: 2, types: ['secret.*'] });
        const second = await store().listAudit({
          org,
          limit: 2,
          types: ['secret.*'],
          after: first.at(-1)!.id,
        });
        expect([...idsOf(first), ...idsOf(second)]).toEqual([all[0], all[1], all[3], all[5]]);
        expect(await store().listAudit({ org, limit: 0 })).toEqual([]);
        expect(await store().listAudit({ org: `org_${randomId()}`, limit: 10 })).toEqual([]);
      });

      it('auditAfter answers every organisation’s records after an id, ascending, up to a limit', async () => {
        const own = await fresh();
        const a = await own.appendAudit([newDraft(), newDraft(), newDraft()]);
        const b = await own.appendAudit([newDraft({ org: a[0]!.org }), newDraft()]);
        const all = [...a, ...b];
        expect(await own.auditAfter(0, 100)).toEqual(all);
        expect(await own.auditAfter(a[1]!.id, 2)).toEqual(all.slice(2, 4));
        expect(await own.auditAfter(b[1]!.id, 10)).toEqual([]);
      });

      it('auditOrgs lists organisations with a chain, sorted', async () => {
        const own = await fresh();
        await own.appendAudit([
          newDraft({ org: 'zeta' }),
          newDraft({ org: 'alpha' }),
          newDraft({ org: 'public' }),
        ]);
        await own.appendAudit([newDraft({ org: 'alpha' })]);
        expect(await own.auditOrgs()).toEqual(['alpha', 'public', 'zeta']);
      });
    });

    describe('retention', () => {
      it('prunes old records but keeps each organisation’s last; the checkpoint lets the chain verify', async () => {
        const own = await fresh();
        const t0 = Date.UTC(2026, 0, 1);
        const [a, b] = ['a_org', 'b_org'];
        const drafts = [
          ...Array.from({ length: 5 }, (_, i) => newDraft({ org: a, at: t0 + i * DAY })),
          newDraft({ org: b, at: t0 }),
          newDraft({ org: a, at: t0 + 10 * DAY }),
        ];
        const records = await own.appendAudit(drafts);
        const now = t0 + 20 * DAY;
        // Records before day 3: a's first three; b's only record is its head, kept.
        expect(await own.pruneAudit(t0 + 3 * DAY, now, 100)).toBe(3);
        expect((await own.listAudit({ org: a, limit: 100 })).map((r) => r.id)).toEqual(
          [3, 4, 6].map((i) => records[i]!.id),
        );
        expect(await own.listAudit({ org: b, limit: 100 })).toEqual([records[5]]);
        expect(await own.auditCheckpoint(a)).toEqual({
          org: a,
          id: records[2]!.id,
          hash: records[2]!.hash,
          at: now,
          pruned: 3,
        });
        expect(await own.auditCheckpoint(b)).toBeNull();
        expect(await verifyChain(own, a)).toEqual({ ok: true, records: 3 });
        expect(await verifyChain(own, b)).toEqual({ ok: true, records: 1 });

        // Everything old: all but the heads go, 2 at most per call; the checkpoint moves and counts.
        expect(await own.pruneAudit(now, now + 1, 1)).toBe(1);
        expect(await own.pruneAudit(now, now + 2, 10)).toBe(1);
        expect(await own.pruneAudit(now, now + 3, 10)).toBe(0);
        expect(await own.listAudit({ org: a, limit: 100 })).toEqual([records[6]]);
        expect(await own.auditCheckpoint(a)).toEqual({
          org: a,
          id: records[4]!.id,
          hash: records[4]!.hash,
          at: now + 2,
          pruned: 5,
        });
        expect(await own.auditHead(a)).toEqual({ org: a, id: records[6]!.id, hash: records[6]!.hash });
        expect(await verifyChain(own, a)).toEqual({ ok: true, records: 1 });

        // Appending after a prune continues the chain and the numbering (no id is ever reused).
        const [next] = await own.appendAudit([newDraft({ org: a, at: now })]);
        expect(next!.id).toBe(records[6]!.id + 1);
        expect(next!.prevHash).toBe(records[6]!.hash);
        expect(await verifyChain(own, a)).toEqual({ ok: true, records: 2 });
        expect(await own.auditOrgs()).toEqual([a, b]);
      });

      it('prunes only the oldest unbroken run: a young record stops it even if older ones follow', async () => {
        const own = await fresh();
        const org = 'c_org';
        const t0 = Date.UTC(2026, 0, 1);
        // Clocks of two nodes: the third record is stamped earlier than the second.
        const records = await own.appendAudit(
          [t0, t0 + 5 * DAY, t0 + DAY, t0 + 6 * DAY].map((at) => newDraft({ org, at })),
        );
        expect(await own.pruneAudit(t0 + 2 * DAY, t0 + 7 * DAY, 100)).toBe(1);
        expect((await own.listAudit({ org, limit: 10 })).map((r) => r.id)).toEqual(
          records.slice(1).map((r) => r.id),
        );
        expect(await verifyChain(own, org)).toEqual({ ok: true, records: 3 });
      });

      it('numbering goes on after a prune', async () => {
        const own = await fresh();
        const t0 = Date.UTC(2026, 0, 1);
        const first = await own.appendAudit([newDraft({ org: 'x', at: t0 }), newDraft({ org: 'x', at: t0 })]);
        await own.pruneAudit(t0 + 1, t0 + 2, 10);
        const [next] = await own.appendAudit([newDraft({ org: 'y', at: t0 + 3 })]);
        expect(next!.id).toBe(first[1]!.id + 1);
      });
    });

    describe('cursors and leases', () => {
      it('cursors start at 0 and move by compare-and-set', async () => {
        const name = `syslog_${randomId()}`;
        expect(await store().getCursor(name)).toBe(0);
        expect(await store().moveCursor(name, 5, 7)).toBe(false);
        expect(await store().getCursor(name)).toBe(0);
        expect(await store().moveCursor(name, 0, 10)).toBe(true);
        expect(await store().moveCursor(name, 0, 11)).toBe(false);
        expect(await store().getCursor(name)).toBe(10);
        expect(await store().moveCursor(name, 10, 25)).toBe(true);
        expect(await store().getCursor(name)).toBe(25);
        const racing = await Promise.all([
          store().moveCursor(name, 25, 30),
          store().moveCursor(name, 25, 31),
        ]);
        expect(racing.filter(Boolean)).toHaveLength(1);
        expect([30, 31]).toContain(await store().getCursor(name));
        expect(await store().getCursor(`other_${randomId()}`)).toBe(0);
        // Two cursors never meet.
        const first = await Promise.all([
          store().moveCursor(`n_${name}`, 0, 1),
          store().moveCursor(`m_${name}`, 0, 2),
        ]);
        expect(first).toEqual([true, true]);
      });

      it('a lease is one holder’s until it expires or is released; the holder renews it', async () => {
        const name = `lease_${randomId()}`;
        const now = 1_000_000;
        expect(await store().takeLease(name, 'node-a', now + 30_000, now)).toBe(true);
        expect(await store().takeLease(name, 'node-b', now + 30_000, now + 1)).toBe(false);
        expect(await store().takeLease(name, 'node-a', now + 60_000, now + 20_000)).toBe(true);
        // Renewed: node-b still waits after the first term.
        expect(await store().takeLease(name, 'node-b', now + 90_000, now + 40_000)).toBe(false);
        // Expired: node-b takes it; node-a no longer renews.
        expect(await store().takeLease(name, 'node-b', now + 120_000, now + 60_000)).toBe(true);
        expect(await store().takeLease(name, 'node-a', now + 120_000, now + 61_000)).toBe(false);
        // Releasing someone else's lease does nothing; the holder's release frees it.
        await store().releaseLease(name, 'node-a');
        expect(await store().takeLease(name, 'node-a', now + 130_000, now + 62_000)).toBe(false);
        await store().releaseLease(name, 'node-b');
        expect(await store().takeLease(name, 'node-a', now + 130_000, now + 62_000)).toBe(true);
        await store().releaseLease(`none_${name}`, 'node-a');
      });

      it('two holders racing for a free lease: exactly one wins', async () => {
        const name = `lease_${randomId()}`;
        const now = Date.now();
        const outcomes = await Promise.all([
          store().takeLease(name, 'node-a', now + 1000, now),
          store().takeLease(name, 'node-b', now + 1000, now),
        ]);
        expect(outcomes.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('webhooks', () => {
      it('creates, reads, lists oldest first and deletes per organisation; a duplicate id conflicts', async () => {
        const org = `org_${randomId()}`;
        const t = Date.now();
        const first = newWebhook(org, { createdAt: t, events: ['*'], createdBy: null });
        const second = newWebhook(org, {
          createdAt: t + 1,
          failing: { recordId: 4, since: t, attempts: 2, nextAt: t + 5000 },
          cursor: 3,
        });
        const elsewhere = newWebhook(`org_${randomId()}`);
        for (const w of [first, second, elsewhere]) await store().createWebhook(w);
        await expect(store().createWebhook({ ...first, orgId: org })).rejects.toBeInstanceOf(
          AccountsConflictError,
        );
        expect(await store().getWebhook(first.id)).toEqual(first);
        expect(await store().getWebhook(second.id)).toEqual(second);
        expect(await store().getWebhook(`wh_${randomId()}`)).toBeNull();
        expect(await store().listWebhooks(org)).toEqual([first, second]);
        expect(await store().listWebhooks(`org_${randomId()}`)).toEqual([]);

        const copy = (await store().getWebhook(first.id))!;
        copy.events.push('x');
        expect(await store().getWebhook(first.id)).toEqual(first);

        expect(await store().deleteWebhook(elsewhere.orgId, first.id)).toBe(false);
        expect(await store().deleteWebhook(org, first.id)).toBe(true);
        expect(await store().deleteWebhook(org, first.id)).toBe(false);
        expect(await store().getWebhook(first.id)).toBeNull();
        expect(await store().listWebhooks(org)).toEqual([second]);
      });

      it('advanceWebhook moves the cursor by compare-and-set and clears failing', async () => {
        const w = newWebhook(`org_${randomId()}`);
        await store().createWebhook(w);
        const failing = { recordId: 1, since: 10, attempts: 3, nextAt: 20 };
        await store().setWebhookFailing(w.id, failing);
        expect((await store().getWebhook(w.id))!.failing).toEqual(failing);
        expect(await store().advanceWebhook(w.id, 5, 9)).toBe(false);
        expect((await store().getWebhook(w.id))!.failing).toEqual(failing);
        expect(await store().advanceWebhook(w.id, 0, 9)).toBe(true);
        expect(await store().getWebhook(w.id)).toMatchObject({ cursor: 9, failing: null });
        const racing = await Promise.all([
          store().advanceWebhook(w.id, 9, 12),
          store().advanceWebhook(w.id, 9, 13),
        ]);
        expect(racing.filter(Boolean)).toHaveLength(1);
        await store().setWebhookFailing(w.id, failing);
        await store().setWebhookFailing(w.id, null);
        expect((await store().getWebhook(w.id))!.failing).toBeNull();
        expect(await store().advanceWebhook(`wh_${randomId()}`, 0, 1)).toBe(false);
        await store().setWebhookFailing(`wh_${randomId()}`, failing);
      });

      it('disables once, lists only active endpoints, re-enables with the cursor unchanged', async () => {
        const org = `org_${randomId()}`;
        const w = newWebhook(org, { cursor: 7 });
        await store().createWebhook(w);
        await store().setWebhookFailing(w.id, { recordId: 8, since: 1, attempts: 40, nextAt: 2 });
        const active = async () => (await store().activeWebhooks()).filter((x) => x.orgId === org);
        expect(await active()).toEqual([
          { ...w, failing: { recordId: 8, since: 1, attempts: 40, nextAt: 2 } },
        ]);
        expect(await store().disableWebhook(w.id, 1234, 'failing for 24 hours')).toBe(true);
        expect(await store().disableWebhook(w.id, 5678, 'again')).toBe(false);
        expect(await store().getWebhook(w.id)).toMatchObject({
          disabledAt: 1234,
          disabledReason: 'failing for 24 hours',
        });
        expect(await active()).toEqual([]);
        expect(await store().listWebhooks(org)).toHaveLength(1);
        expect(await store().enableWebhook(w.id)).toBe(true);
        expect(await store().enableWebhook(w.id)).toBe(false);
        expect(await store().getWebhook(w.id)).toEqual({ ...w, cursor: 7 });
        expect(await active()).toHaveLength(1);
        expect(await store().disableWebhook(`wh_${randomId()}`, 1, 'x')).toBe(false);
        expect(await store().enableWebhook(`wh_${randomId()}`)).toBe(false);
      });

      it('logs deliveries newest first with increasing ids, capped at 1000 per endpoint', async () => {
        const org = `org_${randomId()}`;
        const w = newWebhook(org);
        const other = newWebhook(org);
        await store().createWebhook(w);
        await store().createWebhook(other);
        const first = await store().logDelivery({ ...newDelivery(w.id, 0), durationMs: 12.4 });
        expect(first).toEqual({ ...newDelivery(w.id, 0), id: first.id });
        expect(await store().listDeliveries(w.id, 1)).toEqual([first]);
        const test = await store().logDelivery({
          ...newDelivery(other.id, 1),
          recordId: null,
          messageId: 'msg_test_x',
          status: null,
          error: 'timeout after 10s',
        });
        expect(test).toMatchObject({ recordId: null, status: null, ok: false, error: 'timeout after 10s' });
        let last = first;
        for (let n = 1; n < 1005; n++) {
          const logged = await store().logDelivery(newDelivery(w.id, n));
          expect(logged.id).toBeGreaterThan(last.id);
          last = logged;
        }
        const log = await store().listDeliveries(w.id, 5000);
        expect(log).toHaveLength(1000);
        expect(log[0]).toEqual(last);
        expect(log.map((d) => d.recordId)).toEqual(Array.from({ length: 1000 }, (_, i) => 1004 - i));
        expect((await store().listDeliveries(w.id, 3)).map((d) => d.messageId)).toEqual([
          'msg_1004',
          'msg_1003',
          'msg_1002',
        ]);
        expect(await store().listDeliveries(other.id, 10)).toEqual([test]);
        expect(await store().deleteWebhook(org, w.id)).toBe(true);
        expect(await store().listDeliveries(w.id, 10)).toEqual([]);
        expect(await store().listDeliveries(other.id, 10)).toEqual([test]);
      }, 60_000);

      it('logs a page of deliveries in one write, in order, capped per endpoint', async () => {
        const org = `org_${randomId()}`;
        const w = newWebhook(org);
        const other = newWebhook(org);
        await store().createWebhook(w);
        await store().createWebhook(other);
        await store().logDeliveries([]);
        const before = await store().logDelivery(newDelivery(w.id, 0));
        const page = [
          ...Array.from({ length: 1002 }, (_, i) => newDelivery(w.id, i + 1)),
          newDelivery(other.id, 7),
        ];
        await store().logDeliveries(page);
        const log = await store().listDeliveries(w.id, 5000);
        expect(log).toHaveLength(1000);
        expect(log.map((d) => d.recordId)).toEqual(Array.from({ length: 1000 }, (_, i) => 1002 - i));
        expect(log.every((d, i) => i === 0 || d.id < (log[i - 1]?.id ?? 0))).toBe(true);
        expect(log.at(-1)?.id).toBeGreaterThan(before.id);
        expect(log[0]).toEqual({ ...newDelivery(w.id, 1002), id: log[0]?.id });
        expect((await store().listDeliveries(other.id, 10)).map((d) => d.recordId)).toEqual([7]);
      }, 60_000);
    });
  });
}
