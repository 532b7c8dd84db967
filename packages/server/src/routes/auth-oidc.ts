import type { App, AppContext } from '../app-context.js';
import { OidcStartQuery } from '../wire.js';

const TAGS = ['sign-in'];

/**
 * Sign-in with OpenID Connect (docs/teams.md "Signing in"), registered only when a provider is configured.
 * Both routes answer redirects; `OidcService` holds the logic.
 */
export function registerOidcRoutes(app: App, ctx: AppContext): void {
  const { oidc, rateLimits } = ctx;
  if (oidc === null) return;

  app.get(
    '/api/v1/auth/oidc/start',
    {
      schema: {
        tags: TAGS,
        summary: 'Redirects to the identity provider (authorization code flow with PKCE)',
        querystring: OidcStartQuery,
        response: { 302: { type: 'null', description: 'To the provider, or to /sign-in?error=…' } },
      },
      // Each start stores a ceremony: bounded per address like claims (the claim bucket).
      onRequest: rateLimits.claim,
    },
    async (request, reply) => reply.redirect(await oidc.start(request, reply, request.query), 302),
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      schema: {
        tags: TAGS,
        summary: "The provider's redirect back; signs in and redirects to return_to (or /sign-in?error=…)",
        response: { 302: { type: 'null', description: 'To return_to, or to /sign-in?error=…' } },
      },
    },
    async (request, reply) => reply.redirect(await oidc.callback(request, reply), 302),
  );
}
