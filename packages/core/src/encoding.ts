import { EncodingError } from './errors.js';

const B64U_PATTERN = /^[A-Za-z0-9_-]*$/;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Base64url without padding (RFC 4648 §5).
 *
 * @example
 * ```ts
 * toBase64Url(new Uint8Array([251, 255])); // '-_8'
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Strict base64url decoding: no padding, no whitespace, no characters outside the url alphabet, and
 * canonical trailing bits (so every byte string has exactly one encoding). Throws `EncodingError`.
 *
 * @example
 * ```ts
 * fromBase64Url('-_8'); // Uint8Array [251, 255]
 * ```
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || !B64U_PATTERN.test(text) || text.length % 4 === 1) {
    throw new EncodingError('invalid base64url: expected characters A-Z a-z 0-9 - _ without padding');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (toBase64Url(bytes) !== text) {
    throw new EncodingError('invalid base64url: non-canonical trailing bits');
  }
  return bytes;
}

/**
 * `n` bytes from the platform CSPRNG (`crypto.getRandomValues`).
 *
 * @example
 * ```ts
 * const salt = randomBytes(16);
 * ```
 */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}

/** UTF-8 encode. @example `utf8Encode('å') // Uint8Array [195, 165]` */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** UTF-8 decode; throws `EncodingError` on invalid UTF-8. @example `utf8Decode(utf8Encode('å')) // 'å'` */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new EncodingError('invalid UTF-8');
  }
}

/** Concatenate byte arrays. @example `concatBytes(a, b, c)` */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Compare two byte arrays in time that depends only on their lengths (lengths are not secret).
 *
 * @example
 * ```ts
 * constantTimeEqual(await sha256(token), storedVerifier);
 * ```
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** View bytes as the `BufferSource` WebCrypto wants, copying only if they sit on a shared buffer. */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
