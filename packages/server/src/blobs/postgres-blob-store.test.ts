import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../stores/postgres-migrations.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { BlobStorageFullError } from './blob-store.js';
import {
  chunksOf,
  MiB,
  newBlobId,
  randomBytesOf,
  readRange,
  sameBytes,
  writeWhole,
} from './contract-blob-fixtures.js';
import { runBlobStoreContract } from './contract-suite.js';
import { CHUNK_BYTES, INSERTS_IN_FLIGHT } from './postgres-blob-io.js';
import { pgBlobError } from './postgres-blob-query.js';
import { BLOB_MIGRATIONS } from './postgres-blob-schema.js';
import { openPostgresBlobStore } from './postgres-blob-store.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const newSchema = () => `blobtest_${randomBytes(6).toString('hex')}`;

/** A schema of its own per opened store on the shared `test` database, dropped afterwards. */
async function openIsolated() {
  const schema = newSchema();
  const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

/** A plain client on `schema`, for looking at rows and playing the other session. */
async function connect(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL blob store', () => {
  runBlobStoreContract('postgres', openIsolated);

  it('stores rows of at most 1 MiB that follow each other; two stores (two nodes) share them', async () => {
    const schema = newSchema();
    const url = `${POSTGRES_URL}?schema=${schema}`;
    const [a, b] = await Promise.all([openPostgresBlobStore(url), openPostgresBlobStore(url)]);
    const client = await connect(schema);
    try {
      const id = newBlobId();
      const bytes = randomBytesOf(2 * CHUNK_BYTES + 5);
      await a.write(id, 0, chunksOf(bytes.subarray(0, CHUNK_BYTES + 1)), 3 * MiB);
      await b.write(id, CHUNK_BYTES + 1, chunksOf(bytes.subarray(CHUNK_BYTES + 1), 100_000), 3 * MiB);
      expect(sameBytes(await readRange(b, id, 0, bytes.byteLength), bytes)).toBe(true);
      const { rows } = await client.query(
        'SELECT start, length(data) AS size FROM blob_chunks WHERE blob_id = $1 ORDER BY start',
        [id],
      );
      let next = 0;
      for (const row of rows) {
        expect([Number(row.start), row.size <= CHUNK_BYTES]).toEqual([next, true]);
        next += row.size;
      }
      expect(next).toBe(bytes.byteLength);
    } finally {
      await client.end();
      await Promise.all([a.close(), b.close()]);
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });

  it('a connection dropped during a write rejects it with StoreUnavailableError, promptly', async () => {
    const schema = newSchema();
    const app = `burnlink_blobtest_${randomBytes(4).toString('hex')}`;
    const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}&application_name=${app}`);
    const blocker = await connect(schema);
    const admin = await connect(schema);
    try {
      const id = newBlobId();
      // Another session holds an uncommitted row where the write's second row goes: that insert waits.
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO blob_chunks VALUES ($1, $2, '\\x00')`, [id, CHUNK_BYTES]);
      const write = store.write(id, 0, chunksOf(randomBytesOf(CHUNK_BYTES + 1000)), 2 * MiB);
      write.catch(() => {});
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        const { rows } = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [app],
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(pid).toBeDefined();
      const killedAt = Date.now();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - killedAt).toBeLessThan(2000);
      await blocker.query('ROLLBACK');
      // The store goes on with fresh connections; a resumed write at offset 0 replaces the first row.
      const bytes = randomBytesOf(1000);
      await writeWhole(store, id, bytes);
      expect(sameBytes(await readRange(store, id, 0, 1000), bytes)).toBe(true);
    } finally {
      await blocker.end();
      await admin.end();
      await store.close();
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });

  it('a write commits several rows at once, resolves only when all have, and a failed row fails it all', async () => {
    const schema = newSchema();
    const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}`);
    const blocker = await connect(schema);
    const admin = await connect(schema);
    try {
      const id = newBlobId();
      // Another session holds an uncommitted row where the write's second row goes: that insert waits.
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO blob_chunks VALUES ($1, $2, '\\x00')`, [id, CHUNK_BYTES]);
      let settled = false;
      const write = store.write(id, 0, chunksOf(randomBytesOf(5 * CHUNK_BYTES)), 5 * MiB);
      write
        .catch(() => {})
        .finally(() => {
          settled = true;
        });
      // The rows behind the waiting one commit meanwhile (up to INSERTS_IN_FLIGHT at once)...
      const later = Array.from({ length: INSERTS_IN_FLIGHT - 1 }, (_, i) => (i + 2) * CHUNK_BYTES);
      expect(later.length).toBeGreaterThan(0);
      let committed: number[] = [];
      for (let i = 0; i < 200 && committed.length < later.length; i++) {
        const { rows } = await admin.query(
          'SELECT start FROM blob_chunks WHERE blob_id = $1 AND start >= $2 ORDER BY start',
          [id, 2 * CHUNK_BYTES],
        );
        committed = rows.map((row) => Number(row.start));
        if (committed.length < later.length) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(committed).toEqual(later);
      // ...but the write has not answered: its second row is not stored.
      expect(settled).toBe(false);
      await blocker.query('COMMIT');
      await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
      // Nothing of it counts: a write at offset 0 replaces every leftover row, the gap after them included.
      const bytes = randomBytesOf(1000);
      await writeWhole(store, id, bytes);
      expect(sameBytes(await readRange(store, id, 0, 1000), bytes)).toBe(true);
      const { rows } = await admin.query('SELECT start FROM blob_chunks WHERE blob_id = $1', [id]);
      expect(rows.map((row) => Number(row.start))).toEqual([0]);
    } finally {
      await blocker.end();
      await admin.end();
      await store.close();
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });

  it('upgrades a version 1 schema: the state tables go, the chunks stay readable as blobs', async () => {
    const schema = newSchema();
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    const id = newBlobId();
    const bytes = randomBytesOf(5000);
    try {
      await runMigrations(pool, schema, {
        versionTable: 'burnlink_blob_schema',
        lockNamespace: 'burnlink-blob-schema-migration:',
        migrations: BLOB_MIGRATIONS.slice(0, 1),
      });
      await pool.query(
        `INSERT INTO blob_secrets (secret_id, receipt_hash, files, created_at, expires_at, max_views,
           max_attempts, retention_ms) VALUES ('s', 'r', '[]', 0, 1, 1, 5, 0)`,
      );
      await pool.query(
        `INSERT INTO blob_blobs (blob_id, secret_id, file_index, length, stored, expires_at)
        VALUES ($1, 's', 0, 5000, 5000, 1)`,
        [id],
      );
      await pool.query('INSERT INTO blob_chunks VALUES ($1, 0, $2)', [id, Buffer.from(bytes)]);
      for (let open = 0; open < 2; open++) {
        const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}`);
        expect(await store.list()).toEqual([id]);
        expect(sameBytes(await readRange(store, id, 0, 5000), bytes)).toBe(true);
        await store.close();
      }
      const { rows } = await pool.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(rows.map((row) => row.table_name)).toEqual(['blob_chunks', 'burnlink_blob_schema']);
      const versions = await pool.query('SELECT version FROM burnlink_blob_schema ORDER BY version');
      expect(versions.rows.map((row) => row.version)).toEqual([1, 2]);
    } finally {
      await pool.end();
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });
});

describe('PostgreSQL blob errors', () => {
  it('a full database disk is BlobStorageFullError; anything else is unavailable, without parameters', () => {
    expect(pgBlobError(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBeInstanceOf(
      BlobStorageFullError,
    );
    const other = pgBlobError(
      Object.assign(new Error('terminating connection'), { code: '57P01', detail: 'x' }),
    );
    expect(other).toBeInstanceOf(StoreUnavailableError);
    expect(JSON.stringify(other)).not.toContain('detail');
  });
});
