import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * While the app is closing: requests that arrive answer 503 `shutting_down` (in our error format, with
 * `Retry-After`), and every response asks the client to close its connection, so that keep-alive
 * connections do not hold the shutdown open. Requests already in flight finish normally.
 */
export function registerShutdownHandling(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new ApiError('shutting_down', undefined, {}, { 'retry-after': '1' });
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
