import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditConfig } from '../../config.js';
import type { AuditStore } from '../audit-store.js';
import type { AuditRecord } from '../audit-types.js';
import { formatSyslog, localOrigin } from './format.js';
import { type SyslogConnection, type SyslogTransport, syslogTransport } from './transport.js';

/** The durable cursor and the lease of syslog shipping in the audit store. */
export const SYSLOG_CURSOR = 'syslog';

/** The shipper's log lines: connection state and record ids only, never a record's content. */
export interface ShipperLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SyslogShipperOptions {
  store: AuditStore;
  transport: SyslogTransport;
  /** One record as one syslog message (format.ts). */
  format: (record: AuditRecord) => string;
  log: ShipperLog;
  /** This node's name in the lease; unique per process by default. */
  holder?: string;
  now?: () => number;
  /** How often the trail is polled when nothing nudges: 1 s. */
  pollMs?: number;
  /** Records read and sent per round: 200. */
  batchSize?: number;
  /** How long the lease lasts unless renewed (renewed every third of it): 30 s. */
  leaseMs?: number;
  /** How long records must sit on a healthy connection before the cursor moves past them: 2 s. */
  settleMs?: number;
  /** Reconnect delays: from `minMs`, doubling to `maxMs`, each jittered to 50–100 %. 0.25 s … 30 s. */
  backoff?: { minMs: number; maxMs: number };
  /** Connecting, and a write the socket does not take, give up after this: 10 s. */
  ioTimeoutMs?: number;
  random?: () => number;
}

interface Pending {
  /** The last record id of a batch written on the current connection. */
  id: number;
  writtenAt: number;
}

/**
 * Ships the audit trail to a syslog receiver, at least once, from the durable cursor `syslog`.
 *
 * - One node ships at a time: it holds the lease `syslog` and renews it; when it dies, the lease expires and
 *   another node takes over from the durable cursor.
 * - Syslog has no acknowledgement, and a TCP write succeeds long before the receiver has the bytes. So the
 *   cursor moves past a batch only once the batch has sat `settleMs` on a connection that is still healthy
 *   (a receiver that dies or restarts closes or resets the connection, which we see at once). On any failure
 *   the shipper drops the connection, rewinds to the durable cursor and resends from there after a jittered
 *   exponential backoff: records may arrive twice, never not at all. Each message carries its record id
 *   (docs/siem.md) for deduplication.
 * - A graceful `stop()` half-closes the connection: a receiver that closes its side after ours has read
 *   everything, and the cursor moves past it (fewer duplicates after a restart).
 */
export class SyslogShipper {
  readonly #store: AuditStore;
  readonly #transport: SyslogTransport;
  readonly #format: (record: AuditRecord) => string;
  readonly #log: ShipperLog;
  readonly #holder: string;
  readonly #now: () => number;
  readonly #pollMs: number;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #settleMs: number;
  readonly #backoff: { minMs: number; maxMs: number };
  readonly #ioTimeoutMs: number;
  readonly #random: () => number;

  #held = false;
  #renewAt = 0;
  /** The store's cursor as we last set or read it. */
  #durable = 0;
  /** The last record id written on the current connection (or `#durable` when there is none). */
  #sent = 0;
  #pending: Pending[] = [];
  #connection: SyslogConnection | null = null;
  #failures = 0;
  #connectAt = 0;

  #running: Promise<void> | null = null;
  #stopping = false;
  #nudged = false;
  #wake: (() => void) | null = null;

  constructor(options: SyslogShipperOptions) {
    this.#store = options.store;
    this.#transport = options.transport;
    this.#format = options.format;
    this.#log = options.log;
    this.#holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#now = options.now ?? Date.now;
    this.#pollMs = options.pollMs ?? 1000;
    this.#batchSize = options.batchSize ?? 200;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#settleMs = options.settleMs ?? 2000;
    this.#backoff = options.backoff ?? { minMs: 250, maxMs: 30_000 };
    this.#ioTimeoutMs = options.ioTimeoutMs ?? 10_000;
    this.#random = options.random ?? Math.random;
  }

  /** Starts following the trail (idempotent). */
  start(): void {
    if (this.#running !== null) return;
    this.#stopping = false;
    this.#running = this.#run();
  }

  /** Looks for new records now instead of at the next poll (the recorder calls it after an append). */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /**
   * Stops: sends nothing new, closes the connection (moving the cursor past what the receiver confirmably
   * read), releases the lease so another node can take over at once.
   */
  async stop(): Promise<void> {
    if (this.#running === null) return;
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = null;
    const connection = this.#connection;
    this.#connection = null;
    if (connection !== null) {
      const readAll = await connection.close(Math.min(2000, this.#ioTimeoutMs));
      const last = this.#pending.at(-1);
      if (readAll && last !== undefined && this.#held) {
        await this.#store.moveCursor(SYSLOG_CURSOR, this.#durable, last.id).catch(() => false);
      }
    }
    this.#pending = [];
    if (this.#held) {
      this.#held = false;
      await this.#store.releaseLease(SYSLOG_CURSOR, this.#holder).catch(() => {});
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let waitMs: number;
      try {
        waitMs = await this.#step();
      } catch (error) {
        // The store failed (unavailable, …): start over from the durable cursor once it answers.
        this.#log.warn(
          { err: { type: (error as Error)?.name, message: (error as Error)?.message } },
          'syslog shipping paused: the audit store failed',
        );
        this.#dropConnection();
        this.#held = false;
        this.#renewAt = 0;
        waitMs = this.#nextBackoff();
      }
      if (waitMs > 0 && !this.#stopping) await this.#sleep(waitMs);
    }
  }

  /** One round; answers how long to wait before the next. */
  async #step(): Promise<number> {
    let now = this.#now();
    if (now >= this.#renewAt) {
      const held = await this.#store.takeLease(SYSLOG_CURSOR, this.#holder, now + this.#leaseMs, now);
      if (!held) {
        if (this.#held)
          this.#log.warn({ holder: this.#holder }, 'syslog shipping lease lost to another node');
        this.#held = false;
        this.#dropConnection();
        this.#renewAt = now + this.#pollMs;
        return this.#pollMs;
      }
      if (!this.#held) {
        this.#held = true;
        this.#durable = await this.#store.getCursor(SYSLOG_CURSOR);
        this.#sent = this.#durable;
        this.#pending = [];
        this.#log.info(
          { holder: this.#holder, target: this.#transport.label, cursor: this.#durable },
          'syslog shipping: this node ships the audit trail',
        );
      }
      this.#renewAt = now + Math.floor(this.#leaseMs / 3);
    }
    const failure = this.#connection?.failure();
    if (failure) {
      this.#dropConnection();
      const delay = this.#nextBackoff();
      this.#connectAt = now + delay;
      this.#log.warn(
        { target: this.#transport.label, err: describe(failure), cursor: this.#durable, retryInMs: delay },
        'syslog connection failed; resending from the durable cursor after a pause',
      );
    }
    await this.#confirmSettled(now);
    if (this.#stopping || !this.#held) return 0;
    if (now < this.#connectAt) return Math.min(this.#connectAt - now, this.#renewAt - now);

    const records = await this.#store.auditAfter(this.#sent, this.#batchSize);
    // stop() sends nothing new, even what this round has just read.
    if (this.#stopping) return 0;
    if (records.length > 0) {
      const connection = this.#connection ?? (await this.#connect());
      if (connection === null) return Math.max(0, this.#connectAt - this.#now());
      if (this.#stopping) return 0;
      await this.#send(connection, records);
      now = this.#now();
      if (records.length === this.#batchSize) return 0;
    }
    const settleAt =
      this.#pending[0] === undefined ? Number.POSITIVE_INFINITY : this.#pending[0].writtenAt + this.#settleMs;
    return Math.max(0, Math.min(now + this.#pollMs, settleAt, this.#renewAt) - now);
  }

  async #connect(): Promise<SyslogConnection | null> {
    try {
      const connection = await this.#transport.connect(this.#ioTimeoutMs);
      connection.onFailure(() => this.#wake?.());
      this.#connection = connection;
      if (this.#failures > 0) {
        this.#log.info(
          { target: this.#transport.label, cursor: this.#durable },
          'syslog connection restored',
        );
      }
      return connection;
    } catch (error) {
      const delay = this.#nextBackoff();
      this.#connectAt = this.#now() + delay;
      this.#log.warn(
        { target: this.#transport.label, err: describe(error), retryInMs: delay },
        'syslog receiver unreachable; retrying after a pause',
      );
      return null;
    }
  }

  /** Writes a batch; a write the socket does not take within the I/O timeout fails the connection. */
  async #send(connection: SyslogConnection, records: AuditRecord[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`the receiver took no data for ${this.#ioTimeoutMs} ms`);
        connection.abort(error);
        reject(error);
      }, this.#ioTimeoutMs);
    });
    try {
      await Promise.race([Promise.all(records.map((r) => connection.send(this.#format(r)))), stalled]);
      const last = records.at(-1)!;
      this.#sent = last.id;
      this.#pending.push({ id: last.id, writtenAt: this.#now() });
    } catch {
      // The connection failed: the next round sees it, rewinds and backs off.
    } finally {
      clearTimeout(timer);
    }
  }

  /** Moves the durable cursor past the batches that settled on a connection that is still healthy. */
  async #confirmSettled(now: number): Promise<void> {
    if (this.#connection === null || this.#pending[0] === undefined) return;
    // Let the poll phase run first: a reset or close that arrived while this round's timer was due must be
    // seen before the batches it concerns are confirmed.
    await new Promise((resolve) => setImmediate(resolve));
    const connection = this.#connection;
    if (connection === null || connection.failure() !== null) return;
    let settled: Pending | undefined;
    while (this.#pending[0] !== undefined && this.#pending[0].writtenAt + this.#settleMs <= now) {
      settled = this.#pending.shift();
    }
    if (settled === undefined) return;
    if (await this.#store.moveCursor(SYSLOG_CURSOR, this.#durable, settled.id)) {
      this.#durable = settled.id;
      this.#failures = 0;
      return;
    }
    // Someone else moved the cursor: another node shipped meanwhile. Retake the lease and reload.
    this.#log.warn({ holder: this.#holder }, 'syslog cursor moved by another node; reloading it');
    this.#dropConnection();
    this.#held = false;
    this.#renewAt = 0;
  }

  /** Forgets the connection and everything unconfirmed on it: the next send starts at the durable cursor. */
  #dropConnection(): void {
    this.#connection?.abort(new Error('dropped'));
    this.#connection = null;
    this.#pending = [];
    this.#sent = this.#durable;
  }

  #nextBackoff(): number {
    const base = Math.min(this.#backoff.maxMs, this.#backoff.minMs * 2 ** Math.min(this.#failures, 30));
    this.#failures += 1;
    return Math.round(base / 2 + (this.#random() * base) / 2);
  }

  #sleep(ms: number): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#nudged = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}

/**
 * The shipper `BURNLINK_AUDIT_SYSLOG` asks for, not yet started: the app builds it when the trail is on and
 * a target is set, starts it once the app is ready, nudges it after each append, and stops it on close.
 */
export function syslogShipperFor(
  syslog: NonNullable<AuditConfig['syslog']>,
  store: AuditStore,
  log: ShipperLog,
): SyslogShipper {
  const origin = localOrigin();
  return new SyslogShipper({
    store,
    transport: syslogTransport(syslog.target, { caFile: syslog.caFile }),
    format: (record) => formatSyslog(record, syslog.format, origin),
    log,
  });
}

/** An error for a log line: its code and message (addresses at most, never a record). */
function describe(error: unknown) {
  const e = error as NodeJS.ErrnoException;
  return { type: e?.name, code: e?.code, message: e?.message };
}
