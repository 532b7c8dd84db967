import { CONTEXT_FIELD_MAX_CHARS, KDF_MAX_ITERATIONS, KDF_MIN_ITERATIONS, KDF_NAME } from '@burnlink/core';
import { type Static, Type } from 'typebox';
import { B64U_16_BYTES, B64U_PATTERN, Count, Id16, IsoTime, Key32 } from './formats.js';
import { PeekRequires, Restrictions } from './restrictions.js';

// POST /api/v1/secrets, GET /api/v1/secrets/{id}, POST /api/v1/secrets/{id}/claim (docs/api.md).

/** Passphrase key derivation parameters, stored with the secret (`null` without a passphrase). */
export const Kdf = Type.Object(
  {
    name: Type.Literal(KDF_NAME),
    salt: Type.String({ pattern: B64U_16_BYTES, description: 'b64u, 16 bytes' }),
    iterations: Type.Integer({ minimum: KDF_MIN_ITERATIONS, maximum: KDF_MAX_ITERATIONS }),
  },
  { additionalProperties: false, description: 'Passphrase key derivation parameters' },
);
export type Kdf = Static<typeof Kdf>;

/** What a secret is for, in server-encrypted create and key claim (clients encrypt it into `content`). */
export const SecretContext = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    username: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    url: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    environment: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
    note: Type.Optional(Type.String({ maxLength: CONTEXT_FIELD_MAX_CHARS })),
  },
  { additionalProperties: false },
);
export type SecretContext = Static<typeof SecretContext>;

export const IdParams = Type.Object({ id: Id16('Secret id') });
export type IdParams = Static<typeof IdParams>;

/** The operator's limits that the create body is validated against (`GET /api/v1/config` announces them). */
export interface CreateLimits {
  ttl: { min: number; max: number; default: number };
  maxViews: number;
}

/**
 * The create body, validated against the operator's limits. Its static type, {@link CreateBody}, is the same
 * whatever the limits.
 *
 * @example
 * ```ts
 * const schema = createBodySchema({ ttl: { min: 60, max: 2_592_000, default: 86_400 }, maxViews: 100 });
 * ```
 */
export function createBodySchema(limits: CreateLimits) {
  return Type.Object(
    {
      ttl: Type.Optional(
        Type.Integer({
          minimum: limits.ttl.min,
          maximum: limits.ttl.max,
          description: `Lifetime in seconds (default ${limits.ttl.default})`,
        }),
      ),
      max_views: Type.Optional(
        Type.Integer({ minimum: 1, maximum: limits.maxViews, description: 'Views before burning' }),
      ),
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
      context: Type.Optional(SecretContext),
      team: Type.Optional(
        Type.String({
          pattern: B64U_16_BYTES,
          description: 'Signed in or with an API key: the team (id) the secret belongs to, among your own',
        }),
      ),
      notify: Type.Optional(
        Type.Boolean({
          description:
            'Signed in or with an API key: mail the creator when the secret is viewed, burned or expires (when the server has SMTP)',
        }),
      ),
      restrictions: Type.Optional(Restrictions),
      files: Type.Optional(
        Type.Array(
          Type.Object(
            {
              // A size past 2^53 - 1 has no exact integer, so it is refused rather than rounded.
              size: Type.Integer({
                minimum: 0,
                maximum: Number.MAX_SAFE_INTEGER,
                description: 'Exact ciphertext length (encryptedSize)',
              }),
            },
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
}
export type CreateBody = Static<ReturnType<typeof createBodySchema>>;

/** One tus upload of a create reply with files: PATCH the file's ciphertext to `url`. */
export const CreatedUpload = Type.Object(
  {
    id: Id16('Upload id'),
    url: Type.String({ description: 'tus upload URL (path)' }),
    size: Count('Ciphertext bytes to upload'),
  },
  { additionalProperties: false },
);
export type CreatedUpload = Static<typeof CreatedUpload>;

export const CreateReply = Type.Object(
  {
    id: Id16('Secret id'),
    receipt: Id16('Receipt: the sender keeps it to see and burn the secret'),
    expires_at: IsoTime('When the secret expires'),
    link: Type.Optional(Type.String({ description: 'Server-encrypted only: the full link with its key' })),
    receipt_link: Type.Optional(Type.String({ description: 'Server-encrypted only' })),
    link_origin: Type.Optional(
      Type.String({
        description:
          "The origin links to this secret should use, when it is not the server's own: the creator's organisation's custom domain (https://…). Clients that build the link themselves use it.",
      }),
    ),
    uploads: Type.Optional(
      Type.Array(CreatedUpload, {
        description: 'With files: one tus upload per file; the secret exists once all are complete',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateReply = Static<typeof CreateReply>;

export const PeekReply = Type.Object(
  {
    expires_at: IsoTime('When the secret expires'),
    max_views: Count(),
    views_left: Count(),
    kdf: Type.Union([Type.Null(), Kdf]),
    size: Count('Byte length of the content ciphertext'),
    files: Count('Number of attached files'),
    requires: Type.Optional(PeekRequires),
  },
  { additionalProperties: false },
);
export type PeekReply = Static<typeof PeekReply>;

export const ClaimBody = Type.Object(
  {
    token: Type.Optional(Key32('b64u(T)')),
    link_token: Type.Optional(Key32('b64u(L), with a passphrase')),
    key: Type.Optional(Key32('Key claim: the part of the link after #')),
    passphrase: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    verification_code: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', description: 'Recipient verification: the mailed 6-digit code' }),
    ),
  },
  { additionalProperties: false, description: 'Either {token, link_token?} or {key, passphrase?}' },
);
export type ClaimBody = Static<typeof ClaimBody>;

/** A file of a claim reply: download it from `url` with the claim's grant. */
export const ClaimedFile = Type.Object(
  {
    id: Id16('File id'),
    size: Count('Ciphertext bytes'),
    url: Type.String({ description: 'GET with Authorization: Bearer <grant>' }),
  },
  { additionalProperties: false },
);
export type ClaimedFile = Static<typeof ClaimedFile>;

export const ClaimReply = Type.Object(
  {
    content: Type.Optional(Type.String({ description: 'Token claim: b64u(stream 0)' })),
    files: Type.Optional(Type.Array(ClaimedFile)),
    grant: Type.Optional(Key32('With files: the download grant')),
    grant_expires_at: Type.Optional(IsoTime('With files: when the grant expires')),
    text: Type.Optional(Type.String({ description: 'Key claim: the decrypted text' })),
    context: Type.Optional(SecretContext),
    views_left: Count(),
  },
  { additionalProperties: false },
);
export type ClaimReply = Static<typeof ClaimReply>;
