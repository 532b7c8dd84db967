import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { runServer } from '../../src/run-server.js';
import { MemoryStore } from '../../src/stores/memory-store.js';

test('close() finishes an in-flight request, then stops accepting and closes the store', async () => {
  const store = new MemoryStore();
  // A claim that waits until the test lets it go, so that it is provably in flight when close() starts.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const claimReached = new Promise<void>((resolve) => (reached = resolve));
  const claim = store.claim.bind(store);
  store.claim = async (...args) => {
    reached();
    await gate;
    return claim(...args);
  };
  let storeClosed = false;
  const closeStore = store.close.bind(store);
  store.close = async () => {
    storeClosed = true;
    return closeStore();
  };

  const lines: string[] = [];
  const server = await runServer(
    { BURNLINK_PORT: '0', BURNLINK_LOG_LEVEL: 'silent', BURNLINK_RATE_LIMITS: 'off' },
    { handleSignals: false, print: (line) => lines.push(line), store },
  );
  expect(lines).toEqual([`burnlink listening on ${server.url}`]);
  const post = (url: string, body: object) =>
    fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { id, link } = await (await post('/api/v1/secrets', { text: 'in flight' })).json();
  const inFlight = post(`/api/v1/secrets/${id}/claim`, { key: link.split('#')[1] });
  await claimReached;

  let closeDone = false;
  const closed = server.close().then(() => (closeDone = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(closeDone).toBe(false);
  expect(storeClosed).toBe(false);
  release();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect((await res.json()).text).toBe('in flight');
  await closed;
  expect(storeClosed).toBe(true);
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
});

test('the sweeper runs in the background and counts expired secrets in /metrics', async () => {
  const server = await runServer(
    {
      BURNLINK_PORT: '0',
      BURNLINK_STORE: 'memory:',
      BURNLINK_LOG_LEVEL: 'silent',
      BURNLINK_TTL_MIN: '1s',
      BURNLINK_SWEEP_INTERVAL: '1s',
    },
    { handleSignals: false, print: () => {} },
  );
  try {
    const created = await fetch(`${server.url}/api/v1/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'short-lived', ttl: 1 }),
    });
    expect(created.status).toBe(201);
    const expired = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^burnlink_secrets_expired_total (\d+)$/m.exec(text)?.[1]);
    };
    expect(await expired()).toBe(0);
    const deadline = Date.now() + 10_000;
    while ((await expired()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await expired()).toBe(1);
  } finally {
    await server.close();
  }
});

test('a request that arrives while closing answers 503 shutting_down in the error format', async () => {
  const { testApp } = await import('./support.js');
  const { app } = await testApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // A request whose headers started before close() and end after it: the connection is busy, not idle.
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = app.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  socket.write('\r\n');
  await once(socket, 'close');
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 503 /);
  expect(answer).toMatch(/^retry-after: 1\r$/im);
  expect(answer).toMatch(/^connection: close\r$/im);
  expect(answer).toContain('{"error":{"code":"shutting_down","message":');
});

test('a server other hosts can reach warns at start when its links would follow the Host header', async () => {
  const start = async (env: Record<string, string>) => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const base = {
      BURNLINK_PORT: '0',
      BURNLINK_STORE: 'memory:',
      BURNLINK_ACCOUNTS_STORE: 'memory:',
      BURNLINK_BLOB_STORE: 'memory:',
    };
    const server = await runServer(
      { ...base, BURNLINK_HOST: '0.0.0.0', ...env },
      { handleSignals: false, print: () => {}, logStream: stream },
    );
    await server.close();
    return lines.some((line) => line.includes('links in server-encrypted mode follow the Host header'));
  };
  expect(await start({})).toBe(true);
  expect(await start({ BURNLINK_PUBLIC_URL: 'https://secrets.example.com' })).toBe(false);
  expect(await start({ BURNLINK_ALLOWED_HOSTS: 'secrets.example.com' })).toBe(false);
  expect(await start({ BURNLINK_HOST: '127.0.0.1' })).toBe(false);
});
