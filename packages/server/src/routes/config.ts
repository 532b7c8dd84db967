import { DEFAULT_MAX_VIEWS, KDF_DEFAULT_ITERATIONS } from '@burnlink/core';
import type { ConfigReply } from '@burnlink/wire';
import type { App, AppContext } from '../app-context.js';
import { createSchemas } from './schemas.js';

/**
 * GET /api/v1/config: the limits and choices clients show and respect. Anonymous, it answers one body made at
 * start. With a session or an API key it adds `policy`, the caller's organisation's (null: none set), from the
 * accounts service's short-lived cache, so clients offer only what the policy allows.
 */
export function registerConfigRoute(app: App, ctx: AppContext): void {
  const { config, auth, accounts } = ctx;
  const schemas = createSchemas(config);
  // Typed with the contract: a field the contract names and the server forgets does not compile.
  const body: ConfigReply = {
    ttl: {
      min: config.ttl.minSeconds,
      max: config.ttl.maxSeconds,
      default: config.ttl.defaultSeconds,
      choices: config.ttl.choicesSeconds,
    },
    max_views: { max: config.maxViews, default: Math.min(DEFAULT_MAX_VIEWS, config.maxViews) },
    max_attempts: config.maxAttempts,
    max_content_bytes: config.maxContentBytes,
    kdf_iterations: KDF_DEFAULT_ITERATIONS,
    server_encryption: config.serverEncryption,
    key_claim: config.keyClaim,
    files: {
      max_files: config.files.maxFiles,
      max_file_bytes: config.files.maxFileBytes,
      max_secret_bytes: config.files.maxSecretBytes,
    },
    uploads: {
      stale_after_seconds: Math.round(config.files.uploadStaleAfterMs / 1000),
      budget: config.files.uploadBudget && {
        bytes: config.files.uploadBudget.bytes,
        window_seconds: Math.round(config.files.uploadBudget.windowMs / 1000),
      },
    },
    auth: {
      anonymous_create: config.accounts.anonymousCreate,
      oidc: config.accounts.oidc === null ? null : { name: config.accounts.oidc.name },
      passkeys: true,
    },
    // What restrictions this server can enforce (docs/policies.md): mail for codes, a GeoIP database.
    restrictions: {
      verification: config.mail !== null,
      countries: config.policies.geoipDb !== null,
    },
  };
  app.get(
    '/api/v1/config',
    {
      schema: {
        tags: ['config'],
        summary: 'Limits and choices for clients',
        response: { 200: schemas.ConfigReply },
      },
    },
    async (request) => {
      // No key and no cookie: nothing to resolve, the precomputed body as before.
      if (request.headers.authorization === undefined && request.headers.cookie === undefined) return body;
      const principal = await auth.principal(request);
      if (principal === null) return body;
      return { ...body, policy: await accounts.policyOf(principal.orgId) };
    },
  );
}
