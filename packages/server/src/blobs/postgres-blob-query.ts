import type pg from 'pg';
import { withDeadline } from '../stores/deadline.js';
import { pgUnavailable, statementName } from '../stores/postgres-driver.js';
import { BlobStorageFullError } from './blob-store.js';

/** SQLSTATE `disk_full`: the database server cannot extend a file. */
const DISK_FULL = '53100';

// biome-ignore lint/suspicious/noExplicitAny: rows are typed field by field where they are read.
export type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult<any>>;

/**
 * Queries of the PostgreSQL blob store: named statements (each connection parses and plans one once), each
 * bounded by the store's deadline (`withDeadline`: a connection that drops without a word — a partition —
 * rejects instead of hanging), every failure as `pgBlobError` says.
 */
export function makeQuery(pool: pg.Pool, timeoutMs: number): Query {
  return async (text, values) => {
    try {
      const query = pool.query({ name: statementName(text), text, values });
      return await withDeadline(query, timeoutMs, () => new Error('query timed out'));
    } catch (error) {
      throw pgBlobError(error);
    }
  };
}

/** A full database disk as `BlobStorageFullError`; any other failure (a dropped connection included) as unavailability. */
export function pgBlobError(error: unknown): Error {
  if ((error as { code?: unknown } | null)?.code === DISK_FULL) {
    return new BlobStorageFullError({ cause: new Error('PostgreSQL: disk full') });
  }
  return pgUnavailable('PostgreSQL blob store', error);
}
