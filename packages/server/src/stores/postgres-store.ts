import type { KdfParams } from '@burnlink/core';
import pg from 'pg';
import type { WindowedCounter } from '../plugins/upload-budget.js';
import { withDeadline } from './deadline.js';
import { OperationGate } from './operation-gate.js';
import { TickBatcher } from './postgres-batch.js';
import { BATCH_SIZE, type Claim, claimAll, createTexts } from './postgres-batched.js';
import { pgUnavailable } from './postgres-driver.js';
import { insertSecret } from './postgres-insert.js';
import { makeQuery, type Query } from './postgres-query.js';
import { postgresCounter, postgresRateLimitStore } from './postgres-rate-limits.js';
import * as requests from './postgres-requests.js';
import { migrate } from './postgres-schema.js';
import { sweep } from './postgres-sweep.js';
import * as transfers from './postgres-transfers.js';
import { DEFAULT_POSTGRES_TIMEOUT_MS, parsePostgresUrl } from './postgres-url.js';
import { presentReceipt, type StoredReceipt } from './receipt-rules.js';
import type {
  BurnRequestOutcome,
  NewRequest,
  RequestRecord,
  RequestStore,
  RespondOutcome,
} from './request-store.js';
import type {
  BurnOutcome,
  CancelOutcome,
  ClaimOutcome,
  DownloadEvent,
  FileRef,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  IssueCodeOutcome,
  Lease,
  NewCode,
  NewGrant,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  ReceiptState,
  SecretInfo,
  SecretStore,
  StartDownloadOutcome,
  StartUploadOutcome,
  SweepResult,
  UploadState,
} from './secret-store.js';

export { DEFAULT_POSTGRES_TIMEOUT_MS, type PostgresTarget, parsePostgresUrl } from './postgres-url.js';

/**
 * PostgreSQL store (`postgres://` / `postgresql://`, see `parsePostgresUrl`). The schema is created and
 * migrated at open (`postgres-schema.ts`, which also states the lock order). Every contract method but
 * `sweep` (bounded batches) is ONE statement, so one round trip and one transaction: a plain query, or a PL/pgSQL function that locks the rows
 * it changes (claim locks the secret row `FOR UPDATE`, so at most `maxViews` claims ever answer `ok` across
 * any number of nodes). Text create and claim run the same single statement as before files existed. Uploads
 * and downloads are in `postgres-transfers.ts`, the sweep in `postgres-sweep.ts`.
 *
 * Group commit: text creates, and claims, that arrive together (`TickBatcher`: the same event-loop turn, or
 * while earlier batches are in flight) are ONE statement each — one transaction and one WAL flush for all —
 * on at most a third of the pool each (`postgres-batched.ts`); a call still resolves only once its rows have
 * committed. Each commit waits for a WAL flush, so calls one by one would be bounded by the flushes the
 * pool's connections can wait for at once.
 *
 * @example
 * const store = await openPostgresStore('postgres://burnlink@db/burnlink?schema=burnlink');
 */
export class PostgresStore implements SecretStore, RequestStore {
  readonly #pool: pg.Pool;
  readonly #gate = new OperationGate('PostgreSQL');
  readonly #timeoutMs: number;
  readonly #query: Query;
  readonly #creates: TickBatcher<NewSecret, void>;
  readonly #claims: TickBatcher<Claim, ClaimOutcome>;

  constructor(pool: pg.Pool, timeoutMs = DEFAULT_POSTGRES_TIMEOUT_MS) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#query = makeQuery(pool, timeoutMs);
    // A third of the pool at most for create batches, a third for claims: other calls keep connections of their own.
    const batches = Math.max(1, Math.floor((pool.options.max ?? 10) / 3));
    this.#creates = new TickBatcher(batches, BATCH_SIZE, (secrets) =>
      createTexts(this.#query, secrets, (one) => this.#query(...insertSecret(one))),
    );
    this.#claims = new TickBatcher(batches, BATCH_SIZE, (claims) => claimAll(this.#query, claims));
  }

  create(s: NewSecret): Promise<void> {
    return this.#run(async () => {
      // One statement: the secret, its receipt (and its files) exist together or not at all.
      if (s.files.length === 0) {
        // Text secrets go through group commit; the wait in the queue is under the deadline too.
        await withDeadline(this.#creates.add(s), this.#timeoutMs, () =>
          pgUnavailable('PostgreSQL store', new Error('query timed out')),
        );
        return;
      }
      await this.#query(...insertSecret(s));
    });
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#run(async () => {
      const { rows } = await this.#query(
        `SELECT expires_at, max_views, views_left, kdf, octet_length(content) AS size, files, restrictions
         FROM burnlink_secrets WHERE id = $1 AND expires_at > $2 AND NOT staged`,
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
        restrictions: row.restrictions,
      };
    });
  }

  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    return this.#run(() =>
      // Group commit, as for creates; the wait in the queue is under the deadline too.
      withDeadline(this.#claims.add({ id, presented, now, grant }), this.#timeoutMs, () =>
        pgUnavailable('PostgreSQL store', new Error('query timed out')),
      ),
    );
  }

  /** One statement: `burnlink_issue_code` locks the secret row, checks and stores (migration 5). */
  issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome> {
    return this.#run(async () => {
      const { rows } = await this.#query(
        'SELECT burnlink_issue_code($1, $2, $3, $4, $5, $6, $7, $8) AS outcome',
        [
          id,
          code.hash,
          code.expiresAt,
          code.tries,
          now,
          maxIssued,
          Buffer.from(proof.verifier),
          proof.linkVerifier ? Buffer.from(proof.linkVerifier) : null,
        ],
      );
      return rows[0]!.outcome as IssueCodeOutcome;
    });
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#run(async () => {
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
        downloads: row.downloads as DownloadEvent[],
        retentionMs: Number(row.retention_ms),
      };
      return presentReceipt(stored, now);
    });
  }

  burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    return this.#run(async () => {
      const { rows } = await this.#query('SELECT * FROM burnlink_burn_receipt($1, $2)', [receiptHash, now]);
      const row = rows[0]!;
      return {
        known: row.o_known,
        secretId: row.o_secret_id,
        ended: row.o_ended,
        blobIds: row.o_blob_ids ?? [],
      };
    });
  }

  upload(blobId: string, now: number): Promise<UploadState | null> {
    return this.#run(() => transfers.uploadState(this.#query, blobId, now));
  }

  startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    return this.#run(() => transfers.startUpload(this.#query, blobId, offset, lease, now));
  }

  finishUpload(blobId: string, leaseId: string, offset: number, now: number): Promise<FinishUploadOutcome> {
    return this.#run(() => transfers.finishUpload(this.#query, blobId, leaseId, offset, now));
  }

  cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    return this.#run(() => transfers.cancelUpload(this.#query, blobId, now));
  }

  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): Promise<StartDownloadOutcome> {
    return this.#run(() => transfers.startDownload(this.#query, blobId, grantHash, lease, now));
  }

  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    return this.#run(() => transfers.finishDownload(this.#query, blobId, grantHash, leaseId, delivered, now));
  }

  extendLease(blobId: string, grantHash: string | null, leaseId: string, until: number): Promise<boolean> {
    return this.#run(() => transfers.extendLease(this.#query, blobId, grantHash, leaseId, until));
  }

  knownBlobs(blobIds: string[]): Promise<Set<string>> {
    return this.#run(() => transfers.knownBlobs(this.#query, blobIds));
  }

  /** In batches that nodes sweeping at once split between them: see `postgres-sweep.ts`. */
  sweep(now: number): Promise<SweepResult> {
    return this.#run(async () => ({
      ...(await sweep(this.#query, now)),
      ...(await requests.sweepRequests(this.#query, now)),
    }));
  }

  /** Rate-limit counters in this database, shared by every node (for `buildApp({ rateLimit })`). */
  rateLimitBackend(): { store: unknown; counter: WindowedCounter } {
    return {
      store: postgresRateLimitStore(this.#pool, this.#timeoutMs),
      counter: postgresCounter(this.#pool, this.#timeoutMs),
    };
  }

  createRequest(request: NewRequest): Promise<void> {
    return this.#run(() => requests.createRequest(this.#query, request));
  }

  request(id: string, now: number): Promise<RequestRecord | null> {
    return this.#run(() => requests.request(this.#query, 'id', id, now));
  }

  requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null> {
    return this.#run(() => requests.request(this.#query, 'receipt_hash', receiptHash, now));
  }

  respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome> {
    return this.#run(() =>
      requests.respond(this.#pool, this.#timeoutMs, id, respondVerifier, sealedKey, secret, now),
    );
  }

  burnRequest(id: string, now: number): Promise<BurnRequestOutcome> {
    return this.#run(() => requests.burnRequest(this.#query, id, now));
  }

  ping(): Promise<void> {
    return this.#run(async () => {
      await this.#query('SELECT 1', []);
    });
  }

  async close(): Promise<void> {
    await this.#gate.close();
    if (!this.#pool.ended) await this.#pool.end();
  }

  #run<T>(operation: () => Promise<T>): Promise<T> {
    return this.#gate.run(operation);
  }
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
    throw pgUnavailable('PostgreSQL store', error);
  }
  return new PostgresStore(pool, target.timeoutMs);
}
