import type pg from 'pg';
import { withDeadline } from './deadline.js';
import { pgUnavailable, statementName } from './postgres-driver.js';

/** One statement of the PostgreSQL store; rows are typed field by field where they are read. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult<any>>;

const UNIQUE_VIOLATION = '23505';
/** Raised by `burnlink_finish_upload` for an offset outside [recorded, length]: a bug of the caller. */
const OFFSET_OUT_OF_RANGE = 'BL001';

/**
 * Statements of the PostgreSQL secret store: named (each pooled connection parses and plans one once), each
 * bounded by the store's deadline (`withDeadline`: a dead server or a lost connection rejects, never hangs).
 * Every failure is `StoreUnavailableError` except those that are the caller's: an id, receipt, blob id or grant
 * that exists already, or a value the schema refuses (plain `Error`s, like the other backends'), and an upload
 * offset out of range (a `RangeError`). No message carries a value: the driver's `detail` names the key, and
 * must not reach a log.
 */
export function makeQuery(pool: pg.Pool, timeoutMs: number): Query {
  return (text, values) => bounded(pool.query({ name: statementName(text), text, values }), timeoutMs);
}

/** A statement (or a connect) under the store's deadline and its error mapping (`makeQuery`). */
export async function bounded<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  try {
    return await withDeadline(promise, timeoutMs, () => new Error('query timed out'));
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code === UNIQUE_VIOLATION) {
      throw new Error('a secret, receipt, file or grant with this id already exists');
    }
    if (code === OFFSET_OUT_OF_RANGE) {
      throw new RangeError('finishUpload offset outside [recorded, length]');
    }
    // Data exceptions (22…: 1.5 for a bigint) and the other integrity violations (23…: a CHECK such as a
    // negative file size) come from values the caller passed, not from a failing server.
    if (code.startsWith('22') || code.startsWith('23')) {
      throw new Error('a value is outside what the store accepts');
    }
    throw pgUnavailable('PostgreSQL store', error);
  }
}
