import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { BRANDING_RULES, type BrandingService, type BrandingView } from '../domains/branding-service.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { BrandingBody, BrandingReply, LOGO_MAX_BYTES, LogoBody } from '../wire.js';
import { LOGO_HEADERS } from './branding-public.js';
import { errorResponses } from './schemas.js';

const TAGS = ['branding'];
/**
 * A logo body: `data` is at most 2 × LOGO_MAX_BYTES characters (an upload may shrink under the limit once
 * sanitised), plus the JSON around it. Set per route so a small BURNLINK_MAX_CONTENT_BYTES still admits one.
 */
export const LOGO_BODY_LIMIT = 2 * LOGO_MAX_BYTES + 1024;

const LOGO_RULES: Record<string, string> = {
  type: 'type must be image/svg+xml or image/png.',
  data: `data must be the image in base64, at most ${2 * LOGO_MAX_BYTES} characters.`,
};

type ValidationError = Error & { validation?: { instancePath?: string; keyword?: string }[] };

/**
 * A body that fails its schema in a field with a rule of its own answers that rule (the generic message of a
 * nullable field would say "must be null"); a missing or unknown field, or a body that is no object, answers
 * as everywhere else.
 */
function fieldError(error: ValidationError, rules: Record<string, string>, code: ErrorCode): Error {
  const first = error.validation?.[0];
  const field = (first?.instancePath ?? '').split('/')[1];
  const rule = field === undefined ? undefined : rules[field];
  return rule === undefined || first?.keyword === 'additionalProperties' ? error : new ApiError(code, rule);
}

const reply = (view: BrandingView) => ({
  branding: view.branding,
  logo: view.logo,
  updated_at: view.updatedAt === null ? null : toIso(view.updatedAt),
});

/**
 * The caller's organisation's branding, shown on its custom domains (docs/api.md, "Branding"; domains:manage).
 * What a visitor of a domain sees is `routes/branding-public.ts`.
 */
export function registerBrandingRoutes(app: App, ctx: AppContext, branding: BrandingService): void {
  const { auth } = ctx;

  app.get(
    '/api/v1/org/branding',
    {
      schema: {
        tags: TAGS,
        summary: "Your organisation's branding and whether it has a logo (domains:manage)",
        response: { 200: BrandingReply, ...errorResponses },
      },
    },
    async (request) => reply(await branding.get(await auth.require(request))),
  );

  app.put(
    '/api/v1/org/branding',
    {
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary:
          'Replace the name, accent colour, support contact and default language of branded pages (domains:manage)',
        body: BrandingBody,
        response: { 200: BrandingReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'domains:manage');
      if (request.validationError)
        throw fieldError(request.validationError, BRANDING_RULES, 'invalid_request');
      return reply(await branding.set(principal, request.body));
    },
  );

  app.put(
    '/api/v1/org/branding/logo',
    {
      bodyLimit: LOGO_BODY_LIMIT,
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary:
          'Set the logo: an SVG or PNG in base64, sanitised, at most 64 KiB as stored (domains:manage)',
        body: LogoBody,
        response: { 200: BrandingReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'domains:manage');
      if (request.validationError) throw fieldError(request.validationError, LOGO_RULES, 'invalid_logo');
      return reply(await branding.setLogo(principal, request.body));
    },
  );

  app.get(
    '/api/v1/org/branding/logo',
    {
      schema: {
        tags: TAGS,
        summary: 'The stored logo, as sanitised (domains:manage): for previews before a domain is verified',
        description:
          "200 with the image's exact type and the same sandboxing headers as GET /api/v1/branding/logo, never cached; 404 domain_not_found without a logo.",
      },
    },
    async (request, response) => {
      const logo = await branding.logo(await auth.require(request, 'domains:manage'));
      if (logo === null) throw new ApiError('domain_not_found', 'Your organisation has no logo.');
      return response
        .headers({ ...LOGO_HEADERS, 'cache-control': 'private, no-store' })
        .header('content-type', logo.type)
        .send(Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength));
    },
  );

  app.delete(
    '/api/v1/org/branding/logo',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove the logo (domains:manage)',
        response: { 200: BrandingReply, ...errorResponses },
      },
    },
    async (request) => reply(await branding.removeLogo(await auth.require(request, 'domains:manage'))),
  );
}
