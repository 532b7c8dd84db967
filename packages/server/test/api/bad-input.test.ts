import { describe, expect, test } from 'vitest';
import { randomB64u, testApp } from './support.js';

/** A valid client-encrypted body, to break one field at a time. */
const valid = () => ({
  ttl: 3600,
  max_views: 1,
  verifier: randomB64u(32),
  kdf: null,
  content: randomB64u(100),
});
const kdf = () => ({ name: 'PBKDF2-SHA-256', salt: randomB64u(16), iterations: 600000 });

describe('every bad input gets its 4xx with the documented code (DESIGN §5)', () => {
  const cases: [string, object | string, number, string, RegExp?][] = [
    [
      'ttl below the minimum',
      { ...valid(), ttl: 59 },
      400,
      'invalid_ttl',
      /from 60 \(1m\) to 2592000 \(30d\)/,
    ],
    ['ttl above the maximum', { ...valid(), ttl: 2592001 }, 400, 'invalid_ttl', /from 60 \(1m\) to 2592000/],
    ['ttl not an integer', { ...valid(), ttl: 90.5 }, 400, 'invalid_ttl'],
    ['ttl as a string', { ...valid(), ttl: '3600' }, 400, 'invalid_ttl'],
    ['max_views 0', { ...valid(), max_views: 0 }, 400, 'invalid_views', /from 1 to 100/],
    ['max_views 101', { ...valid(), max_views: 101 }, 400, 'invalid_views'],
    ['verifier too short', { ...valid(), verifier: randomB64u(31) }, 400, 'invalid_verifier'],
    ['verifier with padding', { ...valid(), verifier: `${randomB64u(32)}=` }, 400, 'invalid_verifier'],
    ['verifier missing', { ...valid(), verifier: undefined }, 400, 'invalid_verifier'],
    ['link_verifier without kdf', { ...valid(), link_verifier: randomB64u(32) }, 400, 'invalid_verifier'],
    ['kdf without link_verifier', { ...valid(), kdf: kdf() }, 400, 'invalid_verifier'],
    ['kdf with an unknown name', { ...valid(), kdf: { ...kdf(), name: 'scrypt' } }, 400, 'invalid_kdf'],
    ['kdf with too few iterations', { ...valid(), kdf: { ...kdf(), iterations: 1000 } }, 400, 'invalid_kdf'],
    ['kdf with a bad salt', { ...valid(), kdf: { ...kdf(), salt: 'not base64url!' } }, 400, 'invalid_kdf'],
    [
      'kdf with an extra field',
      { ...valid(), kdf: { ...kdf(), extra: 1 } },
      400,
      'invalid_kdf',
      /PBKDF2-SHA-256/,
    ],
    ['content not base64url', { ...valid(), content: 'a+b/c==' }, 400, 'invalid_content'],
    ['content of impossible length', { ...valid(), content: 'AAAAA' }, 400, 'invalid_content'],
    ['content not canonical', { ...valid(), content: 'AB' }, 400, 'invalid_content'],
    ['content missing', { ...valid(), content: undefined }, 400, 'invalid_content'],
    ['an unknown field', { ...valid(), max_view: 2 }, 400, 'invalid_request', /max_view/],
    ['text and content together', { ...valid(), text: 'x' }, 400, 'invalid_request'],
    ['passphrase with content', { ...valid(), passphrase: 'x' }, 400, 'invalid_request'],
    ['an empty text', { text: '' }, 400, 'invalid_request'],
    ['an unknown context field', { text: 'x', context: { colour: 'red' } }, 400, 'invalid_request', /colour/],
    ['a JSON array', [], 400, 'invalid_request'],
    ['malformed JSON', '{"ttl": 60,', 400, 'invalid_json'],
    ['JSON with a prototype key', '{"__proto__": {"x": 1}}', 400, 'invalid_json'],
  ];
  for (const [name, payload, status, code, message] of cases) {
    test(`create: ${name} → ${status} ${code}`, async () => {
      const { app } = await testApp();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
      if (message) expect(res.json().error.message).toMatch(message);
    });
  }

  test('oversized content → 413 content_too_large; oversized body → 413 payload_too_large', async () => {
    const { app, config } = await testApp({ env: { BURNLINK_MAX_CONTENT_BYTES: '4KiB' } });
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { ...valid(), content: randomB64u(config.maxCiphertextBytes + 1) },
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('content_too_large');
    const fits = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { ...valid(), content: randomB64u(config.maxCiphertextBytes) },
    });
    expect(fits.statusCode).toBe(201);
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { ...valid(), content: randomB64u(config.bodyLimitBytes) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  test('wrong content type → 415; empty body → 400', async () => {
    const { app } = await testApp();
    const form = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=hello',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');
    const plain = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(plain.statusCode).toBe(415);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('invalid_json');
    const none = await app.inject({ method: 'POST', url: '/api/v1/secrets' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('invalid_request');
  });

  test('unknown routes and methods → 404 route_not_found as JSON', async () => {
    const { app } = await testApp();
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['DELETE', '/api/v1/secrets/AAAAAAAAAAAAAAAAAAAAAA'],
      ['GET', '/api/v2/secrets'],
      ['PUT', '/healthz'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.code).toBe('route_not_found');
    }
  });

  test('malformed ids and receipts answer exactly like unknown ones', async () => {
    const { app } = await testApp();
    const unknown = await app.inject({ url: `/api/v1/secrets/${'A'.repeat(22)}` });
    for (const bad of ['short', 'A'.repeat(23), `${'A'.repeat(21)}B`, 'AAAA.AAAA', `${'A'.repeat(21)}=`]) {
      const res = await app.inject({ url: `/api/v1/secrets/${bad}` });
      expect(res.statusCode, bad).toBe(404);
      expect(res.json()).toEqual(unknown.json());
      const receipt = await app.inject({ url: `/api/v1/receipts/${bad}` });
      expect(receipt.statusCode).toBe(404);
      expect(receipt.json().error.code).toBe('receipt_not_found');
      const claim = await app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${bad}/claim`,
        payload: { token: randomB64u(32) },
      });
      expect(claim.statusCode).toBe(404);
    }
  });

  test('claim bodies: token and key together, neither, bad tokens, bad keys', async () => {
    const { app } = await testApp();
    const id = (await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } })).json()
      .id;
    const claim = (payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload });
    const expectations: [object, string][] = [
      [{}, 'invalid_request'],
      [{ token: randomB64u(32), key: randomB64u(32) }, 'invalid_request'],
      [{ token: randomB64u(16) }, 'invalid_token'],
      [{ token: randomB64u(32), link_token: 'x' }, 'invalid_token'],
      [{ key: 'not-a-key' }, 'invalid_key'],
      [{ key: randomB64u(32), link_token: randomB64u(32) }, 'invalid_request'],
      [{ token: randomB64u(32), passphrase: 'p' }, 'invalid_request'],
    ];
    for (const [payload, code] of expectations) {
      const res = await claim(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    // None of that consumed the secret.
    expect((await app.inject({ url: `/api/v1/secrets/${id}` })).statusCode).toBe(200);
  });

  test('no error response carries a stack trace or internals', async () => {
    const { app } = await testApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "hunter2",',
    });
    expect(res.body).not.toMatch(/hunter2|at |stack|Error:/);
  });
});
