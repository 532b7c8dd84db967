import type { App, AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { errorResponses, HealthReply } from './schemas.js';

/** GET /healthz (the process runs) and GET /readyz (the store answers; 503 store_unavailable otherwise). */
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
        summary: 'Readiness: the store answers',
        response: { 200: HealthReply, ...errorResponses },
      },
    },
    async (request) => {
      try {
        await ctx.service.ping();
      } catch (error) {
        request.log.warn(
          { err: { type: (error as Error).name, message: (error as Error).message } },
          'store or blob store ping failed',
        );
        throw new ApiError('store_unavailable');
      }
      return { status: 'ok' as const };
    },
  );
}
