import type { Database, Statement } from 'better-sqlite3';

// The SQL of file records (uploads) and download grants in `SqliteStore`, prepared once per connection (the
// schema and its invariants are in `sqlite-schema.ts`).

/** A file record seen through its secret; the `secret_*` columns are null once the secret row is gone. */
export interface UploadRow {
  secret_id: string;
  receipt_hash: string;
  file_index: number;
  size: number;
  stored: number;
  lease_id: string | null;
  lease_until: number | null;
  secret_staged: number | null;
  secret_expires_at: number | null;
}

/** A (grant, file) pair with what a download needs of its file. */
export interface GrantRow {
  expires_at: number;
  delivered_at: number | null;
  lease_id: string | null;
  lease_until: number | null;
  secret_id: string;
  receipt_hash: string;
  file_index: number;
  size: number;
}

type FileStatementName =
  | 'insertFile'
  | 'upload'
  | 'takeUploadLease'
  | 'pushUploadDeadline'
  | 'secretExpiry'
  | 'recordUpload'
  | 'releaseUpload'
  | 'anyIncomplete'
  | 'seal'
  | 'insertGrants'
  | 'keepFiles'
  | 'settleFiles'
  | 'deleteFilesOfSecret'
  | 'deleteSettledFiles'
  | 'deleteFilesOfReceipt'
  | 'deleteFile'
  | 'grant'
  | 'takeDownloadLease'
  | 'endDownload'
  | 'logDownload'
  | 'stillDeliverable'
  | 'extendUploadLease'
  | 'extendDownloadLease'
  | 'dueFiles'
  | 'knownBlobs';

export type SqliteFileStatements = Record<FileStatementName, Statement>;

export function prepareFileStatements(db: Database): SqliteFileStatements {
  return {
    // Positional, like the other inserts of `create`: blob_id, secret_id, receipt_hash, file_index, size,
    // keep_until (the secret's expiry: nothing can deliver a staged file).
    insertFile: db.prepare(
      `INSERT INTO secret_files (blob_id, secret_id, receipt_hash, file_index, size, stored, keep_until)
       VALUES (?, ?, ?, ?, ?, 0, ?)`,
    ),
    upload: db.prepare(
      `SELECT f.secret_id, f.receipt_hash, f.file_index, f.size, f.stored, f.lease_id, f.lease_until,
         s.staged AS secret_staged, s.expires_at AS secret_expires_at
       FROM secret_files f LEFT JOIN secrets s ON s.id = f.secret_id WHERE f.blob_id = ?`,
    ),
    takeUploadLease: db.prepare('UPDATE secret_files SET lease_id = ?, lease_until = ? WHERE blob_id = ?'),
    // The staged secret of upload @blob made progress until @from: `file-rules.ts` uploadDeadline.
    pushUploadDeadline: db.prepare(
      `UPDATE secrets SET expires_at = max(expires_at, min(final_expires_at, @from + upload_idle_ms))
       WHERE id = (SELECT secret_id FROM secret_files WHERE blob_id = @blob)
         AND staged = 1 AND upload_idle_ms IS NOT NULL AND final_expires_at IS NOT NULL`,
    ),
    // stored, complete, blob_id; releases the writer lease.
    recordUpload: db.prepare(
      'UPDATE secret_files SET stored = ?, complete = ?, lease_id = NULL, lease_until = NULL WHERE blob_id = ?',
    ),
    releaseUpload: db.prepare(
      'UPDATE secret_files SET lease_id = NULL, lease_until = NULL WHERE blob_id = ?',
    ),
    anyIncomplete: db.prepare('SELECT 1 FROM secret_files WHERE secret_id = ? AND complete = 0 LIMIT 1'),
    // Live: the upload deadline no longer applies, the secret expires when it was created to.
    secretExpiry: db.prepare('SELECT expires_at FROM secrets WHERE id = ?'),
    seal: db.prepare(
      'UPDATE secrets SET staged = 0, expires_at = coalesce(final_expires_at, expires_at) WHERE id = ?',
    ),
    // One grant row per file of the secret: grant_hash, expires_at, secret_id.
    insertGrants: db.prepare(
      `INSERT INTO grants (grant_hash, blob_id, expires_at)
       SELECT ?, blob_id, ? FROM secret_files WHERE secret_id = ?`,
    ),
    keepFiles: db.prepare('UPDATE secret_files SET keep_until = max(keep_until, ?) WHERE secret_id = ?'),
    // The secret can give no more views: keep each file only for the grants that can still deliver it (an
    // expired one gives a keep_until in the past, which the next sweep takes).
    settleFiles: db.prepare(
      `UPDATE secret_files SET keep_until = coalesce(
         (SELECT max(g.expires_at) FROM grants g
          WHERE g.blob_id = secret_files.blob_id AND g.delivered_at IS NULL), @ended)
       WHERE secret_id = @secret`,
    ),
    deleteFilesOfSecret: db.prepare('DELETE FROM secret_files WHERE secret_id = ? RETURNING blob_id'),
    // After `settleFiles`: the files of a secret that no grant can deliver any more (secret_id, now).
    deleteSettledFiles: db.prepare(
      'DELETE FROM secret_files WHERE secret_id = ? AND keep_until <= ? RETURNING blob_id',
    ),
    deleteFilesOfReceipt: db.prepare('DELETE FROM secret_files WHERE receipt_hash = ? RETURNING blob_id'),
    deleteFile: db.prepare('DELETE FROM secret_files WHERE blob_id = ?'),
    grant: db.prepare(
      `SELECT g.expires_at, g.delivered_at, g.lease_id, g.lease_until,
         f.secret_id, f.receipt_hash, f.file_index, f.size
       FROM grants g JOIN secret_files f ON f.blob_id = g.blob_id
       WHERE g.grant_hash = ? AND g.blob_id = ?`,
    ),
    takeDownloadLease: db.prepare(
      'UPDATE grants SET lease_id = ?, lease_until = ? WHERE grant_hash = ? AND blob_id = ?',
    ),
    // delivered_at: null when the request was interrupted (the lease is released, the grant stays usable).
    endDownload: db.prepare(
      `UPDATE grants SET delivered_at = ?, lease_id = NULL, lease_until = NULL
       WHERE grant_hash = ? AND blob_id = ?`,
    ),
    logDownload: db.prepare(
      `UPDATE receipts SET downloads = json_insert(downloads, '$[#]', json_object('file', ?, 'at', ?))
       WHERE hash = ?`,
    ),
    // Can anything still deliver this file: a secret that can give views, or an unused, unexpired grant?
    stillDeliverable: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM secrets WHERE id = @secret AND expires_at > @now)
           OR EXISTS (SELECT 1 FROM grants
                      WHERE blob_id = @blob AND delivered_at IS NULL AND expires_at > @now) AS yes`,
    ),
    extendUploadLease: db.prepare(
      'UPDATE secret_files SET lease_until = ? WHERE blob_id = ? AND lease_id = ?',
    ),
    extendDownloadLease: db.prepare(
      'UPDATE grants SET lease_until = ? WHERE blob_id = ? AND grant_hash = ? AND lease_id = ?',
    ),
    dueFiles: db.prepare(
      `DELETE FROM secret_files WHERE blob_id IN (
         SELECT blob_id FROM secret_files WHERE keep_until <= ? ORDER BY keep_until LIMIT ?)
       RETURNING blob_id`,
    ),
    knownBlobs: db.prepare(
      'SELECT blob_id FROM secret_files WHERE blob_id IN (SELECT value FROM json_each(?))',
    ),
  };
}
