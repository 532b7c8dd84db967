import type { FastifyInstance } from 'fastify';
import type { App, AppContext } from '../../app-context.js';
import { basicToBearer } from './auth.js';
import { OtsError, registerOtsErrors } from './errors.js';
import { registerOtsV1 } from './v1.js';
import { registerOtsV2 } from './v2.js';

/**
 * The Onetime Secret–compatible API (docs/ots-compat.md), in its own Fastify scope: form-encoded bodies, OTS's
 * error shape and Basic auth apply to these routes only; the native API keeps JSON-only (415 otherwise).
 * The routes are hidden from the OpenAPI document, which describes burnlink's own API; docs/ots-compat.md
 * describes these. Off (no routes at all, so 404) with `BURNLINK_OTS_API=off`.
 */
export async function registerOtsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (!ctx.config.otsApi) return;
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    registerOtsErrors(scope, ctx.config);
    scope.addHook('onRequest', basicToBearer);
    // Plaintext comes in: without server-encrypted mode nothing here can work.
    scope.addHook('onRequest', async () => {
      if (!ctx.config.serverEncryption) {
        throw new OtsError(
          403,
          'This server accepts client-encrypted secrets only (BURNLINK_SERVER_ENCRYPTION=off); the Onetime Secret–compatible API needs server-side encryption.',
        );
      }
    });
    registerOtsV1(scope as unknown as App, ctx);
    registerOtsV2(scope as unknown as App, ctx);
  });
}
