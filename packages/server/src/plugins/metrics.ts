import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LifecycleEvents } from '../service/events.js';
import type { KdfPool } from '../service/kdf-pool.js';
import type { BurnlinkService } from '../service/service.js';

/** The counters the app moves, on a registry of its own (several apps in one test process never collide). */
export interface AppMetrics {
  registry: Registry;
  created: Counter;
  claimed: Counter;
  burned: Counter;
  expired: Counter;
  locked: Counter;
  fileBytes: Counter<'direction'>;
  downloads: Counter;
  blobsSwept: Counter;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'burnlink_' });
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  return {
    registry,
    created: counter('burnlink_secrets_created_total', 'Secrets created'),
    claimed: counter('burnlink_secrets_claimed_total', 'Successful claims (views)'),
    burned: counter('burnlink_secrets_burned_total', 'Pending secrets burned through their receipt'),
    expired: counter('burnlink_secrets_expired_total', 'Secrets removed by the sweeper after expiry'),
    locked: counter('burnlink_secrets_locked_total', 'Secrets destroyed after too many wrong passphrases'),
    fileBytes: new Counter({
      name: 'burnlink_file_bytes_total',
      help: 'File ciphertext bytes received (upload) and sent (download)',
      labelNames: ['direction'] as const,
      registers: [registry],
    }),
    downloads: counter('burnlink_file_downloads_total', 'Completed file downloads (grants used)'),
    blobsSwept: counter(
      'burnlink_blobs_swept_total',
      'File blobs deleted by the sweeper (expiry, unused grants)',
    ),
    requestDuration: new Histogram({
      name: 'burnlink_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

/** Observes every response's duration, labelled with the route pattern (never the URL, which holds ids). */
export function registerRequestMetrics(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.requestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/** The lifecycle counters follow the service's events (emitted after each commit), never the routes. */
export function subscribeLifecycleMetrics(events: LifecycleEvents, metrics: AppMetrics): void {
  events.on('secret.created', () => metrics.created.inc());
  events.on('secret.viewed', () => metrics.claimed.inc());
  events.on('secret.burned', () => metrics.burned.inc());
  events.on('secret.expired', () => metrics.expired.inc());
  events.on('secret.locked', () => metrics.locked.inc());
  events.on('file.downloaded', () => metrics.downloads.inc());
  events.on('file.bytes', (event) => metrics.fileBytes.inc({ direction: event.direction }, event.bytes));
}

/** The KDF pool's figures, read when /metrics is scraped. */
export function registerKdfMetrics(metrics: AppMetrics, pool: KdfPool): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read());
      },
    });
  gauge('burnlink_kdf_active', 'Server-side key derivations running', () => pool.stats.active);
  gauge('burnlink_kdf_queued', 'Server-side key derivations waiting for a slot', () => pool.stats.queued);
  // A counter read from the pool: prom-client's Counter cannot be set, and the pool owns the count.
  gauge(
    'burnlink_kdf_refused_total',
    'Server-side key derivations refused with 503 server_busy since start',
    () => pool.stats.refused,
  );
}

/**
 * The blob volume's free bytes and watermark, measured when /metrics is scraped (through the service's cached
 * `statfs`). Registered only for an `fs:` blob store (`memory:` and PostgreSQL have no volume of their own).
 */
export function registerStorageMetrics(
  metrics: AppMetrics,
  service: Pick<BurnlinkService, 'diskSpace'>,
): void {
  const gauge = (
    name: string,
    help: string,
    read: (space: { freeBytes: number; watermarkBytes: number }) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      async collect() {
        // A volume that cannot be measured keeps the last figure (/readyz answers 503 and says why).
        const space = await service.diskSpace().catch(() => null);
        if (space !== null) this.set(read(space));
      },
    });
  gauge(
    'burnlink_blob_free_bytes',
    'Free bytes of the fs: blob store volume (for this process)',
    (s) => s.freeBytes,
  );
  gauge(
    'burnlink_blob_min_free_bytes',
    'The free-space watermark (BURNLINK_MIN_FREE_SPACE) in bytes: below it uploads answer 507',
    (s) => s.watermarkBytes,
  );
}
