import type pg from 'pg';
import { quoteIdent } from './postgres-migrations.js';

export interface PostgresTarget {
  config: pg.PoolConfig;
  timeoutMs: number;
  /** The schema to create and use (`?schema=`), or null for the server's default search_path. */
  schema: string | null;
}

export const DEFAULT_POSTGRES_TIMEOUT_MS = 5000;

/**
 * `postgres://user[:password]@host[:port]/database[?…]` (or `postgresql://`), as libpq and `pg` read it
 * (`sslmode=require` etc. pass through). burnlink's own query options: `schema` (created if missing, and put
 * first on the search_path — one database can hold several independent burnlink instances), `pool` (connections
 * per node, default 10), `timeout` (connect and statement timeout in ms, default 5000).
 *
 * @example
 * const { config, timeoutMs } = parsePostgresUrl('postgres://burnlink@db/burnlink?schema=prod&timeout=2000');
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not the URL in the message (nor the TypeError, which carries it): it may hold a password.
    throw new Error('invalid PostgreSQL store URL (expected postgres://user@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('a PostgreSQL store URL starts with postgres:// or postgresql://');
  }
  const schema = takeParam(parsed, 'schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error('the PostgreSQL schema must be a plain identifier');
  }
  const max = Number(takeParam(parsed, 'pool') ?? 10);
  const timeout = Number(takeParam(parsed, 'timeout') ?? DEFAULT_POSTGRES_TIMEOUT_MS);
  if (!Number.isInteger(max) || max < 1)
    throw new Error('the PostgreSQL pool size must be a positive integer');
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new Error('the PostgreSQL timeout must be a positive integer');
  return {
    schema,
    timeoutMs: timeout,
    config: {
      connectionString: parsed.toString(),
      max,
      // The store's own deadline (`timeout`, see deadline.ts) bounds each call, waiting for a pooled
      // connection included; the driver's timers are backstops, and statement_timeout ends the work server-side.
      connectionTimeoutMillis: timeout * 3,
      statement_timeout: timeout,
      query_timeout: timeout * 3,
      idle_in_transaction_session_timeout: timeout,
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
    },
  };
}

function takeParam(url: URL, name: string): string | null {
  const value = url.searchParams.get(name);
  url.searchParams.delete(name);
  return value;
}
