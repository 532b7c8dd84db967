/**
 * The blob contract: bytes only. A BlobStore keeps the ciphertext of files under random blob ids and knows
 * nothing of secrets, uploads, grants or expiry — that state is the SecretStore's (stores/secret-store.ts).
 * Every backend (memory, filesystem, PostgreSQL) passes the same suite (`contract-suite.ts`) unchanged.
 *
 * The rules that make two stores safe without a transaction spanning both:
 * - Bytes are written before the record that refers to them: the service writes (durably), THEN records the
 *   new offset in the SecretStore. Bytes past the recorded offset are leftovers of an interrupted write and
 *   are overwritten by the next write at the recorded offset.
 * - Bytes are deleted after their record: the service deletes blobs only once the SecretStore has deleted
 *   their records; the sweeper deletes blobs that `list()` shows and the SecretStore no longer knows.
 *
 * Common rules:
 * - Blob ids are 22-character b64u strings (16 random bytes), never reused.
 * - A backend that cannot be reached or fails throws `StoreUnavailableError` (stores/secret-store.ts); a full
 *   disk throws `BlobStorageFullError`. Neither ever leaves a write's promise unsettled.
 * - After `close()`, every method rejects with `StoreUnavailableError`.
 */
export interface BlobStore {
  /**
   * Writes the bytes of `source` at `offset` (creating the blob when absent, overwriting bytes at and past
   * `offset`), at most `maxBytes` of them. Resolves once every byte it reports as `written` is durable:
   * - `done`: the source ended; `written` bytes were stored;
   * - `too_large`: the source had more than `maxBytes`; the chunk crossing the limit is not stored, and the
   *   rest of the source is not read;
   * - `source_failed`: reading the source failed (the client went away); the bytes that arrived before are
   *   stored and counted, `error` is the source's error.
   * A failure of the store itself rejects (StoreUnavailableError / BlobStorageFullError): then nothing of
   * this write counts, and the caller records nothing.
   */
  write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<WriteResult>;

  /**
   * Bytes `[start, end)` of a blob as a stream of chunks. Rejects with `BlobNotFoundError` before any byte
   * when the blob is absent (deleted). A blob deleted while it is being read either finishes (filesystem: the
   * open file outlives its name) or makes the stream error; it never yields wrong bytes.
   */
  read(blobId: string, start: number, end: number): Promise<AsyncIterable<Uint8Array>>;

  /** Deletes these blobs' bytes. Idempotent: unknown ids are ignored. */
  delete(blobIds: string[]): Promise<void>;

  /** Every blob id with bytes stored (the sweeper's orphan scan, tests). */
  list(): Promise<string[]>;

  /** Resolves when the backend answers; throws `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;

  /** Releases connections and handles. Unusable afterwards. */
  close(): Promise<void>;
}

export type WriteResult =
  | { outcome: 'done'; written: number }
  | { outcome: 'too_large'; written: number }
  | { outcome: 'source_failed'; written: number; error: unknown };

/** `read` of a blob that does not exist. */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor() {
    super('no such blob');
  }
}

/** The disk (or database) is full: nothing of the write counts; the HTTP layer answers 507. */
export class BlobStorageFullError extends Error {
  override readonly name = 'BlobStorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('the blob store has no space left', options);
  }
}
