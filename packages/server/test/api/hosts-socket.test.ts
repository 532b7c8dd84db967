import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAIN } from './hosts-support.js';
import { rawRequest } from './raw-http.js';
import { testApp } from './support.js';

/**
 * The host check over a real socket, with Host headers written byte for byte: `app.inject` normalises some of
 * them (one Host, a URL-shaped request target), a client on the network does not.
 */
describe('raw Host headers over a real socket', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let port: number;
  beforeAll(async () => {
    ({ app } = await testApp({ env: { BURNLINK_ALLOWED_HOSTS: MAIN } }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(() => app.close());

  const body = '{"text":"hunter2"}';
  const create = (hostLines: string, extra = '') =>
    rawRequest(
      port,
      `POST /api/v1/secrets HTTP/1.1\r\n${hostLines}${extra}Content-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  const errorCode = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

  test('a malformed Host is 400 invalid_host', async () => {
    const bad = [
      'user@burnlink.example',
      'burnlink.example/s/x',
      'burnlink.example:80:81',
      '[::g]:80',
      'burnlink.example:',
      'burnlink.example evil.example',
      'burnlink.example, evil.example',
    ];
    for (const host of bad) {
      const answer = await create(`Host: ${host}\r\n`);
      expect(answer.status, host).toBe(400);
      expect(errorCode(answer.body), host).toBe('invalid_host');
    }
  });

  test('two Host headers are refused, whichever comes first', async () => {
    for (const lines of [
      `Host: ${MAIN}\r\nHost: evil.example\r\n`,
      `Host: evil.example\r\nHost: ${MAIN}\r\n`,
    ]) {
      const answer = await create(lines);
      expect(answer.status).toBe(400);
      expect(errorCode(answer.body)).toBe('invalid_host');
    }
  });

  test('an unknown Host is 421, an untrusted X-Forwarded-Host is ignored, the main host works', async () => {
    const evil = await create('Host: evil.example\r\n');
    expect(evil.status).toBe(421);
    expect(errorCode(evil.body)).toBe('misdirected_request');
    const forwarded = await create(`Host: ${MAIN}\r\n`, 'X-Forwarded-Host: evil.example\r\n');
    expect(forwarded.status).toBe(201);
    expect(JSON.parse(forwarded.body).link).toMatch(/^http:\/\/burnlink\.example\/s\//);
    // An absolute request target names a host too; the Host header is what counts, and it is checked.
    const absolute = await rawRequest(
      port,
      `GET http://evil.example/api/v1/config HTTP/1.1\r\nHost: ${MAIN}\r\nConnection: close\r\n\r\n`,
    );
    expect(absolute.status).toBe(200);
  });

  test('HTTP/1.0 without a Host is 400, except for the probes', async () => {
    const noHost = await rawRequest(port, 'GET /api/v1/config HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(400);
    expect(errorCode(noHost.body)).toBe('invalid_host');
    const probe = await rawRequest(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(probe.status).toBe(200);
  });
});
