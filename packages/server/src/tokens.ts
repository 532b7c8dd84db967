import { hash, randomFillSync, timingSafeEqual } from 'node:crypto';
import { B64U_32_BYTES } from './wire.js';

/**
 * Ids, receipts and token hashing on the server side. Node's `crypto` and `Buffer` are used here rather than
 * core's web-standard helpers because these run on every request and must stay synchronous and cheap.
 */

// The b64u patterns of ids, receipts and tokens are part of the wire contract.
export { B64U_16_BYTES, B64U_32_BYTES, B64U_PATTERN } from './wire.js';

// Random bytes for ids and receipts are drawn from the CSPRNG 4 KiB at a time: one call per 256 ids instead
// of one per id (this runs twice per create). Each slice is handed out once and the pool is private to the
// process, so the ids are exactly as unpredictable as with one call each.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** `n` fresh bytes of the pool (n ≤ 64), as an offset into it: read them before the next call. */
function takeFromPool(n: number): number {
  if (poolOffset + n > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += n;
  return at;
}

/** A new random id or receipt: 16 random bytes, b64u. */
export function newRandomId(): string {
  const at = takeFromPool(16);
  return pool.toString('base64url', at, at + 16);
}

/**
 * A download grant: 32 random bytes for the client (b64u) and their SHA-256 (b64u) for the store. Drawn for
 * every claim (the store creates it only for a secret with files), so it comes from the same pool as ids.
 */
export function newGrant(): { token: string; hash: string } {
  const at = takeFromPool(32);
  const bytes = pool.subarray(at, at + 32);
  return { token: bytes.toString('base64url'), hash: hash('sha256', bytes, 'base64url') };
}

/** The hash a presented grant is looked up by, or null when it is not 32 bytes of canonical b64u. */
export function grantHash(token: string): string | null {
  const bytes = new RegExp(B64U_32_BYTES).test(token) ? decodeB64u(token) : null;
  return bytes === null ? null : sha256(bytes).toString('base64url');
}

/** Strict b64u decoding: null unless `text` is the canonical encoding of its bytes. */
export function decodeB64u(text: string): Buffer | null {
  if (text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}

/** The receipt hash the store keys receipts by: b64u(SHA-256(receipt bytes)). */
export function receiptHash(receipt: string): string {
  return sha256(Buffer.from(receipt, 'base64url')).toString('base64url');
}

/** The verifier of a presented b64u token: SHA-256 of its bytes (the store compares it to the stored one). */
export function tokenVerifier(token: string): Buffer {
  return sha256(Buffer.from(token, 'base64url'));
}

/**
 * SHA-256 (hex) of a token as text: how the accounts store keeps session, CSRF and invite tokens and API keys,
 * so that a dump of it holds no token.
 */
export function tokenHashHex(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Whether `token` hashes to `storedHex` (a `tokenHashHex`), compared in constant time; false for anything else. */
export function matchesTokenHash(token: string, storedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(storedHex)) return false;
  return timingSafeEqual(Buffer.from(tokenHashHex(token), 'hex'), Buffer.from(storedHex, 'hex'));
}

/** Whether the presented b64u `token` hashes to the stored 32-byte `verifier`, compared in constant time. */
export function matchesVerifier(token: string, verifier: Uint8Array): boolean {
  const presented = tokenVerifier(token);
  return verifier.length === presented.length && timingSafeEqual(presented, verifier);
}

/**
 * The receipt hash of a request's response secret, derived from the request's own (docs/api.md "Requests"):
 * b64u(SHA-256("burnlink/v1 response receipt:" || the request's receipt hash as b64u text)). One receipt
 * token so shows the request and its response; the response's receipt cannot be found without it.
 */
export function responseReceiptHash(requestReceiptHash: string): string {
  return hash('sha256', `burnlink/v1 response receipt:${requestReceiptHash}`, 'base64url');
}
