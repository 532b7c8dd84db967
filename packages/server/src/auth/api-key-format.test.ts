import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyHash, apiKeyMatches, newApiKey, parseApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('makes bl_<16-char id>_<43-char secret> keys whose id parses back and whose hash is SHA-256 of the key', () => {
    const made = newApiKey();
    expect(made.key).toMatch(/^bl_[A-Za-z0-9_-]{16}_[A-Za-z0-9_-]{43}$/);
    expect(made.key.slice(3, 19)).toBe(made.id);
    expect(Buffer.from(made.key.slice(20), 'base64url')).toHaveLength(32);
    expect(parseApiKey(made.key)).toEqual({ id: made.id });
    expect(made.hash).toBe(createHash('sha256').update(made.key).digest('hex'));
    expect(apiKeyHash(made.key)).toBe(made.hash);
    expect(made.hash).not.toContain(made.key.slice(20));
  });

  it('never repeats a key or an id', () => {
    const keys = Array.from({ length: 500 }, () => newApiKey());
    expect(new Set(keys.map((k) => k.id)).size).toBe(500);
    expect(new Set(keys.map((k) => k.key)).size).toBe(500);
  });

  it('parses ids that contain _ and - (the split goes by length, not by separator)', () => {
    const id = '_-__AAAAAAAAAAAA';
    const secret = `${'_'.repeat(42)}w`;
    expect(parseApiKey(`bl_${id}_${secret}`)).toEqual({ id });
  });

  it('refuses anything that is not exactly a key', () => {
    const { key } = newApiKey();
    const secret = key.slice(20);
    const bad = [
      '',
      'bl_',
      key.slice(0, -1), // secret one short
      `${key}A`, // one long
      `BL_${key.slice(3)}`, // prefix is case-sensitive
      `bk_${key.slice(3)}`,
      `bl_${key.slice(3, 19)}-${secret}`, // separator
      `bl_${key.slice(3, 18)}_${secret}A`, // id 15, secret 44
      `bl_${key.slice(3, 19)}_${secret.slice(0, 42)}=`, // padding
      `bl_${key.slice(3, 19)}_${secret.slice(0, 42)}+`, // base64, not base64url
      `bl_${key.slice(3, 19)}_${secret.slice(0, 42)}B`, // 43rd character with stray low bits: not canonical
      ` ${key}`,
      `${key}\n`,
      `Bearer ${key}`,
    ];
    for (const text of bad) expect(parseApiKey(text), JSON.stringify(text)).toBeNull();
    expect(parseApiKey(undefined as unknown as string)).toBeNull();
  });

  it('matches a key against its stored hash only', () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(apiKeyMatches(a.key, a.hash)).toBe(true);
    expect(apiKeyMatches(b.key, a.hash)).toBe(false);
    expect(apiKeyMatches(a.key, a.hash.toUpperCase())).toBe(false);
    expect(apiKeyMatches(a.key, '')).toBe(false);
  });
});
