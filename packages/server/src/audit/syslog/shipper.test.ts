import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../stores/secret-store.js';
import type { AuditStore } from '../audit-store.js';
import type { AuditDraft } from '../audit-types.js';
import { MemoryAuditStore } from '../memory-audit-store.js';
import { formatSyslog } from './format.js';
import { SYSLOG_CURSOR, SyslogShipper, type SyslogShipperOptions } from './shipper.js';
import { syslogTransport } from './transport.js';

const MARKER = 'planted-detail-never-logged';

const draft = (n: number): AuditDraft => ({
  at: 1_796_378_400_000 + n,
  type: 'secret.viewed',
  org: 'public',
  actor: { type: 'anonymous', id: null },
  subject: { type: 'secret', id: `sec_${n}` },
  outcome: 'ok',
  details: { note: MARKER },
  ip: null,
});

/** A plain TCP syslog receiver (RFC 6587 octet counting) that records which host sent which record id. */
async function tcpReceiver() {
  const got: { host: string; id: number }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        const length = Number(buffer.subarray(0, space).toString('ascii'));
        if (space < 0 || buffer.length < space + 1 + length) return;
        const message = buffer.subarray(space + 1, space + 1 + length).toString('utf8');
        buffer = buffer.subarray(space + 1 + length);
        got.push({ host: message.split(' ')[2]!, id: Number(/ id="(\d+)"/.exec(message)![1]) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    got,
    ids: () => [...new Set(got.map((g) => g.id))].sort((a, b) => a - b),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The store as one node sees it: `sever()` cuts that node off (every call fails as unavailable). */
function severable(store: AuditStore) {
  let severed = false;
  const view = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        severed
          ? Promise.reject(new StoreUnavailableError('cut off'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return {
    store: view,
    sever: () => {
      severed = true;
    },
    restore: () => {
      severed = false;
    },
  };
}

async function until(probe: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const receiver = await tcpReceiver();
  cleanups.push(receiver.close);
  const lines: string[] = [];
  const make = (store: AuditStore, host: string, options: Partial<SyslogShipperOptions> = {}) => {
    const shipper = new SyslogShipper({
      store,
      transport: syslogTransport({ transport: 'tcp', host: '127.0.0.1', port: receiver.port }),
      format: (record) => formatSyslog(record, 'json', { hostname: host, procId: '1', version: 't' }),
      log: {
        info: (fields, message) => lines.push(JSON.stringify({ fields, message })),
        warn: (fields, message) => lines.push(JSON.stringify({ fields, message })),
      },
      holder: host,
      pollMs: 50,
      settleMs: 100,
      leaseMs: 600,
      backoff: { minMs: 20, maxMs: 200 },
      ...options,
    });
    cleanups.push(() => shipper.stop());
    return shipper;
  };
  return { receiver, lines, make };
}

describe('SyslogShipper', () => {
  it('ships from one node at a time; another takes over from the durable cursor when it dies', async () => {
    const { receiver, lines, make } = await setup();
    const shared = new MemoryAuditStore();
    const a = severable(shared);
    const first = make(a.store, 'node-a');
    const second = make(shared, 'node-b');
    first.start();
    await until(async () => (await shared.getCursor(SYSLOG_CURSOR)) === 0 && lines.length > 0);
    second.start();
    const early = await shared.appendAudit([1, 2, 3, 4, 5].map(draft));
    await until(() => receiver.ids().length === 5);
    await until(async () => (await shared.getCursor(SYSLOG_CURSOR)) === 5);
    expect(new Set(receiver.got.map((g) => g.host))).toEqual(new Set(['node-a']));

    a.sever();
    const late = await shared.appendAudit([6, 7, 8].map(draft));
    await until(() => receiver.ids().length === 8);
    expect(receiver.ids()).toEqual([...early, ...late].map((r) => r.id));
    expect(receiver.got.filter((g) => g.id > 5).every((g) => g.host === 'node-b')).toBe(true);
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  it('hands the lease over at once on stop(), without waiting for it to expire', async () => {
    const { receiver, make } = await setup();
    const store = new MemoryAuditStore();
    const first = make(store, 'node-a', { leaseMs: 120_000 });
    const second = make(store, 'node-b', { leaseMs: 120_000 });
    await store.appendAudit([draft(1)]);
    first.start();
    await until(() => receiver.ids().length === 1);
    second.start();
    await first.stop();
    await store.appendAudit([draft(2)]);
    await until(() => receiver.ids().length === 2);
    expect(receiver.got.find((g) => g.id === 2)?.host).toBe('node-b');
  });

  it('wakes at nudge() instead of waiting for the next poll', async () => {
    const { receiver, make } = await setup();
    const store = new MemoryAuditStore();
    const shipper = make(store, 'node-a', { pollMs: 120_000, leaseMs: 600_000 });
    await store.appendAudit([draft(1)]);
    shipper.start();
    await until(async () => (await store.getCursor(SYSLOG_CURSOR)) === 1);
    await store.appendAudit([draft(2)]);
    shipper.nudge();
    await until(() => receiver.ids().length === 2);
  });

  it('pauses while the audit store is unreachable and resumes from the durable cursor', async () => {
    const { receiver, lines, make } = await setup();
    const store = new MemoryAuditStore();
    const view = severable(store);
    const shipper = make(view.store, 'node-a');
    await store.appendAudit([draft(1), draft(2)]);
    shipper.start();
    await until(async () => (await store.getCursor(SYSLOG_CURSOR)) === 2);
    view.sever();
    await store.appendAudit([draft(3)]);
    await until(() => lines.some((line) => line.includes('the audit store failed')));
    view.restore();
    await until(() => receiver.ids().length === 3);
    expect(receiver.ids()).toEqual([1, 2, 3]);
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  it('backs off while the receiver is down and delivers everything once it is up', async () => {
    const { receiver, lines, make } = await setup();
    const port = receiver.port;
    await receiver.close();
    const store = new MemoryAuditStore();
    await store.appendAudit([draft(1), draft(2)]);
    const shipper = make(store, 'node-a');
    shipper.start();
    await until(() => lines.filter((line) => line.includes('unreachable')).length >= 3);
    const delays = lines
      .filter((line) => line.includes('unreachable'))
      .map((line) => JSON.parse(line).fields.retryInMs as number);
    // Jittered doubling from 20 ms to at most 200 ms: 10–20, 20–40, 40–80, …
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    expect(delays[0]).toBeLessThanOrEqual(20);
    expect(delays[2]).toBeGreaterThanOrEqual(40);
    expect(Math.max(...delays)).toBeLessThanOrEqual(200);
    const again = await tcpReceiverOn(port);
    cleanups.push(again.close);
    await until(() => again.ids().length === 2);
    expect(await store.getCursor(SYSLOG_CURSOR)).toBeLessThanOrEqual(2);
  });
});

/** A receiver on a given port (the one a test closed), retried while the port is still in TIME_WAIT. */
async function tcpReceiverOn(port: number) {
  const got: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('utf8').matchAll(/ id="(\d+)"/g)) got.push(Number(m[1]));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    ids: () => [...new Set(got)].sort((a, b) => a - b),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
