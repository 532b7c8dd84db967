import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HostClass, HostResolver } from '../domains/host-resolver.js';
import { ApiError } from '../errors.js';

/**
 * Routes that answer on any `Host`: probes, Prometheus and Caddy's `ask` reach nodes by address, and none of
 * them builds a link or shows an organisation.
 */
export const ANY_HOST_ROUTES: ReadonlySet<string> = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/api/v1/domains/allowed',
]);

/**
 * The host check (docs/domains.md), before anything else of a request runs: a malformed `Host` (as
 * trust-proxy resolves it, so `X-Forwarded-Host` counts only from a trusted proxy) is 400 `invalid_host`;
 * a name that is neither the instance's own nor a verified custom domain is 421 `misdirected_request` when
 * `BURNLINK_ALLOWED_HOSTS` is a list, and gets the main site with `*`. The web app's pages and assets pass
 * through the same check.
 */
export function registerHostCheck(app: FastifyInstance, hosts: HostResolver, listed: boolean): void {
  const verdict = (found: HostClass | null): ApiError | undefined => {
    if (found === null) return new ApiError('invalid_host');
    if (found.kind === 'unknown' && listed) return new ApiError('misdirected_request');
    return undefined;
  };
  // A callback hook, not an async one: the main host (every create and claim) is decided synchronously.
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined && ANY_HOST_ROUTES.has(route)) return done();
    const quick = hosts.classifyWithoutLookup(request);
    if (quick !== undefined) return done(verdict(quick));
    hosts.classify(request).then(
      (found) => done(verdict(found)),
      (error: unknown) => {
        request.log.warn({ err: { type: (error as Error)?.name } }, 'a custom-domain lookup failed');
        done(new ApiError('store_unavailable', 'The accounts store does not answer (custom domain lookup).'));
      },
    );
  });
}
