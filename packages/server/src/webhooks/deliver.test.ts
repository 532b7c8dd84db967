import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { AuditRecord } from '../audit/audit-types.js';
import { WebhookSender } from './deliver.js';
import { newWebhookSecret, recordMessage } from './sign.js';
import type { Resolver } from './target-guard.js';

const record: AuditRecord = {
  id: 42,
  at: Date.UTC(2026, 11, 4, 10, 0, 0),
  type: 'secret.viewed',
  org: 'org1',
  actor: { type: 'anonymous', id: null },
  subject: { type: 'secret', id: 'AAAAAAAAAAAAAAAAAAAAAA' },
  outcome: 'ok',
  details: { views_left: 0 },
  ip: null,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** A local receiver answering `status` (or never answering, with `hang`). */
async function receiver(options: { status?: number; hang?: boolean; redirect?: boolean } = {}) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (options.hang) return;
      if (options.redirect) res.writeHead(307, { location: 'http://127.0.0.1:1/' });
      else res.writeHead(options.status ?? 200);
      res.end('x'.repeat(100_000));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, port, url: `http://127.0.0.1:${port}/hook` };
}

describe('WebhookSender', () => {
  test('signs a delivery that the standardwebhooks verifier accepts', async () => {
    const target = await receiver();
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const sender = new WebhookSender({ allowPrivate: true });
    const result = await sender.send(target.url, secret, recordMessage(record));
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    const [got] = target.received;
    expect(got?.headers['webhook-id']).toBe('msg_42');
    expect(got?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(secret).verify(got?.body ?? '', got?.headers as Record<string, string>);
    expect(verified).toEqual({
      type: 'secret.viewed',
      timestamp: '2026-12-04T10:00:00.000Z',
      data: {
        id: 42,
        at: '2026-12-04T10:00:00.000Z',
        type: 'secret.viewed',
        org: 'org1',
        actor: { type: 'anonymous', id: null },
        subject: { type: 'secret', id: 'AAAAAAAAAAAAAAAAAAAAAA' },
        outcome: 'ok',
        details: { views_left: 0 },
        ip: null,
      },
    });
    expect(() =>
      new Webhook(newWebhookSecret()).verify(got?.body ?? '', got?.headers as Record<string, string>),
    ).toThrow();
  });

  test('a 500 is a failure with its status; a redirect is not followed', async () => {
    const sender = new WebhookSender({ allowPrivate: true });
    const failing = await receiver({ status: 500 });
    expect(await sender.send(failing.url, newWebhookSecret(), recordMessage(record))).toMatchObject({
      ok: false,
      status: 500,
      error: 'HTTP 500',
    });
    const redirecting = await receiver({ redirect: true });
    expect(await sender.send(redirecting.url, newWebhookSecret(), recordMessage(record))).toMatchObject({
      ok: false,
      status: 307,
      error: 'HTTP 307 (redirects are not followed)',
    });
  });

  test('a receiver that never answers times out', async () => {
    const target = await receiver({ hang: true });
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 200 });
    expect(await sender.send(target.url, newWebhookSecret(), recordMessage(record))).toMatchObject({
      ok: false,
      status: null,
      error: 'timeout after 200ms',
    });
  });

  test('a private literal address is refused unless allowed, and nothing is sent', async () => {
    const target = await receiver();
    const sender = new WebhookSender({ allowPrivate: false });
    const result = await sender.send(target.url, newWebhookSecret(), recordMessage(record));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^target refused: 127\.0\.0\.1 is a loopback address/);
    expect(target.received).toHaveLength(0);
  });

  test('DNS rebinding: a name that answered public at registration and loopback now is refused', async () => {
    const target = await receiver();
    let calls = 0;
    // First answer (registration) public, then the receiver's loopback address.
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const { checkTarget } = await import('./target-guard.js');
    await expect(checkTarget('hooks.example', { allowPrivate: false, resolve: rebinding })).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    const sender = new WebhookSender({ allowPrivate: false, resolve: rebinding });
    const result = await sender.send(
      `http://hooks.example:${target.port}/hook`,
      newWebhookSecret(),
      recordMessage(record),
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^target refused: hooks\.example resolves to a loopback address/);
    expect(target.received).toHaveLength(0);
  });

  test('connects to the address the guard resolved, not to another lookup', async () => {
    const target = await receiver();
    const resolved: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const sender = new WebhookSender({ allowPrivate: true, resolve: resolved });
    const result = await sender.send(
      `http://receiver.invalid:${target.port}/hook`,
      newWebhookSecret(),
      recordMessage(record),
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(target.received[0]?.headers.host).toBe(`receiver.invalid:${target.port}`);
  });

  test('keeps the connection alive, and sends again on a fresh one when the receiver dropped it', async () => {
    // A raw receiver: answers the first request of each connection, drops the connection at its second.
    let connections = 0;
    const requests: number[] = [];
    const raw = createTcpServer((socket) => {
      connections += 1;
      const n = connections;
      let seen = 0;
      socket.on('data', (chunk) => {
        if (!chunk.toString('latin1').startsWith('POST ')) return;
        seen += 1;
        requests.push(n);
        if (seen === 1)
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n');
        else socket.destroy();
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as AddressInfo;
    const sender = new WebhookSender({ allowPrivate: true });
    try {
      const url = `http://127.0.0.1:${port}/hook`;
      expect(await sender.send(url, newWebhookSecret(), recordMessage(record))).toMatchObject({ ok: true });
      expect(await sender.send(url, newWebhookSecret(), recordMessage(record))).toMatchObject({ ok: true });
      // The second delivery went out on the first connection (dropped), then once more on a new one.
      expect(requests).toEqual([1, 1, 2]);
    } finally {
      sender.close();
      await new Promise((resolve) => raw.close(resolve));
    }
  });
});
