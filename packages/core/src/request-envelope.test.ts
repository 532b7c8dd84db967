import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, toBase64Url } from './encoding.js';
import { DecryptError, PayloadError } from './errors.js';
import { sha256 } from './hkdf.js';
import { deriveKeys } from './keys.js';
import {
  deriveInboxAccess,
  deriveRespondAccess,
  generateRequestKeys,
  openRequestDescription,
  sealRequest,
  sealResponse,
} from './request-envelope.js';
import { deriveInboxKeyPair, openResponseKey } from './request-hpke.js';
import { deriveAccess, openSecret } from './secret-envelope.js';

const id = toBase64Url(randomBytes(16));

describe('request envelope', () => {
  it('draws two distinct 32-byte keys each time', () => {
    const a = generateRequestKeys();
    const b = generateRequestKeys();
    expect(a.requestKey.length).toBe(32);
    expect(a.inboxKey.length).toBe(32);
    expect(toBase64Url(a.requestKey)).not.toBe(toBase64Url(a.inboxKey));
    expect(toBase64Url(a.requestKey)).not.toBe(toBase64Url(b.requestKey));
  });

  it('seals a request whose description only Q opens, with verifiers of the tokens Q and S give', async () => {
    const sealed = await sealRequest('the staging DB password, please ✓');
    expect(await openRequestDescription(fromBase64Url(sealed.description), sealed.requestKey)).toBe(
      'the staging DB password, please ✓',
    );
    await expect(openRequestDescription(fromBase64Url(sealed.description), sealed.inboxKey)).rejects.toThrow(
      DecryptError,
    );
    const respond = await deriveRespondAccess(sealed.requestKey);
    expect(sealed.respondVerifier).toBe(toBase64Url(await sha256(fromBase64Url(respond.respondToken))));
    // The respond token is protocol v1's access token of Q without a passphrase.
    expect(respond.respondToken).toBe(toBase64Url((await deriveKeys(sealed.requestKey, null)).token));
    const inbox = await deriveInboxAccess(sealed.inboxKey);
    expect(sealed.inboxVerifier).toBe(toBase64Url(await sha256(fromBase64Url(inbox.inboxToken))));
    expect(inbox.inboxToken).not.toBe(respond.respondToken);
    expect(sealed.publicKey).toBe(toBase64Url((await deriveInboxKeyPair(sealed.inboxKey)).publicKey));
    expect(fromBase64Url(sealed.publicKey).length).toBe(32);
  });

  it('the inbox token does not follow from Q, nor the respond token from S', async () => {
    const { requestKey, inboxKey } = generateRequestKeys();
    expect((await deriveInboxAccess(requestKey)).inboxToken).not.toBe(
      (await deriveRespondAccess(requestKey)).respondToken,
    );
    expect((await deriveInboxAccess(inboxKey)).inboxToken).not.toBe(
      (await deriveInboxAccess(requestKey)).inboxToken,
    );
  });

  it('a response seals K to the request so that the inbox key (and only it) opens the secret', async () => {
    const request = await sealRequest('an API key');
    const response = await sealResponse(
      id,
      fromBase64Url(request.publicKey),
      { v: 1, text: 'hunter2' },
      {
        passphrase: 'horse',
        iterations: 100_000,
      },
    );
    expect(fromBase64Url(response.sealedKey).length).toBe(80);
    const k = await openResponseKey(request.inboxKey, id, fromBase64Url(response.sealedKey));
    expect(toBase64Url(k)).toBe(toBase64Url(response.linkKey));
    const access = await deriveAccess(k, response.kdf, 'horse');
    expect(await openSecret(response.content, access.contentKey)).toEqual({ v: 1, text: 'hunter2' });
    await expect(openResponseKey(request.requestKey, id, fromBase64Url(response.sealedKey))).rejects.toThrow(
      DecryptError,
    );
  });

  it('two responses to the same request use fresh keys and ephemeral keys', async () => {
    const request = await sealRequest('x');
    const pk = fromBase64Url(request.publicKey);
    const a = await sealResponse(id, pk, { v: 1, text: 'same' });
    const b = await sealResponse(id, pk, { v: 1, text: 'same' });
    expect(a.sealedKey.slice(0, 43)).not.toBe(b.sealedKey.slice(0, 43));
    expect(a.verifier).not.toBe(b.verifier);
  });

  it('refuses keys of the wrong length and a malformed id', async () => {
    await expect(deriveInboxAccess(randomBytes(16))).rejects.toThrow(PayloadError);
    await expect(deriveRespondAccess(randomBytes(31))).rejects.toThrow(PayloadError);
    const request = await sealRequest('x');
    await expect(
      sealResponse('not-an-id', fromBase64Url(request.publicKey), { v: 1, text: 'x' }),
    ).rejects.toThrow(PayloadError);
    await expect(sealResponse(id, randomBytes(31), { v: 1, text: 'x' })).rejects.toThrow(PayloadError);
  });
});
