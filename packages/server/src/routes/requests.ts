import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { optionalCaller, requestCaller, requireScope } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { RequestStatus } from '../service/request-service.js';
import { decodeB64u } from '../tokens.js';
import {
  InboxBody,
  RequestCreated,
  RequestIdParams,
  RequestInbox,
  RequestPublic,
  RequestReceiptParams,
  RequestReceiptReply,
  RequestResponded,
  RespondBody,
  SEALED_KEY_BYTES,
} from '../wire.js';
import { clientEncrypted } from './client-encrypted.js';
import { createLimits } from './create-limits.js';
import { peekReply } from './peek-reply.js';
import { createSchemas, errorResponses } from './schemas.js';

const TAGS = ['requests'];
const BURNED = {
  204: { type: 'null', description: 'Burned (or already ended)' },
  ...errorResponses,
} as const;

/**
 * Requests for a secret (docs/api.md "Requests"): create, the responder's public part, the one response,
 * the requester's inbox and burn, and the request's receipt. HTTP ⇄ `service.requests` calls only. Rate
 * limits as for secrets: create and respond count as creates; inbox and burn as claims; lookups of unknown
 * requests and receipts count against the lookups budget.
 */
export function registerRequestRoutes(app: App, ctx: AppContext): void {
  const { config, service, rateLimits, auth, accounts } = ctx;
  const requests = service.requests;
  const schemas = createSchemas(config);
  const lookups = { onRequest: rateLimits.lookupGuard, onResponse: rateLimits.lookupCount };

  app.post(
    '/api/v1/requests',
    {
      schema: {
        tags: TAGS,
        summary: 'Request a secret: store the public key and the encrypted description',
        body: schemas.CreateRequestBody,
        response: { 201: RequestCreated, ...errorResponses },
      },
      onRequest: createLimits(ctx),
    },
    async (request, reply) => {
      const body = request.body;
      const principal = await auth.principal(request);
      if (principal === null) {
        if (!config.accounts.anonymousCreate) throw new ApiError('sign_in_required');
        if (body.team !== undefined)
          throw new ApiError(
            'invalid_request',
            'team needs signing in or an API key; leave it out otherwise.',
          );
      } else {
        requireScope(principal, 'secrets:create');
        await accounts.checkTeam(principal, body.team);
      }
      const created = await requests.create(
        {
          publicKey: Buffer.from(body.public_key, 'base64url'),
          description: decodedDescription(body.description),
          respondVerifier: Buffer.from(body.respond_verifier, 'base64url'),
          inboxVerifier: Buffer.from(body.inbox_verifier, 'base64url'),
          ttlSeconds: body.ttl,
          responseTtlSeconds: body.response_ttl,
        },
        {
          orgId: principal?.orgId ?? null,
          policy: principal === null ? null : await accounts.policyOf(principal.orgId),
          creatorIsMember: principal !== null && principal.role !== null,
          caller: requestCaller(request, principal),
        },
      );
      return reply.code(201).send({
        id: created.id,
        receipt: created.receipt,
        expires_at: toIso(created.expiresAt),
      });
    },
  );

  app.get(
    '/api/v1/requests/:id',
    {
      schema: {
        tags: TAGS,
        summary: "A waiting request's public part, for the responder",
        params: RequestIdParams,
        response: { 200: RequestPublic, ...errorResponses },
      },
      ...lookups,
    },
    async (request) => {
      const found = await requests.publicPart(request.params.id);
      return {
        public_key: Buffer.from(found.publicKey).toString('base64url'),
        description: Buffer.from(found.description).toString('base64url'),
        expires_at: toIso(found.expiresAt),
        response_ttl: Math.round(found.responseTtlMs / 1000),
      };
    },
  );

  app.post(
    '/api/v1/requests/:id/respond',
    {
      schema: {
        tags: TAGS,
        summary: 'Give the one response: a client-encrypted secret and its HPKE-sealed key',
        params: RequestIdParams,
        body: RespondBody,
        response: { 201: RequestResponded, ...errorResponses },
      },
      // Counted as a create; a wrong token or an unknown id counts as a failed lookup too.
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.create],
      onResponse: rateLimits.lookupCount,
    },
    async (request, reply) => {
      const body = request.body;
      const sealedKey = decodeB64u(body.sealed_key);
      if (sealedKey === null || sealedKey.length !== SEALED_KEY_BYTES)
        throw new ApiError('invalid_sealed_key');
      const sealed = clientEncrypted(body, config.maxCiphertextBytes);
      const answered = await requests.respond(
        request.params.id,
        body.token,
        sealedKey,
        sealed,
        body.files?.map((file) => file.size) ?? [],
        await optionalCaller(auth, request),
      );
      const answer = { expires_at: toIso(answered.expiresAt) };
      if (answered.files.length === 0) return reply.code(201).send(answer);
      // The files upload through tus as a secret's do (routes/uploads.ts); the response is staged till then.
      const uploads = answered.files.map((file) => ({
        id: file.id,
        url: `/api/v1/uploads/${file.id}`,
        size: file.size,
      }));
      return reply.code(201).send({ ...answer, uploads });
    },
  );

  app.post(
    '/api/v1/requests/:id/inbox',
    {
      schema: {
        tags: TAGS,
        summary: 'Where a request stands, for the requester; with the sealed key once answered',
        params: RequestIdParams,
        body: InboxBody,
        response: { 200: RequestInbox, ...errorResponses },
      },
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const inbox = await requests.inbox(request.params.id, request.body.inbox_token);
      const status = statusReply(inbox);
      if (inbox.sealedKey === null || inbox.response === null) return status;
      return {
        ...status,
        sealed_key: Buffer.from(inbox.sealedKey).toString('base64url'),
        response: peekReply(inbox.response),
      };
    },
  );

  app.post(
    '/api/v1/requests/:id/burn',
    {
      schema: {
        tags: TAGS,
        summary: 'Burn a request (and its unread response) with the inbox token',
        params: RequestIdParams,
        body: InboxBody,
        response: BURNED,
      },
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request, reply) => {
      const caller = await optionalCaller(auth, request);
      await requests.burnWithInboxToken(request.params.id, request.body.inbox_token, caller);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/request-receipts/:receipt',
    {
      schema: {
        tags: TAGS,
        summary: 'What happened to a request: state and times',
        params: RequestReceiptParams,
        response: { 200: RequestReceiptReply, ...errorResponses },
      },
      ...lookups,
    },
    async (request) => statusReply(await requests.receipt(request.params.receipt)),
  );

  app.post(
    '/api/v1/request-receipts/:receipt/burn',
    {
      schema: {
        tags: TAGS,
        summary: 'Burn a request (and its unread response) by its receipt (idempotent)',
        params: RequestReceiptParams,
        response: BURNED,
      },
      ...lookups,
    },
    async (request, reply) => {
      const caller = await optionalCaller(auth, request);
      await requests.burnWithReceipt(request.params.receipt, caller);
      return reply.code(204).send(null);
    },
  );
}

/** The encrypted description's bytes; the schema checked the alphabet and the length. */
function decodedDescription(text: string): Buffer {
  const bytes = decodeB64u(text);
  if (bytes === null || bytes.length === 0)
    throw new ApiError('invalid_request', 'description must be non-empty base64url without padding.');
  return bytes;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));

function statusReply(status: RequestStatus) {
  return {
    state: status.state,
    created_at: toIso(status.createdAt),
    expires_at: toIso(status.expiresAt),
    answered_at: isoOrNull(status.answeredAt),
    read_at: isoOrNull(status.readAt),
    ended_at: isoOrNull(status.endedAt),
  };
}
