import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  constantTimeEqual,
  fromBase64Url,
  randomBytes,
  toBase64Url,
  utf8Decode,
  utf8Encode,
} from './encoding.js';
import { EncodingError } from './errors.js';

describe('base64url', () => {
  it('encodes without padding in the url alphabet and round-trips every length', () => {
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
    expect(toBase64Url(new Uint8Array(0))).toBe('');
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    const big = randomBytes(200_000);
    expect(Buffer.from(fromBase64Url(toBase64Url(big))).equals(Buffer.from(big))).toBe(true);
  });

  it.each([
    ['padding', 'AA=='],
    ['standard alphabet +', 'a+b'],
    ['standard alphabet /', 'a/b'],
    ['whitespace', 'AAAA AAAA'],
    ['newline', 'AAAA\n'],
    ['impossible length', 'AAAAA'],
    ['non-canonical trailing bits', 'AB'],
    ['non-ASCII', 'AAÅA'],
  ])('rejects %s', (_, text) => {
    expect(() => fromBase64Url(text)).toThrow(EncodingError);
  });

  it('rejects non-strings', () => {
    expect(() => fromBase64Url(42 as unknown as string)).toThrow(EncodingError);
  });
});

describe('utf8', () => {
  it('round-trips and is fatal on invalid input', () => {
    expect(utf8Decode(utf8Encode('Å ✓ 🔥'))).toBe('Å ✓ 🔥');
    expect(() => utf8Decode(new Uint8Array([0xc3]))).toThrow(EncodingError);
    expect(() => utf8Decode(new Uint8Array([0xff, 0x41]))).toThrow(EncodingError);
  });

  it('keeps a leading byte order mark (it is data)', () => {
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });
});

describe('bytes', () => {
  it('concatBytes joins in order', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it('constantTimeEqual compares contents and lengths', () => {
    const a = randomBytes(32);
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    const b = a.slice();
    b[31]! ^= 1;
    expect(constantTimeEqual(a, b)).toBe(false);
    expect(constantTimeEqual(a, a.subarray(0, 31))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('randomBytes gives the asked length beyond the 65536-byte getRandomValues limit', () => {
    const bytes = randomBytes(100_000);
    expect(bytes.length).toBe(100_000);
    expect(bytes.subarray(70_000).some((x) => x !== 0)).toBe(true);
    expect(randomBytes(16)).not.toEqual(randomBytes(16));
  });
});
