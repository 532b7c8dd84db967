import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI 3 document, generated from the route schemas (the API contract; docs/api.md explains it).
 * Must be registered before the routes so that it sees them.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'burnlink API',
        version: '1.0.0',
        description:
          'End-to-end encrypted one-time secrets. All binary values are base64url without padding; all times ' +
          'ISO 8601. Errors: {"error":{"code","message"}}, codes in docs/errors.md.',
      },
      tags: [
        { name: 'secrets', description: 'Create, peek and claim secrets' },
        { name: 'receipts', description: 'What happened to a secret; burn it' },
        { name: 'requests', description: 'Request a secret: one end-to-end encrypted response' },
        { name: 'config', description: 'Server limits for clients' },
        { name: 'operations', description: 'Health and metrics' },
      ],
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
