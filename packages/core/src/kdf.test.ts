import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KDF_DEFAULT_ITERATIONS, KDF_MIN_ITERATIONS } from './constants.js';
import { fromBase64Url } from './encoding.js';
import { PayloadError } from './errors.js';
import { createKdfParams, derivePassphraseKey, validateKdfParams } from './kdf.js';

describe('KDF parameters', () => {
  it('createKdfParams draws a fresh 16-byte salt with 600000 iterations by default', () => {
    const a = createKdfParams();
    const b = createKdfParams(KDF_MIN_ITERATIONS);
    expect(a.name).toBe('PBKDF2-SHA-256');
    expect(a.iterations).toBe(KDF_DEFAULT_ITERATIONS);
    expect(b.iterations).toBe(KDF_MIN_ITERATIONS);
    expect(fromBase64Url(a.salt)).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
  });

  it('validateKdfParams returns a clean copy of valid parameters', () => {
    const kdf = { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 600_000 };
    expect(validateKdfParams(kdf)).toEqual(kdf);
  });

  it.each([
    ['not an object', 'x', /object/],
    ['null', null, /object/],
    ['an array', [], /object/],
    ['wrong name', { name: 'argon2id', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 600_000 }, /kdf.name/],
    ['salt not b64u', { name: 'PBKDF2-SHA-256', salt: 'AAAA AAAA', iterations: 600_000 }, /kdf.salt/],
    [
      'salt too short',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAA', iterations: 600_000 },
      /16 bytes/,
    ],
    ['salt missing', { name: 'PBKDF2-SHA-256', iterations: 600_000 }, /kdf.salt/],
    [
      'too few iterations',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 99_999 },
      /iterations/,
    ],
    [
      'too many',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 10_000_001 },
      /iterations/,
    ],
    [
      'fractional',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 100_000.5 },
      /iterations/,
    ],
    [
      'string',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: '600000' },
      /iterations/,
    ],
    [
      'extra field',
      { name: 'PBKDF2-SHA-256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 600_000, x: 1 },
      /unknown/,
    ],
  ])('rejects %s with a PayloadError naming the field', (_, value, message) => {
    expect(() => validateKdfParams(value)).toThrow(PayloadError);
    expect(() => validateKdfParams(value)).toThrow(message);
  });
});

describe('derivePassphraseKey', () => {
  const kdf = {
    name: 'PBKDF2-SHA-256' as const,
    salt: 'c2FsdHNhbHRzYWx0c2FsdA',
    iterations: KDF_MIN_ITERATIONS,
  };

  it('is PBKDF2-HMAC-SHA-256 over the NFC form, 32 bytes (node:crypto as oracle)', async () => {
    const expected = pbkdf2Sync('Ånström', fromBase64Url(kdf.salt), kdf.iterations, 32, 'sha256');
    const composed = await derivePassphraseKey('\u00c5nstr\u00f6m', kdf);
    const decomposed = await derivePassphraseKey('A\u030anstro\u0308m', kdf);
    expect(Buffer.from(composed).equals(expected)).toBe(true);
    expect(decomposed).toEqual(composed);
  });

  it('rejects an empty passphrase and invalid parameters', async () => {
    await expect(derivePassphraseKey('', kdf)).rejects.toBeInstanceOf(PayloadError);
    await expect(derivePassphraseKey('x', { ...kdf, iterations: 1000 })).rejects.toBeInstanceOf(PayloadError);
  });
});
