import { encryptedSize } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawRequest } from './raw-http.js';
import { randomB64u, testApp } from './support.js';

/** Every failure the router, the body parser or Node's HTTP parser meets answers `{"error":{"code","message"}}`. */
const SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };
const OVERLONG = 'A'.repeat(101);

describe('router failures answer in the one shape, as the route answers an unknown id', () => {
  const cases: [method: 'GET' | 'POST' | 'PATCH' | 'HEAD', url: string, status: number, code: string][] = [
    ['GET', '/api/v1/receipts/%ff', 404, 'receipt_not_found'],
    ['POST', '/api/v1/receipts/%ff/burn', 404, 'receipt_not_found'],
    ['PATCH', '/api/v1/uploads/%ff', 404, 'upload_not_found'],
    ['GET', '/api/v1/files/%ff', 404, 'file_not_found'],
    ['GET', '/api/v1/secrets/%ff', 404, 'secret_not_found'],
    ['POST', '/api/v1/secrets/%00%ff/claim', 404, 'secret_not_found'],
    ['GET', '/s/%ff', 404, 'route_not_found'],
    ['GET', '/r/%ff', 404, 'route_not_found'],
    ['GET', '/%', 404, 'route_not_found'],
    ['GET', '/api/v1/nothing/%ff?x=%ff', 404, 'route_not_found'],
  ];
  for (const [method, url, status, code] of cases) {
    test(`${method} ${url} → ${status} ${code}`, async () => {
      const { app } = await testApp();
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
    });
  }

  test('HEAD of an upload with a bad escape answers 404 like an unknown upload', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'HEAD', url: '/api/v1/uploads/%ff' });
    const unknown = await app.inject({ method: 'HEAD', url: `/api/v1/uploads/${randomB64u(16)}` });
    expect(res.statusCode).toBe(unknown.statusCode);
  });

  test('an id longer than the router takes answers exactly as an unknown id, on every route', async () => {
    const { app } = await testApp();
    const tus = { 'tus-resumable': '1.0.0', 'upload-offset': '0' };
    const upload = { 'content-type': 'application/offset+octet-stream', ...tus };
    const routes: [method: 'GET' | 'POST' | 'PATCH', url: (id: string) => string, extra: object][] = [
      ['GET', (id) => `/api/v1/secrets/${id}`, {}],
      ['POST', (id) => `/api/v1/secrets/${id}/claim`, { payload: { token: randomB64u(32) } }],
      ['GET', (id) => `/api/v1/receipts/${id}`, {}],
      ['POST', (id) => `/api/v1/receipts/${id}/burn`, { payload: {} }],
      ['PATCH', (id) => `/api/v1/uploads/${id}`, { headers: upload, payload: Buffer.from('x') }],
      ['GET', (id) => `/api/v1/files/${id}`, { headers: { authorization: `Bearer ${randomB64u(32)}` } }],
    ];
    for (const [method, url, extra] of routes) {
      const unknown = await app.inject({ method, url: url(randomB64u(16)), ...extra });
      const overlong = await app.inject({ method, url: url(OVERLONG), ...extra });
      expect(unknown.statusCode, url('')).toBe(404);
      expect(overlong.statusCode, url('')).toBe(unknown.statusCode);
      expect(overlong.json(), url('')).toEqual(unknown.json());
    }
  });

  test('a declared file size of 2^53 or more answers 400, not 500', async () => {
    const { app } = await testApp();
    for (const size of [2 ** 53, 1e16, 1e300]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        payload: {
          ttl: 3600,
          max_views: 1,
          verifier: randomB64u(32),
          kdf: null,
          content: randomB64u(100),
          files: [{ size: encryptedSize(10) }, { size }],
        },
      });
      expect(res.statusCode, String(size)).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
    }
  });
});

describe("Node's HTTP parser failures answer in the one shape, and the connection is closed", () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let port: number;
  beforeAll(async () => {
    ({ app } = await testApp());
    port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(() => app.close());

  const cases: [name: string, request: string, status: number, code: string][] = [
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, 'invalid_request'],
    [
      'a header line without a colon',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n',
      400,
      'invalid_request',
    ],
    [
      'a duplicate Content-Length',
      'POST /api/v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      400,
      'invalid_request',
    ],
    [
      'Content-Length with Transfer-Encoding: chunked',
      'POST /api/v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'invalid_request',
    ],
    [
      'oversized headers',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
  ];
  for (const [name, request, status, code] of cases) {
    test(`${name} → ${status} ${code}`, async () => {
      const answer = await rawRequest(port, request);
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String) } });
      expect(JSON.parse(answer.body)).toEqual(SHAPE);
    });
  }

  test('the server keeps serving after them', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});
