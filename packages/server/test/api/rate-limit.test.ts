import { describe, expect, test } from 'vitest';
import { randomB64u, testApp } from './support.js';

describe('rate limits', () => {
  test('create: 429 rate_limited with Retry-After past the limit', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'create=2/min' } });
    const create = () => app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } });
    expect((await create()).statusCode).toBe(201);
    expect((await create()).statusCode).toBe(201);
    const limited = await create();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(/retry/i) },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client address has its own budget.
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'x' },
      remoteAddress: '192.0.2.7',
    });
    expect(other.statusCode).toBe(201);
  });

  test('lookups: unknown ids use up a separate budget; known ids do not count', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'lookups=3/min' } });
    const { id } = (
      await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } })
    ).json();
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: `/api/v1/secrets/${id}` })).statusCode).toBe(200);
    }
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ url: `/api/v1/secrets/${randomB64u(16)}` })).statusCode).toBe(404);
    }
    // Budget used up: every lookup is refused, hits and misses alike, so nothing more is learned.
    const miss = await app.inject({ url: `/api/v1/receipts/${randomB64u(16)}` });
    expect(miss.statusCode).toBe(429);
    expect(miss.headers['retry-after']).toBeDefined();
    expect((await app.inject({ url: `/api/v1/secrets/${id}` })).statusCode).toBe(429);
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { token: randomB64u(32) },
    });
    expect(claim.statusCode).toBe(429);
    // Creating is a different bucket.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } })).statusCode,
    ).toBe(201);
  });

  test('claim has its own budget', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'claim=1/10s,lookups=100/min' } });
    const claim = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${randomB64u(16)}/claim`,
        payload: { token: randomB64u(32) },
      });
    expect((await claim()).statusCode).toBe(404);
    const limited = await claim();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
  });

  test('BURNLINK_RATE_LIMITS=off turns them off', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'off' } });
    for (let i = 0; i < 80; i++) {
      expect((await app.inject({ url: `/api/v1/secrets/${randomB64u(16)}` })).statusCode).toBe(404);
    }
  });

  test('behind a trusted proxy, the forwarded address is the client', async () => {
    const { app } = await testApp({
      env: { BURNLINK_RATE_LIMITS: 'create=1/min', BURNLINK_TRUST_PROXY: '1' },
    });
    const create = (client: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        payload: { text: 'x' },
        headers: { 'x-forwarded-for': client },
      });
    expect((await create('198.51.100.1')).statusCode).toBe(201);
    expect((await create('198.51.100.2')).statusCode).toBe(201);
    expect((await create('198.51.100.1')).statusCode).toBe(429);
  });
});
