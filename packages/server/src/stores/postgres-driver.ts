import type pg from 'pg';
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

/** Runs one statement of a transaction (named, so each connection plans it once), within the caller's deadline. */
export type TransactionRun<Row extends pg.QueryResultRow> = (
  text: string,
  values: unknown[],
) => Promise<pg.QueryResult<Row>>;

/**
 * `BEGIN … COMMIT` on one pooled connection; rolled back when `body` throws. `bounded` puts the caller's
 * deadline (and error mapping) on the connect and on every statement. A connection that arrives after the
 * deadline goes back to the pool; one whose ROLLBACK failed (or timed out), or that broke while checked out,
 * is in an unknown state, so the pool drops it. Shared by the PostgreSQL accounts and audit stores.
 */
export async function inTransaction<Row extends pg.QueryResultRow, T>(
  pool: pg.Pool,
  bounded: <R>(promise: Promise<R>) => Promise<R>,
  body: (run: TransactionRun<Row>) => Promise<T>,
): Promise<T> {
  const connecting = pool.connect();
  const client = await bounded(connecting).catch((error: unknown) => {
    connecting.then(
      (late) => late.release(),
      () => {},
    );
    throw error;
  });
  let broken = false;
  // A connection that dies while checked out (between two statements) emits 'error' on the client: without a
  // listener that would end the process. The statement in flight or the next one fails instead.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  const run: TransactionRun<Row> = (text, values) =>
    bounded(client.query<Row>({ name: statementName(text), text, values }));
  try {
    await run('BEGIN', []);
    const result = await body(run);
    await run('COMMIT', []);
    return result;
  } catch (error) {
    await run('ROLLBACK', []).catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
