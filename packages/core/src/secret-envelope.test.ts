import { describe, expect, it } from 'vitest';
import { KDF_MIN_ITERATIONS } from './constants.js';
import { fromBase64Url } from './encoding.js';
import { DecryptError, PayloadError } from './errors.js';
import { sha256 } from './hkdf.js';
import { deriveAccess, openSecret, sealSecret } from './secret-envelope.js';

describe('secret envelope', () => {
  it('round-trips without a passphrase; verifier is SHA-256 of the token; no link verifier', async () => {
    const payload = { v: 1 as const, text: 's3cret ✓', context: { username: 'deploy' } };
    const sealed = await sealSecret(payload);
    expect(sealed.kdf).toBeNull();
    expect(sealed.linkVerifier).toBeNull();
    const access = await deriveAccess(sealed.linkKey, null);
    expect(access.linkToken).toBeNull();
    expect(await sha256(fromBase64Url(access.token))).toEqual(fromBase64Url(sealed.verifier));
    expect(await openSecret(sealed.content, access.contentKey)).toEqual(payload);
  });

  it('with a passphrase: the right one opens, a wrong one gives another token and cannot decrypt', async () => {
    const payload = { v: 1 as const, text: 'pp' };
    const sealed = await sealSecret(payload, { passphrase: 'horse', iterations: KDF_MIN_ITERATIONS });
    expect(sealed.kdf?.iterations).toBe(KDF_MIN_ITERATIONS);
    const right = await deriveAccess(sealed.linkKey, sealed.kdf, 'horse');
    const wrong = await deriveAccess(sealed.linkKey, sealed.kdf, 'horsE');
    expect(await sha256(fromBase64Url(right.token))).toEqual(fromBase64Url(sealed.verifier));
    expect(wrong.token).not.toBe(right.token);
    // The link token depends on K alone, so it is the same for a wrong passphrase.
    expect(wrong.linkToken).toBe(right.linkToken);
    expect(await sha256(fromBase64Url(right.linkToken!))).toEqual(fromBase64Url(sealed.linkVerifier!));
    expect(await openSecret(sealed.content, right.contentKey)).toEqual(payload);
    await expect(openSecret(sealed.content, wrong.contentKey)).rejects.toBeInstanceOf(DecryptError);
    await expect(deriveAccess(sealed.linkKey, sealed.kdf)).rejects.toBeInstanceOf(PayloadError);
  });
});
