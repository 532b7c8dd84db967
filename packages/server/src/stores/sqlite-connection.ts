import Database from 'better-sqlite3';
import { prepareFileStatements } from './sqlite-file-statements.js';
import { SqliteGrants } from './sqlite-grants.js';
import { SqliteRequests } from './sqlite-requests.js';
import { SqliteSecrets } from './sqlite-secrets.js';
import { prepareStatements } from './sqlite-statements.js';
import { SqliteUploads } from './sqlite-uploads.js';

/** The operation bodies, built on one connection: the writer's (in its thread) or the readers'. */
export interface SqliteBodies {
  secrets: SqliteSecrets;
  uploads: SqliteUploads;
  grants: SqliteGrants;
  requests: SqliteRequests;
  ping: () => void;
}

/**
 * Opens one connection the way every connection of the store is opened: WAL, `synchronous=FULL` (a COMMIT
 * returns after the fsync), `busy_timeout` for other processes' locks, foreign keys on, `secure_delete=ON`. Throws what SQLite
 * throws; the caller maps it.
 */
export function openSqlite(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, also in freed overflow pages: a recipient address
    // (restrictions) and the ciphertext are gone from the file when the secret ends, not left in a free page
    // (docs/SECURITY.md). FAST would leave a long row's overflow pages; a 1 KiB secret has none.
    db.pragma('secure_delete = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Prepares the SQL on `db` and builds `SqliteSecrets`, `SqliteUploads` and `SqliteGrants` over it. */
export function sqliteBodies(db: Database.Database, sweepBatch: number): SqliteBodies {
  const sql = prepareStatements(db);
  const files = prepareFileStatements(db);
  const grants = new SqliteGrants(files);
  const secrets = new SqliteSecrets(sql, files, grants, sweepBatch);
  return {
    secrets,
    uploads: new SqliteUploads(sql, files),
    grants,
    requests: new SqliteRequests(db, secrets, sweepBatch),
    ping: () => {
      sql.ping.get();
    },
  };
}
