import { grantCanDeliver, leaseActive } from './file-rules.js';
import type { FinishDownloadOutcome, Lease, NewGrant, StartDownloadOutcome } from './secret-store.js';
import type { GrantRow, SqliteFileStatements } from './sqlite-file-statements.js';
import { blobIdsOf } from './sqlite-uploads.js';

/**
 * The download half of `SqliteStore`: grants made by claims, reader leases, deliveries, and when a file's
 * record goes. Each method is the body of ONE group-commit operation, or a step inside the claim or sweep
 * operation that calls it. The rules are `file-rules.ts`, shared with every backend.
 *
 * `keep_until` realises `fileNeeded` with an index (see `sqlite-schema.ts`): while the secret can give
 * views it is max(secret expiry, every grant's expiry); once it cannot (`settle`), the latest expiry among
 * the grants that have not delivered, or the end time when there are none. So a record with
 * `keep_until <= now` is never needed, and the sweeper takes it by the index; `finishDownload` deletes a
 * record earlier when its delivery was the last one possible.
 */
export class SqliteGrants {
  readonly #files: SqliteFileStatements;

  constructor(files: SqliteFileStatements) {
    this.#files = files;
  }

  /** Inside a successful claim: the grant may deliver each file of the secret once, until it expires. */
  grant(secretId: string, grant: NewGrant): void {
    this.#files.insertGrants.run(grant.hash, grant.expiresAt, secretId);
    this.#files.keepFiles.run(grant.expiresAt, secretId);
  }

  /** The secret can give no more views (last view, lock, expiry): keep its files for deliverable grants. */
  settle(secretId: string, endedAt: number): void {
    this.#files.settleFiles.run({ secret: secretId, ended: endedAt });
  }

  /** Inside a claim that locked the secret: grants of earlier views still deliver; the other files go. */
  lock(secretId: string, now: number): string[] {
    this.settle(secretId, now);
    return blobIdsOf(this.#files.deleteSettledFiles.all(secretId, now));
  }

  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): StartDownloadOutcome {
    const row = this.#find(grantHash, blobId);
    if (!row || !grantCanDeliver(row, now)) return { status: 'not_found' };
    if (leaseActive(readerOf(row), now)) return { status: 'in_progress' };
    this.#files.takeDownloadLease.run(lease.id, lease.until, grantHash, blobId);
    return { status: 'ok', secretId: row.secret_id, index: row.file_index, size: row.size };
  }

  /**
   * The holder's delivery counts even if its lease or the grant expired while the last bytes went out: the
   * bytes were served, so the log and the keep rule must know. Only a takeover makes the holder's word void.
   */
  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): FinishDownloadOutcome {
    const row = this.#find(grantHash, blobId);
    if (!row || row.delivered) return { status: 'not_found' };
    if (row.lease_id !== leaseId) return { status: 'lease_lost' };
    const done = { status: 'ok', secretId: row.secret_id, index: row.file_index } as const;
    this.#files.endDownload.run(delivered ? now : null, grantHash, blobId);
    if (!delivered) return { ...done, deleteBlob: false };
    this.#files.logDownload.run(row.file_index, now, row.receipt_hash);
    const needed = this.#files.stillDeliverable.get({ secret: row.secret_id, blob: blobId, now }) as {
      yes: number;
    };
    if (needed.yes) return { ...done, deleteBlob: false };
    this.#files.deleteFile.run(blobId);
    return { ...done, deleteBlob: true };
  }

  /** Moves the reader lease of (grant, file); false when `leaseId` no longer holds it. */
  extendLease(blobId: string, grantHash: string, leaseId: string, until: number): boolean {
    return this.#files.extendDownloadLease.run(until, blobId, grantHash, leaseId).changes > 0;
  }

  #find(grantHash: string, blobId: string): (GrantRow & { expiresAt: number; delivered: boolean }) | null {
    const row = this.#files.grant.get(grantHash, blobId) as GrantRow | undefined;
    return row ? { ...row, expiresAt: row.expires_at, delivered: row.delivered_at !== null } : null;
  }
}

function readerOf(row: GrantRow): Lease | null {
  return row.lease_id === null ? null : { id: row.lease_id, until: row.lease_until ?? 0 };
}
