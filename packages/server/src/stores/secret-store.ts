import type { KdfParams } from '@burnlink/core';

/**
 * The store contract. Every backend (memory, SQLite, Redis, PostgreSQL) implements it and passes the same
 * contract suite (`contract-suite.ts`) unchanged. The SecretStore owns ALL state of a secret: the record and
 * its receipt, the uploads of its files (declared length, recorded offset, writer lease), the download grants
 * of each claim, and the download log. Each method is ONE atomic step per backend (a SQLite transaction, a
 * Redis Lua script, a PostgreSQL transaction): nothing another call does can interleave with it. The bytes
 * of files live in a `BlobStore`, which knows nothing of secrets (see `blobs/blob-store.ts`).
 *
 * Common rules for every method:
 * - Times are milliseconds since the epoch and always come from the caller (`now`), never from the store's
 *   clock, so that expiry is testable with an injected clock and consistent across nodes.
 * - "Gone" is not an error: an unknown, expired, consumed or burned secret is reported as `null` /
 *   `{ status: 'not_found' }`. A secret whose `expiresAt <= now` is treated as gone by every method even if
 *   the sweeper has not removed it yet (promise 5: expired means gone).
 * - A backend that cannot be reached or fails throws `StoreUnavailableError`; it never reports a secret as
 *   gone because it could not ask.
 * - Verifiers and hashes are compared inside the atomic step; the caller hashes the presented token first.
 * - Bytes before records, records before bytes: a method that deletes file records returns their blob ids
 *   (`blobIds`), and the caller deletes those bytes AFTER the method resolved. A crash in between leaves bytes
 *   without a record, which the sweeper removes (`knownBlobs`).
 *
 * Life of a secret with files (`NewSecret.files` not empty):
 * 1. `create` stores it STAGED: with its receipt (`pending`) and one upload per file at offset 0. A staged
 *    secret cannot be peeked or claimed; it can be burned (receipt) or cancelled (any of its uploads).
 * 2. Each upload request: `startUpload` takes the upload's writer lease at the recorded offset; the caller
 *    writes the bytes to the BlobStore (durably); `finishUpload` records the new offset and releases the
 *    lease. The `finishUpload` that records the last byte of the last file makes the secret live in the same
 *    step (`sealed: true`): from then on it can be peeked and claimed. Nothing can end the secret between
 *    "complete" and "live", and a burn or cancel that won makes that `finishUpload` answer `not_found`.
 * 3. `claim` with a grant: a successful claim of a secret with files creates the grant for every file in the
 *    same step (one complete delivery of each file per grant, until the grant's `expiresAt`).
 * 4. Each download request: `startDownload` takes the (grant, file) reader lease; the caller streams bytes;
 *    `finishDownload` either releases the lease (interrupted: resumable with Range) or records the delivery
 *    (download log in the receipt) and, when no delivery is possible any more, deletes the file's record.
 * 5. A long transfer keeps its lease with `extendLease`; a lease whose `until` passed may be taken by another
 *    request (the holder is presumed dead), after which the old holder's calls answer `lease_lost` / false.
 *
 * Upload deadline: with `NewSecret.uploadIdleMs`, a staged secret expires (exactly as at `expiresAt`: gone
 * for every method, swept with its files, receipt `expired`) once its uploads made no progress for that
 * long. Its deadline starts at `createdAt + uploadIdleMs` and each progress moves it to `progress +
 * uploadIdleMs`: a `startUpload` that took the lease and an upload `extendLease` count at the lease's
 * `until` (bytes may flow until then), a `finishUpload` at `now`. Never past `expiresAt`; once the secret
 * is live the deadline no longer applies. `upload` reports it (`expiresAt`) for tus `Upload-Expires`.
 */
export interface SecretStore {
  /**
   * Stores a new secret and its pending receipt; with files, staged (see above) with one upload per file.
   * Durable when the promise resolves. An id, receipt hash or blob id that exists already rejects with a
   * plain `Error` and changes nothing.
   */
  create(secret: NewSecret): Promise<void>;

  /** Public, non-consuming information about a live (not staged) secret, or null. Never changes state. */
  peek(id: string, now: number): Promise<SecretInfo | null>;

  /**
   * The one-time rule, atomically: find the live (not staged) secret; if `linkVerifier` is set on the record
   * and `presented.linkVerifier` does not match, answer `not_found` without counting; compare
   * `presented.verifier` with the record's verifier (constant time where the backend allows);
   * - match: decrement views_left (delete the secret's content and verifiers at zero), append `now` to the
   *   receipt's view times, and when the secret has files and `grant` is given, create that grant for each of
   *   its files; answer `ok` with the content;
   * - mismatch on a secret with a passphrase (`kdf !== null`): increment failed attempts; at `maxAttempts`
   *   delete the secret and mark the receipt `locked` (answer `locked`, with the blob ids whose records this
   *   deleted), else answer `wrong_token`;
   * - mismatch without a passphrase: answer `not_found` and change nothing.
   * Under any concurrency at most `maxViews` calls ever answer `ok`. Durable when the promise resolves.
   *
   * Restrictions (`NewSecret.restrictions` not null), checked FIRST, before the verifiers, in the same step:
   * - no `presented.gate`: answer `restricted` with the stored restrictions, and change nothing (the service
   *   checks them and calls again with a gate);
   * - with a gate, the presented proof must hold the link BEFORE any code is looked at: a passphrase secret
   *   needs the right `linkVerifier`, a secret without one the right `verifier`; otherwise `not_found` and
   *   nothing changes (so the secret id alone can never spend a code's tries, DESIGN §2 promise 2);
   * - `gate.codeHash` not null: the current code (`issueCode`) must be unexpired (`expiresAt > now`), have
   *   tries left, and its hash equal `codeHash`. No such code, expired, or no tries left: `code_invalid` with
   *   `triesLeft: 0`, nothing changes. Wrong hash: its tries drop by one, answer `code_invalid` with the tries
   *   left (no view used, no passphrase attempt counted). Right: go on with the verifiers; an `ok` deletes
   *   the code (single-use: the next view needs a new one), any other answer keeps it.
   * A secret without restrictions ignores `gate`.
   *
   * File records and grants: before the last view a file is kept until max(secret expiry, latest grant
   * expiry); after the last view, until no grant can still deliver it (each is delivered or expired), and at
   * the latest grant's expiry at the latest.
   */
  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome>;

  /**
   * Stores a verification code with a live secret that has restrictions, replacing any earlier code (which
   * stops working), and counts it. `proof` must hold the link as in a gated claim (a passphrase secret: the
   * right `linkVerifier`; else the right `verifier`). `limit` (nothing changes) when `maxIssued` codes were
   * issued for this secret already; `not_found` when the secret is gone, staged, has no restrictions, or the
   * proof does not hold the link. The code is deleted with the secret's content. Atomic; durable when the
   * promise resolves.
   */
  issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome>;

  /** The receipt by the SHA-256 of the receipt token (b64u), or null when unknown or past retention. */
  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null>;

  /**
   * Burns the secret behind a receipt now, staged or live: deletes the secret and marks the receipt `burned`
   * if it was still pending, and deletes every file record of the secret WHATEVER the receipt's state (also
   * files that a recipient holds a grant for, and uploads in progress). Idempotent.
   */
  burn(receiptHash: string, now: number): Promise<BurnOutcome>;

  /** Where an upload stands, or null when unknown, cancelled, burned, or its staged secret has expired. */
  upload(blobId: string, now: number): Promise<UploadState | null>;

  /**
   * Takes the writer lease of an upload at `offset`. `ok` when the secret is staged and live (unexpired), the
   * offset equals the recorded one and no other lease is active (`until > now`): the lease is stored.
   * Otherwise, checked in this order: `not_found`, `sealed` (the secret is live: no more writes), `busy` (an
   * active lease of someone else; `offset` is the recorded offset), `offset_mismatch` (with the recorded one).
   */
  startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome>;

  /**
   * Records that the upload's bytes up to `offset` are durably stored, and releases the lease. `offset` must
   * be within [recorded offset, length]. When this completes every upload of the secret, the secret becomes
   * live in this same step (`sealed: true`). `expiresAt` is the secret's expiry after this step (the upload
   * deadline it moved while staged, the expiry once live). `lease_lost` when `leaseId` no longer holds the lease (nothing
   * changes); `not_found` when the upload or its secret is gone (burned, cancelled, expired).
   */
  finishUpload(blobId: string, leaseId: string, offset: number, now: number): Promise<FinishUploadOutcome>;

  /**
   * Cancels a staged secret through one of its uploads: deletes the secret and every file record, marks the
   * receipt `burned`. `sealed` (nothing changes) when the secret is live already; `not_found` when gone.
   */
  cancelUpload(blobId: string, now: number): Promise<CancelOutcome>;

  /**
   * Takes the reader lease of (grant, file) for one download request. `ok` with the file's ciphertext size
   * and index when the grant exists for this file, is unexpired (`expiresAt > now`) and has not delivered it
   * yet, and no other reader lease on the same (grant, file) is active. `in_progress` when another is;
   * `not_found` otherwise. The secret's own expiry does not matter here: a grant is judged by its own.
   */
  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): Promise<StartDownloadOutcome>;

  /**
   * Ends a download request that holds the reader lease. `delivered: false` (interrupted) releases the lease:
   * the grant can resume with Range. `delivered: true` marks (grant, file) delivered, appends `{ file, at: now }`
   * to the receipt's download log, and when the secret can give no more views (consumed, locked, burned or
   * expired) and no other grant can still deliver this file, deletes the file's record (`deleteBlob: true`:
   * the caller then deletes the bytes). `lease_lost` when `leaseId` no longer holds the lease (nothing
   * changes); `not_found` when the grant or file is gone.
   */
  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome>;

  /** Moves an upload's (`grantHash` null) or a download's lease to `until`; false when `leaseId` lost it. */
  extendLease(blobId: string, grantHash: string | null, leaseId: string, until: number): Promise<boolean>;

  /**
   * Deletes what is past its time: secrets with `expiresAt <= now`, staged or live (their receipts become
   * `expired`); file records past their keep time or no longer deliverable, with their grants; receipts
   * whose retention has passed (with their download logs); and requests (`request-store.ts`): waiting ones
   * past expiry become `expired`, records past retention go. Safe to run concurrently from several nodes;
   * each removal is counted and each blob id and expired id returned by exactly one caller. Bounded work per
   * call.
   */
  sweep(now: number): Promise<SweepResult>;

  /** Which of `blobIds` still have a file record (the sweeper deletes the bytes of the others). */
  knownBlobs(blobIds: string[]): Promise<Set<string>>;

  /** Resolves when the backend answers; throws `StoreUnavailableError` otherwise. For `/readyz`. */
  ping(): Promise<void>;

  /** Flushes pending writes and releases connections. The store is unusable afterwards. */
  close(): Promise<void>;
}

/** A file of a secret: its blob id (16 random bytes, b64u) and exact ciphertext size in bytes. */
export interface FileRef {
  id: string;
  size: number;
}

export interface NewSecret {
  /** 16 random bytes, b64u (22 characters). */
  id: string;
  /** SHA-256 of the access token, 32 bytes. */
  verifier: Uint8Array;
  /** SHA-256 of the link token, 32 bytes; set exactly when `kdf` is set (passphrase secrets). */
  linkVerifier: Uint8Array | null;
  kdf: KdfParams | null;
  /** Stream 0 ciphertext (RFC 8188 framing), opaque to the server. */
  content: Uint8Array;
  /** The files in payload order (the index is the file's number in the download log). Empty for text. */
  files: FileRef[];
  createdAt: number;
  expiresAt: number;
  maxViews: number;
  maxAttempts: number;
  /** SHA-256 of the receipt token, b64u. The receipt token itself is never stored. */
  receiptHash: string;
  /** How long the receipt outlives the secret, in milliseconds. */
  receiptRetentionMs: number;
  /**
   * With files: how long the staged secret may go without upload progress before it expires (its uploads
   * are abandoned); absent or null, it expires only at `expiresAt`. See "Upload deadline" above.
   */
  uploadIdleMs?: number | null;
  /**
   * The sender's restrictions (docs/policies.md), as opaque text the service writes and reads (JSON, at most
   * 16 KiB); absent or null for none. Stored with the secret and deleted with its content (last view, burn,
   * lock, expiry); never part of the receipt. See "Restrictions" on `claim`.
   */
  restrictions?: string | null;
}

export interface PresentedProof {
  /** SHA-256 of the presented access token. */
  verifier: Uint8Array;
  /** SHA-256 of the presented link token, or null when none was sent. */
  linkVerifier: Uint8Array | null;
  /**
   * Present when the service has checked the secret's restrictions and they allow this claim; absent on a
   * first try (see "Restrictions" on `claim`).
   */
  gate?: Gate | undefined;
}

/** The service's word that a restricted secret's checks passed, with the presented verification code. */
export interface Gate {
  /** SHA-256 (b64u) of `${secretId}:${code}` when the restrictions need a code, else null. */
  codeHash: string | null;
}

/** A verification code to store with a secret (`issueCode`). */
export interface NewCode {
  /** SHA-256 (b64u) of `${secretId}:${code}`. */
  hash: string;
  expiresAt: number;
  /** Wrong tries allowed. */
  tries: number;
}

export type IssueCodeOutcome = 'ok' | 'not_found' | 'limit';

/** A download grant created by a successful claim: its SHA-256 (b64u) and when it expires. */
export interface NewGrant {
  hash: string;
  expiresAt: number;
}

/** A lease on an upload or a download: a random id drawn by the caller, valid while `until > now`. */
export interface Lease {
  id: string;
  until: number;
}

export interface SecretInfo {
  expiresAt: number;
  maxViews: number;
  viewsLeft: number;
  kdf: KdfParams | null;
  /** Byte length of the stored content ciphertext. */
  size: number;
  files: FileRef[];
  /** `NewSecret.restrictions` as stored, or null. */
  restrictions: string | null;
}

export type ClaimOutcome =
  | {
      status: 'ok';
      content: Uint8Array;
      kdf: KdfParams | null;
      files: FileRef[];
      viewsLeft: number;
      expiresAt: number;
    }
  | { status: 'not_found' }
  | { status: 'wrong_token'; attemptsLeft: number }
  | { status: 'locked'; blobIds: string[] }
  /** The secret has restrictions and no `gate` was presented: nothing changed. */
  | { status: 'restricted'; restrictions: string }
  /** `gate.codeHash` did not open the current code: nothing but the code's tries changed. */
  | { status: 'code_invalid'; triesLeft: number };

export interface BurnOutcome {
  /** The receipt exists (whatever its state); false when unknown or past retention. */
  known: boolean;
  /** The id of the secret behind the receipt when known (for lifecycle events), else null. */
  secretId: string | null;
  /** This call ended a pending secret (the receipt went from `pending` to `burned`). */
  ended: boolean;
  /** File records this call deleted: the caller deletes their bytes. */
  blobIds: string[];
}

export interface UploadState {
  blobId: string;
  secretId: string;
  /** The file's index in the secret. */
  index: number;
  /** Declared ciphertext length. */
  length: number;
  /** Bytes recorded as durably stored. */
  offset: number;
  /** The secret is live: every upload of it is complete. */
  sealed: boolean;
  /** When the unfinished upload expires without progress (staged), or the secret's expiry (sealed). */
  expiresAt: number;
}

export type StartUploadOutcome =
  | { status: 'ok'; secretId: string; index: number; length: number; offset: number }
  | { status: 'not_found' }
  | { status: 'sealed'; length: number }
  | { status: 'busy'; offset: number }
  | { status: 'offset_mismatch'; offset: number };

export type FinishUploadOutcome =
  | {
      status: 'ok';
      secretId: string;
      offset: number;
      sealed: boolean;
      /** The secret's expiry after this step: the moved upload deadline while staged (tus Upload-Expires). */
      expiresAt: number;
    }
  | { status: 'lease_lost' }
  | { status: 'not_found' };

export type CancelOutcome =
  | { status: 'cancelled'; secretId: string; blobIds: string[] }
  | { status: 'sealed' }
  | { status: 'not_found' };

export type StartDownloadOutcome =
  | { status: 'ok'; secretId: string; index: number; size: number }
  | { status: 'in_progress' }
  | { status: 'not_found' };

export type FinishDownloadOutcome =
  | { status: 'ok'; secretId: string; index: number; deleteBlob: boolean }
  | { status: 'lease_lost' }
  | { status: 'not_found' };

export type ReceiptState = 'pending' | 'viewed' | 'burned' | 'expired' | 'locked';

/** One delivered file: its index in the secret and when its last byte went out. */
export interface DownloadEvent {
  file: number;
  at: number;
}

export interface ReceiptInfo {
  /** `pending` while views remain; `viewed` once the last view is taken; the others as named. */
  state: ReceiptState;
  createdAt: number;
  expiresAt: number;
  maxViews: number;
  viewsLeft: number;
  /** One timestamp per successful claim, oldest first. */
  viewedAt: number[];
  failedAttempts: number;
  maxAttempts: number;
  hasPassphrase: boolean;
  /** When the secret was burned, locked or found expired; null while pending or viewed. */
  endedAt: number | null;
  /** Completed file deliveries, oldest first; kept as long as the receipt. */
  downloads: DownloadEvent[];
}

export interface SweepResult {
  /** Ids of the secrets this sweep found expired and deleted (staged or live), each reported once. */
  expiredIds: string[];
  purgedReceipts: number;
  /** File records this sweep deleted: the caller deletes their bytes. */
  blobIds: string[];
  /** Ids of the waiting requests this sweep marked `expired` (`RequestStore`), each reported once. */
  expiredRequestIds: string[];
  /** Request records this sweep deleted after their retention. */
  purgedRequests: number;
}

/** The backend could not be reached or failed; the HTTP layer answers 503 `store_unavailable`. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message = 'the secret store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}
