import type { Database } from 'better-sqlite3';

/** The schema this code reads and writes, kept in SQLite's `user_version` pragma. */
export const SQLITE_SCHEMA_VERSION = 5;

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
 * Version 2: the SecretStore owns the state of files (uploads, grants, the download log).
 *
 * - `secrets.staged`: 1 while uploads are incomplete; a staged secret cannot be peeked or claimed.
 * - `secret_files`: one row per file of a secret, from `create` until no delivery is possible. It outlives
 *   the `secrets` row after the last view (grants may still deliver), so it has no foreign key to it; it
 *   carries `receipt_hash` so that a burn finds the files whatever happened to the secret. `stored` is the
 *   upload offset (bytes durably in the BlobStore); `complete` is set by the `finishUpload` that recorded
 *   the last byte (a file of size 0 too: every file goes through the write path once).
 *   Invariant: the row is deleted at `keep_until` at the latest, and nothing needs it from then on. It is
 *   max(secret expiry, grant expiries) while the secret can give views, lowered to the latest undelivered
 *   grant's expiry (or the end time) when the secret ends by last view, lock or expiry; burn and cancel
 *   delete the rows at once.
 * - `grants`: one row per (grant, file), deleted with the file (ON DELETE CASCADE); `delivered_at` is set
 *   by the delivery that used it up.
 * - `receipts.downloads`: the download log, a JSON array of `{file, at}`, purged with the receipt.
 *
 * Secrets stored by version 1 with files were complete (the blob store staged them then): they get a file
 * record each, fully uploaded, kept until the secret's expiry. Grants of version 1 lived in the blob store
 * and are not carried over.
 */
const SCHEMA_V2 = `
ALTER TABLE secrets ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE receipts ADD COLUMN downloads TEXT NOT NULL DEFAULT '[]';
-- The sweep expires receipts through their secrets (by secrets_by_expiry): this one only cost every write.
DROP INDEX IF EXISTS receipts_pending_by_expiry;

CREATE TABLE secret_files (
  blob_id TEXT PRIMARY KEY,
  secret_id TEXT NOT NULL,
  receipt_hash TEXT NOT NULL,
  file_index INTEGER NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  stored INTEGER NOT NULL CHECK (stored BETWEEN 0 AND size),
  complete INTEGER NOT NULL DEFAULT 0,
  lease_id TEXT,
  lease_until INTEGER,
  keep_until INTEGER NOT NULL
) STRICT;
CREATE INDEX secret_files_by_secret ON secret_files (secret_id);
CREATE INDEX secret_files_by_receipt ON secret_files (receipt_hash);
CREATE INDEX secret_files_by_keep_until ON secret_files (keep_until);

CREATE TABLE grants (
  grant_hash TEXT NOT NULL,
  blob_id TEXT NOT NULL REFERENCES secret_files (blob_id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  delivered_at INTEGER,
  lease_id TEXT,
  lease_until INTEGER,
  PRIMARY KEY (grant_hash, blob_id)
) STRICT, WITHOUT ROWID;
-- Serves the cascade from secret_files and "can another grant still deliver this file?".
CREATE INDEX grants_by_blob ON grants (blob_id);

INSERT INTO secret_files (blob_id, secret_id, receipt_hash, file_index, size, stored, complete, keep_until)
  SELECT json_extract(f.value, '$.id'), s.id, s.receipt_hash, f.key, json_extract(f.value, '$.size'),
    json_extract(f.value, '$.size'), 1, s.expires_at
  FROM secrets s, json_each(s.files) f;
`;

/**
 * Version 3: the upload deadline of staged secrets (`secret-store.ts`, "Upload deadline"). While a secret is
 * staged, `expires_at` is its upload deadline; `final_expires_at` keeps the expiry it was created with
 * (restored by the seal) and `upload_idle_ms` how far each progress moves the deadline. Rows of version 2
 * have neither: their staged secrets keep expiring at `expires_at` only.
 */
const SCHEMA_V3 = `
ALTER TABLE secrets ADD COLUMN final_expires_at INTEGER;
ALTER TABLE secrets ADD COLUMN upload_idle_ms INTEGER;
`;

/**
 * Version 4: restrictions and verification codes (`secret-store.ts`, "Restrictions" on `claim`). They are
 * columns of `secrets`, so they go with the row whenever the content goes (last view, burn, lock, expiry) and
 * never reach `receipts`. `restrictions` is the service's text (null: unrestricted, the hot path); `code_*`
 * the current code (`issueCode`: hash, expiry, wrong tries left), null until one is issued and after it was
 * used; `codes_issued` counts the codes issued for the secret. Rows of version 3 are unrestricted.
 */
const SCHEMA_V4 = `
ALTER TABLE secrets ADD COLUMN restrictions TEXT;
ALTER TABLE secrets ADD COLUMN code_hash TEXT;
ALTER TABLE secrets ADD COLUMN code_expires_at INTEGER;
ALTER TABLE secrets ADD COLUMN code_tries INTEGER;
ALTER TABLE secrets ADD COLUMN codes_issued INTEGER NOT NULL DEFAULT 0;
`;

/**
 * Version 5: requests (`request-store.ts`). One row per request from `createRequest` until `purge_at` (its
 * retention after the latest of expiry, end and the response's latest end: `request-rules.ts`
 * `requestPurgeAt`, kept up to date by every state change). The response is an ordinary `secrets` row with
 * the request's id. Only waiting rows are indexed by expiry (what the sweep marks `expired`).
 */
const SCHEMA_V5 = `
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  receipt_hash TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'answered', 'expired', 'burned')),
  public_key BLOB NOT NULL,
  description BLOB NOT NULL,
  respond_verifier BLOB NOT NULL,
  inbox_verifier BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  response_ttl_ms INTEGER NOT NULL,
  retention_ms INTEGER NOT NULL,
  owner TEXT,
  answered_at INTEGER,
  ended_at INTEGER,
  sealed_key BLOB,
  purge_at INTEGER NOT NULL
) STRICT;
CREATE INDEX requests_waiting_by_expiry ON requests (expires_at) WHERE state = 'waiting';
CREATE INDEX requests_by_purge ON requests (purge_at);
`;

/**
 * Each step takes the schema from the version before it to its own (index + 1). Append; never edit. Exported
 * for the upgrade tests, which build a database of an earlier version from the first steps.
 */
export const SQLITE_SCHEMA_STEPS: readonly string[] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5];

/**
 * Creates the schema in an empty database, upgrades an older one step by step in one transaction, accepts
 * the current one, and refuses a newer one (written by a later release) rather than misreading it.
 */
export function migrate(db: Database): void {
  if (checkedVersion(db) === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated since.
    const from = checkedVersion(db);
    for (const step of SQLITE_SCHEMA_STEPS.slice(from)) db.exec(step);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}

function checkedVersion(db: Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `the SQLite database has schema version ${version}, newer than this server's ${SQLITE_SCHEMA_VERSION}; upgrade burnlink`,
    );
  }
  return version;
}
