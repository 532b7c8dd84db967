import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { CommitInfo } from './group-commit.js';
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
  FinishDownloadOutcome,
  FinishUploadOutcome,
  IssueCodeOutcome,
  Lease,
  NewCode,
  NewGrant,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  SecretInfo,
  SecretStore,
  StartDownloadOutcome,
  StartUploadOutcome,
  SweepResult,
  UploadState,
} from './secret-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { openSqlite, type SqliteBodies, sqliteBodies } from './sqlite-connection.js';
import { toStoreError } from './sqlite-errors.js';
import { migrate } from './sqlite-schema.js';
import { InlineWriteLink, ThreadWriteLink } from './sqlite-write-link.js';
import { SqliteWriteQueue } from './sqlite-write-queue.js';
import { SqliteWriter, type WriteArgs, type WriteName, type WriteResult } from './sqlite-writer.js';

export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's lock before failing as unavailable. Default 5000. */
  busyTimeoutMs?: number;
  /** Called after each committed batch (metrics, and tests that check that commits are grouped). */
  onCommit?: (info: CommitInfo) => void;
  /** At most this many secrets, file records and receipts (each) one sweep removes. Default 1000. */
  sweepBatch?: number;
  /** false: commit on the main thread (blocking it for each fsync) rather than a writer thread. Default true. */
  writerThread?: boolean;
}

/**
 * The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so a resolved write survives a
 * crash or power loss. Writes run on a writer thread (`sqlite-writer-worker.ts`) with its own connection:
 * the writes of one event-loop turn travel as one batch, committed as ONE transaction (`GroupCommit`), so the
 * COMMIT's fsync never blocks the event loop while the next batch gathers (`SqliteWriteQueue`). Every method
 * that changes state is ONE operation in a batch (a SAVEPOINT), whose reads and writes nothing on the
 * writer's connection can interleave with.
 *
 * Reads run at once on the main thread's own connection, against the last committed state. A write's promise
 * resolves only after its COMMIT returned, and a WAL reader's next statement sees every commit made before
 * it starts: a read issued after a write resolved sees that write (read-your-writes, also across requests).
 * Other processes may open the same file; `BEGIN IMMEDIATE` and `busy_timeout` serialise their writers.
 *
 * `:memory:` cannot be shared between connections, so there the writer runs on the main thread, on the one
 * connection (`InlineWriteLink`), with the same batching; `{ writerThread: false }` asks for that on a file
 * too (`BURNLINK_SQLITE_WRITER=inline`, and `auto` on a host of 2 CPUs or fewer: no thread hop, no second isolate).
 *
 * This class owns the connections, the threads and the error mapping; the bodies of the operations are
 * `SqliteSecrets` (create, claim, burn, sweep), `SqliteUploads` and `SqliteGrants` (downloads), built on
 * each connection (`sqlite-connection.ts`) and named for the writer in `sqlite-writer.ts`.
 *
 * @example
 * const store = new SqliteStore('/var/lib/burnlink/burnlink.db');
 */
export class SqliteStore implements SecretStore, RequestStore {
  readonly #db: Database.Database;
  readonly #writes: SqliteWriteQueue;
  readonly #reads: SqliteBodies;
  #closed = false;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    const sweepBatch = Math.max(1, Math.floor(options.sweepBatch ?? 1000));
    const memory = path === ':memory:';
    try {
      // Only ciphertext lives here, but nobody else on the machine needs to read it: a new directory is 0700.
      if (!memory) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      this.#db = openSqlite(path, busyTimeoutMs);
      migrate(this.#db);
    } catch (error) {
      throw new StoreUnavailableError('cannot open the SQLite database', { cause: error });
    }
    this.#reads = sqliteBodies(this.#db, sweepBatch);
    const link =
      memory || options.writerThread === false
        ? new InlineWriteLink(new SqliteWriter(this.#db, sweepBatch), options.onCommit)
        : new ThreadWriteLink({ path, busyTimeoutMs, sweepBatch }, options.onCommit);
    this.#writes = new SqliteWriteQueue(link);
  }

  create(secret: NewSecret): Promise<void> {
    return this.#write('create', secret);
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#read(() => this.#reads.secrets.peek(id, now));
  }

  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    return this.#write('claim', id, presented, now, grant);
  }

  issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome> {
    return this.#write('issueCode', id, code, now, maxIssued, proof);
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#read(() => this.#reads.secrets.receipt(receiptHash, now));
  }

  burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    return this.#write('burn', receiptHash, now);
  }

  upload(blobId: string, now: number): Promise<UploadState | null> {
    return this.#read(() => this.#reads.uploads.upload(blobId, now));
  }

  startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    return this.#write('startUpload', blobId, offset, lease, now);
  }

  finishUpload(blobId: string, leaseId: string, offset: number, now: number): Promise<FinishUploadOutcome> {
    return this.#write('finishUpload', blobId, leaseId, offset, now);
  }

  cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    return this.#write('cancelUpload', blobId, now);
  }

  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): Promise<StartDownloadOutcome> {
    return this.#write('startDownload', blobId, grantHash, lease, now);
  }

  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    return this.#write('finishDownload', blobId, grantHash, leaseId, delivered, now);
  }

  extendLease(blobId: string, grantHash: string | null, leaseId: string, until: number): Promise<boolean> {
    return this.#write('extendLease', blobId, grantHash, leaseId, until);
  }

  sweep(now: number): Promise<SweepResult> {
    return this.#write('sweep', now);
  }

  knownBlobs(blobIds: string[]): Promise<Set<string>> {
    return this.#read(() => this.#reads.secrets.knownBlobs(blobIds));
  }

  createRequest(request: NewRequest): Promise<void> {
    return this.#write('createRequest', request);
  }

  request(id: string, now: number): Promise<RequestRecord | null> {
    return this.#read(() => this.#reads.requests.request(id, now));
  }

  requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null> {
    return this.#read(() => this.#reads.requests.requestByReceipt(receiptHash, now));
  }

  respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome> {
    return this.#write('respond', id, respondVerifier, sealedKey, secret, now);
  }

  burnRequest(id: string, now: number): Promise<BurnRequestOutcome> {
    return this.#write('burnRequest', id, now);
  }

  ping(): Promise<void> {
    return this.#read(() => this.#reads.ping());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#writes.close();
    } finally {
      this.#db.close();
    }
  }

  #write<K extends WriteName>(name: K, ...args: WriteArgs<K>): Promise<WriteResult<K>> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('the SQLite store is closed'));
    return this.#writes.run(name, ...args);
  }

  #read<T>(run: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('the SQLite store is closed'));
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(toStoreError(error));
    }
  }
}
