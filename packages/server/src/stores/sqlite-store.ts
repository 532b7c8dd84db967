import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KdfParams } from '@burnlink/core';
import Database, { SqliteError } from 'better-sqlite3';
import { type CommitInfo, GroupCommit } from './group-commit.js';
import { digestsEqual, presentReceipt } from './receipt-rules.js';
import type {
  ClaimOutcome,
  FileRef,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  SecretInfo,
  SecretStore,
  SweepResult,
} from './secret-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { migrate } from './sqlite-schema.js';
import { prepareStatements, type ReceiptRow, type SecretRow, toStoredReceipt } from './sqlite-statements.js';

export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's lock before failing as unavailable. Default 5000. */
  busyTimeoutMs?: number;
  /** Called after each committed batch (metrics, and tests that check that commits are grouped). */
  onCommit?: (info: CommitInfo) => void;
}

/**
 * The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so a resolved write survives a
 * crash or power loss. Writes are grouped into one transaction per event-loop turn (`GroupCommit`); the
 * one-time rule runs inside that transaction, which on one connection nothing can interleave. Reads run at
 * once against the last committed state. Other processes may open the same file; `BEGIN IMMEDIATE` and
 * `busy_timeout` serialise their writers.
 *
 * @example
 * const store = new SqliteStore('/var/lib/burnlink/burnlink.db');
 */
export class SqliteStore implements SecretStore {
  readonly #db: Database.Database;
  readonly #writes: GroupCommit;
  readonly #sql;
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
    this.#sql = prepareStatements(this.#db);
  }

  create(secret: NewSecret): Promise<void> {
    return this.#write(() => {
      this.#sql.insertSecret.run(
        secret.id,
        secret.verifier,
        secret.linkVerifier,
        secret.kdf ? JSON.stringify(secret.kdf) : null,
        secret.content,
        JSON.stringify(secret.files.map((f) => ({ id: f.id, size: f.size }))),
        secret.createdAt,
        secret.expiresAt,
        secret.maxViews,
        secret.maxViews, // views_left
        secret.maxAttempts,
        secret.receiptHash,
      );
      this.#sql.insertReceipt.run(
        secret.receiptHash,
        secret.id,
        secret.createdAt,
        secret.expiresAt,
        secret.maxViews,
        secret.maxViews, // views_left
        secret.maxAttempts,
        secret.kdf ? 1 : 0, // has_passphrase
        secret.receiptRetentionMs,
      );
    });
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#read(() => {
      const row = this.#sql.peek.get(id, now) as
        | {
            expires_at: number;
            max_views: number;
            views_left: number;
            kdf: string | null;
            size: number;
            files: string;
          }
        | undefined;
      if (!row) return null;
      return {
        expiresAt: row.expires_at,
        maxViews: row.max_views,
        viewsLeft: row.views_left,
        kdf: parseKdf(row.kdf),
        size: row.size,
        files: JSON.parse(row.files) as FileRef[],
      };
    });
  }

  claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    return this.#write((): ClaimOutcome => {
      const row = this.#sql.findLive.get(id, now) as SecretRow | undefined;
      if (!row) return { status: 'not_found' };
      if (row.link_verifier) {
        if (!presented.linkVerifier || !digestsEqual(presented.linkVerifier, row.link_verifier)) {
          return { status: 'not_found' };
        }
      }
      const kdf = parseKdf(row.kdf);
      if (digestsEqual(presented.verifier, row.verifier)) {
        const { content } = this.#sql.content.get(id) as { content: Buffer };
        const viewsLeft = row.views_left - 1;
        if (viewsLeft <= 0) {
          this.#sql.deleteSecret.run(id);
          this.#sql.lastView.run({ hash: row.receipt_hash, now });
        } else {
          this.#sql.setViewsLeft.run(viewsLeft, id);
          this.#sql.addView.run({ hash: row.receipt_hash, now, views_left: viewsLeft });
        }
        return {
          status: 'ok',
          content: new Uint8Array(content),
          kdf,
          files: JSON.parse(row.files) as FileRef[],
          viewsLeft: Math.max(0, viewsLeft),
          expiresAt: row.expires_at,
        };
      }
      if (kdf === null) return { status: 'not_found' };
      const failed = row.failed_attempts + 1;
      if (failed >= row.max_attempts) {
        this.#sql.deleteSecret.run(id);
        this.#sql.lock.run({ hash: row.receipt_hash, now, failed });
        return { status: 'locked' };
      }
      this.#sql.setFailed.run(failed, id);
      this.#sql.setReceiptFailed.run(failed, row.receipt_hash);
      return { status: 'wrong_token', attemptsLeft: row.max_attempts - failed };
    });
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#read(() => {
      const row = this.#sql.receipt.get(receiptHash) as ReceiptRow | undefined;
      return row ? presentReceipt(toStoredReceipt(row), now) : null;
    });
  }

  burn(receiptHash: string, now: number): Promise<boolean> {
    return this.#write(() => {
      const row = this.#sql.receipt.get(receiptHash) as ReceiptRow | undefined;
      if (!row || !presentReceipt(toStoredReceipt(row), now)) return false;
      if (row.state !== 'pending') return true;
      this.#sql.deleteSecret.run(row.secret_id);
      if (row.expires_at <= now) this.#sql.expireReceipt.run(receiptHash);
      else this.#sql.burnReceipt.run({ hash: receiptHash, now });
      return true;
    });
  }

  sweep(now: number): Promise<SweepResult> {
    return this.#write(() => {
      this.#sql.expirePendingReceipts.run(now);
      const expiredSecrets = this.#sql.deleteExpiredSecrets.run(now).changes;
      const purgedReceipts = this.#sql.purgeReceipts.run(now).changes;
      return { expiredSecrets, purgedReceipts };
    });
  }

  ping(): Promise<void> {
    return this.#read(() => {
      this.#sql.ping.get();
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

function parseKdf(text: string | null): KdfParams | null {
  return text === null ? null : (JSON.parse(text) as KdfParams);
}

/** A duplicate id is the caller's problem; everything else SQLite throws means the store failed. */
function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    return new Error('a secret with this id or receipt already exists', { cause: error });
  }
  return new StoreUnavailableError('the SQLite store failed', { cause: error });
}
