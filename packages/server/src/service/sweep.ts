import { deleteBlobsAfterRecords, sweepOrphans } from './blob-cleanup.js';
import type { ServiceDeps } from './secret-service.js';

export interface ServiceSweepResult {
  expiredSecrets: number;
  purgedReceipts: number;
  /** Blobs whose bytes were deleted: past their time, plus orphans. */
  blobs: number;
}

/**
 * One sweep: the SecretStore deletes what is past its time (one bounded step; each removal reported to one
 * node), then the bytes of the file records it deleted go, then bytes no record refers to (the orphan scan).
 * A crash anywhere leaves bytes without records for the next sweep. `secret.expired` for each expired secret.
 */
export async function sweep(deps: ServiceDeps): Promise<ServiceSweepResult> {
  const at = deps.now();
  const result = await deps.store.sweep(at);
  await deleteBlobsAfterRecords(deps, result.blobIds);
  for (const secretId of result.expiredIds) deps.events.emit({ type: 'secret.expired', secretId, at });
  const orphans = await sweepOrphans(deps.store, deps.blobs);
  return {
    expiredSecrets: result.expiredIds.length,
    purgedReceipts: result.purgedReceipts,
    blobs: result.blobIds.length + orphans,
  };
}
