import { describe, expect, test } from 'vitest';
import type { SecretStore } from '../../src/stores/secret-store.js';
import { StoreUnavailableError } from '../../src/stores/secret-store.js';
import { claimAndOpen, sendSecret, testApp } from './support.js';

describe('OpenAPI document', () => {
  test('lists every API path and method, with the create schema', async () => {
    const { app } = await testApp();
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const methods = Object.fromEntries(
      Object.entries(doc.paths as Record<string, object>).map(([path, ops]) => [
        path,
        Object.keys(ops).sort(),
      ]),
    );
    expect(methods).toEqual({
      '/api/v1/secrets': ['get', 'post'],
      '/api/v1/secrets/{id}': ['get'],
      '/api/v1/secrets/{id}/claim': ['post'],
      '/api/v1/secrets/{id}/verification': ['post'],
      '/api/v1/secrets/{id}/burn': ['post'],
      '/api/v1/me': ['get'],
      '/api/v1/keys': ['get', 'post'],
      '/api/v1/keys/{id}': ['delete', 'patch'],
      '/api/v1/members': ['get'],
      '/api/v1/members/{user_id}': ['delete', 'patch'],
      '/api/v1/invites': ['get', 'post'],
      '/api/v1/invites/{id}': ['delete'],
      '/api/v1/teams': ['get', 'post'],
      '/api/v1/teams/{id}': ['delete'],
      '/api/v1/teams/{id}/members/{user_id}': ['delete', 'put'],
      '/api/v1/webhooks': ['get', 'post'],
      '/api/v1/webhooks/{id}': ['delete'],
      '/api/v1/webhooks/{id}/test': ['post'],
      '/api/v1/webhooks/{id}/enable': ['post'],
      '/api/v1/webhooks/{id}/deliveries': ['get'],
      '/api/v1/org/policy': ['get', 'put'],
      '/api/v1/domains': ['get', 'post'],
      '/api/v1/domains/{id}': ['delete'],
      '/api/v1/domains/{id}/verify': ['post'],
      '/api/v1/domains/allowed': ['get'],
      '/api/v1/sessions': ['get'],
      '/api/v1/sessions/{id}': ['delete'],
      '/api/v1/auth/sign-out': ['post'],
      '/api/v1/auth/sign-out-everywhere': ['post'],
      '/api/v1/uploads/{id}': ['delete', 'patch'],
      '/api/v1/files/{id}': ['get'],
      '/api/v1/receipts/{receipt}': ['get'],
      '/api/v1/receipts/{receipt}/burn': ['post'],
      '/api/v1/requests': ['post'],
      '/api/v1/requests/{id}': ['get'],
      '/api/v1/requests/{id}/respond': ['post'],
      '/api/v1/requests/{id}/inbox': ['post'],
      '/api/v1/requests/{id}/burn': ['post'],
      '/api/v1/request-receipts/{receipt}': ['get'],
      '/api/v1/request-receipts/{receipt}/burn': ['post'],
      '/api/v1/config': ['get'],
      '/api/v1/auth/passkey/register/options': ['post'],
      '/api/v1/auth/passkey/register': ['post'],
      '/api/v1/auth/passkey/sign-in/options': ['post'],
      '/api/v1/auth/passkey/sign-in': ['post'],
      '/api/v1/passkeys': ['get'],
      '/api/v1/passkeys/{id}': ['delete'],
      '/api/v1/audit': ['get'],
      '/api/v1/audit/export': ['get'],
      '/healthz': ['get'],
      '/readyz': ['get'],
      '/metrics': ['get'],
    });
    const create = doc.paths['/api/v1/secrets'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining([
        'ttl',
        'max_views',
        'verifier',
        'link_verifier',
        'kdf',
        'content',
        'text',
        'files',
      ]),
    );
    expect(body.properties.ttl).toMatchObject({ minimum: 60, maximum: 2592000 });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '4XX']));
  });
});

describe('health', () => {
  test('/healthz and /readyz answer ok; /readyz is 503 store_unavailable when the store is down', async () => {
    const { app, store } = await testApp();
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    (store as SecretStore).ping = async () => {
      throw new StoreUnavailableError();
    };
    const down = await app.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('store_unavailable');
  });

  test('a failing store answers 503 on the API, never a 500 or a false 404', async () => {
    const { app, store } = await testApp();
    const secret = await sendSecret(app);
    (store as SecretStore).claim = async () => {
      throw new StoreUnavailableError('connection refused');
    };
    const { res } = await claimAndOpen(app, secret.id, secret.linkKey, null);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { code: 'store_unavailable', message: expect.any(String) } });
    expect(res.body).not.toContain('connection refused');
  });

  test('an unexpected error is a generic 500 without internals', async () => {
    const { app, store } = await testApp();
    (store as SecretStore).peek = async () => {
      throw new TypeError('secret internals at line 42');
    };
    const res = await app.inject({ url: `/api/v1/secrets/${'A'.repeat(22)}` });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on the server.' },
    });
  });
});

describe('metrics', () => {
  const value = (text: string, name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  test('counters move with created, claimed, burned and locked secrets; durations by route pattern', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_ATTEMPTS: '1' } });
    const a = await sendSecret(app);
    const b = await sendSecret(app);
    const c = await sendSecret(app, { passphrase: 'pw' });
    await claimAndOpen(app, a.id, a.linkKey, null);
    await app.inject({ method: 'POST', url: `/api/v1/receipts/${b.receipt}/burn` });
    await app.inject({ method: 'POST', url: `/api/v1/receipts/${b.receipt}/burn` });
    await claimAndOpen(app, c.id, c.linkKey, c.kdf, 'wrong');
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(value(res.body, 'burnlink_secrets_created_total')).toBe(3);
    expect(value(res.body, 'burnlink_secrets_claimed_total')).toBe(1);
    expect(value(res.body, 'burnlink_secrets_burned_total')).toBe(1);
    expect(value(res.body, 'burnlink_secrets_locked_total')).toBe(1);
    expect(value(res.body, 'burnlink_secrets_expired_total')).toBe(0);
    expect(res.body).toContain(
      'burnlink_http_request_duration_seconds_count{method="POST",route="/api/v1/secrets/:id/claim",status="200"} 1',
    );
    expect(res.body).not.toContain(a.id);
  });
});
