import type { NewSecret } from '../stores/secret-store.js';

/**
 * The lifecycle rules every BlobStore backend applies the same way (see blob-store.ts).
 *
 * A blob is due for deletion when no live (unused, unexpired) grant for it is left and either the last view
 * was taken or the secret has expired. Before any claim there are no grants, so a staged or sealed blob is
 * due at the secret's expiry; before the last view a blob lives until max(secret expiry, latest grant expiry);
 * after it, until its last grant is used or expires.
 */
export function blobIsDue(
  lastView: boolean,
  secretExpiresAt: number,
  liveGrants: number,
  now: number,
): boolean {
  return liveGrants === 0 && (lastView || secretExpiresAt <= now);
}

/** When the download log of a secret is forgotten: the receipt's retention after the secret's expiry. */
export function logForgetAt(secret: Pick<NewSecret, 'expiresAt' | 'receiptRetentionMs'>): number {
  return secret.expiresAt + secret.receiptRetentionMs;
}

/** A deep copy: the caller's buffers may be reused or mutated after a call returns. */
export function copySecret(s: NewSecret): NewSecret {
  return {
    ...s,
    verifier: new Uint8Array(s.verifier),
    linkVerifier: s.linkVerifier ? new Uint8Array(s.linkVerifier) : null,
    kdf: s.kdf ? { ...s.kdf } : null,
    content: new Uint8Array(s.content),
    files: s.files.map((file) => ({ id: file.id, size: file.size })),
  };
}

/** Throws when a NewSecret cannot be staged (duplicate blob ids, sizes that are not byte counts). */
export function checkStageable(secret: NewSecret): void {
  const ids = new Set(secret.files.map((file) => file.id));
  if (ids.size !== secret.files.length) throw new Error('the blob ids of a secret must be unique');
  for (const file of secret.files) {
    if (!Number.isSafeInteger(file.size) || file.size < 0) {
      throw new Error('a blob size must be a non-negative integer');
    }
  }
}
