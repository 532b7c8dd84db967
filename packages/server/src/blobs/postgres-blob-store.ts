import pg from 'pg';
import { OperationGate } from '../stores/operation-gate.js';
import { parsePostgresUrl } from '../stores/postgres-store.js';
import { checkReadArgs, checkWriteArgs, isBlobId } from './blob-args.js';
import type { BlobStore, WriteResult } from './blob-store.js';
import { readChunks, writeChunks } from './postgres-blob-io.js';
import { makeQuery, pgBlobError, type Query } from './postgres-blob-query.js';
import { migrateBlobs } from './postgres-blob-schema.js';

/** Rows per delete statement: a 1 GiB blob goes in 16 statements, each well inside the statement timeout. */
const DELETE_ROWS = 64;

/**
 * Blobs in PostgreSQL (`postgres://…`), for scale-out deployments without a shared volume: the bytes of each
 * blob in rows of up to 1 MiB of `blob_chunks`, keyed (blob_id, start) (schema: postgres-blob-schema.ts;
 * writing and reading: postgres-blob-io.ts). Every query goes through the pool with the store's deadline, so
 * a dropped connection rejects a call with StoreUnavailableError — a write included — and never hangs it; a
 * full database disk is BlobStorageFullError.
 *
 * A write holds no connection while it waits for its source: each 1 MiB row is one insert on whichever
 * pooled connection is free, so slow uploads do not starve the pool.
 *
 * @example
 * const blobs = await openPostgresBlobStore('postgres://burnlink@db/burnlink');
 */
export class PostgresBlobStore implements BlobStore {
  readonly #pool: pg.Pool;
  readonly #gate = new OperationGate('PostgreSQL blob');
  readonly #query: Query;
  #closed = false;
  readonly #isOpen = () => !this.#closed;

  constructor(pool: pg.Pool, timeoutMs: number) {
    this.#pool = pool;
    this.#query = makeQuery(pool, timeoutMs);
  }

  write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<WriteResult> {
    return this.#gate.run(async () => {
      checkWriteArgs(blobId, offset, maxBytes);
      return writeChunks(this.#query, { id: blobId, offset, maxBytes, isOpen: this.#isOpen }, source);
    });
  }

  read(blobId: string, start: number, end: number): Promise<AsyncIterable<Uint8Array>> {
    return this.#gate.run(async () => {
      checkReadArgs(blobId, start, end);
      return readChunks(this.#query, { id: blobId, start, end, isOpen: this.#isOpen });
    });
  }

  delete(blobIds: string[]): Promise<void> {
    return this.#gate.run(async () => {
      const ids = blobIds.filter(isBlobId);
      if (ids.length === 0) return;
      // In bounded statements; one that fails leaves the rest of the rows to the sweeper (the ids stay listed).
      for (;;) {
        const { rowCount } = await this.#query(
          `DELETE FROM blob_chunks WHERE (blob_id, start) IN (
             SELECT blob_id, start FROM blob_chunks WHERE blob_id = ANY($1::text[]) LIMIT ${DELETE_ROWS})`,
          [ids],
        );
        if ((rowCount ?? 0) < DELETE_ROWS) return;
      }
    });
  }

  list(): Promise<string[]> {
    return this.#gate.run(async () => {
      const { rows } = await this.#query('SELECT DISTINCT blob_id FROM blob_chunks', []);
      return rows.map((row) => row.blob_id as string);
    });
  }

  ping(): Promise<void> {
    return this.#gate.run(async () => {
      await this.#query('SELECT 1', []);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#gate.close();
    if (!this.#pool.ended) await this.#pool.end();
  }
}

/** Connects, migrates the blob schema (safely when several nodes start at once) and returns the store. */
export async function openPostgresBlobStore(url: string): Promise<PostgresBlobStore> {
  const target = parsePostgresUrl(url);
  const pool = new pg.Pool(target.config);
  // An idle connection that breaks (server restart) is dropped by the pool; the next query opens a new one.
  pool.on('error', () => {});
  try {
    await migrateBlobs(pool, target.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw pgBlobError(error);
  }
  return new PostgresBlobStore(pool, target.timeoutMs);
}
