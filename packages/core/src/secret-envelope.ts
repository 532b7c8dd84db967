import { KDF_DEFAULT_ITERATIONS, KDF_NAME, KDF_SALT_BYTES, LINK_KEY_BYTES } from './constants.js';
import { randomBytes, toBase64Url } from './encoding.js';
import { PayloadError } from './errors.js';
import { derivePassphraseKey, type KdfParams, validateKdfParams } from './kdf.js';
import { deriveKeys, generateLinkKey } from './keys.js';
import { decodePayload, encodePayload, type SecretPayload } from './payload-codec.js';
import { decryptBytes, encryptBytes } from './stream-aead.js';

/** What the sender's client needs to create a secret (API body fields are b64u). */
export interface SealedSecret {
  /** `K`, for the link fragment. */
  linkKey: Uint8Array;
  /** `Kc`, to encrypt attached files as their own streams. */
  contentKey: Uint8Array;
  kdf: KdfParams | null;
  /** b64u(V), the create body's `verifier`. */
  verifier: string;
  /** b64u(SHA-256(L)), the create body's `link_verifier`; null without a passphrase. */
  linkVerifier: string | null;
  /** Stream 0 ciphertext; b64u it for the create body's `content`. */
  content: Uint8Array;
}

export interface SealOptions {
  /** Optional passphrase; an empty string means no passphrase. */
  passphrase?: string;
  /** PBKDF2 iterations, default 600000. */
  iterations?: number;
}

/** Every random input of `sealSecret`, given explicitly (for known-answer vectors and tests). */
export interface SealInputs {
  linkKey: Uint8Array;
  /** Both set, or both absent. */
  passphrase?: string;
  kdf?: KdfParams | null;
  /** 16-byte RFC 8188 header salt of stream 0. */
  contentSalt: Uint8Array;
  /** Default 65536. */
  recordSize?: number;
}

/**
 * Seal with explicit inputs. Use `sealSecret` in applications; this exists so vectors are reproducible.
 *
 * @example
 * ```ts
 * const sealed = await sealSecretWith(payload, { linkKey, contentSalt, passphrase, kdf });
 * ```
 */
export async function sealSecretWith(payload: SecretPayload, inputs: SealInputs): Promise<SealedSecret> {
  if (!(inputs.linkKey instanceof Uint8Array) || inputs.linkKey.length !== LINK_KEY_BYTES) {
    throw new PayloadError(`link key must be ${LINK_KEY_BYTES} bytes`);
  }
  const hasPassphrase = inputs.passphrase !== undefined && inputs.passphrase !== '';
  if (hasPassphrase !== (inputs.kdf != null)) throw new PayloadError('passphrase and kdf go together');
  const kdf = inputs.kdf == null ? null : validateKdfParams(inputs.kdf);
  const plaintext = encodePayload(payload);
  const passphraseKey = kdf === null ? null : await derivePassphraseKey(inputs.passphrase!, kdf);
  const keys = await deriveKeys(inputs.linkKey, passphraseKey);
  const content = await encryptBytes(plaintext, keys.contentKey, {
    encoding: 'aes256gcm',
    salt: inputs.contentSalt,
    ...(inputs.recordSize === undefined ? {} : { recordSize: inputs.recordSize }),
  });
  return {
    linkKey: inputs.linkKey,
    contentKey: keys.contentKey,
    kdf,
    verifier: toBase64Url(keys.verifier),
    linkVerifier: kdf === null ? null : toBase64Url(keys.linkVerifier),
    content,
  };
}

/**
 * The sender's whole client side: draw K (and a KDF salt), derive, encrypt stream 0.
 *
 * @example
 * ```ts
 * const sealed = await sealSecret({ v: 1, text: 's3cret' }, { passphrase: 'horse' });
 * const body = { verifier: sealed.verifier, link_verifier: sealed.linkVerifier, kdf: sealed.kdf,
 *   content: toBase64Url(sealed.content) };
 * const link = formatSecretLink(origin, (await post(body)).id, sealed.linkKey);
 * ```
 */
export async function sealSecret(payload: SecretPayload, opts: SealOptions = {}): Promise<SealedSecret> {
  const passphrase = opts.passphrase ?? '';
  const kdf =
    passphrase === ''
      ? null
      : {
          name: KDF_NAME,
          salt: toBase64Url(randomBytes(KDF_SALT_BYTES)),
          iterations: opts.iterations ?? KDF_DEFAULT_ITERATIONS,
        };
  return sealSecretWith(payload, {
    linkKey: generateLinkKey(),
    ...(kdf === null ? {} : { passphrase, kdf }),
    contentSalt: randomBytes(16),
  });
}

/**
 * The recipient's step before claiming: the access token (and link token for passphrase secrets).
 * Throws `PayloadError` when the secret has a passphrase (`kdf` set) and none is given.
 *
 * @example
 * ```ts
 * const { token, linkToken, contentKey } = await deriveAccess(link.key, peek.kdf, passphrase);
 * const claimed = await post(`/api/v1/secrets/${link.id}/claim`, { token, link_token: linkToken ?? undefined });
 * ```
 */
export async function deriveAccess(
  linkKey: Uint8Array,
  kdf: KdfParams | null,
  passphrase?: string,
): Promise<{ token: string; linkToken: string | null; contentKey: Uint8Array }> {
  if (kdf != null && (passphrase === undefined || passphrase === '')) {
    throw new PayloadError('this secret is protected by a passphrase; a passphrase is required');
  }
  const passphraseKey = kdf == null ? null : await derivePassphraseKey(passphrase!, kdf);
  const keys = await deriveKeys(linkKey, passphraseKey);
  return {
    token: toBase64Url(keys.token),
    linkToken: kdf == null ? null : toBase64Url(keys.linkToken),
    contentKey: keys.contentKey,
  };
}

/**
 * Decrypt and decode stream 0. Throws `DecryptError` (wrong key, damaged) or `PayloadError`.
 *
 * @example
 * ```ts
 * const { text, context } = await openSecret(fromBase64Url(claimed.content), contentKey);
 * ```
 */
export async function openSecret(content: Uint8Array, contentKey: Uint8Array): Promise<SecretPayload> {
  return decodePayload(await decryptBytes(content, contentKey, { encoding: 'aes256gcm' }));
}
