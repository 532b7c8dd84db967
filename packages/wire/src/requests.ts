import { type Static, Type } from 'typebox';
import { B64U_16_BYTES, B64U_PATTERN, Count, Id16, IsoTime, Key32 } from './formats.js';
import { CreatedUpload, Kdf, PeekReply } from './secrets.js';

// Request a secret (docs/api.md "Requests", docs/encryption.md "Requests"):
//   POST /api/v1/requests                         create a request              → 201 RequestCreated
//   GET  /api/v1/requests/{id}                    its public part (responder)   → 200 RequestPublic | 404
//   POST /api/v1/requests/{id}/respond            the one response              → 201 RequestResponded | 404 | 409
//   POST /api/v1/requests/{id}/inbox              where it stands (requester)   → 200 RequestInbox | 404
//   POST /api/v1/requests/{id}/burn               burn it (requester)           → 204 | 404
//   GET  /api/v1/request-receipts/{receipt}       receipt                       → 200 RequestReceiptReply | 404
//   POST /api/v1/request-receipts/{receipt}/burn  burn by receipt               → 204 (idempotent)
// The response itself is an ordinary secret with the request's id: its content and files are claimed with
// POST /api/v1/secrets/{id}/claim and downloaded as any secret's (max_views 1).

/** HPKE-sealed response key: enc (32 bytes) || AES-256-GCM ciphertext of the 32-byte key K (48 bytes). */
export const SEALED_KEY_BYTES = 80;
/** The encrypted description (payload stream 0 under the request key Q), b64u characters at most. */
export const REQUEST_DESCRIPTION_MAX_CHARS = 16_384;

export const RequestIdParams = Type.Object({ id: Id16('Request id') });
export type RequestIdParams = Static<typeof RequestIdParams>;

export const RequestReceiptParams = Type.Object({ receipt: Id16('Request receipt token') });
export type RequestReceiptParams = Static<typeof RequestReceiptParams>;

/** Where a request stands: no response yet, answered (not read), read, or ended without being read. */
export const RequestState = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('answered'),
  Type.Literal('read'),
  Type.Literal('expired'),
  Type.Literal('burned'),
]);
export type RequestState = Static<typeof RequestState>;

/** The operator's lifetime limits, as for secrets (`CreateLimits.ttl`). */
export interface RequestLimits {
  ttl: { min: number; max: number; default: number };
}

export function createRequestBodySchema(limits: RequestLimits) {
  const Ttl = (what: string) =>
    Type.Optional(
      Type.Integer({
        minimum: limits.ttl.min,
        maximum: limits.ttl.max,
        description: `${what} in seconds (default ${limits.ttl.default})`,
      }),
    );
  return Type.Object(
    {
      ttl: Ttl('How long the request waits for its response'),
      response_ttl: Ttl('How long the response waits to be read, counted from when it was given'),
      public_key: Key32("b64u of the requester's X25519 public key (HPKE, RFC 9180)"),
      description: Type.String({
        pattern: B64U_PATTERN,
        maxLength: REQUEST_DESCRIPTION_MAX_CHARS,
        description: 'Payload stream 0 encrypted under the request key Q',
      }),
      respond_verifier: Key32('b64u(SHA-256(respond token)), the token derived from Q'),
      inbox_verifier: Key32('b64u(SHA-256(inbox token)), the token derived from the inbox key'),
      team: Type.Optional(
        Type.String({ pattern: B64U_16_BYTES, description: 'Signed in: the team it belongs to' }),
      ),
    },
    { additionalProperties: false },
  );
}
export type CreateRequestBody = Static<ReturnType<typeof createRequestBodySchema>>;

export const RequestCreated = Type.Object(
  {
    id: Id16('Request id'),
    receipt: Id16('Receipt: the requester keeps it to see and burn the request'),
    expires_at: IsoTime('When the request stops accepting a response'),
  },
  { additionalProperties: false },
);
export type RequestCreated = Static<typeof RequestCreated>;

/** What the responder's client needs: the key to seal to, the encrypted description, the lifetimes. */
export const RequestPublic = Type.Object(
  {
    public_key: Key32('X25519 public key to seal the response key to'),
    description: Type.String({ pattern: B64U_PATTERN, description: 'Stream 0 under Q' }),
    expires_at: IsoTime('When the request stops accepting a response'),
    response_ttl: Count('Seconds the response will wait to be read'),
  },
  { additionalProperties: false },
);
export type RequestPublic = Static<typeof RequestPublic>;

/**
 * The response: the respond token proving knowledge of Q, the sealed key, and the client-encrypted secret
 * exactly as in a client-encrypted create (verifier, link_verifier, kdf, content, files). Always one view.
 */
export const RespondBody = Type.Object(
  {
    token: Key32('Respond token derived from Q'),
    sealed_key: Type.String({ pattern: B64U_PATTERN, description: 'b64u, 80 bytes: HPKE enc || sealed K' }),
    verifier: Key32('b64u(SHA-256(T)) of the response key K'),
    link_verifier: Type.Optional(Key32('With a passphrase: b64u(SHA-256(L))')),
    kdf: Type.Union([Type.Null(), Kdf]),
    content: Type.String({ pattern: B64U_PATTERN, description: 'Stream 0 of the response' }),
    files: Type.Optional(
      Type.Array(
        Type.Object(
          { size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RespondBody = Static<typeof RespondBody>;

export const RequestResponded = Type.Object(
  {
    expires_at: IsoTime('When the response expires unread'),
    uploads: Type.Optional(
      Type.Array(CreatedUpload, { description: 'With files: one tus upload per file, as for a secret' }),
    ),
  },
  { additionalProperties: false },
);
export type RequestResponded = Static<typeof RequestResponded>;

/** The requester proves the inbox key with its token (also the body of `/burn`). */
export const InboxBody = Type.Object(
  { inbox_token: Key32('Inbox token derived from the inbox key') },
  { additionalProperties: false },
);
export type InboxBody = Static<typeof InboxBody>;

const RequestTimes = {
  state: RequestState,
  created_at: IsoTime('When the request was made'),
  expires_at: IsoTime('When the request stops (stopped) accepting a response'),
  answered_at: Type.Union([Type.Null(), IsoTime('When the response was given')]),
  read_at: Type.Union([Type.Null(), IsoTime('When the response was read')]),
  ended_at: Type.Union([Type.Null(), IsoTime('When it was burned or expired')]),
};

export const RequestReceiptReply = Type.Object(RequestTimes, { additionalProperties: false });
export type RequestReceiptReply = Static<typeof RequestReceiptReply>;

/** The inbox: the receipt's times and, once answered and unread, the sealed key and the response's peek. */
export const RequestInbox = Type.Object(
  {
    ...RequestTimes,
    sealed_key: Type.Optional(Type.String({ pattern: B64U_PATTERN, description: 'State answered only' })),
    response: Type.Optional(PeekReply),
  },
  { additionalProperties: false },
);
export type RequestInbox = Static<typeof RequestInbox>;
