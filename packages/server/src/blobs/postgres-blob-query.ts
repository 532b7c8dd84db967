import type { KdfParams } from '@burnlink/core';
import type pg from 'pg';
import { withDeadline } from '../stores/deadline.js';
import { pgUnavailable, statementName } from '../stores/postgres-driver.js';
import type { FileRef, NewSecret, StoreUnavailableError } from '../stores/secret-store.js';
import type { Query } from './postgres-blob-io.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Queries of the PostgreSQL blob store: named statements (each connection parses and plans one once), each
 * bounded by the store's deadline (`withDeadline`), failures as `StoreUnavailableError` — except a duplicate
 * id at stage, a plain `Error` like the other backends'.
 */
export function makeQuery(pool: pg.Pool, timeoutMs: number): Query {
  return async (text, values) => {
    try {
      const query = pool.query({ name: statementName(text), text, values });
      return await withDeadline(query, timeoutMs, () => new Error('query timed out'));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new Error('a staged secret or blob with this id already exists');
      }
      throw unavailable(error);
    }
  };
}

export function unavailable(error: unknown): StoreUnavailableError {
  return pgUnavailable('PostgreSQL blob store', error);
}

/** A full `blob_secrets` row as the NewSecret it was staged from. */
// biome-ignore lint/suspicious/noExplicitAny: a row straight from pg, read field by field.
export function secretFromRow(row: any): NewSecret {
  return {
    id: row.secret_id,
    verifier: new Uint8Array(row.verifier),
    linkVerifier: row.link_verifier === null ? null : new Uint8Array(row.link_verifier),
    kdf: row.kdf as KdfParams | null,
    content: new Uint8Array(row.content),
    files: row.files as FileRef[],
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    maxViews: row.max_views,
    maxAttempts: row.max_attempts,
    receiptHash: row.receipt_hash,
    receiptRetentionMs: Number(row.retention_ms),
  };
}
