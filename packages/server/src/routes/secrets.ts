import { formatReceiptLink, formatSecretLink } from '@burnlink/core';
import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { optionalCaller, requestCaller, requireScope } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { mailLocale } from '../mail/verification-mail.js';
import { VerificationBody, VerificationReply } from '../wire.js';
import { clientEncrypted } from './client-encrypted.js';
import { createLimits } from './create-limits.js';
import { peekReply } from './peek-reply.js';
import { createSchemas, errorResponses, IdParams } from './schemas.js';

const TAGS = ['secrets'];

/** POST /api/v1/secrets, GET /api/v1/secrets/:id and POST /api/v1/secrets/:id/claim. */
export function registerSecretRoutes(app: App, ctx: AppContext): void {
  const { config, service, rateLimits, auth, accounts, hosts } = ctx;
  const schemas = createSchemas(config);

  app.post(
    '/api/v1/secrets',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a secret (client-encrypted with content, or server-encrypted with text)',
        body: schemas.CreateBody,
        response: { 201: schemas.CreateReply, ...errorResponses },
      },
      onRequest: createLimits(ctx),
    },
    async (request, reply) => {
      const body = request.body;
      const options = {
        ttlSeconds: body.ttl,
        maxViews: body.max_views,
        restrictions: body.restrictions,
      };
      // Signed in or with a key: the secret is the organisation's (docs/teams.md). Anonymous: nobody's.
      const principal = await auth.principal(request);
      let teamId: string | null = null;
      if (principal === null) {
        if (!config.accounts.anonymousCreate) throw new ApiError('sign_in_required');
        if (body.team !== undefined) {
          throw new ApiError(
            'invalid_request',
            'team needs signing in or an API key; leave it out otherwise.',
          );
        }
        if (body.notify === true) throw new ApiError('notify_needs_owner');
      } else {
        requireScope(principal, 'secrets:create');
        teamId = await accounts.checkTeam(principal, body.team);
      }
      const caller = requestCaller(request, principal);
      // The organisation's rules (docs/policies.md): none for anonymous creates.
      const policy = principal === null ? null : await accounts.policyOf(principal.orgId);
      const ruled = {
        policy,
        // A key acts for its creator; a key without one (or whose creator left) is not a member's.
        creatorIsMember: principal !== null && principal.role !== null,
      };
      const own = async (created: { id: string; receipt: string; expiresAt: number }) => {
        if (principal !== null) {
          await accounts.recordCreated(principal, created, { teamId, notify: body.notify === true });
        }
      };
      if (body.text === undefined) {
        const sealed = clientEncrypted(body, config.maxCiphertextBytes);
        const fileSizes = body.files?.map((file) => file.size) ?? [];
        const created = await service.secrets.create(sealed, { ...options, ...ruled, fileSizes, caller });
        await own(created);
        // The client builds the link: it is told the origin only when it is a custom domain's.
        const linkOrigin = await hosts.customLinkOrigin(request, principal?.orgId ?? null);
        const answer = {
          id: created.id,
          receipt: created.receipt,
          expires_at: toIso(created.expiresAt),
          ...(linkOrigin === null ? {} : { link_origin: linkOrigin }),
        };
        if (created.files.length === 0) return reply.code(201).send(answer);
        // With files the secret is staged until every upload is complete (routes/uploads.ts).
        const uploads = created.files.map((file) => ({
          id: file.id,
          url: `/api/v1/uploads/${file.id}`,
          size: file.size,
        }));
        return reply.code(201).send({ ...answer, uploads });
      }
      if (body.files !== undefined) {
        throw new ApiError('invalid_request', 'files need client-side encryption (content), not text.');
      }
      const mixed = ['verifier', 'link_verifier', 'kdf', 'content'].filter((f) => f in body);
      if (config.serverEncryption && mixed.length > 0) {
        throw new ApiError(
          'invalid_request',
          `Send either text (server-encrypted) or content (client-encrypted), not both; remove ${mixed.join(', ')}.`,
        );
      }
      const { chargeCreate } = rateLimits;
      const created = await service.secrets.createFromText(
        body.text,
        { passphrase: body.passphrase, context: body.context },
        { ...options, ...ruled, caller },
        chargeCreate === null ? undefined : (units) => chargeCreate(request, units),
      );
      await own(created);
      const origin = await hosts.linkOrigin(request, principal?.orgId ?? null);
      return reply.code(201).send({
        id: created.id,
        receipt: created.receipt,
        expires_at: toIso(created.expiresAt),
        link: formatSecretLink(origin, created.id, created.linkKey),
        receipt_link: formatReceiptLink(origin, created.receipt),
      });
    },
  );

  app.get(
    '/api/v1/secrets/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Public information about a secret; never consumes it',
        params: IdParams,
        response: { 200: schemas.PeekReply, ...errorResponses },
      },
      onRequest: rateLimits.lookupGuard,
      onResponse: rateLimits.lookupCount,
    },
    async (request) => peekReply(await service.secrets.peek(request.params.id)),
  );

  app.post(
    '/api/v1/secrets/:id/claim',
    {
      schema: {
        tags: TAGS,
        summary: 'Reveal a secret: with the access token, or (curl) with the link key',
        params: IdParams,
        body: schemas.ClaimBody,
        response: { 200: schemas.ClaimReply, ...errorResponses },
      },
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const { id } = request.params;
      const { token, link_token, key, passphrase, verification_code } = request.body;
      const extras = { verificationCode: verification_code };
      const caller = await optionalCaller(auth, request);
      if ((token === undefined) === (key === undefined)) {
        throw new ApiError('invalid_request', 'Send either token (and link_token) or key (and passphrase).');
      }
      if (token === undefined) {
        if (link_token !== undefined && config.keyClaim)
          throw new ApiError('invalid_request', 'link_token goes with token, not key.');
        const { chargeClaim } = rateLimits;
        const opened = await service.secrets.claimWithKey(
          id,
          Buffer.from(key as string, 'base64url'),
          passphrase,
          chargeClaim === null ? undefined : (units) => chargeClaim(request, units),
          caller,
          extras,
        );
        const { viewsLeft, ...content } = opened;
        return { ...content, views_left: viewsLeft };
      }
      if (passphrase !== undefined) {
        throw new ApiError(
          'invalid_request',
          'passphrase goes with key; with token, derive it on the client.',
        );
      }
      const claimed = await service.secrets.claim(id, { token, linkToken: link_token }, caller, extras);
      const content = Buffer.from(claimed.content).toString('base64url');
      if (claimed.grant === null) return { content, views_left: claimed.viewsLeft, files: [] };
      return {
        content,
        views_left: claimed.viewsLeft,
        files: claimed.files.map((file) => ({
          id: file.id,
          size: file.size,
          url: `/api/v1/files/${file.id}`,
        })),
        grant: claimed.grant.token,
        grant_expires_at: toIso(claimed.grant.expiresAt),
      };
    },
  );

  app.post(
    '/api/v1/secrets/:id/verification',
    {
      schema: {
        tags: TAGS,
        summary: "Recipient verification: mail a 6-digit code to one of the secret's recipients",
        params: IdParams,
        body: VerificationBody,
        response: { 200: VerificationReply, ...errorResponses },
      },
      // Counted like claims: each request may send a mail, and it answers for unknown ids too.
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const caller = await optionalCaller(auth, request);
      const { recipient, token, link_token, key } = request.body;
      return service.secrets.sendVerificationCode(
        request.params.id,
        recipient,
        { token, linkToken: link_token, key: key === undefined ? undefined : Buffer.from(key, 'base64url') },
        { caller, locale: mailLocale(request.headers['accept-language']) },
      );
    },
  );
}
