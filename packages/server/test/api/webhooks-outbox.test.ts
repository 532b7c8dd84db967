import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, test } from 'vitest';
import { SqliteAccountsStore } from '../../src/accounts/sqlite-accounts-store.js';
import type { AuditRecord } from '../../src/audit/audit-types.js';
import { newApiKey } from '../../src/auth/api-key-format.js';
import { newRandomId } from '../../src/tokens.js';
import { SERVER_MAIN, type SpawnedServer, spawnServer } from '../support/spawn-server.js';
import { auditDraft, webhookReceiver } from './webhook-support.js';

/**
 * The outbox survives kill -9 (issue 13): the real server process on SQLite, its receiver down while events are
 * recorded, is killed with SIGKILL; then the receiver comes up and the server restarts on the same files. Every
 * record must arrive (at least once: deduplicated by webhook-id), none missing, in order. Then once more with
 * the kill in the middle of deliveries.
 */

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the webhook outbox on SQLite survives kill -9', () => {
  const dirs: string[] = [];
  const servers: SpawnedServer[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop(5_000)));
    await Promise.all(closers.map((close) => close()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test('every record is delivered after a crash with the receiver down, and after a crash mid-delivery', {
    timeout: 180_000,
  }, async () => {
    if (!existsSync(SERVER_MAIN)) {
      throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` before this test (CI builds first)`);
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'burnlink-webhooks-'));
    dirs.push(dataDir);
    const env = {
      BURNLINK_STORE: `sqlite:${join(dataDir, 'b.db')}`,
      BURNLINK_DATA_DIR: dataDir,
      BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on',
    };

    // The organisation and an API key, made in the accounts database the server opens.
    const accounts = new SqliteAccountsStore(join(dataDir, 'accounts.db'));
    closers.push(() => accounts.close());
    const orgId = newRandomId();
    const now = Date.now();
    await accounts.createOrg({ id: orgId, name: 'Acme', createdAt: now, joinDomains: [] });
    const made = newApiKey();
    await accounts.createKey({
      id: made.id,
      orgId,
      createdBy: null,
      name: 'ops',
      scopes: ['webhooks:manage'],
      hash: made.hash,
      createdAt: now,
      expiresAt: now + 86_400_000,
      lastUsedAt: null,
      revokedAt: null,
    });
    const headers = { authorization: `Bearer ${made.key}`, 'content-type': 'application/json' };

    const port = await freePort();
    const first = await spawnServer({ env });
    servers.push(first);
    const registered = await fetch(`${first.url}/api/v1/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, events: ['secret.*'] }),
    });
    expect(registered.status).toBe(201);
    const hook = (await registered.json()) as { id: string; secret: string };
    const attempts = async (url: string) => {
      const res = await fetch(`${url}/api/v1/webhooks/${hook.id}/deliveries?limit=100`, { headers });
      return ((await res.json()) as { deliveries: { ok: boolean; error: string | null }[] }).deliveries;
    };

    // Events recorded while the receiver is down (as the recorder appends them; other organisations' too).
    const records: AuditRecord[] = [];
    for (let i = 0; i < 40; i += 1) {
      const type = i % 3 === 0 ? 'secret.viewed' : 'secret.created';
      records.push(...(await accounts.audit.appendAudit([auditDraft(orgId, type, Date.now(), i)])));
      await accounts.audit.appendAudit([auditDraft('someone-else', 'secret.viewed', Date.now(), i)]);
    }
    await until('a failed attempt', async () => (await attempts(first.url)).some((d) => d.error !== null));
    expect((await attempts(first.url))[0]?.error).toBe('connection refused');
    first.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    // The receiver comes up, slow enough that the next crash lands in the middle of deliveries.
    const receiver = await webhookReceiver(port);
    closers.push(() => receiver.close());
    receiver.answer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 200;
    });
    const second = await spawnServer({ env });
    servers.push(second);
    await until('some deliveries', () => receiver.received.length >= 10);
    second.kill('SIGKILL');
    expect(await second.exited).toBeNull();
    expect(new Set(receiver.ids()).size).toBeLessThan(records.length);

    // More events while no server runs; then the last restart delivers the rest.
    for (let i = 40; i < 50; i += 1) {
      records.push(
        ...(await accounts.audit.appendAudit([auditDraft(orgId, 'secret.burned', Date.now(), i)])),
      );
    }
    receiver.answer(() => 200);
    const third = await spawnServer({ env });
    servers.push(third);
    const wanted = records.map((r) => `msg_${r.id}`);
    await until('every record', () => new Set(receiver.ids()).size >= wanted.length);
    // None missing, no stranger, and in order: ids in the order they first arrived are the records' order.
    expect([...new Set(receiver.ids())]).toEqual(wanted);
    const verifier = new Webhook(hook.secret);
    for (const delivery of receiver.received) {
      expect(() => verifier.verify(delivery.body, delivery.headers as Record<string, string>)).not.toThrow();
    }
    await third.stop();
  });
});
