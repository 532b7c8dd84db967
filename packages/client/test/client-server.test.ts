import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KDF_MIN_ITERATIONS } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { createClient } from '../src/index.js';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js';

// The SDK against the real server process (built dist, SQLite in a temp dir), behind a recording proxy so the
// tests can show what the server receives. The server's own API tests belong to the server package.

let server: SpawnedServer;
let proxy: FaultProxy;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'burnlink-client-'));
  server = await spawnServer({ env: { BURNLINK_STORE: `sqlite:${join(dataDir, 'client.db')}` } });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const client = () => createClient({ baseUrl: proxy.url });

describe('client against a real server', () => {
  it('sends and reveals once; the key never reaches the server', async () => {
    const sent = await client().send({ text: 'hunter2', context: { label: 'db' }, ttl: 600 });
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.link.startsWith(`${proxy.url}/s/${sent.id}#`)).toBe(true);
    const got = await client().reveal(sent.link);
    expect(got).toEqual({
      ok: true,
      payload: { v: 1, text: 'hunter2', context: { label: 'db' } },
      viewsLeft: 0,
      files: [],
      grantExpiresAt: null,
    });
    expect(await client().reveal(sent.link)).toMatchObject({ ok: false, reason: 'not_found' });

    const key = sent.link.split('#')[1]!;
    expect(proxy.seen.length).toBeGreaterThanOrEqual(4);
    expect(proxy.transcript()).not.toContain(key);
    expect(proxy.transcript()).not.toContain('hunter2');
  });

  it('counts wrong passphrases with the attempts left, then locks', async () => {
    const sent = await client().send({ text: 'x', passphrase: 'right', iterations: KDF_MIN_ITERATIONS });
    if (!sent.ok) throw new Error(sent.message);
    expect(await client().reveal(sent.link)).toMatchObject({ ok: false, reason: 'passphrase_required' });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await client().reveal(sent.link, { passphrase: `wrong${i}` }));
    expect(
      results.map((r) => (r.ok ? 'ok' : r.reason === 'wrong_passphrase' ? r.attemptsLeft : r.reason)),
    ).toEqual([4, 3, 2, 1, 'locked']);
    expect(await client().reveal(sent.link, { passphrase: 'right' })).toMatchObject({ reason: 'not_found' });
    expect(await client().receipt(sent.receiptLink)).toMatchObject({
      ok: true,
      state: 'locked',
      failedAttempts: 5,
    });
    expect(proxy.transcript()).not.toContain('right');
  });

  it('follows a secret through its receipt: pending, viewed, and burn', async () => {
    const sent = await client().send({ text: 'x', maxViews: 2 });
    if (!sent.ok) throw new Error(sent.message);
    expect(await client().peek(sent.link)).toMatchObject({
      ok: true,
      viewsLeft: 2,
      maxViews: 2,
      passphrase: false,
    });
    expect(await client().receipt(sent.receiptLink)).toMatchObject({ state: 'pending', viewsLeft: 2 });
    expect(await client().reveal(sent.link)).toMatchObject({ ok: true, viewsLeft: 1 });
    const after = await client().receipt(sent.receipt);
    expect(after).toMatchObject({ ok: true, viewsLeft: 1 });
    if (after.ok) expect(after.viewedAt).toHaveLength(1);
    expect(await client().burn(sent.receiptLink)).toEqual({ ok: true });
    expect(await client().burn(sent.receiptLink)).toEqual({ ok: true });
    expect(await client().reveal(sent.link)).toMatchObject({ reason: 'not_found' });
    expect(await client().receipt(sent.receiptLink)).toMatchObject({ state: 'burned' });
  });

  it('reads the server configuration and maps a refused TTL to invalid_request', async () => {
    const config = await client().config();
    expect(config).toMatchObject({ ok: true, ttl: { min: 60, max: 2_592_000 }, maxViews: { max: 100 } });
    const refused = await client().send({ text: 'x', ttl: 5 });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid_request', code: expect.any(String) });
  });

  it('reports an unreachable server as network', async () => {
    const closed = await startFaultProxy(server.url);
    await closed.close();
    const result = await createClient({ baseUrl: closed.url }).peek('A'.repeat(22));
    expect(result).toMatchObject({ ok: false, reason: 'network' });
  });
});
