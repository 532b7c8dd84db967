import type { KdfParams } from '@burnlink/core';

/**
 * The store contract. Every backend (memory, SQLite, Redis, PostgreSQL) implements it and passes the same
 * contract suite (`contract-suite.ts`) unchanged.
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
 */
export interface SecretStore {
  /** Stores a new secret and its pending receipt. Durable when the promise resolves. */
  create(secret: NewSecret): Promise<void>;

  /** Public, non-consuming information about a live secret, or null when gone. Never changes state. */
  peek(id: string, now: number): Promise<SecretInfo | null>;

  /**
   * The one-time rule, atomically: find the live secret; if `linkVerifier` is set on the record and
   * `presented.linkVerifier` does not match, answer `not_found` without counting; compare
   * `presented.verifier` with the record's verifier (constant time where the backend allows);
   * - match: decrement views_left (delete the secret at zero), append `now` to the receipt's view times,
   *   answer `ok` with the content;
   * - mismatch on a secret with a passphrase (`kdf !== null`): increment failed attempts; at `maxAttempts`
   *   delete the secret and mark the receipt `locked` (answer `locked`), else answer `wrong_token`;
   * - mismatch without a passphrase: answer `not_found` and change nothing.
   * Under any concurrency at most `maxViews` calls ever answer `ok`. Durable when the promise resolves.
   */
  claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome>;

  /** The receipt by the SHA-256 of the receipt token (b64u), or null when unknown or past retention. */
  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null>;

  /**
   * Burns the secret behind a receipt now: deletes the secret and marks the receipt `burned` if it was still
   * pending. Idempotent: `true` whenever the receipt exists (whatever its state), `false` when unknown.
   */
  burn(receiptHash: string, now: number): Promise<boolean>;

  /**
   * Deletes secrets with `expiresAt <= now` (their receipts become `expired`) and receipts whose retention
   * has passed. Safe to run concurrently from several nodes. Returns what it removed, for metrics.
   */
  sweep(now: number): Promise<SweepResult>;

  /** Resolves when the backend answers; throws `StoreUnavailableError` otherwise. For `/readyz`. */
  ping(): Promise<void>;

  /** Flushes pending writes and releases connections. The store is unusable afterwards. */
  close(): Promise<void>;
}

/** A file blob attached to a secret (issue: encrypted files). Empty for text-only secrets. */
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
  files: FileRef[];
  createdAt: number;
  expiresAt: number;
  maxViews: number;
  maxAttempts: number;
  /** SHA-256 of the receipt token, b64u. The receipt token itself is never stored. */
  receiptHash: string;
  /** How long the receipt outlives the secret, in milliseconds. */
  receiptRetentionMs: number;
}

export interface PresentedProof {
  /** SHA-256 of the presented access token. */
  verifier: Uint8Array;
  /** SHA-256 of the presented link token, or null when none was sent. */
  linkVerifier: Uint8Array | null;
}

export interface SecretInfo {
  expiresAt: number;
  maxViews: number;
  viewsLeft: number;
  kdf: KdfParams | null;
  /** Byte length of the stored content ciphertext. */
  size: number;
  files: FileRef[];
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
  | { status: 'locked' };

export type ReceiptState = 'pending' | 'viewed' | 'burned' | 'expired' | 'locked';

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
}

export interface SweepResult {
  expiredSecrets: number;
  purgedReceipts: number;
}

/** The backend could not be reached or failed; the HTTP layer answers 503 `store_unavailable`. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message = 'the secret store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}
