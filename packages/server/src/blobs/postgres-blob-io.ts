import { StoreUnavailableError } from '../stores/secret-store.js';
import { pump } from './blob-source.js';
import { BlobNotFoundError, type WriteResult } from './blob-store.js';
import type { Query } from './postgres-blob-query.js';

/** Most bytes per `blob_chunks` row. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Row inserts of one write in flight at once, each an autocommit statement on its own pooled connection: their
 * commits overlap (PostgreSQL flushes the WAL of concurrent commits together), where one at a time waits a
 * whole WAL flush per MiB. Memory: this many rows plus the one filling.
 */
export const INSERTS_IN_FLIGHT = 3;
/** Bytes of the blob each read query covers (rows starting in the window): at most 3 MiB per query. */
const READ_WINDOW = 2 * CHUNK_BYTES;

/**
 * Cuts a blob at `$2` in one statement (one transaction): deletes the rows starting at or after it and
 * shortens the row straddling it. Answers the bytes stored BEFORE the cut (every part of a statement sees
 * the same snapshot), -1 when the blob has no row.
 */
const CUT = `
  WITH gone AS (DELETE FROM blob_chunks WHERE blob_id = $1 AND start >= $2),
  shortened AS (
    UPDATE blob_chunks SET data = substring(data FROM 1 FOR ($2 - start)::integer)
    WHERE blob_id = $1 AND start < $2 AND start + length(data) > $2)
  SELECT coalesce(
    (SELECT start + length(data) FROM blob_chunks WHERE blob_id = $1 ORDER BY start DESC LIMIT 1), -1) AS stored`;
const INSERT = 'INSERT INTO blob_chunks (blob_id, start, data) VALUES ($1, $2, $3)';
/** An empty blob is one empty row at 0: a write at offset 0 always leaves the blob existing. */
const EMPTY = `INSERT INTO blob_chunks (blob_id, start, data) VALUES ($1, 0, '') ON CONFLICT DO NOTHING`;

/**
 * `BlobStore.write` on PostgreSQL: the cut, then the source in rows of up to 1 MiB, each its own autocommit
 * insert — a row is durable when its insert resolves, and no transaction stays open while a slow client
 * sends (idle_in_transaction_session_timeout would end it). Up to `INSERTS_IN_FLIGHT` inserts run while the
 * next row fills; the write resolves only once every one of them has committed. A failed insert fails the
 * write (nothing of it counts, as `pump` says) after the others have settled: rows past the recorded offset,
 * perhaps with a gap, are leftovers, which the next write at that offset cuts.
 */
export async function writeChunks(
  query: Query,
  blob: { id: string; offset: number; maxBytes: number; isOpen: () => boolean },
  source: AsyncIterable<Uint8Array>,
): Promise<WriteResult> {
  const { rows } = await query(CUT, [blob.id, blob.offset]);
  // An absent blob (-1) may be created at offset 0 only.
  if (Math.max(Number(rows[0].stored), 0) < blob.offset) throw new BlobNotFoundError();

  /** The row being filled; allocated when a byte comes (a small write never holds a whole empty row). */
  let row: Buffer | null = null;
  let filled = 0;
  let rowStart = blob.offset;
  /** Inserts not yet settled, in order; each is observed (a rejection waits for the next await of it). */
  const inflight: Promise<unknown>[] = [];
  const flush = async (): Promise<void> => {
    if (row === null || filled === 0) return;
    const data = row.subarray(0, filled);
    const start = rowStart;
    rowStart += filled;
    row = null;
    filled = 0;
    // Wait for the oldest insert when the window is full; a failed one rejects here and ends the write.
    while (inflight.length >= INSERTS_IN_FLIGHT) await inflight.shift();
    const insert = query(INSERT, [blob.id, start, data]);
    insert.catch(() => {}); // observed when its turn comes
    inflight.push(insert);
  };
  /** Every insert settled; rejects with the first failure after all have settled (none is left running). */
  const settled = async (): Promise<void> => {
    const results = await Promise.allSettled(inflight.splice(0));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
    const result = await pump(source, blob.maxBytes, async (chunk) => {
      if (!blob.isOpen()) throw new StoreUnavailableError('the PostgreSQL blob store is closed');
      for (let at = 0; at < chunk.byteLength; ) {
        const take = Math.min(CHUNK_BYTES - filled, chunk.byteLength - at);
        row ??= Buffer.allocUnsafe(CHUNK_BYTES);
        row.set(chunk.subarray(at, at + take), filled); // a copy: the caller may reuse its chunk
        filled += take;
        at += take;
        if (filled === CHUNK_BYTES) await flush();
      }
    });
    await flush();
    await settled();
    if (blob.offset === 0 && result.written === 0) await query(EMPTY, [blob.id]);
    return result;
  } finally {
    await Promise.allSettled(inflight);
  }
}

/** The first query of a read: rows from the one holding `$2` through the window. */
const FIRST = `
  SELECT start, data FROM blob_chunks
  WHERE blob_id = $1 AND start < $2::bigint + $3::bigint AND start >= coalesce(
    (SELECT max(start) FROM blob_chunks WHERE blob_id = $1 AND start <= $2), 0)
  ORDER BY start`;
const NEXT =
  'SELECT start, data FROM blob_chunks WHERE blob_id = $1 AND start >= $2 AND start < $2::bigint + $3::bigint ORDER BY start';
const STORED =
  'SELECT start + length(data) AS stored FROM blob_chunks WHERE blob_id = $1 ORDER BY start DESC LIMIT 1';

/**
 * `BlobStore.read` on PostgreSQL: checks that the blob holds `end` bytes (BlobNotFoundError otherwise), then
 * streams rows window by window, the next window requested while the current one is consumed. Rows must
 * follow each other without a gap; a row missing (the blob deleted under the read) makes the stream throw,
 * so it never yields wrong bytes.
 */
export async function readChunks(
  query: Query,
  blob: { id: string; start: number; end: number; isOpen: () => boolean },
): Promise<AsyncIterable<Uint8Array>> {
  const { rows } = await query(STORED, [blob.id]);
  if (rows.length === 0 || Number(rows[0].stored) < blob.end) throw new BlobNotFoundError();
  return windows(query, blob);
}

async function* windows(
  query: Query,
  blob: { id: string; start: number; end: number; isOpen: () => boolean },
): AsyncIterable<Uint8Array> {
  const { id, end } = blob;
  let position = blob.start;
  /** Where the next row must start; null until the first row (which may start before `position`). */
  let expected: number | null = null;
  let batch = position < end ? query(FIRST, [id, position, READ_WINDOW]) : null;
  while (batch && position < end) {
    const { rows } = await batch;
    if (rows.length === 0) throw new BlobNotFoundError();
    const last = rows[rows.length - 1];
    const after = Number(last.start) + last.data.byteLength;
    batch = after < end ? query(NEXT, [id, after, READ_WINDOW]) : null;
    batch?.catch(() => {}); // observed when its turn comes
    for (const row of rows as { start: string; data: Buffer }[]) {
      const rowStart = Number(row.start);
      const rowEnd = rowStart + row.data.byteLength;
      if (expected === null ? rowStart > position : rowStart !== expected) throw new BlobNotFoundError();
      expected = rowEnd;
      if (rowEnd <= position) continue;
      if (!blob.isOpen()) throw new StoreUnavailableError('the PostgreSQL blob store is closed');
      const slice = row.data.subarray(position - rowStart, Math.min(end, rowEnd) - rowStart);
      position += slice.byteLength;
      yield slice;
      if (position >= end) return;
    }
  }
}
