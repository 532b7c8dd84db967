import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { optionalCaller } from '../auth/principal.js';
import { createSchemas, errorResponses, ReceiptParams } from './schemas.js';

const TAGS = ['receipts'];

/**
 * GET /api/v1/receipts/:receipt and POST /api/v1/receipts/:receipt/burn. The store only knows the receipt's
 * SHA-256, so a secret id (or anything else) presented as a receipt simply finds nothing.
 */
export function registerReceiptRoutes(app: App, ctx: AppContext): void {
  const { service, rateLimits } = ctx;
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
      const info = await service.secrets.receipt(request.params.receipt);
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
        downloads: info.downloads.map((event) => ({ file: event.file, at: toIso(event.at) })),
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
      // Files go at once, even those a recipient holds a grant for; also an upload still in progress.
      await service.secrets.burn(request.params.receipt, await optionalCaller(ctx.auth, request));
      return reply.code(204).send(null);
    },
  );
}
