import { describe, expect, test } from 'vitest';
import { claimAndOpen, claimBody, randomB64u, sendSecret, T0, testApp } from './support.js';

describe('client-encrypted secrets', () => {
  test('create, peek, claim once, receipt, then gone', async () => {
    const { app } = await testApp();
    const secret = await sendSecret(app, { text: 'hunter2', ttl: 3600 });
    expect(secret.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(secret.receipt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(secret.expires_at).toBe(new Date(T0 + 3600_000).toISOString());

    const peek = await app.inject({ url: `/api/v1/secrets/${secret.id}` });
    expect(peek.statusCode).toBe(200);
    expect(peek.json()).toMatchObject({ max_views: 1, views_left: 1, kdf: null, files: 0 });
    expect(peek.json().size).toBeGreaterThan(0);
    // Peeking never consumes.
    expect((await app.inject({ url: `/api/v1/secrets/${secret.id}` })).statusCode).toBe(200);

    const first = await claimAndOpen(app, secret.id, secret.linkKey, null);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json()).toMatchObject({ views_left: 0, files: [] });
    expect(first.payload?.text).toBe('hunter2');

    const second = await claimAndOpen(app, secret.id, secret.linkKey, null);
    expect(second.res.statusCode).toBe(404);
    expect(second.res.json().error.code).toBe('secret_not_found');
    expect((await app.inject({ url: `/api/v1/secrets/${secret.id}` })).statusCode).toBe(404);

    const receipt = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({
      state: 'viewed',
      max_views: 1,
      views_left: 0,
      viewed_at: [new Date(T0).toISOString()],
      failed_attempts: 0,
      passphrase: false,
    });
  });

  test('max_views = 3 serves exactly three claims', async () => {
    const { app } = await testApp();
    const secret = await sendSecret(app, { max_views: 3 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await claimAndOpen(app, secret.id, secret.linkKey, null)).res);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 404]);
    expect(answers.slice(0, 3).map((r) => r.json().views_left)).toEqual([2, 1, 0]);
  });

  test('burn through the receipt: 204, idempotent, then the secret is gone', async () => {
    const { app } = await testApp();
    const secret = await sendSecret(app);
    const burn = () => app.inject({ method: 'POST', url: `/api/v1/receipts/${secret.receipt}/burn` });
    const first = await burn();
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    expect((await burn()).statusCode).toBe(204);
    expect((await claimAndOpen(app, secret.id, secret.linkKey, null)).res.statusCode).toBe(404);
    const receipt = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'burned', ended_at: new Date(T0).toISOString() });
  });

  test('wrong passphrase counts, then the right one opens', async () => {
    const { app } = await testApp();
    const secret = await sendSecret(app, { text: 'pp', passphrase: 'correct horse' });
    const peek = await app.inject({ url: `/api/v1/secrets/${secret.id}` });
    expect(peek.json().kdf).toEqual(secret.kdf);

    const wrong = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'wrong horse');
    expect(wrong.res.statusCode).toBe(403);
    expect(wrong.res.json()).toEqual({
      error: { code: 'wrong_passphrase', message: expect.any(String), attempts_left: 4 },
    });
    const right = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'correct horse');
    expect(right.res.statusCode).toBe(200);
    expect(right.payload?.text).toBe('pp');
    const receipt = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'viewed', failed_attempts: 1, passphrase: true });
  });

  test('attempts exhausted: 403 secret_locked, then 404, receipt locked', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_ATTEMPTS: '3' } });
    const secret = await sendSecret(app, { passphrase: 'right' });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const { res } = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, `wrong-${i}`);
      codes.push([res.statusCode, res.json().error.code, res.json().error.attempts_left]);
    }
    expect(codes).toEqual([
      [403, 'wrong_passphrase', 2],
      [403, 'wrong_passphrase', 1],
      [403, 'secret_locked', undefined],
    ]);
    const after = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'right');
    expect(after.res.statusCode).toBe(404);
    const receipt = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'locked', failed_attempts: 3, max_attempts: 3 });
  });

  test('expired is never served, even before any sweep', async () => {
    const { app, clock } = await testApp();
    const secret = await sendSecret(app, { ttl: 60 });
    clock.advance(59_999);
    expect((await app.inject({ url: `/api/v1/secrets/${secret.id}` })).statusCode).toBe(200);
    clock.advance(1);
    expect((await app.inject({ url: `/api/v1/secrets/${secret.id}` })).statusCode).toBe(404);
    expect((await claimAndOpen(app, secret.id, secret.linkKey, null)).res.statusCode).toBe(404);
    const receipt = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(receipt.json().state).toBe('expired');
  });

  test('receipts are kept for the retention period after the secret is gone, then 404', async () => {
    const { app, clock } = await testApp({ env: { BURNLINK_RECEIPT_RETENTION: '1h' } });
    const secret = await sendSecret(app, { ttl: 60 });
    clock.advance(60_000 + 3_599_000);
    expect((await app.inject({ url: `/api/v1/receipts/${secret.receipt}` })).statusCode).toBe(200);
    clock.advance(2_000);
    const gone = await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('receipt_not_found');
  });
});

describe('the secret id alone (promise 2)', () => {
  test('cannot claim, burn or read a receipt, and does not burn a passphrase secret', async () => {
    const { app } = await testApp();
    const plain = await sendSecret(app, { text: 'plain' });
    const guarded = await sendSecret(app, { text: 'guarded', passphrase: 'pw' });

    for (const { id } of [plain, guarded]) {
      // The id used as a receipt finds nothing.
      expect((await app.inject({ url: `/api/v1/receipts/${id}` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/v1/receipts/${id}/burn` })).statusCode).toBe(404);
      // Random tokens, many times: always the same 404, never an attempt counted.
      for (let i = 0; i < 8; i++) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/secrets/${id}/claim`,
          payload: { token: randomB64u(32), link_token: randomB64u(32) },
        });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('secret_not_found');
      }
    }
    // Right passphrase-derived token without the link token: 404, nothing counted.
    const { body } = await claimBody(guarded.linkKey, guarded.kdf, 'pw');
    const noLinkToken = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${guarded.id}/claim`,
      payload: { token: body.token },
    });
    expect(noLinkToken.statusCode).toBe(404);
    // Missing token entirely.
    const empty = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${guarded.id}/claim`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);

    const receipt = await app.inject({ url: `/api/v1/receipts/${guarded.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'pending', failed_attempts: 0 });
    expect((await claimAndOpen(app, plain.id, plain.linkKey, null)).payload?.text).toBe('plain');
    expect((await claimAndOpen(app, guarded.id, guarded.linkKey, guarded.kdf, 'pw')).payload?.text).toBe(
      'guarded',
    );
  });
});
