import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import {
  B64U_16_BYTES,
  B64U_32_BYTES,
  decodeB64u,
  newRandomId,
  receiptHash,
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
