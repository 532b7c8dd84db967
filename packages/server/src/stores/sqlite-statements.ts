import type { Database, Statement } from 'better-sqlite3';
import type { StoredReceipt } from './receipt-rules.js';
import type { DownloadEvent, ReceiptState } from './secret-store.js';

// The SQL of secrets and receipts in `SqliteStore`, prepared once per connection (the schema is in
// `sqlite-schema.ts`; files and grants are in `sqlite-file-statements.ts`).

export interface SecretRow {
  id: string;
  verifier: Buffer;
  link_verifier: Buffer | null;
  kdf: string | null;
  files: string;
  expires_at: number;
  views_left: number;
  failed_attempts: number;
  max_attempts: number;
  receipt_hash: string;
  /** Null for an unrestricted secret: then the `code_*` columns are null too and never looked at. */
  restrictions: string | null;
  code_hash: string | null;
  code_expires_at: number | null;
  code_tries: number | null;
}

export interface ReceiptRow {
  secret_id: string;
  state: ReceiptState;
  created_at: number;
  expires_at: number;
  max_views: number;
  views_left: number;
  viewed_at: string;
  failed_attempts: number;
  max_attempts: number;
  has_passphrase: number;
  ended_at: number | null;
  retention_ms: number;
  downloads: string;
}

type StatementName =
  | 'insertSecret'
  | 'insertReceipt'
  | 'peek'
  | 'findLive'
  | 'content'
  | 'deleteSecret'
  | 'setViewsLeft'
  | 'setFailed'
  | 'codeTarget'
  | 'setCode'
  | 'setCodeTries'
  | 'clearCode'
  | 'addView'
  | 'lastView'
  | 'lock'
  | 'burnReceipt'
  | 'setReceiptFailed'
  | 'receipt'
  | 'expireReceipt'
  | 'expiredSecrets'
  | 'purgeReceipts'
  | 'ping';

export type SqliteStatements = Record<StatementName, Statement>;

export function prepareStatements(db: Database): SqliteStatements {
  const endReceipt = (state: string, extra = '') =>
    db.prepare(
      `UPDATE receipts SET state = '${state}', views_left = 0, ended_at = @now, purge_at = @now + retention_ms${extra}
       WHERE hash = @hash`,
    );
  return {
    // The two inserts of every create bind positionally (in the order of the column lists): better-sqlite3
    // binds an object by looking each @name up, about a third of the insert's time.
    insertSecret: db.prepare(
      `INSERT INTO secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at, max_views,
         views_left, failed_attempts, max_attempts, receipt_hash, staged, final_expires_at, upload_idle_ms,
         restrictions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
    ),
    insertReceipt: db.prepare(
      `INSERT INTO receipts (hash, secret_id, state, created_at, expires_at, max_views, views_left, viewed_at,
         failed_attempts, max_attempts, has_passphrase, ended_at, retention_ms, purge_at, downloads)
       VALUES (?, ?, 'pending', ?, ?, ?, ?, '[]', 0, ?, ?, NULL, ?, NULL, '[]')`,
    ),
    peek: db.prepare(
      `SELECT expires_at, max_views, views_left, kdf, length(content) AS size, files, restrictions
       FROM secrets WHERE id = ? AND expires_at > ? AND staged = 0`,
    ),
    findLive: db.prepare(
      `SELECT id, verifier, link_verifier, kdf, files, expires_at, views_left, failed_attempts, max_attempts,
         receipt_hash, restrictions, code_hash, code_expires_at, code_tries
       FROM secrets WHERE id = ? AND expires_at > ? AND staged = 0`,
    ),
    content: db.prepare('SELECT content FROM secrets WHERE id = ?'),
    deleteSecret: db.prepare('DELETE FROM secrets WHERE id = ?'),
    setViewsLeft: db.prepare('UPDATE secrets SET views_left = ? WHERE id = ?'),
    setFailed: db.prepare('UPDATE secrets SET failed_attempts = ? WHERE id = ?'),
    // Verification codes: only restricted secrets ever run these.
    codeTarget: db.prepare(
      `SELECT restrictions IS NOT NULL AS restricted, codes_issued, verifier, link_verifier
       FROM secrets WHERE id = ? AND expires_at > ? AND staged = 0`,
    ),
    setCode: db.prepare(
      `UPDATE secrets SET code_hash = ?, code_expires_at = ?, code_tries = ?, codes_issued = codes_issued + 1
       WHERE id = ?`,
    ),
    setCodeTries: db.prepare('UPDATE secrets SET code_tries = ? WHERE id = ?'),
    clearCode: db.prepare(
      'UPDATE secrets SET code_hash = NULL, code_expires_at = NULL, code_tries = NULL WHERE id = ?',
    ),
    addView: db.prepare(
      `UPDATE receipts SET views_left = @views_left, viewed_at = json_insert(viewed_at, '$[#]', @now)
       WHERE hash = @hash`,
    ),
    lastView: endReceipt('viewed', `, viewed_at = json_insert(viewed_at, '$[#]', @now)`),
    lock: endReceipt('locked', ', failed_attempts = @failed'),
    burnReceipt: endReceipt('burned'),
    setReceiptFailed: db.prepare('UPDATE receipts SET failed_attempts = ? WHERE hash = ?'),
    receipt: db.prepare(
      `SELECT secret_id, state, created_at, expires_at, max_views, views_left, viewed_at, failed_attempts,
         max_attempts, has_passphrase, ended_at, retention_ms, downloads
       FROM receipts WHERE hash = ?`,
    ),
    // hash, and when the secret expired (earlier than the receipt's expiry for an abandoned upload).
    expireReceipt: db.prepare(
      `UPDATE receipts SET state = 'expired', views_left = 0, ended_at = min(expires_at, @ended),
         purge_at = min(expires_at, @ended) + retention_ms
       WHERE hash = @hash AND state = 'pending'`,
    ),
    // Sweeps take a bounded batch (the limit is the last parameter), oldest first, by their index.
    expiredSecrets: db.prepare(
      'SELECT id, receipt_hash, expires_at FROM secrets WHERE expires_at <= ? ORDER BY expires_at LIMIT ?',
    ),
    purgeReceipts: db.prepare(
      `DELETE FROM receipts WHERE hash IN (
         SELECT hash FROM receipts WHERE purge_at <= ? ORDER BY purge_at LIMIT ?)`,
    ),
    ping: db.prepare('SELECT 1'),
  };
}

export function toStoredReceipt(row: ReceiptRow): StoredReceipt {
  return {
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    maxViews: row.max_views,
    viewsLeft: row.views_left,
    viewedAt: JSON.parse(row.viewed_at) as number[],
    failedAttempts: row.failed_attempts,
    maxAttempts: row.max_attempts,
    hasPassphrase: row.has_passphrase === 1,
    endedAt: row.ended_at,
    retentionMs: row.retention_ms,
    downloads: JSON.parse(row.downloads) as DownloadEvent[],
  };
}
