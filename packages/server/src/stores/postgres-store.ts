import type { KdfParams } from '@burnlink/core';
import pg from 'pg';
import { withDeadline } from './deadline.js';
import { OperationGate } from './operation-gate.js';
import { pgUnavailable, statementName } from './postgres-driver.js';
import { quoteIdent } from './postgres-migrations.js';
import { postgresRateLimitStore } from './postgres-rate-limits.js';
import { migrate } from './postgres-schema.js';
import { presentReceipt, type StoredReceipt } from './receipt-rules.js';
import type {
  ClaimOutcome,
  FileRef,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  ReceiptState,
  SecretInfo,
  SecretStore,
  StoreUnavailableError,
  SweepResult,
} from './secret-store.js';

/** Rows per sweep statement, and statements per sweep: a sweep stays short however far behind it is. */
const SWEEP_BATCH = 500;
const SWEEP_MAX_BATCHES = 20;

/**
 * PostgreSQL store (`postgres://` / `postgresql://`, see `parsePostgresUrl`). The schema is created and
 * migrated at open (`postgres-schema.ts`). Claim and burn are one statement each (a PL/pgSQL function that
 * locks the secret row `FOR UPDATE`, then its receipt), so at most `maxViews` claims ever answer `ok` across
 * any number of nodes. Sweeping takes rows `FOR UPDATE SKIP LOCKED` in batches: nodes sweeping at once
 * split the work instead of waiting for each other, and each row is counted by the node that deleted it.
 */
export class PostgresStore implements SecretStore {
  readonly #pool: pg.Pool;
  readonly #gate = new OperationGate('PostgreSQL');

  readonly #timeoutMs: number;

  constructor(pool: pg.Pool, timeoutMs = DEFAULT_POSTGRES_TIMEOUT_MS) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
  }

  create(s: NewSecret): Promise<void> {
    return this.#gate.run(() => this.#create(s));
  }

  async #create(s: NewSecret): Promise<void> {
    // One statement: the secret and its receipt exist together or not at all.
    await this.#query(
      `WITH secret AS (
         INSERT INTO burnlink_secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at,
           max_views, views_left, max_attempts, receipt_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11))
       INSERT INTO burnlink_receipts (receipt_hash, state, created_at, expires_at, max_views, views_left,
         max_attempts, has_passphrase, retention_ms, forget_at)
       VALUES ($11, 'pending', $7, $8, $9, $9, $10, $12, $13, $8::bigint + $13::bigint)`,
      [
        s.id,
        Buffer.from(s.verifier),
        s.linkVerifier ? Buffer.from(s.linkVerifier) : null,
        s.kdf ? JSON.stringify(s.kdf) : null,
        Buffer.from(s.content),
        JSON.stringify(s.files),
        s.createdAt,
        s.expiresAt,
        s.maxViews,
        s.maxAttempts,
        s.receiptHash,
        s.kdf !== null,
        s.receiptRetentionMs,
      ],
    );
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#gate.run(() => this.#peek(id, now));
  }

  async #peek(id: string, now: number): Promise<SecretInfo | null> {
    const { rows } = await this.#query(
      `SELECT expires_at, max_views, views_left, kdf, octet_length(content) AS size, files
       FROM burnlink_secrets WHERE id = $1 AND expires_at > $2`,
      [id, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      expiresAt: Number(row.expires_at),
      maxViews: row.max_views,
      viewsLeft: row.views_left,
      kdf: row.kdf as KdfParams | null,
      size: row.size,
      files: row.files as FileRef[],
    };
  }

  claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    return this.#gate.run(() => this.#claim(id, presented, now));
  }

  async #claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    const { rows } = await this.#query('SELECT * FROM burnlink_claim($1, $2, $3, $4)', [
      id,
      Buffer.from(presented.verifier),
      presented.linkVerifier ? Buffer.from(presented.linkVerifier) : null,
      now,
    ]);
    const row = rows[0]!;
    switch (row.o_status) {
      case 'ok':
        return {
          status: 'ok',
          content: new Uint8Array(row.o_content),
          kdf: row.o_kdf as KdfParams | null,
          files: row.o_files as FileRef[],
          viewsLeft: row.o_views_left,
          expiresAt: Number(row.o_expires_at),
        };
      case 'wrong_token':
        return { status: 'wrong_token', attemptsLeft: row.o_attempts_left };
      case 'locked':
        return { status: 'locked' };
      default:
        return { status: 'not_found' };
    }
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#gate.run(() => this.#receipt(receiptHash, now));
  }

  async #receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    const { rows } = await this.#query('SELECT * FROM burnlink_receipts WHERE receipt_hash = $1', [
      receiptHash,
    ]);
    const row = rows[0];
    if (!row) return null;
    const stored: StoredReceipt = {
      state: row.state as ReceiptState,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      maxViews: row.max_views,
      viewsLeft: row.views_left,
      viewedAt: (row.viewed_at as string[]).map(Number),
      failedAttempts: row.failed_attempts,
      maxAttempts: row.max_attempts,
      hasPassphrase: row.has_passphrase,
      endedAt: row.ended_at === null ? null : Number(row.ended_at),
      retentionMs: Number(row.retention_ms),
    };
    return presentReceipt(stored, now);
  }

  burn(receiptHash: string, now: number): Promise<boolean> {
    return this.#gate.run(() => this.#burn(receiptHash, now));
  }

  async #burn(receiptHash: string, now: number): Promise<boolean> {
    const { rows } = await this.#query('SELECT burnlink_burn($1, $2) AS known', [receiptHash, now]);
    return rows[0]?.known === true;
  }

  sweep(now: number): Promise<SweepResult> {
    return this.#gate.run(() => this.#sweep(now));
  }

  async #sweep(now: number): Promise<SweepResult> {
    let expiredSecrets = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const { rows } = await this.#query(
        `WITH doomed AS (
           SELECT id FROM burnlink_secrets WHERE expires_at <= $1
           ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED),
         gone AS (
           DELETE FROM burnlink_secrets s USING doomed WHERE s.id = doomed.id
           RETURNING s.receipt_hash, s.expires_at),
         marked AS (
           UPDATE burnlink_receipts r SET state = 'expired', views_left = 0, ended_at = gone.expires_at
           FROM gone WHERE r.receipt_hash = gone.receipt_hash AND r.state = 'pending' RETURNING 1)
         SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM marked)::int AS m`,
        [now, SWEEP_BATCH],
      );
      expiredSecrets += rows[0]!.n;
      if (rows[0]!.n < SWEEP_BATCH) break;
    }
    let purgedReceipts = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const { rowCount } = await this.#query(
        `DELETE FROM burnlink_receipts r USING (
           SELECT receipt_hash FROM burnlink_receipts WHERE forget_at <= $1
           LIMIT $2 FOR UPDATE SKIP LOCKED) doomed
         WHERE r.receipt_hash = doomed.receipt_hash`,
        [now, SWEEP_BATCH],
      );
      purgedReceipts += rowCount ?? 0;
      if ((rowCount ?? 0) < SWEEP_BATCH) break;
    }
    await this.#query('DELETE FROM burnlink_rate_limits WHERE reset_at <= $1', [now]);
    return { expiredSecrets, purgedReceipts };
  }

  /** Rate-limit counters in this database, shared by every node (for `buildApp({ rateLimit })`). */
  rateLimitBackend(): { store: unknown } {
    return { store: postgresRateLimitStore(this.#pool, this.#timeoutMs) };
  }

  ping(): Promise<void> {
    return this.#gate.run(() => this.#ping());
  }

  async #ping(): Promise<void> {
    await this.#query('SELECT 1', []);
  }

  async close(): Promise<void> {
    await this.#gate.close();
    if (!this.#pool.ended) await this.#pool.end();
  }

  // biome-ignore lint/suspicious/noExplicitAny: rows are typed field by field where they are read.
  async #query(text: string, values: unknown[]): Promise<pg.QueryResult<any>> {
    try {
      // Named statements: each connection parses and plans a statement once, not on every request.
      const query = this.#pool.query({ name: statementName(text), text, values });
      return await withDeadline(query, this.#timeoutMs, () => new Error('query timed out'));
    } catch (error) {
      throw unavailable(error);
    }
  }
}

export interface PostgresTarget {
  config: pg.PoolConfig;
  timeoutMs: number;
  /** The schema to create and use (`?schema=`), or null for the server's default search_path. */
  schema: string | null;
}

export const DEFAULT_POSTGRES_TIMEOUT_MS = 5000;

/**
 * `postgres://user[:password]@host[:port]/database[?…]` (or `postgresql://`), as libpq and `pg` read it
 * (`sslmode=require` etc. pass through). burnlink's own query options: `schema` (created if missing, and put
 * first on the search_path — one database can hold several independent burnlink instances), `pool` (connections
 * per node, default 10), `timeout` (connect and statement timeout in ms, default 5000).
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not the URL in the message (nor the TypeError, which carries it): it may hold a password.
    throw new Error('invalid PostgreSQL store URL (expected postgres://user@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('a PostgreSQL store URL starts with postgres:// or postgresql://');
  }
  const schema = takeParam(parsed, 'schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error('the PostgreSQL schema must be a plain identifier');
  }
  const max = Number(takeParam(parsed, 'pool') ?? 10);
  const timeout = Number(takeParam(parsed, 'timeout') ?? DEFAULT_POSTGRES_TIMEOUT_MS);
  if (!Number.isInteger(max) || max < 1)
    throw new Error('the PostgreSQL pool size must be a positive integer');
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new Error('the PostgreSQL timeout must be a positive integer');
  return {
    schema,
    timeoutMs: timeout,
    config: {
      connectionString: parsed.toString(),
      max,
      // The store's own deadline (`timeout`, see deadline.ts) bounds each call, waiting for a pooled
      // connection included; the driver's timers are backstops, and statement_timeout ends the work server-side.
      connectionTimeoutMillis: timeout * 3,
      statement_timeout: timeout,
      query_timeout: timeout * 3,
      idle_in_transaction_session_timeout: timeout,
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
    },
  };
}

/** Connects, migrates the schema (safely when several nodes start at once) and returns the store. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
  const target = parsePostgresUrl(url);
  const pool = new pg.Pool(target.config);
  // An idle connection that breaks (server restart) is dropped by the pool; the next query opens a new one.
  pool.on('error', () => {});
  try {
    await migrate(pool, target.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(error);
  }
  return new PostgresStore(pool, target.timeoutMs);
}

function takeParam(url: URL, name: string): string | null {
  const value = url.searchParams.get(name);
  url.searchParams.delete(name);
  return value;
}

function unavailable(error: unknown): StoreUnavailableError {
  return pgUnavailable('PostgreSQL store', error);
}
