import { type DiskSpace, watermarkBytes } from './disk-space.js';
import { DownloadService } from './download-service.js';
import type { KdfPool } from './kdf-pool.js';
import { DEFAULT_LEASE_MS, type LeaseTiming } from './lease.js';
import { RequestService } from './request-service.js';
import { SecretService, type ServiceDeps } from './secret-service.js';
import { type ServiceSweepResult, sweep } from './sweep.js';
import { UploadService } from './upload-service.js';

/**
 * The one place the secret lifecycle lives (DESIGN §9): routes translate HTTP to these calls and back, and
 * never touch a store. Every state change is one atomic SecretStore step; bytes go to the BlobStore before
 * the record that refers to them and are deleted after it; events go out after each commit.
 *
 * @example
 * const kdfPool = new KdfPool({ concurrency: 2, queue: 4 });
 * const service = createService({ config, store, blobs, now: Date.now, events, warn, kdfPool, derivations });
 * const created = await service.secrets.create(sealed, { ttlSeconds: 3600 });
 */
export interface BurnlinkService {
  secrets: SecretService;
  /** Requests for a secret; their responses are secrets of `secrets`. */
  requests: RequestService;
  uploads: UploadService;
  downloads: DownloadService;
  /** The bound on server-side key derivations; its `stats` are for /metrics. */
  kdfPool: KdfPool;
  sweep(): Promise<ServiceSweepResult>;
  /** Resolves when both stores answer; throws `StoreUnavailableError` otherwise (for `/readyz`). */
  ping(): Promise<void>;
  /** The blob volume's space and its watermark in bytes, or null without a volume (`memory:`, PostgreSQL). */
  diskSpace(): Promise<VolumeSpace | null>;
}

export interface VolumeSpace extends DiskSpace {
  /** Below this many free bytes new file bytes are refused (`BURNLINK_MIN_FREE_SPACE`). */
  watermarkBytes: number;
}

export function createService(deps: ServiceDeps, timing: Partial<LeaseTiming> = {}): BurnlinkService {
  const leases: LeaseTiming = { leaseMs: timing.leaseMs ?? DEFAULT_LEASE_MS };
  const secrets = new SecretService(deps);
  return {
    secrets,
    requests: new RequestService(deps, secrets),
    uploads: new UploadService(deps, leases),
    downloads: new DownloadService(deps, leases),
    kdfPool: deps.kdfPool,
    sweep: () => sweep(deps),
    ping: async () => {
      await Promise.all([deps.store.ping(), deps.blobs.ping()]);
    },
    diskSpace: async () => {
      if (deps.diskSpace === null) return null;
      const space = await deps.diskSpace();
      return { ...space, watermarkBytes: watermarkBytes(space.totalBytes, deps.config.files.minFreeSpace) };
    },
  };
}
