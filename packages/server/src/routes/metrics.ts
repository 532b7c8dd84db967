import type { App, AppContext } from '../app-context.js';

/** GET /metrics: Prometheus text exposition of the app's own registry. */
export function registerMetricsRoute(app: App, ctx: AppContext): void {
  const { registry } = ctx.metrics;
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'] } },
    async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
}
