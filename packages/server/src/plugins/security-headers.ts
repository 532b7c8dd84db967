import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

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

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  // Browsers ignore HSTS over plain http; behind TLS the proxy may add its own.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  crossOriginEmbedderPolicy: false,
};

/** Paths whose responses may hold secret material or reveal state: never cached anywhere. */
const NO_STORE = /^\/(api\/|integrations\/|s\/|r\/|metrics|healthz|readyz)/;

/**
 * The headers helmet sets for our options, computed once. The policy has no per-request part (no nonces),
 * so running helmet's middleware chain on every request would only repeat this work: `@fastify/helmet`
 * rebuilt the whole chain per request and cost about a third of the create throughput (see bench/).
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers on every response, errors and 404s included (set in onRequest), plus
 * `Cache-Control: no-store` on the API and on the reveal and receipt pages.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (NO_STORE.test(request.url)) reply.header('cache-control', 'no-store');
    done();
  });
}
