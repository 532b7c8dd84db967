import {
  KDF_DEFAULT_ITERATIONS,
  KDF_MAX_ITERATIONS,
  KDF_MIN_ITERATIONS,
  KDF_NAME,
  KDF_SALT_BYTES,
  PASSPHRASE_KEY_BYTES,
} from './constants.js';
import { fromBase64Url, randomBytes, toBase64Url, utf8Encode } from './encoding.js';
import { EncodingError, PayloadError } from './errors.js';

/** Passphrase KDF parameters, stored with the secret and sent as `kdf` in the API. */
export interface KdfParams {
  name: 'PBKDF2-SHA-256';
  /** b64u, 16 bytes. */
  salt: string;
  iterations: number;
}

/**
 * Fresh KDF parameters with a random 16-byte salt.
 *
 * @example
 * ```ts
 * const kdf = createKdfParams(); // { name: 'PBKDF2-SHA-256', salt: '…', iterations: 600000 }
 * ```
 */
export function createKdfParams(iterations: number = KDF_DEFAULT_ITERATIONS): KdfParams {
  return validateKdfParams({ name: KDF_NAME, salt: toBase64Url(randomBytes(KDF_SALT_BYTES)), iterations });
}

/**
 * Check untrusted KDF parameters (from JSON) and return a clean copy. Throws `PayloadError`
 * naming the bad field. Iterations must be an integer from 100000 to 10000000.
 *
 * @example
 * ```ts
 * const kdf = body.kdf == null ? null : validateKdfParams(body.kdf);
 * ```
 */
export function validateKdfParams(value: unknown): KdfParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PayloadError('kdf must be an object {name, salt, iterations}');
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'name' && key !== 'salt' && key !== 'iterations') {
      throw new PayloadError(`kdf has an unknown field: ${JSON.stringify(key).slice(0, 40)}`);
    }
  }
  if (record.name !== KDF_NAME) throw new PayloadError(`kdf.name must be "${KDF_NAME}"`);
  let salt: Uint8Array;
  try {
    salt = fromBase64Url(record.salt as string);
  } catch (error) {
    if (error instanceof EncodingError) throw new PayloadError('kdf.salt must be base64url');
    throw error;
  }
  if (salt.length !== KDF_SALT_BYTES) throw new PayloadError(`kdf.salt must be ${KDF_SALT_BYTES} bytes`);
  const { iterations } = record;
  if (
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < KDF_MIN_ITERATIONS ||
    iterations > KDF_MAX_ITERATIONS
  ) {
    throw new PayloadError(
      `kdf.iterations must be an integer from ${KDF_MIN_ITERATIONS} to ${KDF_MAX_ITERATIONS}`,
    );
  }
  return { name: KDF_NAME, salt: record.salt as string, iterations };
}

/**
 * The passphrase key `P = PBKDF2-HMAC-SHA-256(NFC(passphrase), salt, iterations, 32 bytes)`.
 * NFC makes "Å" typed as one code point or as "A" + combining ring derive the same key.
 * Throws `PayloadError` for an empty passphrase or bad parameters.
 *
 * @example
 * ```ts
 * const p = await derivePassphraseKey('correct horse', kdf);
 * ```
 */
export async function derivePassphraseKey(
  passphrase: string,
  kdf: KdfParams,
): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new PayloadError('passphrase must be a non-empty string');
  }
  const params = validateKdfParams(kdf);
  const key = await crypto.subtle.importKey('raw', utf8Encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(params.salt), iterations: params.iterations },
    key,
    PASSPHRASE_KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}
