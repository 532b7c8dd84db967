import { asBufferSource, utf8Encode } from './encoding.js';

const HASH_BYTES = 32;

function toBytes(value: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return typeof value === 'string' ? utf8Encode(value) : asBufferSource(value);
}

async function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  // An empty HMAC key equals a key of zeros (RFC 2104 pads with zeros); WebCrypto rejects empty keys.
  const raw = key.length === 0 ? new Uint8Array(HASH_BYTES) : asBufferSource(key);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * HKDF-Extract (RFC 5869 §2.2) with SHA-256: `PRK = HMAC(salt, IKM)`. Strings are UTF-8 encoded.
 *
 * @example
 * ```ts
 * const m = await hkdfExtract('burnlink/v1', linkKey);
 * ```
 */
export async function hkdfExtract(
  salt: Uint8Array | string,
  ikm: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await hmacKey(toBytes(salt));
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, asBufferSource(ikm)));
}

/**
 * HKDF-Expand (RFC 5869 §2.3) with SHA-256; `length` ≤ 8160. Strings are UTF-8 encoded.
 *
 * @example
 * ```ts
 * const contentKey = await hkdfExpand(m, 'content', 32);
 * ```
 */
export async function hkdfExpand(
  prk: Uint8Array,
  info: Uint8Array | string,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_BYTES) {
    throw new RangeError('HKDF-Expand length must be an integer from 0 to 8160');
  }
  const key = await hmacKey(prk);
  const infoBytes = toBytes(info);
  const out = new Uint8Array(Math.ceil(length / HASH_BYTES) * HASH_BYTES);
  let previous = new Uint8Array(0);
  for (let i = 0; i * HASH_BYTES < length; i++) {
    const input = new Uint8Array(previous.length + infoBytes.length + 1);
    input.set(previous, 0);
    input.set(infoBytes, previous.length);
    input[input.length - 1] = i + 1;
    previous = new Uint8Array(await crypto.subtle.sign('HMAC', key, input));
    out.set(previous, i * HASH_BYTES);
  }
  return out.slice(0, length);
}

/**
 * HKDF (RFC 5869) with SHA-256: Extract then Expand.
 *
 * @example
 * ```ts
 * const cek = await hkdf(headerSalt, contentKey, 'Content-Encoding: aes256gcm\0', 32);
 * ```
 */
export async function hkdf(
  salt: Uint8Array | string,
  ikm: Uint8Array,
  info: Uint8Array | string,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  return hkdfExpand(await hkdfExtract(salt, ikm), info, length);
}

/**
 * SHA-256 digest.
 *
 * @example
 * ```ts
 * const verifier = await sha256(token);
 * ```
 */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', asBufferSource(bytes)));
}
