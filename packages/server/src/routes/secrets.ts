import { DEFAULT_MAX_VIEWS, formatReceiptLink, formatSecretLink } from '@burnlink/core';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { ApiError } from '../errors.js';
import { accessFromKey, openOnServer, sealOnServer } from '../server-envelope.js';
import type { FileRef, NewSecret, PresentedProof } from '../stores/secret-store.js';
import { decodeB64u, newGrant, newRandomId, receiptHash, tokenVerifier } from '../tokens.js';
import { checkFileLimits } from './file-limits.js';
import { createSchemas, errorResponses, IdParams } from './schemas.js';

const TAGS = ['secrets'];

/** POST /api/v1/secrets, GET /api/v1/secrets/:id and POST /api/v1/secrets/:id/claim. */
export function registerSecretRoutes(app: App, ctx: AppContext): void {
  const { config, store, blobs, metrics, rateLimits } = ctx;
  const schemas = createSchemas(config);

  app.post(
    '/api/v1/secrets',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a secret (client-encrypted with content, or server-encrypted with text)',
        body: schemas.CreateBody,
        response: { 201: schemas.CreateReply, ...errorResponses },
      },
      onRequest: rateLimits.create,
    },
    async (request, reply) => {
      const body = request.body;
      const now = ctx.now();
      const ttlSeconds = body.ttl ?? config.ttl.defaultSeconds;
      const id = newRandomId();
      const receipt = newRandomId();
      const common = {
        id,
        files: [],
        createdAt: now,
        expiresAt: now + ttlSeconds * 1000,
        maxViews: body.max_views ?? Math.min(DEFAULT_MAX_VIEWS, config.maxViews),
        maxAttempts: config.maxAttempts,
        receiptHash: receiptHash(receipt),
        receiptRetentionMs: config.receiptRetentionMs,
      };
      const expires_at = toIso(common.expiresAt);

      if (body.text === undefined) {
        const secret = { ...common, ...clientEncrypted(body, config.maxCiphertextBytes) };
        if (body.files === undefined || body.files.length === 0) {
          await store.create(secret);
          metrics.created.inc();
          return reply.code(201).send({ id, receipt, expires_at });
        }
        // With files the secret waits in the blob store until every upload is complete (routes/uploads.ts).
        const sizes = body.files.map((file) => file.size);
        checkFileLimits(sizes, config.files);
        const files: FileRef[] = sizes.map((size) => ({ id: newRandomId(), size }));
        await blobs.stage({ ...secret, files });
        const uploads = files.map((file) => ({
          id: file.id,
          url: `/api/v1/uploads/${file.id}`,
          size: file.size,
        }));
        return reply.code(201).send({ id, receipt, expires_at, uploads });
      }
      if (body.files !== undefined) {
        throw new ApiError('invalid_request', 'files need client-side encryption (content), not text.');
      }

      if (!config.serverEncryption) throw new ApiError('server_encryption_disabled');
      const mixed = ['verifier', 'link_verifier', 'kdf', 'content'].filter((f) => f in body);
      if (mixed.length > 0) {
        throw new ApiError(
          'invalid_request',
          `Send either text (server-encrypted) or content (client-encrypted), not both; remove ${mixed.join(', ')}.`,
        );
      }
      if (Buffer.byteLength(body.text, 'utf8') > config.maxContentBytes) {
        throw new ApiError(
          'content_too_large',
          `text is larger than ${config.maxContentBytes} bytes, the most this server accepts.`,
        );
      }
      const sealed = await sealOnServer(body.text, { passphrase: body.passphrase, context: body.context });
      await store.create({ ...common, ...sealed });
      metrics.created.inc();
      const origin = config.publicUrl ?? requestOrigin(request);
      return reply.code(201).send({
        id,
        receipt,
        expires_at,
        link: formatSecretLink(origin, id, sealed.linkKey),
        receipt_link: formatReceiptLink(origin, receipt),
      });
    },
  );

  app.get(
    '/api/v1/secrets/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Public information about a secret; never consumes it',
        params: IdParams,
        response: { 200: schemas.PeekReply, ...errorResponses },
      },
      onRequest: rateLimits.lookupGuard,
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const info = await store.peek(request.params.id, ctx.now());
      if (info === null) throw new ApiError('secret_not_found');
      return {
        expires_at: toIso(info.expiresAt),
        max_views: info.maxViews,
        views_left: info.viewsLeft,
        kdf: info.kdf,
        size: info.size,
        files: info.files.length,
      };
    },
  );

  app.post(
    '/api/v1/secrets/:id/claim',
    {
      schema: {
        tags: TAGS,
        summary: 'Reveal a secret: with the access token, or (curl) with the link key',
        params: IdParams,
        body: schemas.ClaimBody,
        response: { 200: schemas.ClaimReply, ...errorResponses },
      },
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const { id } = request.params;
      const { token, link_token, key, passphrase } = request.body;
      if ((token === undefined) === (key === undefined)) {
        throw new ApiError('invalid_request', 'Send either token (and link_token) or key (and passphrase).');
      }
      if (token === undefined) {
        if (!config.keyClaim) throw new ApiError('key_claim_disabled');
        if (link_token !== undefined)
          throw new ApiError('invalid_request', 'link_token goes with token, not key.');
        const info = await store.peek(id, ctx.now());
        if (info === null) throw new ApiError('secret_not_found');
        if (info.files.length > 0) throw new ApiError('files_need_client');
        const access = await accessFromKey(Buffer.from(key as string, 'base64url'), info.kdf, passphrase);
        const outcome = await claim(id, {
          verifier: tokenVerifier(access.token),
          linkVerifier: access.linkToken === null ? null : tokenVerifier(access.linkToken),
        });
        const opened = await openOnServer(outcome.content, access.contentKey);
        return { ...opened, views_left: outcome.viewsLeft };
      }
      if (passphrase !== undefined) {
        throw new ApiError(
          'invalid_request',
          'passphrase goes with key; with token, derive it on the client.',
        );
      }
      const outcome = await claim(id, {
        verifier: tokenVerifier(token),
        linkVerifier: link_token === undefined ? null : tokenVerifier(link_token),
      });
      const content = Buffer.from(outcome.content).toString('base64url');
      if (outcome.files.length === 0) return { content, views_left: outcome.viewsLeft, files: [] };
      return { content, views_left: outcome.viewsLeft, ...(await grantDownloads(outcome)) };
    },
  );

  /** A download grant for the files of a successful claim: one complete download of each file. */
  async function grantDownloads(outcome: { files: FileRef[]; viewsLeft: number }) {
    const grant = newGrant();
    const expiresAt = ctx.now() + config.files.grantTtlMs;
    const ids = outcome.files.map((file) => file.id);
    await blobs.grant(ids, grant.hash, expiresAt, outcome.viewsLeft === 0);
    return {
      files: outcome.files.map((file) => ({ id: file.id, size: file.size, url: `/api/v1/files/${file.id}` })),
      grant: grant.token,
      grant_expires_at: toIso(expiresAt),
    };
  }

  /** The store's atomic claim, with its outcomes turned into answers and counters. */
  async function claim(id: string, proof: PresentedProof) {
    const outcome = await store.claim(id, proof, ctx.now());
    switch (outcome.status) {
      case 'ok':
        metrics.claimed.inc();
        return outcome;
      case 'wrong_token':
        throw new ApiError('wrong_passphrase', undefined, { attempts_left: outcome.attemptsLeft });
      case 'locked':
        metrics.locked.inc();
        throw new ApiError('secret_locked');
      default:
        throw new ApiError('secret_not_found');
    }
  }
}

type ClientFields = Pick<NewSecret, 'verifier' | 'linkVerifier' | 'kdf' | 'content'>;

/** Checks the client-encrypted fields that the schema cannot tie together. */
function clientEncrypted(
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
): ClientFields {
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

/** The origin the client used, for links when no BURNLINK_PUBLIC_URL is set (honours TRUST_PROXY). */
function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
