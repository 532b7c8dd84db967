import type { NewSecret } from '../stores/secret-store.js';

/**
 * The blob contract (DESIGN §4, issue "encrypted files"): where file ciphertext lives, and the state of its
 * uploads, download grants and download log. Every backend (memory, filesystem, PostgreSQL) implements it
 * and passes the same contract suite (`contract-suite.ts`) unchanged. The SecretStore never sees a byte of
 * a file; it only holds the file refs (`NewSecret.files`: blob id and ciphertext size).
 *
 * Life of a secret with files:
 * 1. `stage(secret)` — the create request: the NewSecret is kept here, not yet in the SecretStore, with one
 *    empty blob per `secret.files[i]` (`size` = the exact ciphertext length to expect). Until every blob is
 *    complete the secret cannot be peeked or claimed (it is not in the SecretStore).
 * 2. `write(blobId, offset, bytes)` — tus PATCH requests append; an interrupted write keeps what arrived.
 * 3. `seal(secretId)` — once every blob is complete, returns the NewSecret to exactly one caller, which
 *    creates it in the SecretStore (or calls `unseal` if that failed, so a retry can seal again).
 * 4. After each successful claim: `grant(blobIds, grantHash, expiresAt, lastView)`.
 * 5. `checkGrant` + `read` serve a download; `completeDownload` when a response delivered the last byte.
 * 6. Deletion: `removeSecret` / `removeByReceipt` (cancel, 413, burn) at once; `completeDownload` deletes
 *    a blob when the last view's grants are all used; `sweep` deletes everything past its time.
 *
 * Common rules:
 * - Times are ms since the epoch, from the caller. A staged secret whose `expiresAt <= now` is gone.
 * - A backend that cannot be reached throws `StoreUnavailableError` (from secret-store.ts).
 * - Ids are 22-character b64u strings (16 random bytes); hashes are b64u SHA-256. Stores never see a grant.
 * - No orphans: after `removeSecret`, a last `completeDownload`, or a `sweep` past the deadline, `list()`
 *   no longer shows the blob, and no byte of it remains on disk or in the database.
 */
export interface BlobStore {
  /**
   * Keeps `secret` (its files in payload order) and creates an empty blob per file. Durable when resolved.
   * The blob ids are unique (the caller draws them at random).
   */
  stage(secret: NewSecret): Promise<void>;

  /** Upload progress of a blob, or null when unknown, removed, or its staged secret expired. */
  uploadState(blobId: string, now: number): Promise<UploadState | null>;

  /**
   * Writes `source` at `offset`, which must equal the blob's current offset (else `BlobOffsetError` carrying
   * the current offset, and nothing is written). Bytes are kept as they arrive, so an interrupted write
   * leaves a resumable offset. A byte past the declared length throws `BlobTooLargeError` before it is
   * written. Throws `BlobSealedError` when the secret was sealed already, `BlobNotFoundError` when the blob
   * is unknown. Resolves with the new offset; reaching the length makes the bytes durable first.
   * Concurrent writes to one blob: the ones whose offset no longer matches fail with `BlobOffsetError`.
   */
  write(blobId: string, offset: number, source: AsyncIterable<Uint8Array>, now: number): Promise<number>;

  /**
   * When every blob of the staged secret is complete and no one sealed it yet: marks it sealed and returns
   * the NewSecret — to exactly one caller across all nodes. Null otherwise (incomplete, sealed, unknown).
   */
  seal(secretId: string, now: number): Promise<NewSecret | null>;

  /** Undoes `seal` after the SecretStore create failed, so that a retried PATCH can seal again. */
  unseal(secretId: string): Promise<void>;

  /** Deletes a secret's blobs, grants and staged record, at any stage. Idempotent. */
  removeSecret(secretId: string): Promise<void>;

  /** `removeSecret` for the secret behind a receipt hash (burn). True when a secret with files was found. */
  removeByReceipt(receiptHash: string): Promise<boolean>;

  /**
   * After a successful claim: the holder of the grant (its SHA-256, b64u) may download each blob of
   * `blobIds` once, until `expiresAt`. `lastView` when this claim took the secret's last view: from then on a
   * blob is deleted as soon as no unused grant for it is left, and at the latest grant's expiry at the latest.
   * Before the last view a blob lives until max(secret expiry, latest grant expiry).
   */
  grant(blobIds: string[], grantHash: string, expiresAt: number, lastView: boolean): Promise<void>;

  /** The blob's size when `grantHash` may download it now (granted, unused, unexpired); else null. */
  checkGrant(blobId: string, grantHash: string, now: number): Promise<{ size: number } | null>;

  /** Bytes `[start, end)` of a complete blob, as a stream of chunks. Errors if the blob disappears. */
  read(blobId: string, start: number, end: number): AsyncIterable<Uint8Array>;

  /**
   * A download reached the last byte: uses the grant up for this blob (true to exactly one caller per grant
   * and blob), logs `now` for the file in the receipt's download log, and deletes the blob when this was its
   * last unused grant after the last view. False when the grant was already used, expired or unknown.
   */
  completeDownload(blobId: string, grantHash: string, now: number): Promise<boolean>;

  /**
   * The download log behind a receipt hash, oldest first; kept until the receipt's retention ends
   * (`expiresAt + receiptRetentionMs` of the secret). Empty when none.
   */
  downloads(receiptHash: string, now: number): Promise<DownloadEvent[]>;

  /**
   * Deletes everything past its time: staged secrets and their blobs at the secret's expiry, blobs past
   * their deadline, used or expired grants, download logs past retention. Safe concurrently from several
   * nodes. Returns what it removed, for metrics.
   */
  sweep(now: number): Promise<BlobSweepResult>;

  /** Every blob id still stored, whatever its state (orphan scans in tests, metrics). */
  list(): Promise<string[]>;

  /** Resolves when the backend answers; throws `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;

  /** Releases connections and handles. Unusable afterwards. */
  close(): Promise<void>;
}

export interface UploadState {
  blobId: string;
  secretId: string;
  /** Declared ciphertext length. */
  length: number;
  /** Bytes stored so far. */
  offset: number;
  /** The secret was handed to the SecretStore: no more writes. */
  sealed: boolean;
}

export interface DownloadEvent {
  /** Index of the file in the secret (payload order). */
  file: number;
  at: number;
}

export interface BlobSweepResult {
  /** Blobs deleted (their bytes). */
  blobs: number;
}

/** `write` at an offset other than the current one. */
export class BlobOffsetError extends Error {
  override readonly name = 'BlobOffsetError';
  constructor(readonly currentOffset: number) {
    super(`the upload is at offset ${currentOffset}`);
  }
}

/** `write` would go past the declared length. */
export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly length: number) {
    super(`the upload is longer than its declared ${length} bytes`);
  }
}

/** `write` to a blob whose secret was sealed (complete and handed over). */
export class BlobSealedError extends Error {
  override readonly name = 'BlobSealedError';
}

/** `write` to an unknown, removed or expired blob. */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
}
