import { randomBytes, toBase64Url } from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { SERVER_DERIVATIONS, type ServerDerivations } from '../../src/server-envelope.js';
import { claimAndOpen, randomB64u, sendSecret, testApp } from './support.js';

/** Issue 10 item 1: the server derives keys only within its bound, a few at a time, charged to the client. */

const keyClaim = (app: FastifyInstance, id: string, linkKey: Uint8Array, passphrase?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/secrets/${id}/claim`,
    payload: { key: toBase64Url(linkKey), ...(passphrase === undefined ? {} : { passphrase }) },
  });
const viewsLeft = async (app: FastifyInstance, id: string) =>
  (await app.inject({ url: `/api/v1/secrets/${id}` })).json().views_left as number;
const receiptOf = async (app: FastifyInstance, receipt: string) =>
  (await app.inject({ url: `/api/v1/receipts/${receipt}` })).json();

/** Access derivations that wait for `release()`: the pool stays full for as long as a test needs. */
function gatedDerivations() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let started = 0;
  const derivations: ServerDerivations = {
    ...SERVER_DERIVATIONS,
    access: async (...args) => {
      started += 1;
      await gate;
      return SERVER_DERIVATIONS.access(...args);
    },
  };
  return { derivations, release: () => open(), started: () => started };
}

describe('server-side key derivation is bounded', () => {
  test('a key claim above BURNLINK_KDF_MAX_ITERATIONS is refused before anything is used; the token still claims', async () => {
    const { app } = await testApp({ env: { BURNLINK_KDF_MAX_ITERATIONS: '100000' } });
    // A client-encrypted create may store more: its recipient's client derives.
    const secret = await sendSecret(app, { passphrase: 'pw', iterations: 200_000, max_views: 1 });

    const refused = await keyClaim(app, secret.id, secret.linkKey, 'pw');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('kdf_too_costly');
    expect(refused.json().error.message).toMatch(/derive the key on the client/);
    // Not even the wrong-passphrase counter moved.
    expect(await receiptOf(app, secret.receipt)).toMatchObject({ state: 'pending', failed_attempts: 0 });

    const { res, payload } = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'pw');
    expect(res.statusCode).toBe(200);
    expect(payload?.text).toBe('s3cret');
  });

  test("the issue's row: 8 concurrent key claims of a 10000000-iteration secret derive nothing", async () => {
    const { app } = await testApp();
    // The server never derives for a refused claim, so the record need not be a real seal.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: {
        verifier: randomB64u(32),
        link_verifier: randomB64u(32),
        kdf: { name: 'PBKDF2-SHA-256', salt: randomB64u(16), iterations: 10_000_000 },
        content: randomB64u(64),
      },
    });
    expect(created.statusCode).toBe(201);
    const { id, receipt } = created.json();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => keyClaim(app, id, randomBytes(32), 'guess')),
    );
    // Before: each took about 2.8 s of a core. Now none derives at all.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answers.map((res) => res.json().error.code)).toEqual(Array(8).fill('kdf_too_costly'));
    expect(await receiptOf(app, receipt)).toMatchObject({ state: 'pending', failed_attempts: 0 });
  });

  test('server-encrypted creates derive with at most BURNLINK_KDF_MAX_ITERATIONS', async () => {
    const { app } = await testApp({ env: { BURNLINK_KDF_MAX_ITERATIONS: '100000' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'x', passphrase: 'pw' },
    });
    expect(res.statusCode).toBe(201);
    expect((await app.inject({ url: `/api/v1/secrets/${res.json().id}` })).json().kdf.iterations).toBe(
      100_000,
    );
  });

  test('a full pool answers 503 server_busy with Retry-After and uses nothing; creates without a passphrase still answer', async () => {
    const gated = gatedDerivations();
    const { app } = await testApp({
      env: { BURNLINK_KDF_CONCURRENCY: '1' },
      derivations: gated.derivations,
    });
    const secret = await sendSecret(app, { passphrase: 'pw', max_views: 5 });

    // One derivation runs and two wait (the queue is twice the concurrency)…
    const admitted = [1, 2, 3].map(() => keyClaim(app, secret.id, secret.linkKey, 'pw'));
    await expect.poll(() => app.burnlinkService.kdfPool.stats).toEqual({ active: 1, queued: 2, refused: 0 });
    expect(gated.started()).toBe(1);
    // …so the fourth key claim, and a server-encrypted create with a passphrase, are refused at once.
    const busy = await keyClaim(app, secret.id, secret.linkKey, 'pw');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.json().error.code).toBe('server_busy');
    const busyCreate = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'x', passphrase: 'pw' },
    });
    expect(busyCreate.statusCode).toBe(503);
    expect(busyCreate.json().error.code).toBe('server_busy');
    expect(await viewsLeft(app, secret.id)).toBe(5);

    // Work that needs no derivation does not wait for the pool.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } })).statusCode,
    ).toBe(201);
    const plain = await sendSecret(app);
    expect((await claimAndOpen(app, plain.id, plain.linkKey, null)).res.statusCode).toBe(200);

    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^burnlink_kdf_active 1$/m);
    expect(metrics).toMatch(/^burnlink_kdf_queued 2$/m);
    expect(metrics).toMatch(/^burnlink_kdf_refused_total 2$/m);

    gated.release();
    const answers = await Promise.all(admitted);
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200]);
    expect(await viewsLeft(app, secret.id)).toBe(2);
    // The slot is free again.
    expect((await keyClaim(app, secret.id, secret.linkKey, 'pw')).statusCode).toBe(200);
  });

  test('PBKDF2 runs off the event loop: timers keep firing during a long derivation', async () => {
    const { app } = await testApp({ env: { BURNLINK_KDF_MAX_ITERATIONS: '3000000' } });
    const secret = await sendSecret(app, { passphrase: 'pw', iterations: 3_000_000 });
    let worstGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const at = performance.now();
      worstGap = Math.max(worstGap, at - last);
      last = at;
    }, 5);
    const started = performance.now();
    const res = await keyClaim(app, secret.id, secret.linkKey, 'pw');
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(res.statusCode).toBe(200);
    // The derivation takes most of a second; on the loop it would stall the ticker for all of it.
    expect(took).toBeGreaterThan(200);
    expect(worstGap).toBeLessThan(took / 2);
  });

  test("a key claim's rate-limit cost grows with its iterations (one claim per 100000)", async () => {
    const { app } = await testApp({
      env: { BURNLINK_RATE_LIMITS: 'claim=9/min,create=100/min,lookups=100/min' },
    });
    const secret = await sendSecret(app, { passphrase: 'pw', iterations: 300_000, max_views: 10 });
    for (let i = 0; i < 3; i += 1) {
      expect((await keyClaim(app, secret.id, secret.linkKey, 'pw')).statusCode).toBe(200);
    }
    // 3 claims × 3 = the budget of 9: the fourth is refused before it derives or uses a view.
    const limited = await keyClaim(app, secret.id, secret.linkKey, 'pw');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await viewsLeft(app, secret.id)).toBe(7);

    // Without a passphrase (no PBKDF2) a key claim costs one, like a token claim.
    const other = await testApp({ env: { BURNLINK_RATE_LIMITS: 'claim=3/min,create=100/min' } });
    const plain = await sendSecret(other.app, { max_views: 10 });
    for (let i = 0; i < 3; i += 1) {
      expect((await keyClaim(other.app, plain.id, plain.linkKey)).statusCode).toBe(200);
    }
    expect((await keyClaim(other.app, plain.id, plain.linkKey)).statusCode).toBe(429);
  });

  test('a server-encrypted create with a passphrase costs by its iterations too, against the create budget', async () => {
    const { app } = await testApp({
      env: { BURNLINK_RATE_LIMITS: 'create=13/min', BURNLINK_KDF_MAX_ITERATIONS: '200000' },
    });
    const create = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/secrets', payload });
    // 200000 iterations count 2: five creates with a passphrase and three without fill 13.
    for (let i = 0; i < 5; i += 1)
      expect((await create({ text: 'x', passphrase: 'pw' })).statusCode).toBe(201);
    for (let i = 0; i < 3; i += 1) expect((await create({ text: 'x' })).statusCode).toBe(201);
    const limited = await create({ text: 'x', passphrase: 'pw' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});
