import { ApiError } from '../errors.js';
import type { SealedSecret } from '../service/secret-service.js';
import type { NewSecret } from '../stores/secret-store.js';
import { decodeB64u } from '../tokens.js';

/**
 * Checks the client-encrypted fields that the schema cannot tie together: of a create, and of a request's
 * response (which is a client-encrypted secret like any other).
 */
export function clientEncrypted(
  body: {
    verifier?: string;
    link_verifier?: string;
    kdf?: NewSecret['kdf'];
    content?: string;
    passphrase?: string;
    context?: unknown;
    files?: unknown;
  },
  maxCiphertextBytes: number,
): SealedSecret {
  if (body.passphrase !== undefined || body.context !== undefined) {
    throw new ApiError(
      'invalid_request',
      'passphrase and context are for server-side encryption (with text); encrypt them into content instead.',
    );
  }
  if (body.content === undefined) {
    throw new ApiError('invalid_content', 'content is required (or text, for server-side encryption).');
  }
  if (body.verifier === undefined)
    throw new ApiError('invalid_verifier', 'verifier is required with content.');
  const kdf = body.kdf ?? null;
  if ((kdf === null) !== (body.link_verifier === undefined)) {
    throw new ApiError(
      'invalid_verifier',
      'link_verifier must be sent exactly when kdf is set (a passphrase).',
    );
  }
  const content = decodeB64u(body.content);
  if (content === null || content.length === 0) {
    throw new ApiError('invalid_content');
  }
  if (content.length > maxCiphertextBytes) {
    throw new ApiError(
      'content_too_large',
      `The encrypted content is larger than ${maxCiphertextBytes} bytes, the most this server accepts.`,
    );
  }
  return {
    verifier: Buffer.from(body.verifier, 'base64url'),
    linkVerifier: body.link_verifier === undefined ? null : Buffer.from(body.link_verifier, 'base64url'),
    kdf,
    content,
  };
}
