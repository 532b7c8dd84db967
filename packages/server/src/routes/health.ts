import type { App, AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { errorResponses, HealthReply } from './schemas.js';

/**
 * GET /healthz (the process runs) and GET /readyz: the stores (secrets, accounts, blobs) answer and the blob directory is writable (503
 * `store_unavailable` otherwise), and an `fs:` blob volume is above its free-space watermark (503 `storage_low`).
 */
export function registerHealthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: HealthReply } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the stores answer, the blob volume has room',
        response: { 200: HealthReply, ...errorResponses },
      },
    },
    async (request) => {
      try {
        await Promise.all([ctx.service.ping(), ctx.accounts.ping()]);
      } catch (error) {
        request.log.warn(
          { err: { type: (error as Error).name, message: (error as Error).message } },
          'a store ping failed',
        );
        throw new ApiError(
          'store_unavailable',
          'The secret store, the accounts store or the blob store does not answer, or the blob directory is not writable.',
        );
      }
      const space = await ctx.service.diskSpace().catch((error: unknown) => {
        request.log.warn({ err: { type: (error as Error).name } }, 'the blob volume cannot be measured');
        throw new ApiError('store_unavailable', 'The blob volume cannot be measured (statfs failed).');
      });
      if (space !== null && space.freeBytes < space.watermarkBytes) {
        throw new ApiError(
          'storage_low',
          `The blob volume has ${space.freeBytes} bytes free, below its watermark of ${space.watermarkBytes} ` +
            'bytes (BURNLINK_MIN_FREE_SPACE): new file uploads answer 507 until space is freed.',
        );
      }
      return { status: 'ok' as const };
    },
  );
}
