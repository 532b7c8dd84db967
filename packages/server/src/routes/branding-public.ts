import type { HostBrandingReply as HostBranding } from '@burnlink/wire';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { App, AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { HostBrandingReply } from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['branding'];

/**
 * A logo is an organisation's own upload (sanitised on the way in, domains/logo-sanitise.ts): served as an
 * image that can run nothing and load nothing even when opened on its own.
 */
export const LOGO_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'cache-control': 'public, max-age=300',
} as const;

/**
 * GET /api/v1/branding and GET /api/v1/branding/logo: what the page being served looks like. On a verified
 * custom domain, its organisation's branding and logo; on the main host, none. The organisation is the
 * one of the request's `Host` only, never one named by the request, so no page shows another's.
 */
export function registerPublicBrandingRoutes(
  app: App,
  ctx: AppContext,
  store: Pick<AccountsStore, 'getOrg' | 'domains'>,
): void {
  const { hosts } = ctx;

  app.get(
    '/api/v1/branding',
    {
      schema: {
        tags: TAGS,
        summary:
          "The branding of the request's host: its organisation's on a custom domain, null on the main host",
        response: { 200: HostBrandingReply, ...errorResponses },
      },
    },
    async (request): Promise<HostBranding> => {
      const domain = hosts.domainOf(request);
      if (domain === null) return { branding: null };
      const [stored, logo, org] = await Promise.all([
        store.domains.getBranding(domain.orgId),
        store.domains.getLogo(domain.orgId),
        store.getOrg(domain.orgId),
      ]);
      const branding = stored?.branding ?? null;
      return {
        branding: {
          domain: domain.name,
          name: branding?.name ?? org?.name ?? domain.name,
          accent: branding?.accent ?? null,
          support: branding?.support ?? null,
          language: branding?.language ?? null,
          logo_url: logo === null ? null : `/api/v1/branding/logo?v=${logo.updatedAt}`,
        },
      };
    },
  );

  app.get(
    '/api/v1/branding/logo',
    {
      schema: {
        tags: TAGS,
        summary: "The logo of the request's custom domain's organisation (image/svg+xml or image/png)",
        description:
          "200 with the image's exact type, `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy; 404 on the main host or without a logo. `?v=` (from `logo_url`) only busts caches.",
      },
    },
    async (request, reply) => {
      const domain = hosts.domainOf(request);
      const logo = domain === null ? null : await store.domains.getLogo(domain.orgId);
      if (logo === null) {
        throw new ApiError(
          'domain_not_found',
          'No logo here: this host is not a verified custom domain, or its organisation has none.',
        );
      }
      return reply
        .headers(LOGO_HEADERS)
        .header('content-type', logo.type)
        .header('content-length', String(logo.bytes.byteLength))
        .send(Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength));
    },
  );
}
