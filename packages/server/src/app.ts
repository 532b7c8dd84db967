import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { AccountsService } from './accounts/accounts-service.js';
import type { AccountsStore } from './accounts/accounts-store.js';
import { MemoryAccountsStore } from './accounts/memory-accounts-store.js';
import { AlertMonitor } from './alerts/alert-monitor.js';
import type { App, AppContext } from './app-context.js';
import { type AuditService, createAuditService } from './audit/audit-service.js';
import { syslogShipperFor } from './audit/syslog/shipper.js';
import { Ceremonies } from './auth/ceremonies.js';
import { OidcService } from './auth/oidc-service.js';
import { PasskeyService } from './auth/passkey-service.js';
import { Authenticator } from './auth/principal.js';
import { Sessions } from './auth/sessions.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import type { BlobStore } from './blobs/blob-store.js';
import { FsBlobStore } from './blobs/fs-blob-store.js';
import { MemoryBlobStore } from './blobs/memory-blob-store.js';
import type { ServerConfig } from './config.js';
import { dnsChecker } from './domains/dns-check.js';
import { DomainService } from './domains/domain-service.js';
import { lazyMailer } from './mail/mailer.js';
import type { NotifierOptions } from './mail/notifier.js';
import { startNotifier } from './mail/start-notifier.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './plugins/error-handler.js';
import {
  type AppMetrics,
  createMetrics,
  registerKdfMetrics,
  registerRequestMetrics,
  registerStorageMetrics,
  subscribeLifecycleMetrics,
} from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { type RateLimitOptions, registerRateLimits } from './plugins/rate-limit.js';
import { registerRequestLog } from './plugins/request-log.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerShutdownHandling } from './plugins/shutdown.js';
import { nodeServerOptions, registerBodyTimeout } from './plugins/timeouts.js';
import { memoryCounter, uploadBudgetGuard } from './plugins/upload-budget.js';
import { registerWebApp } from './plugins/web-app.js';
import { openGeoIp } from './policies/index.js';
import { registerAccountRoutes } from './routes/accounts.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerOidcRoutes } from './routes/auth-oidc.js';
import { registerPasskeyRoutes } from './routes/auth-passkeys.js';
import { registerChatRoutes } from './routes/chat/index.js';
import { registerConfigRoute } from './routes/config.js';
import { registerDomainRoutes } from './routes/domains.js';
import { registerFileRoutes } from './routes/files.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMemberRoutes } from './routes/members.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { registerOtsRoutes } from './routes/ots/index.js';
import { registerOwnedSecretRoutes } from './routes/owned-secrets.js';
import { registerPolicyRoutes } from './routes/policies.js';
import { registerReceiptRoutes } from './routes/receipts.js';
import { registerRequestRoutes } from './routes/requests.js';
import { registerSecretRoutes } from './routes/secrets.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerUploadRoutes } from './routes/uploads.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { SERVER_DERIVATIONS, type ServerDerivations } from './server-envelope.js';
import { type DiskSpaceProbe, statfsProbe } from './service/disk-space.js';
import { LifecycleEvents } from './service/events.js';
import { KdfPool } from './service/kdf-pool.js';
import { type BurnlinkService, createService } from './service/service.js';
import type { SecretAndRequestStore } from './stores/request-store.js';
import { startWebhooks, type WebhookOptions, type Webhooks } from './webhooks/start-webhooks.js';

export interface AppOptions {
  config: ServerConfig;
  store: SecretAndRequestStore;
  /** Organisations, members, sessions and keys; defaults to a fresh `MemoryAccountsStore`. Not closed here. */
  accounts?: AccountsStore;
  /** Where file ciphertext goes; defaults to a fresh `MemoryBlobStore` (tests of text secrets need none). */
  blobs?: BlobStore;
  /** Clock in ms since the epoch; defaults to `Date.now`. Tests inject one to move time. */
  now?: () => number;
  /** Fastify logger options (e.g. `{ level, stream }` to capture lines); defaults to `{ level: config.logLevel }`. */
  logger?: FastifyServerOptions['logger'];
  /** Shared counters for rate limits (an ioredis client) when several nodes serve one address space. */
  rateLimit?: RateLimitOptions;
  /** Also export Node process metrics (heap, event loop) on /metrics; off in tests. */
  processMetrics?: boolean;
  /** Lifecycle events to emit into (tests and later subscribers listen here); a fresh bus by default. */
  events?: LifecycleEvents;
  /** Upload and download leases: a holder that died frees its transfer after this long. Default 15 s. */
  leaseMs?: number;
  /** The server-side key derivations (PBKDF2); tests hand in deliberately slow ones. Default: core's. */
  derivations?: ServerDerivations;
  /**
   * The blob volume's free space, for the watermark, `/readyz` and `/metrics`. Default: `statfs` on an
   * `FsBlobStore`'s directory (cached 1 s), none for other blob stores. Tests hand in a nearly full disk.
   */
  diskSpace?: DiskSpaceProbe | null;
  /** Webhook delivery knobs for tests (timeout, poll interval, name resolution). */
  webhooks?: WebhookOptions;
  /** Notification mail knobs for tests (poll interval, backoff); mail runs only with `config.mail`. */
  notify?: NotifierOptions;
  /** How long a node keeps an organisation's policy (default 5 s); tests of several nodes set 0. */
  policyCacheMs?: number;
  /** DNS resolver knobs for domain verification (tests shorten the timeout). */
  dns?: { timeoutMs?: number; tries?: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics, for the sweeper in run-server to report expiries. */
    burnlinkMetrics: AppMetrics;
    /** The secret service the routes call, for the sweeper in run-server. */
    burnlinkService: BurnlinkService;
    /** The lifecycle events the service emits after each commit; subscribe here (metrics do). */
    burnlinkEvents: LifecycleEvents;
    /** The accounts service, for the sweeper in run-server and for tests that set up organisations. */
    burnlinkAccounts: AccountsService;
    /** The webhook service and dispatcher (tests step the dispatcher). */
    burnlinkWebhooks: Webhooks;
    /** The audit trail (its recorder flushes on close), for the sweeper's retention and for tests. */
    burnlinkAudit: AuditService;
    /** Custom domains: tests run `recheckDue()` with their clock; the host resolver hears of changes. */
    burnlinkDomains: DomainService;
  }
}

/**
 * Fastify 5 treats a bare number as "trust nothing"; a hop count here means the classic proxy-addr rule:
 * trust the `n` nearest hops (safe only when clients cannot reach the server except through the proxies).
 */
function trustProxyOption(value: ServerConfig['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof value !== 'number') return value;
  return (_address: string, hop: number) => hop < value;
}

/**
 * Builds the burnlink HTTP app from explicit dependencies; does not listen. Tests use `app.inject`.
 *
 * @example
 * const app = await buildApp({ config: loadConfig({ BURNLINK_STORE: 'memory:' }), store: new MemoryStore() });
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  const fastify = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // One line per request is written by plugins/request-log.ts, never Fastify's (which carries the URL).
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify's default factory passes an empty options object, which sends pino down its slow child path
    // (formatters rebuilt for every request); without options pino takes its fast one. Same bindings.
    // Ephemeral mode keeps no trace of requests: a line written during one (an error) does not carry its counter.
    childLoggerFactory:
      config.mode === 'ephemeral'
        ? (logger) => logger
        : (logger, bindings, options) =>
            logger.child(bindings, Object.keys(options).length > 0 ? options : undefined),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    // Requests during shutdown answer 503 in our error format instead (plugins/shutdown.ts).
    return503OnClosing: false,
    // Headers and keep-alive by Node (plugins/timeouts.ts); bodies per route, below.
    http: nodeServerOptions(config.timeouts),
    keepAliveTimeout: config.timeouts.keepAliveMs,
    // Router and HTTP parser failures in the one error shape (plugins/error-handler.ts).
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const app = fastify as unknown as FastifyInstance;
  // JSON only: a text/plain body answers 415 instead of failing validation as a string.
  app.removeContentTypeParser('text/plain');

  const metrics = createMetrics({ processMetrics: options.processMetrics ?? false });
  app.decorate('burnlinkMetrics', metrics);
  registerErrorHandling(app, config);
  registerBodyTimeout(app, config.timeouts);
  registerShutdownHandling(app);
  await registerSecurityHeaders(app);
  registerRequestLog(app, config.mode);
  registerRequestMetrics(app, metrics);
  const now = options.now ?? Date.now;
  const events =
    options.events ??
    new LifecycleEvents((error, type) =>
      app.log.warn({ event: type, err: { type: (error as Error)?.name } }, 'an event subscriber failed'),
    );
  const rateLimits = await registerRateLimits(app, config.rateLimits, options.rateLimit, { events, now });
  await registerOpenApi(app);

  subscribeLifecycleMetrics(events, metrics);
  const warn = (what: string, error: unknown) =>
    app.log.warn({ err: { type: (error as Error)?.name } }, what);
  const blobs = options.blobs ?? new MemoryBlobStore();
  // The watermark applies to an fs: blob store's volume only (memory:, postgres: have none of their own).
  const diskSpace =
    options.diskSpace !== undefined
      ? options.diskSpace
      : blobs instanceof FsBlobStore
        ? statfsProbe(blobs.directory)
        : null;
  // Country rules need the operator's database, read once at start (a bad path fails the start).
  const geoip = config.policies.geoipDb === null ? null : await openGeoIp(config.policies.geoipDb);
  // One SMTP transport for the server, opened at the first mail (codes, notices); closed last, below.
  const mailer = config.mail === null ? null : lazyMailer(config.mail);
  const service = createService(
    {
      config,
      store,
      blobs,
      now,
      events,
      warn,
      kdfPool: new KdfPool({ concurrency: config.kdf.concurrency, queue: 2 * config.kdf.concurrency }),
      derivations: options.derivations ?? SERVER_DERIVATIONS,
      diskSpace,
      geoip,
      mailer,
    },
    options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs },
  );
  registerKdfMetrics(metrics, service.kdfPool);
  if (diskSpace !== null) registerStorageMetrics(metrics, service);
  app.decorate('burnlinkService', service);
  app.decorate('burnlinkEvents', events);
  const uploadBudget = uploadBudgetGuard(
    config.files.uploadBudget,
    options.rateLimit?.counter ?? memoryCounter(now),
    warn,
    {
      events,
      now,
      secretOf: (uploadId) => service.uploads.state(uploadId).then((upload) => upload.secretId),
    },
  );
  const accountsStore = options.accounts ?? new MemoryAccountsStore();
  // Ships the trail to a SIEM from the durable cursor (docs/siem.md); stopped before the stores close.
  const syslog =
    config.audit.enabled && config.audit.syslog !== null
      ? syslogShipperFor(config.audit.syslog, accountsStore.audit, app.log)
      : null;
  if (syslog !== null) app.addHook('onClose', async () => await syslog.stop());
  if (config.audit.alerts !== null) {
    // Counts suspicious events and raises alert.* into the same bus (docs/alerts.md).
    const ownerOf = (id: string) => accountsStore.getOwnedSecret(id).then((owned) => owned?.orgId ?? null);
    const alerts = new AlertMonitor({ events, thresholds: config.audit.alerts, now, ownerOf }).start();
    app.addHook('onClose', async () => alerts.stop());
  }
  const sessions = new Sessions({
    accounts: accountsStore,
    config: config.accounts,
    publicUrl: config.publicUrl,
    now,
  });
  const auth = new Authenticator({ accounts: accountsStore, sessions, now });
  const accounts = new AccountsService({
    store: accountsStore,
    secrets: service.secrets,
    config,
    now,
    events,
    ...(options.policyCacheMs === undefined ? {} : { policyCacheMs: options.policyCacheMs }),
  });
  app.decorate('burnlinkAccounts', accounts);
  const ceremonies = new Ceremonies({ store: accountsStore, sessions, now });
  const throttle = new SignInThrottle(now);
  const signIn = { accounts, auth, ceremonies, throttle, events, now };
  const passkeys = new PasskeyService(signIn);
  const oidc =
    config.accounts.oidc === null ? null : new OidcService({ ...signIn, provider: config.accounts.oidc });
  const audit = createAuditService({
    config,
    events,
    accounts: accountsStore,
    now,
    warn: (what, types) => app.log.warn({ events: types }, what),
  });
  app.decorate('burnlinkAudit', audit);
  app.addHook('onClose', () => audit.close());
  const webhooks = startWebhooks({ config, store: accountsStore, events, now, warn, ...options.webhooks });
  app.decorate('burnlinkWebhooks', webhooks);
  app.addHook('onClose', () => webhooks.close());
  // Followers poll the trail (other nodes' records); this node's own appends wake them at once.
  const stopNudging = audit.onAppended(() => {
    webhooks.dispatcher.nudge();
    syslog?.nudge();
  });
  app.addHook('onClose', () => stopNudging());
  const notifier =
    mailer === null
      ? null
      : await startNotifier({ config, accounts: accountsStore, now, log: app.log, mailer }, options.notify);
  const unsubscribe = notifier === null ? null : audit.onAppended(() => notifier.wake());
  app.addHook('onClose', async () => {
    unsubscribe?.();
    // The mail under way goes out before the shared transport closes.
    await notifier?.stop();
    mailer?.close();
  });
  const domains = new DomainService({
    store: accountsStore.domains,
    events,
    now,
    config,
    dns: dnsChecker({ servers: config.domains.dnsServers, ...options.dns }),
    warn,
  });
  app.decorate('burnlinkDomains', domains);
  const stopRechecks = domains.startRechecks();
  app.addHook('onClose', async () => stopRechecks());
  const ctx: AppContext = {
    config,
    service,
    now,
    metrics,
    rateLimits,
    uploadBudget,
    auth,
    accounts,
    passkeys,
    oidc,
    webhooks: webhooks.service,
    audit,
    domains,
  };
  const routes = fastify as unknown as App;
  registerSecretRoutes(routes, ctx);
  registerUploadRoutes(routes, ctx);
  registerFileRoutes(routes, ctx);
  registerReceiptRoutes(routes, ctx);
  registerRequestRoutes(routes, ctx);
  registerOwnedSecretRoutes(routes, ctx);
  registerAccountRoutes(routes, ctx);
  registerMemberRoutes(routes, ctx);
  registerWebhookRoutes(routes, ctx);
  registerPolicyRoutes(routes, ctx);
  registerDomainRoutes(routes, ctx);
  registerAuditRoutes(routes, ctx);
  registerSessionRoutes(routes, ctx);
  registerConfigRoute(routes, ctx);
  registerPasskeyRoutes(routes, ctx);
  registerOidcRoutes(routes, ctx);
  registerHealthRoutes(routes, ctx);
  registerMetricsRoute(routes, ctx);
  await registerOtsRoutes(app, ctx);
  await registerChatRoutes(app, ctx);
  await registerWebApp(app, config.webDir);
  await app.ready();
  syslog?.start();
  return app;
}
