import { createHash, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomBytes } from './encoding.js';
import { hkdf, hkdfExpand, hkdfExtract, sha256 } from './hkdf.js';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('HKDF-SHA-256 (RFC 5869 appendix A)', () => {
  it('test case 1', async () => {
    const ikm = hex('0b'.repeat(22));
    const salt = hex('000102030405060708090a0b0c');
    const info = hex('f0f1f2f3f4f5f6f7f8f9');
    const prk = await hkdfExtract(salt, ikm);
    expect(toHex(prk)).toBe('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    expect(toHex(await hkdfExpand(prk, info, 42))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('test case 3: empty salt and info', async () => {
    const ikm = hex('0b'.repeat(22));
    const prk = await hkdfExtract(new Uint8Array(0), ikm);
    expect(toHex(prk)).toBe('19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04');
    expect(toHex(await hkdf(new Uint8Array(0), ikm, new Uint8Array(0), 42))).toBe(
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    );
  });

  it('agrees with node:crypto hkdfSync for random inputs and lengths; strings are UTF-8', async () => {
    for (const length of [0, 1, 12, 16, 32, 33, 64, 100, 8160]) {
      const salt = randomBytes(length % 40);
      const ikm = randomBytes(1 + (length % 50));
      const info = randomBytes(length % 30);
      const expected = new Uint8Array(hkdfSync('sha256', ikm, salt, info, length));
      expect(toHex(await hkdf(salt, ikm, info, length))).toBe(toHex(expected));
    }
    const expected = new Uint8Array(
      hkdfSync('sha256', hex('01'), 'burnlink/v1', 'Content-Encoding: nonce\0', 12),
    );
    expect(toHex(await hkdf('burnlink/v1', hex('01'), 'Content-Encoding: nonce\0', 12))).toBe(
      toHex(expected),
    );
  });

  it('refuses lengths beyond 255 blocks', async () => {
    await expect(hkdfExpand(randomBytes(32), '', 8161)).rejects.toBeInstanceOf(RangeError);
    await expect(hkdfExpand(randomBytes(32), '', -1)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('sha256', () => {
  it('matches node:crypto', async () => {
    const data = randomBytes(1000);
    expect(toHex(await sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    expect(toHex(await sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
