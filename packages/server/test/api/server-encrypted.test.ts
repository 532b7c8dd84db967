import { deriveAccess, fromBase64Url, openSecret, parseReceiptLink, parseSecretLink } from '@burnlink/core';
import { describe, expect, test } from 'vitest';
import { testApp } from './support.js';

const create = (app: Awaited<ReturnType<typeof testApp>>['app'], payload: object, headers = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/secrets', payload, headers });

describe('server-encrypted mode (curl)', () => {
  test('text in, full link out; the stored record opens with the link key like any other', async () => {
    const { app } = await testApp();
    const res = await create(
      app,
      { text: 'from curl', context: { username: 'deploy' } },
      { host: 'vault.test:8080' },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const link = parseSecretLink(body.link);
    expect(link.origin).toBe('http://vault.test:8080');
    expect(link.id).toBe(body.id);
    expect(parseReceiptLink(body.receipt_link).receipt).toBe(body.receipt);

    // A client-side recipient (web, CLI) opens it with the ordinary protocol.
    const peek = await app.inject({ url: `/api/v1/secrets/${body.id}` });
    expect(peek.json().kdf).toBeNull();
    const access = await deriveAccess(link.key, null);
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${body.id}/claim`,
      payload: { token: access.token },
    });
    expect(claim.statusCode).toBe(200);
    const payload = await openSecret(fromBase64Url(claim.json().content), access.contentKey);
    expect(payload).toEqual({ v: 1, text: 'from curl', context: { username: 'deploy' } });
  });

  test('links use BURNLINK_PUBLIC_URL when set', async () => {
    const { app } = await testApp({ env: { BURNLINK_PUBLIC_URL: 'https://secrets.example.com/' } });
    const body = (await create(app, { text: 'x' }, { host: 'evil.test' })).json();
    expect(body.link).toMatch(/^https:\/\/secrets\.example\.com\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/);
    expect(body.receipt_link).toBe(`https://secrets.example.com/r/${body.receipt}`);
  });

  test('key claim with a curl-style body, once', async () => {
    const { app } = await testApp();
    const { id, link } = (await create(app, { text: 'key claim', max_views: 1 })).json();
    const key = link.split('#')[1];
    const claim = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        headers: { 'content-type': 'application/json' },
        payload: `{"key":"${key}"}`,
      });
    const first = await claim();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ text: 'key claim', views_left: 0 });
    expect((await claim()).statusCode).toBe(404);
  });

  test('passphrase: key claim needs it, a wrong one counts, the right one opens', async () => {
    const { app } = await testApp();
    const res = await create(app, { text: 'guarded', passphrase: 'open sesame', context: { label: 'db' } });
    const { id, link, receipt } = res.json();
    const key = link.split('#')[1];
    const claim = (payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload });

    const missing = await claim({ key });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('passphrase_required');
    const wrong = await claim({ key, passphrase: 'open barley' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_passphrase', attempts_left: 4 });
    const right = await claim({ key, passphrase: 'open sesame' });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ text: 'guarded', context: { label: 'db' }, views_left: 0 });
    expect((await app.inject({ url: `/api/v1/receipts/${receipt}` })).json()).toMatchObject({
      state: 'viewed',
      failed_attempts: 1,
      passphrase: true,
    });
  });

  test('a wrong key answers 404 and does not count against a passphrase secret', async () => {
    const { app } = await testApp();
    const { id, receipt } = (await create(app, { text: 'guarded', passphrase: 'pw' })).json();
    const otherKey = 'A'.repeat(43);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { key: otherKey, passphrase: 'pw' },
    });
    expect(res.statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/receipts/${receipt}` })).json()).toMatchObject({
      state: 'pending',
      failed_attempts: 0,
    });
  });

  test('operators can turn off server encryption and key claims', async () => {
    const { app } = await testApp({ env: { BURNLINK_SERVER_ENCRYPTION: 'off', BURNLINK_KEY_CLAIM: 'off' } });
    const res = await create(app, { text: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('server_encryption_disabled');
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${'A'.repeat(22)}/claim`,
      payload: { key: 'A'.repeat(43) },
    });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().error.code).toBe('key_claim_disabled');
    const config = (await app.inject({ url: '/api/v1/config' })).json();
    expect(config).toMatchObject({ server_encryption: false, key_claim: false });
  });

  test('text over the content limit answers 413 content_too_large', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_CONTENT_BYTES: '1KiB' } });
    const res = await create(app, { text: 'é'.repeat(513) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('content_too_large');
    expect((await create(app, { text: 'é'.repeat(512) })).statusCode).toBe(201);
  });
});
