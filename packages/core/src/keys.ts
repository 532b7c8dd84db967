import { HKDF_SALT_LABEL, LINK_KEY_BYTES, PASSPHRASE_KEY_BYTES } from './constants.js';
import { concatBytes, randomBytes } from './encoding.js';
import { LinkError, PayloadError } from './errors.js';
import { hkdfExpand, hkdfExtract, sha256 } from './hkdf.js';

/**
 * A fresh link key `K`: 32 random bytes. It travels only in the link's `#fragment`.
 *
 * @example
 * ```ts
 * const k = generateLinkKey();
 * ```
 */
export function generateLinkKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(LINK_KEY_BYTES);
}

/** Everything protocol v1 derives from the link key (and passphrase key). */
export interface DerivedKeys {
  /** `Kc = HKDF-Expand(M, "content", 32)`: encrypts the payload and files. */
  contentKey: Uint8Array<ArrayBuffer>;
  /** `T = HKDF-Expand(M, "access", 32)`: proves knowledge of K (and P) at claim. */
  token: Uint8Array<ArrayBuffer>;
  /** `V = SHA-256(T)`: what the server stores. */
  verifier: Uint8Array<ArrayBuffer>;
  /** `L = HKDF-Expand(HKDF-Extract("burnlink/v1", K), "link", 32)`: proves knowledge of K alone. */
  linkToken: Uint8Array<ArrayBuffer>;
  /** `SHA-256(L)`: stored for passphrase secrets so the id alone cannot burn them. */
  linkVerifier: Uint8Array<ArrayBuffer>;
}

/**
 * Protocol v1 derivation (docs/encryption.md steps 3 and 3a):
 * `M = HKDF-Extract("burnlink/v1", K || P)` (or `K` without a passphrase), `Kc`, `T`, `V = SHA-256(T)`;
 * `M0 = HKDF-Extract("burnlink/v1", K)`, `L = HKDF-Expand(M0, "link", 32)`, `SHA-256(L)`.
 *
 * @example
 * ```ts
 * const keys = await deriveKeys(linkKey, kdf ? await derivePassphraseKey(passphrase, kdf) : null);
 * ```
 */
export async function deriveKeys(
  linkKey: Uint8Array,
  passphraseKey: Uint8Array | null,
): Promise<DerivedKeys> {
  if (!(linkKey instanceof Uint8Array) || linkKey.length !== LINK_KEY_BYTES) {
    throw new LinkError(`link key must be ${LINK_KEY_BYTES} bytes`);
  }
  if (
    passphraseKey !== null &&
    (!(passphraseKey instanceof Uint8Array) || passphraseKey.length !== PASSPHRASE_KEY_BYTES)
  ) {
    throw new PayloadError(`passphrase key must be ${PASSPHRASE_KEY_BYTES} bytes`);
  }
  const m0 = await hkdfExtract(HKDF_SALT_LABEL, linkKey);
  const m =
    passphraseKey === null ? m0 : await hkdfExtract(HKDF_SALT_LABEL, concatBytes(linkKey, passphraseKey));
  const [contentKey, token, linkToken] = await Promise.all([
    hkdfExpand(m, 'content', 32),
    hkdfExpand(m, 'access', 32),
    hkdfExpand(m0, 'link', 32),
  ]);
  const [verifier, linkVerifier] = await Promise.all([sha256(token), sha256(linkToken)]);
  return { contentKey, token, verifier, linkToken, linkVerifier };
}
