import { StoreUnavailableError } from './secret-store.js';

/** Shared by the PostgreSQL secret store and blob store: statement naming and driver errors. */

const statementNames = new Map<string, string>();

/** A stable name per SQL text: each pooled connection parses and plans a named statement only once. */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `burnlink_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * `StoreUnavailableError` keeping only the driver's message, which names the failure: pg errors may carry
 * the statement's parameters in other properties (`detail`), which must not reach a log.
 */
export function pgUnavailable(what: string, error: unknown): StoreUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the ${what} is unavailable: ${message}`, { cause: new Error(message) });
}
