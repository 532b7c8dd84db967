import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { SqliteError, type Statement } from 'better-sqlite3';
import { type CommitInfo, GroupCommit } from './group-commit.js';
import type {
  BurnOutcome,
  CancelOutcome,
  ClaimOutcome,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  Lease,
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
import { prepareFileStatements } from './sqlite-file-statements.js';
import { SqliteGrants } from './sqlite-grants.js';
import { migrate } from './sqlite-schema.js';
import { SqliteSecrets } from './sqlite-secrets.js';
import { prepareStatements } from './sqlite-statements.js';
import { SqliteUploads } from './sqlite-uploads.js';

export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's lock before failing as unavailable. Default 5000. */
  busyTimeoutMs?: number;
  /** Called after each committed batch (metrics, and tests that check that commits are grouped). */
  onCommit?: (info: CommitInfo) => void;
  /** At most this many secrets, file records and receipts (each) one sweep removes. Default 1000. */
  sweepBatch?: number;
}

/**
 * The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so a resolved write survives a
 * crash or power loss. Writes are grouped into one transaction per event-loop turn (`GroupCommit`); every
 * method that changes state is ONE operation in it (a SAVEPOINT), whose reads and writes nothing on this
 * connection can interleave with. Reads run at once against the last committed state. Other processes may
 * open the same file; `BEGIN IMMEDIATE` and `busy_timeout` serialise their writers.
 *
 * This class owns the connection, the transactions and the error mapping; the bodies of the operations are
 * `SqliteSecrets` (create, claim, burn, sweep), `SqliteUploads` and `SqliteGrants` (downloads).
 *
 * @example
 * const store = new SqliteStore('/var/lib/burnlink/burnlink.db');
 */
export class SqliteStore implements SecretStore {
  readonly #db: Database.Database;
  readonly #writes: GroupCommit;
  readonly #ping: Statement;
  readonly #secrets: SqliteSecrets;
  readonly #uploads: SqliteUploads;
  readonly #grants: SqliteGrants;
  #closed = false;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    try {
      // Only ciphertext lives here, but nobody else on the machine needs to read it: a new directory is 0700.
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      this.#db = new Database(path);
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      this.#db.pragma('foreign_keys = ON');
      migrate(this.#db);
    } catch (error) {
      throw new StoreUnavailableError('cannot open the SQLite database', { cause: error });
    }
    this.#writes = new GroupCommit(this.#db, toStoreError, options.onCommit);
    const sql = prepareStatements(this.#db);
    const files = prepareFileStatements(this.#db);
    this.#ping = sql.ping;
    this.#grants = new SqliteGrants(files);
    this.#uploads = new SqliteUploads(sql, files);
    const sweepBatch = Math.max(1, Math.floor(options.sweepBatch ?? 1000));
    this.#secrets = new SqliteSecrets(sql, files, this.#grants, sweepBatch);
  }

  create(secret: NewSecret): Promise<void> {
    return this.#write(() => this.#secrets.create(secret));
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#read(() => this.#secrets.peek(id, now));
  }

  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    return this.#write(() => this.#secrets.claim(id, presented, now, grant));
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#read(() => this.#secrets.receipt(receiptHash, now));
  }

  burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    return this.#write(() => this.#secrets.burn(receiptHash, now));
  }

  upload(blobId: string, now: number): Promise<UploadState | null> {
    return this.#read(() => this.#uploads.upload(blobId, now));
  }

  startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    return this.#write(() => this.#uploads.startUpload(blobId, offset, lease, now));
  }

  finishUpload(blobId: string, leaseId: string, offset: number, now: number): Promise<FinishUploadOutcome> {
    return this.#write(() => this.#uploads.finishUpload(blobId, leaseId, offset, now));
  }

  cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    return this.#write(() => this.#uploads.cancelUpload(blobId, now));
  }

  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): Promise<StartDownloadOutcome> {
    return this.#write(() => this.#grants.startDownload(blobId, grantHash, lease, now));
  }

  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    return this.#write(() => this.#grants.finishDownload(blobId, grantHash, leaseId, delivered, now));
  }

  extendLease(blobId: string, grantHash: string | null, leaseId: string, until: number): Promise<boolean> {
    return this.#write(() =>
      grantHash === null
        ? this.#uploads.extendLease(blobId, leaseId, until)
        : this.#grants.extendLease(blobId, grantHash, leaseId, until),
    );
  }

  sweep(now: number): Promise<SweepResult> {
    return this.#write(() => this.#secrets.sweep(now));
  }

  knownBlobs(blobIds: string[]): Promise<Set<string>> {
    return this.#read(() => this.#secrets.knownBlobs(blobIds));
  }

  ping(): Promise<void> {
    return this.#read(() => {
      this.#ping.get();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#writes.flush();
    } finally {
      this.#db.close();
    }
  }

  #write<T>(run: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('the SQLite store is closed'));
    return this.#writes.run(run);
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

/**
 * A duplicate id is the caller's problem, and so is a value the schema refuses or a RangeError (an argument
 * outside what the contract allows): plain errors. Everything else SQLite throws means the store failed.
 */
function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || error instanceof RangeError) return error;
  if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    const duplicate =
      error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE';
    const message = duplicate
      ? 'a secret, receipt, blob or grant with this id already exists'
      : 'a value is outside what the store accepts';
    return new Error(message, { cause: error });
  }
  return new StoreUnavailableError('the SQLite store failed', { cause: error });
}
