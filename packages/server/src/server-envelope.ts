import {
  DecryptError,
  deriveAccess,
  type KdfParams,
  openSecret,
  PayloadError,
  type SecretContext,
  sealSecret,
} from '@burnlink/core';
import { ApiError } from './errors.js';

/**
 * The server-encrypted mode (DESIGN §3.8) and the key claim: the server runs the client's protocol steps in
 * memory for clients that cannot (curl, chat integrations) and forgets the key when the request ends. Nothing
 * here is logged or stored but what a client-encrypted create would store.
 */

export interface ServerSealed {
  linkKey: Uint8Array;
  kdf: KdfParams | null;
  verifier: Uint8Array;
  linkVerifier: Uint8Array | null;
  content: Uint8Array;
}

/** Encrypts `text` (and context) as a client would; the returned link key must only go into the link. */
export async function sealOnServer(
  text: string,
  options: { passphrase?: string; context?: SecretContext; iterations?: number },
): Promise<ServerSealed> {
  const context = options.context && Object.keys(options.context).length > 0 ? options.context : undefined;
  let sealed: Awaited<ReturnType<typeof sealSecret>>;
  try {
    sealed = await sealSecret(
      { v: 1, text, ...(context ? { context } : {}) },
      options.passphrase
        ? {
            passphrase: options.passphrase,
            ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
          }
        : {},
    );
  } catch (error) {
    if (error instanceof PayloadError) throw new ApiError('invalid_request', 'text or context is not valid.');
    throw error;
  }
  return {
    linkKey: sealed.linkKey,
    kdf: sealed.kdf,
    verifier: Buffer.from(sealed.verifier, 'base64url'),
    linkVerifier: sealed.linkVerifier === null ? null : Buffer.from(sealed.linkVerifier, 'base64url'),
    content: sealed.content,
  };
}

/** The tokens a client holding `linkKey` (and the passphrase) would present. */
export async function accessFromKey(
  linkKey: Uint8Array,
  kdf: KdfParams | null,
  passphrase: string | undefined,
): Promise<{ token: string; linkToken: string | null; contentKey: Uint8Array }> {
  if (kdf !== null && passphrase === undefined) throw new ApiError('passphrase_required');
  return deriveAccess(linkKey, kdf, kdf === null ? undefined : passphrase);
}

/**
 * The two steps that may run PBKDF2 on the server, as one swappable unit: the service runs them in its
 * `KdfPool`, and tests hand in a deliberately slow pair (`buildApp({ derivations })`) instead of patching
 * modules.
 */
export interface ServerDerivations {
  seal: typeof sealOnServer;
  access: typeof accessFromKey;
}

export const SERVER_DERIVATIONS: ServerDerivations = Object.freeze({
  seal: sealOnServer,
  access: accessFromKey,
});

/** Decrypts claimed content; a failure after a successful claim is the sender's content, not the key. */
export async function openOnServer(
  content: Uint8Array,
  contentKey: Uint8Array,
): Promise<{ text: string; context?: SecretContext }> {
  try {
    const payload = await openSecret(content, contentKey);
    return { text: payload.text, ...(payload.context ? { context: payload.context } : {}) };
  } catch (error) {
    if (error instanceof DecryptError || error instanceof PayloadError)
      throw new ApiError('content_unreadable');
    throw error;
  }
}
