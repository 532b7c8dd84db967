import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { ApiError } from '../errors.js';
import { receiptHash } from '../tokens.js';
import { createSchemas, errorResponses, ReceiptParams } from './schemas.js';

const TAGS = ['receipts'];

/**
 * GET /api/v1/receipts/:receipt and POST /api/v1/receipts/:receipt/burn. The store only knows the receipt's
 * SHA-256, so a secret id (or anything else) presented as a receipt simply finds nothing.
 */
export function registerReceiptRoutes(app: App, ctx: AppContext): void {
  const { store, blobs, metrics, rateLimits } = ctx;
  const schemas = createSchemas(ctx.config);

  app.get(
    '/api/v1/receipts/:receipt',
    {
      schema: {
        tags: TAGS,
        summary: 'What happened to a secret: state and timeline',
        params: ReceiptParams,
        response: { 200: schemas.ReceiptReply, ...errorResponses },
      },
      onRequest: rateLimits.lookupGuard,
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const hash = receiptHash(request.params.receipt);
      const now = ctx.now();
      const info = await store.receipt(hash, now);
      if (info === null) throw new ApiError('receipt_not_found');
      const downloads = await blobs.downloads(hash, now);
      return {
        state: info.state,
        created_at: toIso(info.createdAt),
        expires_at: toIso(info.expiresAt),
        max_views: info.maxViews,
        views_left: info.viewsLeft,
        viewed_at: info.viewedAt.map(toIso),
        failed_attempts: info.failedAttempts,
        max_attempts: info.maxAttempts,
        passphrase: info.hasPassphrase,
        ended_at: info.endedAt === null ? null : toIso(info.endedAt),
        downloads: downloads.map((event) => ({ file: event.file, at: toIso(event.at) })),
      };
    },
  );

  app.post(
    '/api/v1/receipts/:receipt/burn',
    {
      schema: {
        tags: TAGS,
        summary: 'Destroy the secret now (idempotent)',
        params: ReceiptParams,
        response: { 204: { type: 'null', description: 'Burned (or already gone)' }, ...errorResponses },
      },
      onRequest: rateLimits.lookupGuard,
      onResponse: rateLimits.lookupCount,
    },
    async (request, reply) => {
      const hash = receiptHash(request.params.receipt);
      const now = ctx.now();
      const before = await store.receipt(hash, now);
      const burned = before !== null && (await store.burn(hash, now));
      // Files go at once, even those a recipient holds a grant for; also an upload still in progress.
      const staged = await blobs.removeByReceipt(hash);
      if (!burned && !staged) throw new ApiError('receipt_not_found');
      if (before?.state === 'pending') metrics.burned.inc();
      return reply.code(204).send(null);
    },
  );
}
