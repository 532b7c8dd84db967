import { SqliteError } from 'better-sqlite3';
import { StoreUnavailableError } from './secret-store.js';

/**
 * An error as it crosses from the writer thread to the store: its kind, its message (SQLite's messages name
 * tables and constraints, never values), and SQLite's code when there is one.
 */
export interface EncodedError {
  kind: 'unavailable' | 'range' | 'plain';
  message: string;
  /** What SQLite said (code and message), when the error came from SQLite: the cause, for the logs. */
  sqlite?: { code: string; message: string };
}

/**
 * A duplicate id is the caller's problem, and so is a value the schema refuses or a RangeError (an argument
 * outside what the contract allows): plain errors. Everything else SQLite throws means the store failed.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || error instanceof RangeError) return error;
  if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    const duplicate =
      error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE';
    const message = duplicate
      ? 'a secret, receipt, blob or grant with this id already exists'
      : 'a value is outside what the store accepts';
    return new Error(message, { cause: error });
  }
  return new StoreUnavailableError('the SQLite store failed', { cause: error });
}

/** `toStoreError`, then reduced to what `postMessage` carries faithfully. */
export function encodeError(error: unknown): EncodedError {
  const mapped = toStoreError(error);
  const kind =
    mapped instanceof StoreUnavailableError
      ? 'unavailable'
      : mapped instanceof RangeError
        ? 'range'
        : 'plain';
  const message = mapped instanceof Error ? mapped.message : String(mapped);
  const cause = mapped instanceof Error ? mapped.cause : undefined;
  if (!(cause instanceof SqliteError)) return { kind, message };
  return { kind, message, sqlite: { code: cause.code, message: cause.message } };
}

/** The error the store's caller sees: `StoreUnavailableError`, `RangeError` or a plain `Error`. */
export function decodeError(encoded: EncodedError): Error {
  const cause = encoded.sqlite && {
    cause: Object.assign(new Error(encoded.sqlite.message), { code: encoded.sqlite.code }),
  };
  if (encoded.kind === 'unavailable') return new StoreUnavailableError(encoded.message, cause);
  if (encoded.kind === 'range') return new RangeError(encoded.message);
  return new Error(encoded.message, cause);
}
