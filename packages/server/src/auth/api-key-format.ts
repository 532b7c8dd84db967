import { randomBytes } from 'node:crypto';
import { matchesTokenHash, tokenHashHex } from '../tokens.js';

/**
 * API keys (docs/teams.md): `bl_<key id>_<secret>`, a 16-character key id (12 random bytes) and a 43-character
 * secret (32 random bytes, 256 bits), both base64url. The id finds the stored key; the store keeps only the
 * SHA-256 (hex) of the WHOLE key string, so neither a database dump nor a log of ids can be turned into a key.
 */

const ID_BYTES = 12;
const SECRET_BYTES = 32;
// Fixed lengths make the split unambiguous although base64url itself contains `_`.
const KEY_SHAPE = /^bl_([A-Za-z0-9_-]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** The key id: shown in lists, stored in the clear. */
  id: string;
  /** The whole key: shown to its maker once, never stored. */
  key: string;
  /** `apiKeyHash(key)`: what the store keeps. */
  hash: string;
}

/**
 * A fresh key from the CSPRNG.
 *
 * @example
 * const { id, key, hash } = newApiKey(); // store {id, hash}; print key once
 */
export function newApiKey(): NewApiKey {
  const id = randomBytes(ID_BYTES).toString('base64url');
  const key = `bl_${id}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { id, key, hash: apiKeyHash(key) };
}

/**
 * The key id of a presented key, or null unless it has exactly the shape of a key: the `bl_` prefix, the
 * lengths, the base64url alphabet, and canonical encodings (the secret's last character carries no stray bits).
 *
 * @example
 * const parsed = parseApiKey(bearer); // { id } or null → 401 invalid_api_key
 */
export function parseApiKey(text: string): { id: string } | null {
  if (typeof text !== 'string') return null;
  const match = KEY_SHAPE.exec(text);
  if (match === null) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  if (!canonical(id, ID_BYTES) || !canonical(secret, SECRET_BYTES)) return null;
  return { id };
}

/** SHA-256 (hex) of the whole key string: the `hash` an `ApiKey` record keeps. */
export function apiKeyHash(key: string): string {
  return tokenHashHex(key);
}

/**
 * Whether `key` hashes to `storedHash`, compared in constant time (both are 64 hex characters; anything else
 * is false).
 *
 * @example
 * if (record === null || !apiKeyMatches(bearer, record.hash)) throw new ApiError('invalid_api_key');
 */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  return matchesTokenHash(key, storedHash);
}

function canonical(text: string, bytes: number): boolean {
  const decoded = Buffer.from(text, 'base64url');
  return decoded.length === bytes && decoded.toString('base64url') === text;
}
