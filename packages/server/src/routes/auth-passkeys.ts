import type { Passkey } from '../accounts/accounts-types.js';
import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import type { SignedIn } from '../auth/passkey-service.js';
import {
  PasskeyList,
  PasskeyParams,
  PasskeyRegisterBody,
  PasskeyRegisterOptionsBody,
  PasskeySignInBody,
  SignedInReply,
  WebAuthnOptions,
} from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['sign-in'];

const passkeyView = (passkey: Passkey) => ({
  id: passkey.id,
  name: passkey.name,
  created_at: toIso(passkey.createdAt),
  last_used_at: passkey.lastUsedAt === null ? null : toIso(passkey.lastUsedAt),
});

const signedInReply = (signedIn: SignedIn) => ({
  user: { id: signedIn.user.id, email: signedIn.user.email, name: signedIn.user.name },
  org: signedIn.org,
  role: signedIn.role,
  csrf_token: signedIn.csrfToken,
  ...(signedIn.passkey === undefined ? {} : { passkey: passkeyView(signedIn.passkey) }),
});

/**
 * Passkeys (docs/teams.md "Signing in"): the registration and sign-in ceremonies, and my passkeys. The
 * ceremonies' logic is `PasskeyService`'s; these routes only translate.
 */
export function registerPasskeyRoutes(app: App, ctx: AppContext): void {
  const { passkeys, rateLimits } = ctx;

  app.post(
    '/api/v1/auth/passkey/register/options',
    {
      schema: {
        tags: TAGS,
        summary: 'Start registering a passkey: with an invite (joining) or signed in (another passkey)',
        body: PasskeyRegisterOptionsBody,
        response: { 200: WebAuthnOptions, ...errorResponses },
      },
      // Each start stores a challenge: bounded per address like claims (the claim bucket).
      onRequest: rateLimits.claim,
    },
    async (request, reply) => passkeys.registerOptions(request, reply, request.body),
  );

  app.post(
    '/api/v1/auth/passkey/register',
    {
      schema: {
        tags: TAGS,
        summary: "Finish registering: verifies the authenticator's answer, stores the passkey, signs in",
        body: PasskeyRegisterBody,
        response: { 200: SignedInReply, ...errorResponses },
      },
    },
    async (request, reply) => signedInReply(await passkeys.register(request, reply, request.body)),
  );

  app.post(
    '/api/v1/auth/passkey/sign-in/options',
    {
      schema: {
        tags: TAGS,
        summary: 'Start signing in with a passkey (discoverable credentials)',
        response: { 200: WebAuthnOptions, ...errorResponses },
      },
      // Each start stores a challenge: bounded per address like claims (the claim bucket).
      onRequest: rateLimits.claim,
    },
    async (request, reply) => passkeys.signInOptions(request, reply),
  );

  app.post(
    '/api/v1/auth/passkey/sign-in',
    {
      schema: {
        tags: TAGS,
        summary: 'Finish signing in with a passkey; sets the session cookies',
        body: PasskeySignInBody,
        response: { 200: SignedInReply, ...errorResponses },
      },
    },
    async (request, reply) => signedInReply(await passkeys.signIn(request, reply, request.body)),
  );

  app.get(
    '/api/v1/passkeys',
    {
      schema: {
        tags: TAGS,
        summary: 'My passkeys',
        response: { 200: PasskeyList, ...errorResponses },
      },
    },
    async (request) => ({ passkeys: (await passkeys.list(request)).map(passkeyView) }),
  );

  app.delete(
    '/api/v1/passkeys/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove one of my passkeys (never the last one without an identity provider)',
        params: PasskeyParams,
        response: { 204: { type: 'null', description: 'Removed' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await passkeys.remove(request, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
