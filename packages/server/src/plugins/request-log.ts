import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ServerMode } from '../config.js';

/** pino's `isLevelEnabled`; a logger without it (Fastify's no-op one when logging is off) counts as enabled. */
const infoEnabled = (log: FastifyBaseLogger): boolean =>
  (log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? true;

/**
 * One log line per request, written when the response is done: method, route pattern, status, duration and
 * the request counter (`reqId`, bound by Fastify). Never the URL (it holds ids and receipts), a header, the
 * body, the client address or the user agent (DESIGN §2, promise 7). Fastify's own request logging is off.
 * In ephemeral mode (`BURNLINK_MODE`) no line at all: nothing records that a request happened.
 */
export function registerRequestLog(app: FastifyInstance, mode: ServerMode): void {
  if (mode === 'ephemeral') return;
  app.addHook('onResponse', (request, reply, done) => {
    // Below the configured level the line is dropped anyway: skip building it (routeOptions is a getter that
    // allocates an object on every access).
    if (!infoEnabled(request.log)) return done();
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
}
