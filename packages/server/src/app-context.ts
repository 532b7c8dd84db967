import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { AccountsService } from './accounts/accounts-service.js';
import type { AuditService } from './audit/audit-service.js';
import type { OidcService } from './auth/oidc-service.js';
import type { PasskeyService } from './auth/passkey-service.js';
import type { Authenticator } from './auth/principal.js';
import type { ServerConfig } from './config.js';
import type { DomainService } from './domains/domain-service.js';
import type { AppMetrics } from './plugins/metrics.js';
import type { RateLimitHooks } from './plugins/rate-limit.js';
import type { UploadBudgetGuard } from './plugins/upload-budget.js';
import type { BurnlinkService } from './service/service.js';
import type { WebhookService } from './webhooks/webhook-service.js';

/** What every route module receives: explicit dependencies, no globals, no environment. */
export interface AppContext {
  config: ServerConfig;
  /** The secret lifecycle: the only way routes reach the stores. */
  service: BurnlinkService;
  /** The clock (ms since the epoch); tests inject their own to test expiry. */
  now: () => number;
  metrics: AppMetrics;
  rateLimits: RateLimitHooks;
  /** The per-address byte budget of tus PATCH bodies (`BURNLINK_UPLOAD_BUDGET`). */
  uploadBudget: UploadBudgetGuard;
  /** Who is calling: API key, session cookie (with its CSRF check) or nobody. */
  auth: Authenticator;
  /** Organisations, members, teams, keys, invites and owned secrets: the only way routes reach accounts. */
  accounts: AccountsService;
  /** Passkey registration and sign-in, and my passkeys. */
  passkeys: PasskeyService;
  /** Sign-in with the OpenID Connect provider, or null when none is configured. */
  oidc: OidcService | null;
  /** The organisation's webhook endpoints and their delivery logs (docs/webhooks.md). */
  webhooks: WebhookService;
  /** The audit trail: reading it, and (for followers) hearing of new records at once. */
  audit: AuditService;
  /** Custom domains of organisations, their DNS verification and Caddy's `ask` (docs/domains.md). */
  domains: DomainService;
}

/** The Fastify instance with the TypeBox type provider, as route modules see it. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const toIso = (ms: number): string => new Date(ms).toISOString();
