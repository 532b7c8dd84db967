import { checkFinishOffset, leaseActive, uploadCompletes } from './file-rules.js';
import type {
  CancelOutcome,
  FinishUploadOutcome,
  Lease,
  StartUploadOutcome,
  UploadState,
} from './secret-store.js';
import type { SqliteFileStatements, UploadRow } from './sqlite-file-statements.js';
import type { SqliteStatements } from './sqlite-statements.js';

/**
 * The upload half of `SqliteStore`: each method is the body of ONE group-commit operation (or of a read), so
 * its reads and the writes they decide run with nothing in between. The rules are `file-rules.ts`, shared
 * with every backend.
 *
 * An upload is seen through its secret: only while the secret row exists and is unexpired (staged or live).
 * Once the secret has ended its file records live on for the grants only, and every upload method answers
 * null / `not_found`, as after a burn or a cancel.
 */
export class SqliteUploads {
  readonly #sql: SqliteStatements;
  readonly #files: SqliteFileStatements;

  constructor(sql: SqliteStatements, files: SqliteFileStatements) {
    this.#sql = sql;
    this.#files = files;
  }

  upload(blobId: string, now: number): UploadState | null {
    const row = this.#find(blobId, now);
    if (!row) return null;
    return {
      blobId,
      secretId: row.secret_id,
      index: row.file_index,
      length: row.size,
      offset: row.stored,
      sealed: row.secret_staged === 0,
      expiresAt: row.secret_expires_at ?? 0,
    };
  }

  startUpload(blobId: string, offset: number, lease: Lease, now: number): StartUploadOutcome {
    const row = this.#find(blobId, now);
    if (!row) return { status: 'not_found' };
    if (row.secret_staged === 0) return { status: 'sealed', length: row.size };
    if (leaseActive(writerOf(row), now)) return { status: 'busy', offset: row.stored };
    if (offset !== row.stored) return { status: 'offset_mismatch', offset: row.stored };
    this.#files.takeUploadLease.run(lease.id, lease.until, blobId);
    this.#files.pushUploadDeadline.run({ blob: blobId, from: lease.until });
    return { status: 'ok', secretId: row.secret_id, index: row.file_index, length: row.size, offset };
  }

  /**
   * The lease is checked before the offset: a holder that lost its lease learns `lease_lost` whatever it
   * sends. An offset outside [recorded, length] throws a RangeError (`checkFinishOffset`) and changes
   * nothing. The secret is sealed in the same step as the last upload completes.
   */
  finishUpload(blobId: string, leaseId: string, offset: number, now: number): FinishUploadOutcome {
    const row = this.#find(blobId, now);
    if (!row) return { status: 'not_found' };
    if (row.lease_id !== leaseId) return { status: 'lease_lost' };
    checkFinishOffset(row.stored, offset, row.size);
    if (row.secret_staged === 0) {
      // A lease taken on a complete upload just before another upload sealed the secret: nothing to record.
      this.#files.releaseUpload.run(blobId);
      const expiresAt = row.secret_expires_at ?? 0;
      return { status: 'ok', secretId: row.secret_id, offset: row.stored, sealed: false, expiresAt };
    }
    const complete = uploadCompletes(offset, row.size);
    this.#files.recordUpload.run(offset, complete ? 1 : 0, blobId);
    this.#files.pushUploadDeadline.run({ blob: blobId, from: now });
    const sealed = complete && !this.#files.anyIncomplete.get(row.secret_id);
    if (sealed) this.#files.seal.run(row.secret_id);
    const { expires_at: expiresAt } = this.#files.secretExpiry.get(row.secret_id) as { expires_at: number };
    return { status: 'ok', secretId: row.secret_id, offset, sealed, expiresAt };
  }

  cancelUpload(blobId: string, now: number): CancelOutcome {
    const row = this.#find(blobId, now);
    if (!row) return { status: 'not_found' };
    if (row.secret_staged === 0) return { status: 'sealed' };
    // A staged secret's receipt is pending: it goes to `burned`, as by a burn through the receipt.
    this.#sql.deleteSecret.run(row.secret_id);
    this.#sql.burnReceipt.run({ hash: row.receipt_hash, now });
    const blobIds = blobIdsOf(this.#files.deleteFilesOfSecret.all(row.secret_id));
    return { status: 'cancelled', secretId: row.secret_id, blobIds };
  }

  /** Moves the writer lease of an upload; false when `leaseId` no longer holds it. */
  extendLease(blobId: string, leaseId: string, until: number): boolean {
    if (this.#files.extendUploadLease.run(until, blobId, leaseId).changes === 0) return false;
    this.#files.pushUploadDeadline.run({ blob: blobId, from: until });
    return true;
  }

  #find(blobId: string, now: number): UploadRow | null {
    const row = this.#files.upload.get(blobId) as UploadRow | undefined;
    if (!row || row.secret_expires_at === null || row.secret_expires_at <= now) return null;
    return row;
  }
}

function writerOf(row: UploadRow): Lease | null {
  return row.lease_id === null ? null : { id: row.lease_id, until: row.lease_until ?? 0 };
}

/** The `blob_id` column of `… RETURNING blob_id` or `SELECT blob_id …` rows. */
export function blobIdsOf(rows: unknown[]): string[] {
  return (rows as { blob_id: string }[]).map((row) => row.blob_id);
}
