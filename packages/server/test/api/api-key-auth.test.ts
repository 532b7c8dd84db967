import { describe, expect, test } from 'vitest';
import { randomB64u } from './support.js';
import { createAs, keyThroughApi as madeKey, teamsApp } from './teams-support.js';

/** How a request presents an API key (docs/teams.md): malformed headers, and rate limits per key. */

describe('API keys in Authorization', () => {
  test('a malformed Authorization header is 401 invalid_api_key, never anonymous', async () => {
    const { app, people } = await teamsApp();
    const key = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const [, id = '', secret = ''] = /^bl_(.{16})_(.{43})$/.exec(key.key) ?? [];
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const headers = [
      '',
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      `Token ${key.key}`,
      `Bearer ${key.key}x`,
      `Bearer ${key.key.slice(0, -1)}`,
      `Bearer bl_${id}_${flipped}`,
      `Bearer bl_${'A'.repeat(16)}_${secret}`,
      `Bearer ${key.key.replace('bl_', 'bk_')}`,
      `Bearer ${key.key.replace(/_/, '-')}`,
      'Bearer bl_!!!!!!!!!!!!!!!!_0000000000000000000000000000000000000000000',
    ];
    for (const authorization of headers) {
      for (const request of [
        { method: 'POST' as const, url: '/api/v1/secrets', payload: { text: 'x' } },
        { method: 'GET' as const, url: '/api/v1/me' },
      ]) {
        const res = await app.inject({ ...request, headers: { authorization } });
        expect(res.statusCode, `${request.url} with "${authorization}"`).toBe(401);
        expect(res.json().error.code).toBe('invalid_api_key');
        expect(res.body).not.toContain(key.key);
      }
    }
    // The real key is accepted, also with "bearer" in lower case.
    expect((await createAs(app, { authorization: `bearer ${key.key}` })).statusCode).toBe(201);
    // A bad key does not fall back to a session cookie sent alongside.
    const both = await createAs(app, { ...people.member.headers, authorization: 'Bearer nope' });
    expect(both.statusCode).toBe(401);
  });

  test('rate limits count per key: two keys from one address have their own create budgets', async () => {
    const { app, people } = await teamsApp({ env: { BURNLINK_RATE_LIMITS: 'create=2/min' } });
    const a = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const b = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const create = (headers: Record<string, string>, remoteAddress = '192.0.2.1') =>
      app.inject({ method: 'POST', url: '/api/v1/secrets', headers, payload: { text: 'x' }, remoteAddress });
    expect((await create(a.headers)).statusCode).toBe(201);
    expect((await create(a.headers)).statusCode).toBe(201);
    const limited = await create(a.headers);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    // The same key from another address shares its budget; the other key and the address have their own.
    expect((await create(a.headers, '198.51.100.9')).statusCode).toBe(429);
    expect((await create(b.headers)).statusCode).toBe(201);
    expect((await create(b.headers)).statusCode).toBe(201);
    expect((await create(b.headers)).statusCode).toBe(429);
    expect((await create({})).statusCode).toBe(201);
  });

  test('a made-up key in Authorization does not buy a fresh budget for claims and lookups', async () => {
    const { app } = await teamsApp({ env: { BURNLINK_RATE_LIMITS: 'lookups=3/min,claim=2/min' } });
    // Each request names another key that does not exist: the address's budget must still count them all.
    const fake = () => ({ authorization: `Bearer bl_${randomB64u(12)}_${randomB64u(32)}` });
    for (let i = 0; i < 3; i++) {
      const miss = await app.inject({ url: `/api/v1/secrets/${randomB64u(16)}`, headers: fake() });
      expect(miss.statusCode).toBe(404);
    }
    const limited = await app.inject({ url: `/api/v1/receipts/${randomB64u(16)}`, headers: fake() });
    expect(limited.statusCode).toBe(429);

    const { app: other } = await teamsApp({ env: { BURNLINK_RATE_LIMITS: 'lookups=100/min,claim=2/min' } });
    const claim = () =>
      other.inject({
        method: 'POST',
        url: `/api/v1/secrets/${randomB64u(16)}/claim`,
        headers: fake(),
        payload: { token: randomB64u(32) },
      });
    expect((await claim()).statusCode).toBe(404);
    expect((await claim()).statusCode).toBe(404);
    expect((await claim()).statusCode).toBe(429);
  });
});
