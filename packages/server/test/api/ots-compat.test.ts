import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { logCapture, testApp } from './support.js';
import { teamsApp } from './teams-support.js';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});
const basic = (user: string, key: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`,
});

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function share(target: FastifyInstance, fields: Record<string, string>, headers = {}) {
  const res = await target.inject({
    method: 'POST',
    url: '/api/v1/share',
    ...form(fields),
    headers: { ...form(fields).headers, ...headers },
  });
  return res;
}

describe('Onetime Secret API v1', () => {
  test('status', async () => {
    ({ app } = await testApp());
    const res = await app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'nominal', locale: 'en' });
  });

  test('share (form) → metadata new → reveal → metadata received → gone', async () => {
    ({ app } = await testApp());
    const res = await share(app, { secret: 'hunter2', ttl: '3600', recipient: 'bob@example.com' });
    expect(res.statusCode).toBe(200);
    const made = res.json();
    expect(made).toMatchObject({
      custid: 'anon',
      ttl: 3600,
      secret_ttl: 3600,
      state: 'new',
      passphrase_required: false,
      recipient: ['bob@example.com'],
    });
    expect(typeof made.metadata_key).toBe('string');
    expect(typeof made.secret_key).toBe('string');
    expect(made.metadata_ttl).toBeGreaterThanOrEqual(3600);
    expect(typeof made.created).toBe('number');
    expect(JSON.stringify(made)).not.toContain('hunter2');

    for (const base of ['private', 'receipt', 'metadata']) {
      const meta = await app.inject({ method: 'GET', url: `/api/v1/${base}/${made.metadata_key}` });
      expect(meta.statusCode).toBe(200);
      expect(meta.json()).toMatchObject({ state: 'new', metadata_key: made.metadata_key });
      expect(meta.json()).not.toHaveProperty('secret_key');
    }

    const reveal = await app.inject({ method: 'POST', url: `/api/v1/secret/${made.secret_key}` });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ value: 'hunter2', secret_key: made.secret_key, share_domain: '' });

    const again = await app.inject({ method: 'POST', url: `/api/v1/secret/${made.secret_key}` });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual({ message: 'Unknown secret', secret_key: made.secret_key });

    const meta = await app.inject({ method: 'POST', url: `/api/v1/private/${made.metadata_key}` });
    expect(meta.json()).toMatchObject({ state: 'received' });
    expect(meta.json()).not.toHaveProperty('secret_ttl');
    expect(typeof meta.json().received).toBe('number');
  });

  test('JSON bodies work too, and ttl is cut to the longest the server allows', async () => {
    ({ app } = await testApp({ env: { BURNLINK_TTL_MAX: '1d' } }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/create',
      payload: { secret: 'x', ttl: 10_000_000 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().ttl).toBe(86_400);
  });

  test('a passphrase: needed, wrong is 404, right reveals', async () => {
    ({ app } = await testApp());
    const made = (await share(app, { secret: 'pw-protected', passphrase: 'open sesame' })).json();
    expect(made.passphrase_required).toBe(true);
    const none = await app.inject({ method: 'POST', url: `/api/v1/secret/${made.secret_key}` });
    expect(none.statusCode).toBe(404);
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/v1/secret/${made.secret_key}`,
      ...form({ passphrase: 'nope' }),
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toBe('Unknown secret');
    const right = await app.inject({
      method: 'POST',
      url: `/api/v1/secret/${made.secret_key}`,
      payload: { passphrase: 'open sesame' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().value).toBe('pw-protected');
  });

  test('generate returns the generated value, which reveals once', async () => {
    ({ app } = await testApp());
    const res = await app.inject({ method: 'POST', url: '/api/v1/generate' });
    expect(res.statusCode).toBe(200);
    const made = res.json();
    expect(made.value).toHaveLength(12);
    const reveal = await app.inject({ method: 'POST', url: `/api/v1/secret/${made.secret_key}` });
    expect(reveal.json().value).toBe(made.value);
  });

  test('burn: the metadata says burned and the secret is gone', async () => {
    ({ app } = await testApp());
    const made = (await share(app, { secret: 'burn me' })).json();
    const burn = await app.inject({ method: 'POST', url: `/api/v1/receipt/${made.metadata_key}/burn` });
    expect(burn.statusCode).toBe(200);
    expect(burn.json().state).toMatchObject({ state: 'burned', metadata_key: made.metadata_key });
    const reveal = await app.inject({ method: 'POST', url: `/api/v1/secret/${made.secret_key}` });
    expect(reveal.statusCode).toBe(404);
  });

  test('unknown keys and malformed input answer OTS-shaped 4xx, never 500', async () => {
    ({ app } = await testApp());
    for (const [url, payload] of [
      ['/api/v1/secret/not-a-key', undefined],
      ['/api/v1/secret/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', undefined],
      ['/api/v1/private/nothing-here', undefined],
      ['/api/v1/private/nothing-here/burn', undefined],
    ] as const) {
      const res = await app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().message).toBeTypeOf('string');
    }
    const empty = await share(app, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ message: 'You did not provide anything to share' });
    const badTtl = await share(app, { secret: 'x', ttl: 'soon' });
    expect(badTtl.statusCode).toBe(400);
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/v1/share',
      headers: { 'content-type': 'application/json' },
      payload: '{"secret":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().message).toBeTypeOf('string');
    expect(badJson.body).not.toContain('at ');
    const typed = await app.inject({ method: 'POST', url: '/api/v1/share', payload: { secret: 42 } });
    expect(typed.statusCode).toBe(400);
  });

  test('Basic auth with an API key: owned by the organisation, listed in recent; a wrong key is 401', async () => {
    const teams = await teamsApp();
    app = teams.app;
    const { key } = await teams.keyFor(teams.people.member, ['secrets:create', 'secrets:list']);
    const made = await share(app, { secret: 'owned' }, basic('member@acme.example', key));
    expect(made.statusCode).toBe(200);
    expect(made.json().custid).toBe('member@acme.example');

    for (const base of ['receipt', 'metadata']) {
      const alias = await app.inject({
        method: 'GET',
        url: `/api/v1/${base}/recent`,
        headers: basic('x', key),
      });
      expect(alias.json()).toHaveLength(1);
    }
    const recent = await app.inject({
      method: 'GET',
      url: '/api/v1/private/recent',
      headers: basic('whoever', key),
    });
    expect(recent.statusCode).toBe(200);
    expect(recent.json()).toHaveLength(1);
    expect(recent.json()[0]).toMatchObject({ state: 'new', custid: 'whoever', passphrase_required: false });

    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/private/recent' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ message: 'Not authorized' });

    for (const headers of [
      basic('member@acme.example', 'not-a-key'),
      basic('x', `${key.slice(0, -2)}zz`),
      { authorization: 'Basic !!!' },
    ]) {
      const res = await share(app, { secret: 'nope' }, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ message: 'Not authorized' });
    }
  });

  test('anonymous create off: a share needs a key', async () => {
    ({ app } = await testApp({ env: { BURNLINK_ANONYMOUS_CREATE: 'off' } }));
    const res = await share(app, { secret: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ message: 'Not authorized' });
  });

  test('share counts against the create rate limit, in OTS shape', async () => {
    ({ app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'create=2/1m' } }));
    expect((await share(app, { secret: 'a' })).statusCode).toBe(200);
    expect((await share(app, { secret: 'b' })).statusCode).toBe(200);
    const third = await share(app, { secret: 'c' });
    expect(third.statusCode).toBe(429);
    expect(third.json()).toEqual({
      message: 'Apologies dear citizen! You have been rate limited.',
      code: 'rate_limited',
    });
  });

  test('BURNLINK_OTS_API=off: the routes are not there', async () => {
    ({ app } = await testApp({ env: { BURNLINK_OTS_API: 'off' } }));
    for (const [method, url] of [
      ['GET', '/api/v1/status'],
      ['POST', '/api/v1/share'],
      ['POST', '/api/v1/private/x'],
    ] as const) {
      const res = await app.inject({ method, url, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });

  test('server-encrypted mode off: a clear error', async () => {
    ({ app } = await testApp({ env: { BURNLINK_SERVER_ENCRYPTION: 'off' } }));
    const res = await share(app, { secret: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('BURNLINK_SERVER_ENCRYPTION');
  });

  test('logs carry neither the secret, its key nor the receipt', async () => {
    const logs = logCapture();
    ({ app } = await testApp({ logStream: logs.stream }));
    const made = (await share(app, { secret: 'log-me-not', passphrase: 'pp-secret' })).json();
    await app.inject({
      method: 'POST',
      url: `/api/v1/secret/${made.secret_key}`,
      payload: { passphrase: 'pp-secret' },
    });
    await app.inject({ method: 'GET', url: `/api/v1/private/${made.metadata_key}` });
    const text = logs.text();
    expect(text).toContain('/api/v1/secret/:key');
    for (const leak of ['log-me-not', 'pp-secret', made.secret_key, made.metadata_key])
      expect(text).not.toContain(leak);
  });

  test('the native API still answers 415 for form and text bodies', async () => {
    ({ app } = await testApp());
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        headers: { 'content-type': type },
        payload: 'text=x',
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
  });
});
