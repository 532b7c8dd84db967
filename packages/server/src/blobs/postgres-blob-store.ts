import pg from 'pg';
import { OperationGate } from '../stores/operation-gate.js';
import { parsePostgresUrl } from '../stores/postgres-store.js';
import type { NewSecret } from '../stores/secret-store.js';
import { checkStageable } from './blob-rules.js';
import { SourceFailure } from './blob-source.js';
import {
  BlobNotFoundError,
  BlobOffsetError,
  BlobSealedError,
  type BlobStore,
  type BlobSweepResult,
  type DownloadEvent,
  type UploadState,
} from './blob-store.js';
import { type Query, readChunks, writeChunks } from './postgres-blob-io.js';
import { makeQuery, secretFromRow, unavailable } from './postgres-blob-query.js';
import { migrateBlobs } from './postgres-blob-schema.js';

/** Blob rows deleted per sweep statement (each takes its chunks along), and statements per sweep. */
const SWEEP_BATCH = 50;
const SWEEP_MAX_BATCHES = 20;

/**
 * Blobs in PostgreSQL (`postgres://…`), for scale-out deployments without a shared volume: bytes in 1 MiB
 * rows of `blob_chunks` (postgres-blob-io.ts), state in `blob_secrets` / `blob_blobs` / `blob_grants`, the
 * download log in `blob_downloads` (schema: postgres-blob-schema.ts). Each state change is one statement:
 * seal is an `UPDATE … WHERE NOT sealed AND <all complete> RETURNING` (one winner across nodes); a completed
 * download is a `DELETE` of the grant row (one winner), after which a separate statement deletes the blob if
 * the last view's grants are all used (the later of two concurrent downloads sees both grants gone).
 *
 * @example
 * const blobs = await openPostgresBlobStore('postgres://burnlink@db/burnlink');
 */
export class PostgresBlobStore implements BlobStore {
  readonly #pool: pg.Pool;
  readonly #gate = new OperationGate('PostgreSQL blob');
  readonly #query: Query;

  constructor(pool: pg.Pool, timeoutMs: number) {
    this.#pool = pool;
    this.#query = makeQuery(pool, timeoutMs);
  }

  stage(s: NewSecret): Promise<void> {
    return this.#op(async () => {
      checkStageable(s);
      await this.#query(
        `WITH secret AS (
           INSERT INTO blob_secrets (secret_id, receipt_hash, verifier, link_verifier, kdf, content, files,
             created_at, expires_at, max_views, max_attempts, retention_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING secret_id)
         INSERT INTO blob_blobs (blob_id, secret_id, file_index, length, expires_at)
         SELECT f.id, secret.secret_id, f.ord - 1, f.size, $9
         FROM secret, unnest($13::text[], $14::bigint[]) WITH ORDINALITY AS f(id, size, ord)`,
        [
          s.id,
          s.receiptHash,
          Buffer.from(s.verifier),
          s.linkVerifier ? Buffer.from(s.linkVerifier) : null,
          s.kdf ? JSON.stringify(s.kdf) : null,
          Buffer.from(s.content),
          JSON.stringify(s.files),
          s.createdAt,
          s.expiresAt,
          s.maxViews,
          s.maxAttempts,
          s.receiptRetentionMs,
          s.files.map((file) => file.id),
          s.files.map((file) => file.size),
        ],
      );
    });
  }

  uploadState(blobId: string, now: number): Promise<UploadState | null> {
    return this.#op(async () => {
      const { rows } = await this.#query(
        `SELECT b.secret_id, b.length, b.stored, s.sealed FROM blob_blobs b JOIN blob_secrets s USING (secret_id)
         WHERE b.blob_id = $1 AND s.expires_at > $2`,
        [blobId, now],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        blobId,
        secretId: row.secret_id,
        length: Number(row.length),
        offset: Number(row.stored),
        sealed: row.sealed,
      };
    });
  }

  write(blobId: string, offset: number, source: AsyncIterable<Uint8Array>, now: number): Promise<number> {
    return this.#op(async () => {
      const state = await this.uploadState(blobId, now);
      if (!state) throw new BlobNotFoundError('the upload is unknown, removed or expired');
      if (state.sealed) throw new BlobSealedError('the upload is finished: the secret was created');
      if (state.offset !== offset) throw new BlobOffsetError(state.offset);
      return writeChunks(this.#query, { id: blobId, length: state.length }, offset, source);
    });
  }

  seal(secretId: string, now: number): Promise<NewSecret | null> {
    return this.#op(async () => {
      const { rows } = await this.#query(
        `UPDATE blob_secrets s SET sealed = true
         WHERE secret_id = $1 AND NOT sealed AND expires_at > $2 AND content IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM blob_blobs b WHERE b.secret_id = $1 AND b.stored < b.length)
         RETURNING *`,
        [secretId, now],
      );
      const row = rows[0];
      if (!row) return null;
      return secretFromRow(row);
    });
  }

  unseal(secretId: string): Promise<void> {
    return this.#op(async () => {
      await this.#query('UPDATE blob_secrets SET sealed = false WHERE secret_id = $1', [secretId]);
    });
  }

  removeSecret(secretId: string): Promise<void> {
    return this.#op(async () => {
      await this.#query('DELETE FROM blob_secrets WHERE secret_id = $1', [secretId]);
    });
  }

  removeByReceipt(receiptHash: string): Promise<boolean> {
    return this.#op(async () => {
      const { rowCount } = await this.#query('DELETE FROM blob_secrets WHERE receipt_hash = $1', [
        receiptHash,
      ]);
      return (rowCount ?? 0) > 0;
    });
  }

  grant(blobIds: string[], grantHash: string, expiresAt: number, lastView: boolean): Promise<void> {
    return this.#op(async () => {
      // One statement: a concurrent download sees this claim's grants and last-view mark together or neither.
      await this.#query(
        `WITH granted AS (
           INSERT INTO blob_grants (blob_id, grant_hash, expires_at)
           SELECT blob_id, $2, $3 FROM blob_blobs WHERE blob_id = ANY($1::text[])
           ON CONFLICT DO NOTHING RETURNING blob_id),
         marked AS (
           UPDATE blob_blobs SET last_view = true WHERE $4 AND blob_id = ANY($1::text[]) RETURNING 1),
         slimmed AS (
           UPDATE blob_secrets SET content = NULL, verifier = NULL, link_verifier = NULL, kdf = NULL
           WHERE secret_id IN (SELECT secret_id FROM blob_blobs WHERE blob_id = ANY($1::text[]))
             AND content IS NOT NULL RETURNING 1)
         SELECT (SELECT count(*) FROM granted) + (SELECT count(*) FROM marked) + (SELECT count(*) FROM slimmed)`,
        [blobIds, grantHash, expiresAt, lastView],
      );
    });
  }

  checkGrant(blobId: string, grantHash: string, now: number): Promise<{ size: number } | null> {
    return this.#op(async () => {
      const { rows } = await this.#query(
        `SELECT b.length FROM blob_grants g JOIN blob_blobs b USING (blob_id)
         WHERE g.blob_id = $1 AND g.grant_hash = $2 AND g.expires_at > $3 AND b.stored = b.length`,
        [blobId, grantHash, now],
      );
      return rows[0] ? { size: Number(rows[0].length) } : null;
    });
  }

  async *read(blobId: string, start: number, end: number): AsyncIterable<Uint8Array> {
    const { rows } = await this.#op(() =>
      this.#query('SELECT length FROM blob_blobs WHERE blob_id = $1 AND stored = length', [blobId]),
    );
    const length = rows[0] ? Number(rows[0].length) : null;
    if (length === null || start < 0 || end > length || start > end) {
      throw new Error('the blob is gone or the range is outside it');
    }
    yield* readChunks(this.#query, blobId, start, end);
  }

  completeDownload(blobId: string, grantHash: string, now: number): Promise<boolean> {
    return this.#op(async () => {
      const { rows } = await this.#query(
        `WITH used AS (
           DELETE FROM blob_grants WHERE blob_id = $1 AND grant_hash = $2 AND expires_at > $3 RETURNING blob_id),
         logged AS (
           INSERT INTO blob_downloads (receipt_hash, file_index, at, forget_at)
           SELECT s.receipt_hash, b.file_index, $3, s.expires_at + s.retention_ms
           FROM used JOIN blob_blobs b USING (blob_id) JOIN blob_secrets s USING (secret_id) RETURNING 1)
         SELECT b.secret_id FROM used JOIN blob_blobs b USING (blob_id)`,
        [blobId, grantHash, now],
      );
      const row = rows[0];
      if (!row) return false;
      // Separate statements, each with a fresh snapshot (so also when the last-view mark came after the
      // statement above began): of concurrent downloads, the last one sees every grant used and deletes the
      // blob, then the secret's record once none of its blobs is left.
      const { rowCount } = await this.#query(
        `DELETE FROM blob_blobs WHERE blob_id = $1 AND last_view
           AND NOT EXISTS (SELECT 1 FROM blob_grants WHERE blob_id = $1 AND expires_at > $2)`,
        [blobId, now],
      );
      if (rowCount) {
        await this.#query(
          `DELETE FROM blob_secrets s WHERE secret_id = $1 AND sealed
             AND NOT EXISTS (SELECT 1 FROM blob_blobs b WHERE b.secret_id = $1)`,
          [row.secret_id],
        );
      }
      return true;
    });
  }

  downloads(receiptHash: string, now: number): Promise<DownloadEvent[]> {
    return this.#op(async () => {
      const { rows } = await this.#query(
        `SELECT file_index, at FROM blob_downloads WHERE receipt_hash = $1 AND forget_at > $2 ORDER BY at, id`,
        [receiptHash, now],
      );
      return rows.map((row) => ({ file: row.file_index, at: Number(row.at) }));
    });
  }

  sweep(now: number): Promise<BlobSweepResult> {
    return this.#op(async () => {
      await this.#query('DELETE FROM blob_grants WHERE expires_at <= $1', [now]);
      let blobs = 0;
      for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
        const { rowCount } = await this.#query(
          `DELETE FROM blob_blobs WHERE blob_id IN (
             SELECT blob_id FROM blob_blobs b
             WHERE (b.last_view OR b.expires_at <= $1)
               AND NOT EXISTS (SELECT 1 FROM blob_grants g WHERE g.blob_id = b.blob_id AND g.expires_at > $1)
             LIMIT $2)`,
          [now, SWEEP_BATCH],
        );
        blobs += rowCount ?? 0;
        if ((rowCount ?? 0) < SWEEP_BATCH) break;
      }
      await this.#query(
        `DELETE FROM blob_secrets s WHERE (s.sealed OR s.expires_at <= $1)
           AND NOT EXISTS (SELECT 1 FROM blob_blobs b WHERE b.secret_id = s.secret_id)`,
        [now],
      );
      await this.#query('DELETE FROM blob_downloads WHERE forget_at <= $1', [now]);
      return { blobs };
    });
  }

  list(): Promise<string[]> {
    return this.#op(async () => {
      const { rows } = await this.#query('SELECT blob_id FROM blob_blobs', []);
      return rows.map((row) => row.blob_id as string);
    });
  }

  ping(): Promise<void> {
    return this.#op(async () => {
      await this.#query('SELECT 1', []);
    });
  }

  async close(): Promise<void> {
    await this.#gate.close();
    if (!this.#pool.ended) await this.#pool.end();
  }

  #op<T>(operation: () => Promise<T>): Promise<T> {
    return this.#gate.run(async () => {
      try {
        return await operation();
      } catch (error) {
        throw error instanceof SourceFailure ? error.original : error;
      }
    });
  }
}

/** Connects, migrates the blob schema (safely when several nodes start at once) and returns the store. */
export async function openPostgresBlobStore(url: string): Promise<PostgresBlobStore> {
  const target = parsePostgresUrl(url);
  const pool = new pg.Pool(target.config);
  pool.on('error', () => {});
  try {
    await migrateBlobs(pool, target.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(error);
  }
  return new PostgresBlobStore(pool, target.timeoutMs);
}
