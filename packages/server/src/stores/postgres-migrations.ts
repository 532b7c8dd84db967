import type { Pool } from 'pg';

/** One set of migrations with its own version table and advisory lock (the secret store's, the blob store's). */
export interface MigrationSet {
  /** Table that records applied versions (created if missing). */
  versionTable: string;
  /** Hashed into the advisory lock key with the schema name, so that sets and schemas migrate independently. */
  lockNamespace: string;
  /** SQL per version, version n at index n - 1; never edit an applied one, append instead. */
  migrations: readonly string[];
}

/**
 * Creates or upgrades a schema. Several nodes may start at once: a session advisory lock makes them take
 * turns, and each applies only what the version table says is missing. The lock dies with the session if a
 * node crashes mid-way; a failed migration rolls back whole. Returns the schema version now in place.
 */
export async function runMigrations(pool: Pool, schema: string | null, set: MigrationSet): Promise<number> {
  const client = await pool.connect();
  const lockKey = set.lockNamespace + (schema ?? '');
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${set.versionTable} (
           version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${set.versionTable}`,
      );
      const current = rows[0]?.version ?? 0;
      for (let version = current + 1; version <= set.migrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(set.migrations[version - 1]!);
          await client.query(`INSERT INTO ${set.versionTable} (version) VALUES ($1)`, [version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return set.migrations.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
