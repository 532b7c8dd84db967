import { CONTEXT_FIELD_MAX_CHARS, KDF_MAX_ITERATIONS, KDF_MIN_ITERATIONS, KDF_NAME } from '@burnlink/core';
import { Type } from 'typebox';
import type { ServerConfig } from '../config.js';
import { B64U_16_BYTES, B64U_32_BYTES, B64U_PATTERN } from '../tokens.js';

/**
 * The route schemas: one source for validation, serialisation and the OpenAPI document. Body schemas reject
 * unknown fields; ranges that the operator configures are built from the config.
 */

const Key32 = (description: string) => Type.String({ pattern: B64U_32_BYTES, description });
const IsoTime = (description: string) => Type.String({ format: 'date-time', description });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code, listed in docs/errors.md' }),
      message: Type.String(),
      attempts_left: Type.Optional(Type.Integer({ description: 'Only on wrong_passphrase' })),
    }),
  },
  { description: 'Every error response' },
);

export const Kdf = Type.Object(
  {
    name: Type.Literal(KDF_NAME),
    salt: Type.String({ pattern: B64U_16_BYTES, description: 'b64u, 16 bytes' }),
    iterations: Type.Integer({ minimum: KDF_MIN_ITERATIONS, maximum: KDF_MAX_ITERATIONS }),
  },
  { additionalProperties: false, description: 'Passphrase key derivation parameters' },
);

export const IdParams = Type.Object({
  id: Type.String({ pattern: B64U_16_BYTES, description: 'Secret id' }),
});
export const UploadParams = Type.Object({
  id: Type.String({ pattern: B64U_16_BYTES, description: 'Upload (blob) id' }),
});
export const ReceiptParams = Type.Object({
  receipt: Type.String({ pattern: B64U_16_BYTES, description: 'Receipt token (from the receipt link)' }),
});

const Context = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    username: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    url: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    environment: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    note: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
  },
  { additionalProperties: false },
);

export function createSchemas(config: ServerConfig) {
  const ttl = Type.Integer({
    minimum: config.ttl.minSeconds,
    maximum: config.ttl.maxSeconds,
    description: `Lifetime in seconds (default ${config.ttl.defaultSeconds})`,
  });
  const maxViews = Type.Integer({
    minimum: 1,
    maximum: config.maxViews,
    description: 'Views before burning',
  });
  const CreateBody = Type.Object(
    {
      ttl: Type.Optional(ttl),
      max_views: Type.Optional(maxViews),
      verifier: Type.Optional(Key32('Client-encrypted: b64u(SHA-256(T))')),
      link_verifier: Type.Optional(Key32('Client-encrypted with passphrase: b64u(SHA-256(L))')),
      kdf: Type.Optional(Type.Union([Type.Null(), Kdf])),
      content: Type.Optional(
        Type.String({ pattern: B64U_PATTERN, description: 'Client-encrypted: stream 0' }),
      ),
      text: Type.Optional(Type.String({ minLength: 1, description: 'Server-encrypted: the secret text' })),
      passphrase: Type.Optional(
        Type.String({ minLength: 1, maxLength: 1024, description: 'Server-encrypted: optional passphrase' }),
      ),
      context: Type.Optional(Context),
      files: Type.Optional(
        Type.Array(
          Type.Object(
            { size: Type.Integer({ minimum: 0, description: 'Exact ciphertext length (encryptedSize)' }) },
            { additionalProperties: false },
          ),
          { maxItems: 1000, description: 'Client-encrypted: one entry per attached file, in payload order' },
        ),
      ),
    },
    {
      additionalProperties: false,
      description:
        'Either client-encrypted (verifier, content, kdf, link_verifier, files) or server-encrypted (text, passphrase, context)',
    },
  );
  const CreateReply = Type.Object({
    id: Type.String(),
    receipt: Type.String(),
    expires_at: IsoTime('When the secret expires'),
    link: Type.Optional(Type.String({ description: 'Server-encrypted only: the full link with its key' })),
    receipt_link: Type.Optional(Type.String({ description: 'Server-encrypted only' })),
    uploads: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          url: Type.String({ description: 'tus upload URL (path)' }),
          size: Type.Integer(),
        }),
        { description: 'With files: one tus upload per file; the secret exists once all are complete' },
      ),
    ),
  });
  const PeekReply = Type.Object({
    expires_at: IsoTime('When the secret expires'),
    max_views: Type.Integer(),
    views_left: Type.Integer(),
    kdf: Type.Union([Type.Null(), Kdf]),
    size: Type.Integer({ description: 'Byte length of the content ciphertext' }),
    files: Type.Integer({ description: 'Number of attached files' }),
  });
  const ClaimBody = Type.Object(
    {
      token: Type.Optional(Key32('b64u(T)')),
      link_token: Type.Optional(Key32('b64u(L), with a passphrase')),
      key: Type.Optional(Key32('Key claim: the part of the link after #')),
      passphrase: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    },
    { additionalProperties: false, description: 'Either {token, link_token?} or {key, passphrase?}' },
  );
  const ClaimReply = Type.Object({
    content: Type.Optional(Type.String({ description: 'Token claim: b64u(stream 0)' })),
    files: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          size: Type.Integer({ description: 'Ciphertext bytes' }),
          url: Type.String({ description: 'GET with Authorization: Bearer <grant>' }),
        }),
      ),
    ),
    grant: Type.Optional(Type.String({ description: 'With files: the download grant (b64u, 32 bytes)' })),
    grant_expires_at: Type.Optional(IsoTime('With files: when the grant expires')),
    text: Type.Optional(Type.String({ description: 'Key claim: the decrypted text' })),
    context: Type.Optional(Context),
    views_left: Type.Integer(),
  });
  const ReceiptReply = Type.Object({
    state: Type.Union([
      Type.Literal('pending'),
      Type.Literal('viewed'),
      Type.Literal('burned'),
      Type.Literal('expired'),
      Type.Literal('locked'),
    ]),
    created_at: IsoTime('When the secret was created'),
    expires_at: IsoTime('When the secret expires (or expired)'),
    max_views: Type.Integer(),
    views_left: Type.Integer(),
    viewed_at: Type.Array(IsoTime('One entry per view')),
    failed_attempts: Type.Integer(),
    max_attempts: Type.Integer(),
    passphrase: Type.Boolean(),
    ended_at: Type.Union([Type.Null(), IsoTime('When the secret was burned, locked or expired')]),
    downloads: Type.Array(
      Type.Object({ file: Type.Integer({ description: 'File index' }), at: IsoTime('Download completed') }),
      { description: 'Completed file downloads, oldest first' },
    ),
  });
  const ConfigReply = Type.Object({
    ttl: Type.Object({
      min: Type.Integer(),
      max: Type.Integer(),
      default: Type.Integer(),
      choices: Type.Array(Type.Integer()),
    }),
    max_views: Type.Object({ max: Type.Integer(), default: Type.Integer() }),
    max_attempts: Type.Integer(),
    max_content_bytes: Type.Integer(),
    kdf_iterations: Type.Integer(),
    server_encryption: Type.Boolean(),
    key_claim: Type.Boolean(),
    files: Type.Object({
      max_files: Type.Integer({ description: '0 when files are turned off' }),
      max_file_bytes: Type.Integer({ description: 'Plaintext bytes per file' }),
      max_secret_bytes: Type.Integer({ description: 'Plaintext bytes of all files of a secret' }),
    }),
  });
  return { CreateBody, CreateReply, PeekReply, ClaimBody, ClaimReply, ReceiptReply, ConfigReply };
}

/** Error responses for the OpenAPI document (the body is rendered by the error handler). */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
