import type pg from 'pg';
import type { WindowedCounter } from '../plugins/upload-budget.js';
import { withDeadline } from './deadline.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A `@fastify/rate-limit` store on PostgreSQL, so that N nodes on one database share their rate-limit counters
 * (table `burnlink_rate_limits`, UNLOGGED: counters need no crash safety). One upsert per counted request
 * (`postgresCounter`, adding 1) starts or continues a fixed window; the sweep deletes ended windows. Times are the real clock.
 *
 * @example
 * await app.register(rateLimit, { store: postgresRateLimitStore(pool, 5000) });
 */
export function postgresRateLimitStore(pool: pg.Pool, timeoutMs: number) {
  const counter = postgresCounter(pool, timeoutMs);
  const answer = (work: Promise<{ total: number; ttlMs: number } | null>, callback: Callback) => {
    work.then(
      (row) => callback(null, row ? { current: row.total, ttl: row.ttlMs } : { current: 0, ttl: 0 }),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
  return class PostgresRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      answer(counter.add(key, 1, timeWindow), callback);
    }

    read(key: string, callback: Callback): void {
      const query = pool.query(
        'SELECT hits, reset_at - $2 AS ttl FROM burnlink_rate_limits WHERE key = $1 AND reset_at > $2',
        [key, Date.now()],
      );
      answer(
        withDeadline(query, timeoutMs, () => new Error('query timed out')).then(({ rows }) => {
          const row = rows[0] as { hits: number; ttl: string } | undefined;
          return row ? { total: row.hits, ttlMs: Number(row.ttl) } : null;
        }),
        callback,
      );
    }

    child(): PostgresRateLimitStore {
      return new PostgresRateLimitStore();
    }
  };
}

/**
 * A windowed counter in the same table, adding any amount (for the upload budget, `plugins/upload-budget.ts`):
 * one upsert starts or continues the key's fixed window. Capped below 2^31 (the column is an integer).
 */
export function postgresCounter(pool: pg.Pool, timeoutMs: number): WindowedCounter {
  return {
    async add(key, amount, windowMs) {
      const { rows } = await withDeadline(
        pool.query(
          `INSERT INTO burnlink_rate_limits AS r (key, hits, reset_at) VALUES ($1, $4, $2::bigint + $3::bigint)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN r.reset_at <= $2 THEN $4 ELSE least(r.hits::bigint + $4, 2000000000) END,
             reset_at = CASE WHEN r.reset_at <= $2 THEN $2::bigint + $3::bigint ELSE r.reset_at END
           RETURNING hits, reset_at - $2 AS ttl`,
          [key, Date.now(), windowMs, amount],
        ),
        timeoutMs,
        () => new Error('query timed out'),
      );
      const row = rows[0] as { hits: number; ttl: string };
      return { total: row.hits, ttlMs: Number(row.ttl) };
    },
  };
}
