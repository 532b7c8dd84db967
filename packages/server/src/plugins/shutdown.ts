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
  // Callback-style hooks: they run on every request, and an async hook costs a promise each time.
  app.addHook('onRequest', (_request, _reply, done) => {
    if (closing) done(new ApiError('shutting_down', undefined, {}, { 'retry-after': '1' }));
    else done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
