import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { inTransaction } from './postgres-driver.js';
import { postgresAvailable } from './test-backends.js';

const URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const available = await postgresAvailable(URL);

describe.runIf(available)('inTransaction (PostgreSQL)', () => {
  const pool = new pg.Pool({ connectionString: URL, max: 2 });
  const admin = new pg.Pool({ connectionString: URL, max: 1 });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });
  const bounded = <R>(promise: Promise<R>) => promise;

  test('commits, and rolls back when the body throws', async () => {
    await pool.query('CREATE TEMP TABLE IF NOT EXISTS t_tx (n int)');
    const answer = await inTransaction(pool, bounded, async (run) => {
      const row = await run('SELECT 41 + 1 AS n', []);
      return row.rows[0]?.n;
    });
    expect(answer).toBe(42);
    await expect(
      inTransaction(pool, bounded, async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
  });

  test('a connection that dies between two statements fails the transaction, not the process', async () => {
    const failed = inTransaction(pool, bounded, async (run) => {
      const pid = (await run('SELECT pg_backend_pid() AS pid', [])).rows[0]?.pid as number;
      // Killed while checked out and idle in the transaction: the client emits 'error'.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return run('SELECT 1', []);
    });
    await expect(failed).rejects.toThrow();
    // The pool dropped the broken connection and goes on.
    const again = await inTransaction(
      pool,
      bounded,
      async (run) => (await run('SELECT 2 AS n', [])).rows[0]?.n,
    );
    expect(again).toBe(2);
  });
});

if (!available) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI (${URL})`);
  console.warn('!!! PostgreSQL is not reachable: inTransaction tests SKIPPED');
}
