import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stageFiles, TUS } from './file-support.js';
import { parseAnswer, rawRequest } from './raw-http.js';
import { testApp } from './support.js';

/**
 * Timeouts over a real socket, shortened through the config: a client that sends slowly, or stops, holds
 * neither a socket nor buffered bytes for longer than the operator allows, and is told so with 408.
 */
describe('timeouts over a real socket', () => {
  const HEADERS_MS = 400;
  const BODY_MS = 300;
  const UPLOAD_IDLE_MS = 300;
  const KEEP_ALIVE_MS = 300;
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let port: number;
  beforeAll(async () => {
    ({ app } = await testApp({
      env: {
        BURNLINK_HEADERS_TIMEOUT: `${HEADERS_MS}ms`,
        BURNLINK_BODY_TIMEOUT: `${BODY_MS}ms`,
        BURNLINK_UPLOAD_IDLE_TIMEOUT: `${UPLOAD_IDLE_MS}ms`,
        BURNLINK_KEEP_ALIVE_TIMEOUT: `${KEEP_ALIVE_MS}ms`,
      },
    }));
    port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(() => app.close());

  const expectTimeout = (answer: { status: number | null; body: string }) => {
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'request_timeout', message: expect.any(String) },
    });
  };

  test('a JSON body that stalls → 408 request_timeout and the connection closed', async () => {
    const answer = await rawRequest(
      port,
      'POST /api/v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"text": "half',
    );
    expectTimeout(answer);
    expect(answer.headers.connection).toBe('close');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(BODY_MS - 20);
    expect(answer.closedAfterMs).toBeLessThan(BODY_MS + 1_500);
  });

  test('stalled bodies time out one after the other, with answered requests between them', async () => {
    const stalled =
      'POST /api/v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 100\r\n\r\n{"text": "half';
    const first = rawRequest(port, stalled);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const quick = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`http://127.0.0.1:${port}/api/v1/secrets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ),
    );
    expect(quick.map((res) => res.status)).toEqual([400, 400, 400]);
    const second = rawRequest(port, stalled);
    for (const answer of await Promise.all([first, second])) {
      expectTimeout(answer);
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(BODY_MS - 20);
      expect(answer.closedAfterMs).toBeLessThan(BODY_MS + 1_500);
    }
  });

  test('a JSON body that trickles in past the deadline → 408, although bytes keep coming', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.write(
      'POST /api/v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const drip = setInterval(() => socket.writable && socket.write(' '), 50);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(drip);
    expectTimeout(parseAnswer(Buffer.concat(received).toString()));
  });

  test('an upload PATCH that stops sending → 408, connection closed, HEAD shows the bytes that arrived', async () => {
    const sent = await stageFiles(app, [200_000]);
    const upload = sent.uploads[0] as { url: string; size: number };
    const head = 120_000;
    const answer = await rawRequest(
      port,
      Buffer.concat([
        Buffer.from(
          `PATCH ${upload.url} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n` +
            `Content-Type: ${TUS['content-type']}\r\nUpload-Offset: 0\r\nContent-Length: ${upload.size}\r\n\r\n`,
        ),
        Buffer.from((sent.ciphertexts[0] as Uint8Array).subarray(0, head)),
      ]),
    );
    expectTimeout(answer);
    expect(answer.headers['tus-resumable']).toBe('1.0.0');
    const state = await app.inject({ method: 'HEAD', url: upload.url, headers: TUS });
    expect(state.statusCode).toBe(200);
    expect(Number(state.headers['upload-offset'])).toBe(head);
    // The upload resumes from there.
    const rest = await app.inject({
      method: 'PATCH',
      url: upload.url,
      headers: { ...TUS, 'upload-offset': String(head) },
      payload: Buffer.from((sent.ciphertexts[0] as Uint8Array).subarray(head)),
    });
    expect(rest.statusCode).toBe(204);
    expect(rest.headers['burnlink-secret']).toBe('ready');
  });

  test('an upload PATCH that keeps sending is not cut by the JSON deadline', async () => {
    const sent = await stageFiles(app, [40_000]);
    const upload = sent.uploads[0] as { url: string; size: number };
    const bytes = Buffer.from(sent.ciphertexts[0] as Uint8Array);
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(
      `PATCH ${upload.url} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nConnection: close\r\n` +
        `Content-Type: ${TUS['content-type']}\r\nUpload-Offset: 0\r\nContent-Length: ${upload.size}\r\n\r\n`,
    );
    // Ten pieces, 100 ms apart: 1 s in all, more than three times the body deadline, never idle for long.
    const piece = Math.ceil(bytes.length / 10);
    for (let at = 0; at < bytes.length; at += piece) {
      socket.write(bytes.subarray(at, at + piece));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await closed;
    expect(parseAnswer(Buffer.concat(received).toString('latin1')).status).toBe(204);
  });

  test('30 slowloris connections are all closed after the headers timeout, with 408', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const socket = net.connect(port, '127.0.0.1');
        const received: Buffer[] = [];
        socket.on('data', (chunk) => received.push(chunk));
        socket.on('error', () => undefined);
        socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow-${i}: `);
        const drip = setInterval(() => socket.writable && socket.write('a'), 50);
        return new Promise<ReturnType<typeof parseAnswer>>((resolve) =>
          socket.on('close', () => {
            clearInterval(drip);
            resolve(parseAnswer(Buffer.concat(received).toString()));
          }),
        );
      }),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(HEADERS_MS - 20);
    expect(elapsed).toBeLessThan(HEADERS_MS + 2_000);
    for (const answer of answers) expectTimeout(answer);
    // The server keeps serving.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    const started = Date.now();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    const elapsed = Date.now() - started;
    expect(parseAnswer(Buffer.concat(received).toString()).status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 20);
    expect(elapsed).toBeLessThan(KEEP_ALIVE_MS + 1_500);
  });
});
