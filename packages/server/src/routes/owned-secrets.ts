import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { IdParams, SecretListQuery, SecretListReply } from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['secrets'];

/**
 * GET /api/v1/secrets (an organisation's secrets: metadata only) and POST /api/v1/secrets/:id/burn (burn one
 * by id, within the caller's reach). Never a receipt, a link or content.
 */
export function registerOwnedSecretRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts } = ctx;

  app.get(
    '/api/v1/secrets',
    {
      schema: {
        tags: TAGS,
        summary: "Secrets of your organisation: own, your teams', or all (owner, admin, auditor)",
        querystring: SecretListQuery,
        response: { 200: SecretListReply, ...errorResponses },
      },
      // A query string is text, and the app's validator never coerces types (JSON bodies must not be):
      // `limit` is turned into the number its schema asks for here, before validation.
      preValidation: async (request) => {
        const query = request.query as Record<string, unknown>;
        if (typeof query.limit === 'string' && /^[0-9]{1,6}$/.test(query.limit)) {
          query.limit = Number(query.limit);
        }
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'secrets:list');
      const query = request.query;
      const page = await accounts.listSecrets(principal, {
        scope: query.scope ?? 'own',
        state: query.state,
        cursor: query.cursor,
        limit: query.limit,
      });
      return {
        secrets: page.secrets.map((view) => ({
          id: view.secret.secretId,
          state: view.state,
          created_at: toIso(view.secret.createdAt),
          expires_at: toIso(view.secret.expiresAt),
          max_views: view.maxViews,
          views_left: view.viewsLeft,
          viewed_at: view.viewedAt.map(toIso),
          passphrase: view.passphrase,
          creator: view.creator,
          key: view.key,
          team: view.team,
        })),
        next: page.next,
      };
    },
  );

  app.post(
    '/api/v1/secrets/:id/burn',
    {
      schema: {
        tags: TAGS,
        summary: 'Burn a secret of your organisation by id (secrets:burn, within your reach)',
        params: IdParams,
        response: { 204: { type: 'null', description: 'Burned (or already gone)' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'secrets:burn');
      await accounts.burnSecret(principal, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
