import { deriveAccess, fromBase64Url, type KdfParams, openSecret, type SecretPayload } from '@burnlink/core';
import { type ApiError, api } from './api.js';

export type RevealResult =
  | { ok: true; payload: SecretPayload; viewsLeft: number }
  | { ok: false; error: ApiError }
  /** Web Crypto is missing (the page is not in a secure context); nothing was sent, nothing consumed. */
  | { ok: false; error: { kind: 'crypto-unavailable' } }
  /** The server answered, but the content does not open with this key: the view is spent. */
  | { ok: false; error: { kind: 'decrypt-failed' } };

/**
 * The reveal of protocol v1 in the browser: derive the access token (and link token) from the link key and
 * passphrase, claim with them, and decrypt the content that comes back. The key and the passphrase never
 * leave this function; only the derived tokens go to the server.
 *
 * @example
 * const result = await revealSecret(id, linkKey, info.kdf, passphrase);
 * if (result.ok) show(result.payload.text);
 */
export async function revealSecret(
  id: string,
  linkKey: Uint8Array,
  kdf: KdfParams | null,
  passphrase?: string,
): Promise<RevealResult> {
  let access: Awaited<ReturnType<typeof deriveAccess>>;
  try {
    access = await deriveAccess(linkKey, kdf, kdf ? passphrase : undefined);
  } catch (error) {
    if (globalThis.crypto?.subtle) throw error;
    return { ok: false, error: { kind: 'crypto-unavailable' } };
  }
  const result = await api.claim(id, access.token, access.linkToken);
  if (!result.ok) return result;
  try {
    const payload = await openSecret(fromBase64Url(result.value.content), access.contentKey);
    return { ok: true, payload, viewsLeft: result.value.views_left };
  } catch {
    return { ok: false, error: { kind: 'decrypt-failed' } };
  }
}
