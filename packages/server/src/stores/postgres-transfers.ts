import type { Query } from './postgres-query.js';
import type {
  CancelOutcome,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  Lease,
  StartDownloadOutcome,
  StartUploadOutcome,
  UploadState,
} from './secret-store.js';

/**
 * The upload and download half of `PostgresStore`: each contract method is one statement — a plain query, or
 * one of the functions of `postgres-schema-transfers.ts`, which hold the rules and their lock order — and
 * this module turns its row into the contract's outcome. An upload exists while its secret does (staged or
 * live, unexpired); after that its file record only serves grants.
 */

export async function uploadState(query: Query, blobId: string, now: number): Promise<UploadState | null> {
  const { rows } = await query(
    `SELECT f.secret_id, f.file_index, f.size, f.upload_offset, s.staged, s.expires_at
     FROM burnlink_files f JOIN burnlink_secrets s ON s.id = f.secret_id
     WHERE f.blob_id = $1 AND s.expires_at > $2`,
    [blobId, now],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    blobId,
    secretId: row.secret_id,
    index: row.file_index,
    length: Number(row.size),
    offset: Number(row.upload_offset),
    sealed: !row.staged,
    expiresAt: Number(row.expires_at),
  };
}

export async function startUpload(
  query: Query,
  blobId: string,
  offset: number,
  lease: Lease,
  now: number,
): Promise<StartUploadOutcome> {
  const { rows } = await query('SELECT * FROM burnlink_start_upload($1, $2, $3, $4, $5)', [
    blobId,
    offset,
    lease.id,
    lease.until,
    now,
  ]);
  const row = rows[0]!;
  switch (row.o_status) {
    case 'ok':
      return {
        status: 'ok',
        secretId: row.o_secret_id,
        index: row.o_index,
        length: Number(row.o_length),
        offset: Number(row.o_offset),
      };
    case 'sealed':
      return { status: 'sealed', length: Number(row.o_length) };
    case 'busy':
      return { status: 'busy', offset: Number(row.o_offset) };
    case 'offset_mismatch':
      return { status: 'offset_mismatch', offset: Number(row.o_offset) };
    default:
      return { status: 'not_found' };
  }
}

export async function finishUpload(
  query: Query,
  blobId: string,
  leaseId: string,
  offset: number,
  now: number,
): Promise<FinishUploadOutcome> {
  // The function checks the range against the record; this keeps a non-integer from becoming a driver error.
  if (!Number.isSafeInteger(offset)) throw new RangeError('finishUpload offset outside [recorded, length]');
  const { rows } = await query('SELECT * FROM burnlink_finish_upload($1, $2, $3, $4)', [
    blobId,
    leaseId,
    offset,
    now,
  ]);
  const row = rows[0]!;
  if (row.o_status === 'ok') {
    return {
      status: 'ok',
      secretId: row.o_secret_id,
      offset: Number(row.o_offset),
      sealed: row.o_sealed,
      expiresAt: Number(row.o_expires_at),
    };
  }
  return row.o_status === 'lease_lost' ? { status: 'lease_lost' } : { status: 'not_found' };
}

export async function cancelUpload(query: Query, blobId: string, now: number): Promise<CancelOutcome> {
  const { rows } = await query('SELECT * FROM burnlink_cancel_upload($1, $2)', [blobId, now]);
  const row = rows[0]!;
  if (row.o_status === 'cancelled') {
    return { status: 'cancelled', secretId: row.o_secret_id, blobIds: row.o_blob_ids };
  }
  return row.o_status === 'sealed' ? { status: 'sealed' } : { status: 'not_found' };
}

export async function startDownload(
  query: Query,
  blobId: string,
  grantHash: string,
  lease: Lease,
  now: number,
): Promise<StartDownloadOutcome> {
  const { rows } = await query('SELECT * FROM burnlink_start_download($1, $2, $3, $4, $5)', [
    blobId,
    grantHash,
    lease.id,
    lease.until,
    now,
  ]);
  const row = rows[0]!;
  if (row.o_status === 'ok') {
    return { status: 'ok', secretId: row.o_secret_id, index: row.o_index, size: Number(row.o_size) };
  }
  return row.o_status === 'in_progress' ? { status: 'in_progress' } : { status: 'not_found' };
}

export async function finishDownload(
  query: Query,
  blobId: string,
  grantHash: string,
  leaseId: string,
  delivered: boolean,
  now: number,
): Promise<FinishDownloadOutcome> {
  const { rows } = await query('SELECT * FROM burnlink_finish_download($1, $2, $3, $4, $5)', [
    blobId,
    grantHash,
    leaseId,
    delivered,
    now,
  ]);
  const row = rows[0]!;
  if (row.o_status === 'ok') {
    return { status: 'ok', secretId: row.o_secret_id, index: row.o_index, deleteBlob: row.o_delete };
  }
  return row.o_status === 'lease_lost' ? { status: 'lease_lost' } : { status: 'not_found' };
}

/**
 * One step on the lease's row; it holds while its id is the one stored, whatever its `until`. A writer lease
 * extended is upload progress (`burnlink_extend_upload_lease`, migration 4).
 */
export async function extendLease(
  query: Query,
  blobId: string,
  grantHash: string | null,
  leaseId: string,
  until: number,
): Promise<boolean> {
  if (grantHash === null) {
    const { rows } = await query('SELECT burnlink_extend_upload_lease($1, $2, $3) AS ok', [
      blobId,
      leaseId,
      until,
    ]);
    return rows[0]?.ok === true;
  }
  const { rowCount } = await query(
    `UPDATE burnlink_grants SET reader_until = $4
           WHERE blob_id = $1 AND grant_hash = $2 AND reader_lease = $3`,
    [blobId, grantHash, leaseId, until],
  );
  return (rowCount ?? 0) > 0;
}

export async function knownBlobs(query: Query, blobIds: string[]): Promise<Set<string>> {
  if (blobIds.length === 0) return new Set();
  const { rows } = await query('SELECT blob_id FROM burnlink_files WHERE blob_id = ANY($1::text[])', [
    blobIds,
  ]);
  return new Set(rows.map((row) => row.blob_id as string));
}
