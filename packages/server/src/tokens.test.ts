import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import {
  B64U_16_BYTES,
  B64U_32_BYTES,
  decodeB64u,
  matchesVerifier,
  newRandomId,
  receiptHash,
  responseReceiptHash,
  tokenVerifier,
} from './tokens.js';

test('the 16- and 32-byte patterns accept every canonical encoding and nothing else', () => {
  const p16 = new RegExp(B64U_16_BYTES);
  const p32 = new RegExp(B64U_32_BYTES);
  for (let i = 0; i < 500; i++) {
    expect(newRandomId()).toMatch(p16);
    expect(randomBytes(32).toString('base64url')).toMatch(p32);
  }
  expect(`${'A'.repeat(21)}B`).not.toMatch(p16); // decodes, but not canonically (stray low bits)
  expect('A'.repeat(22)).not.toMatch(p32);
  expect(`${'A'.repeat(21)}=`).not.toMatch(p16);
});

test('decodeB64u is strict', () => {
  const bytes = randomBytes(100);
  expect(decodeB64u(bytes.toString('base64url'))).toEqual(bytes);
  expect(decodeB64u('AAAAA')).toBeNull(); // impossible length
  expect(decodeB64u('AB')).toBeNull(); // non-zero padding bits
  expect(decodeB64u('AA==')).toBeNull();
  expect(decodeB64u('a+b/')).toBeNull();
});

test('receipts and tokens are hashed over their bytes', () => {
  const receipt = newRandomId();
  const expected = createHash('sha256').update(Buffer.from(receipt, 'base64url')).digest('base64url');
  expect(receiptHash(receipt)).toBe(expected);
  const token = randomBytes(32);
  expect(tokenVerifier(token.toString('base64url'))).toEqual(createHash('sha256').update(token).digest());
});

test("a response's receipt hash is derived from its request's, and differs from it", () => {
  const hash = receiptHash(newRandomId());
  const expected = createHash('sha256').update(`burnlink/v1 response receipt:${hash}`).digest('base64url');
  expect(responseReceiptHash(hash)).toBe(expected);
  expect(responseReceiptHash(hash)).not.toBe(hash);
  expect(responseReceiptHash(receiptHash(newRandomId()))).not.toBe(expected);
});

test('matchesVerifier: the SHA-256 of the token, nothing else, and never throws on a short verifier', () => {
  const token = randomBytes(32).toString('base64url');
  const verifier = createHash('sha256').update(Buffer.from(token, 'base64url')).digest();
  expect(matchesVerifier(token, verifier)).toBe(true);
  expect(matchesVerifier(randomBytes(32).toString('base64url'), verifier)).toBe(false);
  expect(matchesVerifier(token, verifier.subarray(0, 31))).toBe(false);
});
