import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys: `bl_<key id>_<secret>`, a 16-character id (12 random bytes) and a 43-character secret (32 random
 * bytes = 256 bits), both base64url. The store keeps `apiKeyHash(key)` (SHA-256 hex of the whole string) and
 * finds the record by the id; the key itself is shown once and never stored or logged.
 */
const KEY_PATTERN = /^bl_([A-Za-z0-9_-]{16})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(12).toString('base64url');
  const key = `bl_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: apiKeyHash(key) };
}

/** The key's id when `text` has the exact form of a key (prefix, lengths, alphabet), else null. */
export function parseApiKey(text: string): { id: string } | null {
  if (text.length !== 63) return null;
  const match = KEY_PATTERN.exec(text);
  return match ? { id: match[1] as string } : null;
}

export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
