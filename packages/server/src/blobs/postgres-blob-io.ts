import type pg from 'pg';
import { guard } from './blob-source.js';
import { BlobNotFoundError, BlobOffsetError, BlobTooLargeError } from './blob-store.js';

/** Bytes per `blob_chunks` row. */
export const CHUNK_BYTES = 1024 * 1024;
/** Chunk rows per read query (with one query ahead: at most 4 MiB of a download in memory, as hex text twice that). */
const READ_BATCH = 2;

// biome-ignore lint/suspicious/noExplicitAny: rows are typed field by field where they are read.
export type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult<any>>;

/**
 * One chunk, appended only if the blob still stands at `start` (and the chunk fits): the offset moves in the
 * same statement as the insert, so concurrent writers of one blob can never interleave their bytes.
 */
const APPEND = `
  WITH moved AS (
    UPDATE blob_blobs SET stored = stored + $3
    WHERE blob_id = $1 AND stored = $2 AND stored + $3 <= length
    RETURNING blob_id)
  INSERT INTO blob_chunks (blob_id, start, data) SELECT blob_id, $2, $4 FROM moved`;

/**
 * Streams `source` into 1 MiB chunk rows from `offset`, with one insert in flight while the next chunk
 * fills. The partial chunk is flushed when the source ends or fails, so an interrupted write keeps what
 * arrived. Memory: at most two chunks.
 */
export async function writeChunks(
  query: Query,
  blob: { id: string; length: number },
  offset: number,
  source: AsyncIterable<Uint8Array>,
): Promise<number> {
  let parts: Uint8Array[] = [];
  let pending = 0;
  let flushed = offset;
  let inflight: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (pending === 0) return;
    const data = Buffer.concat(parts, pending);
    const start = flushed;
    parts = [];
    pending = 0;
    flushed += data.byteLength;
    await inflight;
    inflight = append(query, blob.id, start, data);
    inflight.catch(() => {}); // observed by the next await of it
  };

  let failure: unknown = null;
  try {
    for await (const chunk of guard(source)) {
      if (chunk.byteLength === 0) continue;
      if (flushed + pending + chunk.byteLength > blob.length) throw new BlobTooLargeError(blob.length);
      let at = 0;
      while (at < chunk.byteLength) {
        const take = Math.min(CHUNK_BYTES - pending, chunk.byteLength - at);
        parts.push(at === 0 && take === chunk.byteLength ? chunk : chunk.subarray(at, at + take));
        pending += take;
        at += take;
        if (pending === CHUNK_BYTES) await flush();
      }
    }
  } catch (error) {
    failure = error;
  }
  // What arrived before the end, the failure or the byte too many is kept.
  await flush();
  await inflight;
  if (failure !== null) throw failure;
  return flushed;
}

async function append(query: Query, blobId: string, start: number, data: Buffer): Promise<void> {
  const { rowCount } = await query(APPEND, [blobId, start, data.byteLength, data]);
  if (rowCount === 1) return;
  const { rows } = await query('SELECT stored FROM blob_blobs WHERE blob_id = $1', [blobId]);
  if (rows.length === 0) throw new BlobNotFoundError('the upload was removed');
  throw new BlobOffsetError(Number(rows[0].stored));
}

/**
 * Bytes `[start, end)` of a blob, fetched in order, `READ_BATCH` chunk rows per query, the next batch
 * requested while the current one is consumed. Throws when a chunk is missing (the blob was removed).
 */
export async function* readChunks(
  query: Query,
  blobId: string,
  start: number,
  end: number,
): AsyncIterable<Uint8Array> {
  if (start >= end) return;
  const fetch = (from: number, first: boolean) =>
    query(
      first
        ? `SELECT start, data FROM blob_chunks
           WHERE blob_id = $1 AND start >= coalesce(
             (SELECT max(start) FROM blob_chunks WHERE blob_id = $1 AND start <= $2), 0)
           ORDER BY start LIMIT ${READ_BATCH}`
        : `SELECT start, data FROM blob_chunks
           WHERE blob_id = $1 AND start >= $2 ORDER BY start LIMIT ${READ_BATCH}`,
      [blobId, from],
    );
  let position = start;
  let batch = fetch(start, true);
  batch.catch(() => {});
  let expected: number | null = null;
  while (position < end) {
    const { rows } = await batch;
    if (rows.length === 0) throw new Error('the blob is gone');
    const last = rows[rows.length - 1];
    const next = Number(last.start) + last.data.byteLength;
    if (next < end) {
      batch = fetch(next, false);
      batch.catch(() => {});
    }
    for (const row of rows as { start: string; data: Buffer }[]) {
      const chunkStart = Number(row.start);
      const chunkEnd = chunkStart + row.data.byteLength;
      if ((expected !== null && chunkStart !== expected) || chunkStart > position || chunkEnd <= position) {
        throw new Error('the blob is gone');
      }
      expected = chunkEnd;
      const slice = row.data.subarray(position - chunkStart, Math.min(end, chunkEnd) - chunkStart);
      position += slice.byteLength;
      yield slice;
      if (position >= end) return;
    }
  }
}
