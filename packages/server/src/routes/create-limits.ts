import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';

/**
 * The onRequest hooks of a create (a secret, a request): the caller is resolved before the create limit
 * counts, so that a verified API key counts against its own budget (plugins/rate-limit.ts) and a bad key or
 * CSRF token is refused before it counts at all. No hooks when rate limiting is off.
 */
export function createLimits({
  auth,
  rateLimits,
}: AppContext): ((request: FastifyRequest) => Promise<void>)[] {
  if (rateLimits.create.length === 0) return [];
  return [
    async (request: FastifyRequest) => {
      await auth.principal(request);
    },
    ...rateLimits.create,
  ];
}
