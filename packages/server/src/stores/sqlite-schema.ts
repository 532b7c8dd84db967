import type { Database } from 'better-sqlite3';

/** The schema this code reads and writes, kept in SQLite's `user_version` pragma. */
export const SQLITE_SCHEMA_VERSION = 1;

/**
 * Version 1. Secrets hold the ciphertext and die at their end; receipts outlive them by `retention_ms` and
 * carry only timestamps and counters (DESIGN §2 promise 7). `receipts.ended_at` is also set for `viewed` (the
 * last view) so that `purge_at = ended_at + retention_ms` covers every way a secret ends.
 */
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS secrets (
  id TEXT PRIMARY KEY,
  verifier BLOB NOT NULL,
  link_verifier BLOB,
  kdf TEXT,
  content BLOB NOT NULL,
  files TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  max_views INTEGER NOT NULL,
  views_left INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  receipt_hash TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS secrets_by_expiry ON secrets (expires_at);

CREATE TABLE IF NOT EXISTS receipts (
  hash TEXT PRIMARY KEY,
  secret_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'viewed', 'burned', 'expired', 'locked')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  max_views INTEGER NOT NULL,
  views_left INTEGER NOT NULL,
  viewed_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  has_passphrase INTEGER NOT NULL,
  ended_at INTEGER,
  retention_ms INTEGER NOT NULL,
  purge_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS receipts_pending_by_expiry ON receipts (expires_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS receipts_by_purge ON receipts (purge_at) WHERE purge_at IS NOT NULL;
`;

/**
 * Creates the schema in an empty database, accepts the current one, and refuses a newer one (written by a
 * later release) rather than misreading it. Future versions add numbered steps here.
 */
export function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `the SQLite database has schema version ${version}, newer than this server's ${SQLITE_SCHEMA_VERSION}; upgrade burnlink`,
    );
  }
  if (version === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
