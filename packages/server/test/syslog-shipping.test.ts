import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAccountsStore } from '../src/accounts/sqlite-accounts-store.js';
import { buildApp } from '../src/app.js';
import { auditEventOf } from '../src/audit/audit-export.js';
import type { AuditStore } from '../src/audit/audit-store.js';
import type { AuditDraft } from '../src/audit/audit-types.js';
import { MemoryAuditStore } from '../src/audit/memory-audit-store.js';
import { formatSyslog } from '../src/audit/syslog/format.js';
import { SYSLOG_CURSOR, SyslogShipper, type SyslogShipperOptions } from '../src/audit/syslog/shipper.js';
import { syslogTransport } from '../src/audit/syslog/transport.js';
import { loadConfig } from '../src/config.js';
import type { SyslogFormat, SyslogTarget } from '../src/config-audit.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { waitUntil } from './support/backend-processes.js';
import {
  type Rsyslog,
  recordIdOf,
  rsyslogAvailable,
  startRsyslog,
  startTlsReceiver,
  type TlsReceiver,
} from './support/syslog-receivers.js';

/**
 * Shipping the audit trail to a SIEM (issue 13): a real rsyslog receives over TCP (RFC 6587 octet counting)
 * and UDP, a Node listener over TLS (RFC 5425). What an operator relies on: every record arrives, in the
 * format asked for, and — after deduplication by the record id each message carries — exactly once, across
 * an outage of the receiver and a restart of the server.
 */

/** Each test ships as a host name of its own, and reads back only its own messages. */
const originOf = (hostname: string) => ({ hostname, procId: '1', version: '0.0.0-test' });
const MARKER = 'planted-detail-never-logged';
/** A receiver hangs this long before it dies: what it took into its socket buffers meanwhile is lost. */
const HANG_MS = 400;

const draft = (n: number): AuditDraft => ({
  at: Date.UTC(2026, 11, 4, 10, 0, 0) + n,
  type: n % 7 === 0 ? 'secret.claim_failed' : 'secret.viewed',
  org: n % 2 === 0 ? 'org_even' : 'public',
  actor: n % 3 === 0 ? { type: 'anonymous', id: null } : { type: 'user', id: `usr_${n}` },
  subject: { type: 'secret', id: `sec_${n}` },
  outcome: n % 7 === 0 ? 'failed' : 'ok',
  details: { views_left: n % 5, note: `${MARKER} = "${n}" | \\ ]` },
  ip: null,
});

interface Captured {
  level: 'info' | 'warn';
  fields: object;
  message: string;
}

function shipper(
  store: AuditStore,
  target: SyslogTarget,
  format: SyslogFormat,
  host: string,
  options: Partial<SyslogShipperOptions> & { caFile?: string | null; lines?: Captured[] } = {},
) {
  const lines = options.lines ?? [];
  return new SyslogShipper({
    store,
    transport: syslogTransport(target, { caFile: options.caFile ?? null }),
    format: (record) => formatSyslog(record, format, originOf(host)),
    log: {
      info: (fields, message) => lines.push({ level: 'info', fields, message }),
      warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    },
    pollMs: 100,
    settleMs: 1000,
    backoff: { minMs: 100, maxMs: 1000 },
    ...options,
  });
}

type Receiver = { messages(): Promise<string[]> };

/** What `host` sent to the receiver. */
const from = (receiver: Receiver, host: string): Receiver => ({
  messages: async () => (await receiver.messages()).filter((m) => m.split(' ')[2] === host),
});

/** Record ids in what the receiver got, each with how many times it came. */
async function arrivals(receiver: Receiver): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const message of await receiver.messages()) {
    const id = recordIdOf(message);
    if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function waitForIds(receiver: Receiver, ids: number[], timeoutMs = 20_000) {
  await waitUntil(async () => {
    const got = await arrivals(receiver);
    const missing = ids.filter((id) => !got.has(id));
    if (missing.length > 0) throw new Error(`${missing.length} records missing, first ${missing[0]}`);
  }, timeoutMs);
}

/** Appends `perTick` records every `everyMs` for `ticks` ticks (the recorder appends in batches too); answers their ids. */
async function writeSteadily(store: AuditStore, ticks: number, perTick: number, everyMs: number) {
  const ids: number[] = [];
  for (let tick = 0; tick < ticks; tick += 1) {
    const drafts = Array.from({ length: perTick }, (_, i) => draft(tick * perTick + i));
    for (const record of await store.appendAudit(drafts)) ids.push(record.id);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return ids;
}

const parseJsonMessage = (message: string) => JSON.parse(message.slice(message.indexOf('] {') + 2));

function expectExactlyOnceAfterDedup(got: Map<number, number>, ids: number[]) {
  expect([...got.keys()].sort((a, b) => a - b)).toEqual(ids);
}

describe.runIf(await rsyslogAvailable())('syslog shipping to rsyslog', () => {
  let rsyslog: Rsyslog;
  beforeAll(async () => {
    rsyslog = await startRsyslog();
  });
  afterAll(async () => {
    await rsyslog?.destroy();
  });
  const tcp = (): SyslogTarget => ({ transport: 'tcp', host: '127.0.0.1', port: rsyslog.tcpPort });
  const udp = (): SyslogTarget => ({ transport: 'udp', host: '127.0.0.1', port: rsyslog.udpPort });

  it('delivers JSON over TCP: each message parses as RFC 5424 whose MSG is the record', async () => {
    const store = new MemoryAuditStore();
    const records = await store.appendAudit([1, 2, 3, 7].map(draft));
    const lines: Captured[] = [];
    const s = shipper(store, tcp(), 'json', 'json-tcp', { lines });
    const received = from(rsyslog, 'json-tcp');
    s.start();
    try {
      await waitForIds(
        received,
        records.map((r) => r.id),
      );
    } finally {
      await s.stop();
    }
    const byId = new Map((await received.messages()).map((m) => [recordIdOf(m), m]));
    for (const record of records) {
      const message = byId.get(record.id)!;
      const pri = record.outcome === 'ok' ? 86 : 85;
      expect(message).toMatch(
        new RegExp(
          `^<${pri}>1 2026-12-04T10:00:00\\.\\d{3}Z json-tcp burnlink 1 ${record.type} \\[burnlink@32473 `,
        ),
      );
      expect(parseJsonMessage(message)).toEqual(auditEventOf(record));
    }
    expect(await store.getCursor(SYSLOG_CURSOR)).toBe(records.at(-1)!.id);
    expect(JSON.stringify(lines)).not.toContain(MARKER);
  });

  it('delivers CEF over UDP, one message per datagram', async () => {
    const store = new MemoryAuditStore();
    const records = await store.appendAudit([10, 14, 15].map(draft));
    const s = shipper(store, udp(), 'cef', 'cef-udp');
    const received = from(rsyslog, 'cef-udp');
    s.start();
    try {
      await waitForIds(
        received,
        records.map((r) => r.id),
      );
    } finally {
      await s.stop();
    }
    const byId = new Map((await received.messages()).map((m) => [recordIdOf(m), m]));
    for (const record of records) {
      const message = byId.get(record.id)!;
      const cef = message.slice(message.indexOf('CEF:0|'));
      const severity = record.outcome === 'ok' ? '3' : '5';
      expect(cef.startsWith(`CEF:0|burnlink|burnlink|0.0.0-test|${record.type}|`)).toBe(true);
      expect(cef).toContain(
        `|${severity}|rt=${record.at} externalId=${record.id} cs1Label=org cs1=${record.org} `,
      );
      const msg = /(?:^| )msg=((?:[^\\=]|\\.)*?) cs5Label=/.exec(cef)![1]!;
      expect(JSON.parse(msg.replace(/\\(.)/g, '$1'))).toEqual(record.details);
      expect(cef).toContain(` cs6Label=hash cs6=${record.hash}`);
    }
  });

  it('loses nothing when rsyslog hangs, is killed and restarted while records keep coming', async () => {
    const store = new MemoryAuditStore();
    const lines: Captured[] = [];
    const s = shipper(store, tcp(), 'json', 'outage-tcp', { lines });
    const received = from(rsyslog, 'outage-tcp');
    s.start();
    try {
      const writing = writeSteadily(store, 300, 10, 10);
      await waitUntil(async () => {
        if ((await store.getCursor(SYSLOG_CURSOR)) < 500) throw new Error('not yet');
      });
      await rsyslog.kill(HANG_MS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await rsyslog.start();
      const ids = await writing;
      await waitForIds(received, ids);
      expectExactlyOnceAfterDedup(await arrivals(received), ids);
    } finally {
      await s.stop();
    }
    expect(lines.some((l) => l.level === 'warn' && /connection failed|unreachable/.test(l.message))).toBe(
      true,
    );
    expect(JSON.stringify(lines)).not.toContain(MARKER);
  });
});

describe.runIf(await rsyslogAvailable())('syslog shipping across a server restart', () => {
  let rsyslog: Rsyslog;
  let dir: string;
  beforeAll(async () => {
    rsyslog = await startRsyslog();
    dir = await mkdtemp(join(tmpdir(), 'burnlink-syslog-restart-'));
  });
  afterAll(async () => {
    await rsyslog?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The server as `BURNLINK_AUDIT_SYSLOG` configures it, on a SQLite accounts file that outlives it. */
  async function server(logs: string[]) {
    const accounts = new SqliteAccountsStore(join(dir, 'accounts.db'));
    const app: FastifyInstance = await buildApp({
      config: loadConfig({
        BURNLINK_STORE: 'memory:',
        BURNLINK_RATE_LIMITS: 'off',
        BURNLINK_WEB_DIR: '/nonexistent-burnlink-web',
        BURNLINK_AUDIT_SYSLOG: `tcp://127.0.0.1:${rsyslog.tcpPort}`,
        BURNLINK_AUDIT_SYSLOG_FORMAT: 'json',
      }),
      store: new MemoryStore(),
      accounts,
      logger: {
        level: 'info',
        stream: new Writable({
          write(chunk, _encoding, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      },
    });
    return {
      accounts,
      stop: async () => {
        await app.close();
        await accounts.close();
      },
    };
  }

  it('loses nothing when the server stops and starts again mid-stream; each record once after dedup', async () => {
    const logs: string[] = [];
    const ids: number[] = [];
    const append = async (node: { accounts: SqliteAccountsStore }, ticks: number, offset: number) => {
      for (let tick = 0; tick < ticks; tick += 1) {
        const drafts = Array.from({ length: 10 }, (_, i) => draft(offset + tick * 10 + i));
        for (const record of await node.accounts.audit.appendAudit(drafts)) ids.push(record.id);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const received = (): Receiver => ({
      messages: async () => (await rsyslog.messages()).filter((m) => m.includes(' burnlink ')),
    });

    const first = await server(logs);
    await append(first, 50, 0);
    // A burst just before the stop: the shipper is still working through it (200 records a round).
    for (const record of await first.accounts.audit.appendAudit(
      Array.from({ length: 500 }, (_, i) => draft(500 + i)),
    )) {
      ids.push(record.id);
    }
    await first.stop();
    // Stored while no server ships (another node's records, say): the next start begins at the cursor.
    const offline = new SqliteAccountsStore(join(dir, 'accounts.db'));
    await append({ accounts: offline }, 10, 1500);
    await offline.close();
    const second = await server(logs);
    await append(second, 100, 1000);
    await waitForIds(received(), ids);
    await second.stop();

    expectExactlyOnceAfterDedup(await arrivals(received()), ids);
    expect(ids).toHaveLength(2100);
    for (const message of (await received().messages()).slice(0, 5)) {
      expect(parseJsonMessage(message).details.note).toContain(MARKER);
    }
    expect(logs.join('')).toContain('this node ships the audit trail');
    expect(logs.join('')).not.toContain(MARKER);
  });

  it('loses nothing when a node is killed with SIGKILL mid-stream and another takes over the file', async () => {
    const script = fileURLToPath(new URL('./support/syslog-node.mjs', import.meta.url));
    const built = fileURLToPath(new URL('../dist/audit/syslog/shipper.js', import.meta.url));
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
    const db = join(dir, 'crash.db');
    const node = (name: string, ticks: number) => {
      const child = spawn(process.execPath, [script], {
        env: {
          PATH: process.env.PATH ?? '',
          SYSLOG_NODE_DB: db,
          SYSLOG_NODE_PORT: String(rsyslog.tcpPort),
          SYSLOG_NODE_NAME: name,
          SYSLOG_NODE_TICKS: String(ticks),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const said = (line: string) =>
        waitUntil(async () => {
          if (!output.includes(line)) throw new Error(`${name} has not said "${line}": ${output}`);
        }, 30_000);
      return { child, exited, said, output: () => output };
    };
    const a = node('crash-a', 300);
    await a.said('started');
    const reader = new SqliteAccountsStore(db);
    try {
      await waitUntil(async () => {
        if ((await reader.audit.getCursor(SYSLOG_CURSOR)) < 500) throw new Error('not yet');
      });
      a.child.kill('SIGKILL');
      await a.exited;
      const b = node('crash-b', 50);
      await b.said('appended all');
      const ids = (await reader.audit.auditAfter(0, 100_000)).map((r) => r.id);
      const received: Receiver = {
        messages: async () => (await rsyslog.messages()).filter((m) => /^\S+ \S+ crash-[ab] /.test(m)),
      };
      await waitForIds(received, ids);
      expectExactlyOnceAfterDedup(await arrivals(received), ids);
      expect(ids.length).toBeGreaterThan(500);
      expect(b.output()).toContain('this node ships the audit trail');
      b.child.kill('SIGTERM');
      await b.exited;
    } finally {
      await reader.close();
    }
  });
});

describe.runIf(await rsyslogAvailable())('syslog shipping over TLS', () => {
  let receiver: TlsReceiver;
  beforeAll(async () => {
    receiver = await startTlsReceiver();
  });
  afterAll(async () => {
    await receiver?.destroy();
  });

  it('delivers with the configured CA, and a receiver the CA did not sign gets nothing', async () => {
    const store = new MemoryAuditStore();
    const records = await store.appendAudit([1, 2, 3].map(draft));
    const target: SyslogTarget = { transport: 'tls', host: '127.0.0.1', port: receiver.port };

    const lines: Captured[] = [];
    const untrusting = shipper(store, target, 'json', 'tls-untrusting', { lines });
    untrusting.start();
    await waitUntil(async () => {
      if (!lines.some((l) => l.message.includes('unreachable'))) throw new Error('not yet');
    });
    await untrusting.stop();
    expect(await receiver.messages()).toEqual([]);
    expect(await store.getCursor(SYSLOG_CURSOR)).toBe(0);

    const s = shipper(store, target, 'json', 'tls', { caFile: receiver.caFile });
    s.start();
    try {
      await waitForIds(
        receiver,
        records.map((r) => r.id),
      );
    } finally {
      await s.stop();
    }
    const messages = await receiver.messages();
    expect(messages.map(parseJsonMessage)).toEqual(records.map(auditEventOf));
    // A graceful stop half-closes: the receiver read it all, so the cursor is past every record.
    expect(await store.getCursor(SYSLOG_CURSOR)).toBe(records.at(-1)!.id);
  });

  it('loses nothing when the TLS receiver hangs, dies and comes back while records keep coming', async () => {
    const store = new MemoryAuditStore();
    const target: SyslogTarget = { transport: 'tls', host: 'localhost', port: receiver.port };
    const s = shipper(store, target, 'cef', 'outage-tls', { caFile: receiver.caFile });
    const received = from(receiver, 'outage-tls');
    s.start();
    try {
      const writing = writeSteadily(store, 300, 10, 10);
      await waitUntil(async () => {
        if ((await store.getCursor(SYSLOG_CURSOR)) < 500) throw new Error('not yet');
      });
      await receiver.kill(HANG_MS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await receiver.start();
      const ids = await writing;
      await waitForIds(received, ids);
      expectExactlyOnceAfterDedup(await arrivals(received), ids);
    } finally {
      await s.stop();
    }
  });
});
