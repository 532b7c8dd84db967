import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The page and API policy of DESIGN §5: no inline script or style, nothing from another origin, no framing. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Paths whose responses may hold secret material or reveal state: never cached anywhere. */
const NO_STORE = /^\/(api\/|s\/|r\/|metrics|healthz|readyz)/;

/**
 * Security headers on every response, errors and 404s included (helmet runs in onRequest), plus
 * `Cache-Control: no-store` on the API and on the reveal and receipt pages.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Browsers ignore HSTS over plain http; behind TLS the proxy may add its own.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (NO_STORE.test(request.url)) reply.header('cache-control', 'no-store');
  });
}
