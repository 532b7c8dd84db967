import { timingSafeEqual } from 'node:crypto';
import type { ReceiptInfo } from './secret-store.js';

/**
 * A receipt as a backend keeps it. Unlike `ReceiptInfo`, `endedAt` is also set for `viewed` (the time of the
 * last view), because retention counts from whenever the secret ended: consumed, burned, locked or expired.
 * A `pending` receipt whose `expiresAt` has passed is expired even if the sweeper has not marked it yet.
 * `downloads` (from `ReceiptInfo`) is the download log, oldest first; it lives and dies with the receipt.
 */
export interface StoredReceipt extends ReceiptInfo {
  retentionMs: number;
}

/** The state a stored receipt really has at `now` (lazy expiry), or null once its retention has passed. */
export function presentReceipt(stored: StoredReceipt, now: number): ReceiptInfo | null {
  let { state, endedAt, viewsLeft } = stored;
  if (state === 'pending' && stored.expiresAt <= now) {
    state = 'expired';
    endedAt = stored.expiresAt;
    viewsLeft = 0;
  }
  if (state !== 'pending' && endedAt !== null && endedAt + stored.retentionMs <= now) return null;
  return {
    state,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    maxViews: stored.maxViews,
    viewsLeft,
    viewedAt: [...stored.viewedAt],
    failedAttempts: stored.failedAttempts,
    maxAttempts: stored.maxAttempts,
    hasPassphrase: stored.hasPassphrase,
    // `viewed` ends by use, not by an event the sender needs a time for: its times are in `viewedAt`.
    endedAt: state === 'pending' || state === 'viewed' ? null : endedAt,
    downloads: stored.downloads.map((event) => ({ file: event.file, at: event.at })),
  };
}

/** Constant-time equality of two digests; a length mismatch is simply unequal. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}
