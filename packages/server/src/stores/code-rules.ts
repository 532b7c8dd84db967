import { digestsEqual } from './receipt-rules.js';
import type { PresentedProof } from './secret-store.js';

/** The verification code stored with a restricted secret (`SecretStore.issueCode`), as a backend keeps it. */
export interface StoredCode {
  /** SHA-256 (b64u) of `${secretId}:${code}`. */
  hash: string;
  expiresAt: number;
  /** Wrong tries left. */
  triesLeft: number;
}

/**
 * The code step of a gated claim (the "Restrictions" rule on `SecretStore.claim`): `open` when `codeHash`
 * opens the stored code; `spent` when there is no usable code (none, expired, no tries left: nothing
 * changes, `triesLeft: 0`); `wrong` when the hash differs (the caller stores `triesLeft`, one fewer).
 */
export type CodeCheck = { result: 'open' } | { result: 'spent' } | { result: 'wrong'; triesLeft: number };

export function checkCode(code: StoredCode | null, codeHash: string, now: number): CodeCheck {
  if (!code || code.expiresAt <= now || code.triesLeft <= 0) return { result: 'spent' };
  if (textsEqual(codeHash, code.hash)) return { result: 'open' };
  return { result: 'wrong', triesLeft: code.triesLeft - 1 };
}

/** Constant-time equality of two hash texts (the lengths are public: both are b64u SHA-256 digests). */
export function textsEqual(a: string, b: string): boolean {
  return digestsEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Whether a presented proof holds the link (the "Restrictions" rule on `SecretStore.claim`, and `issueCode`):
 * the link verifier of a passphrase secret, else the access verifier. Constant time.
 */
export function holdsLink(
  stored: { verifier: Uint8Array; linkVerifier: Uint8Array | null },
  presented: PresentedProof,
): boolean {
  if (stored.linkVerifier !== null) {
    return presented.linkVerifier !== null && digestsEqual(presented.linkVerifier, stored.linkVerifier);
  }
  return digestsEqual(presented.verifier, stored.verifier);
}
