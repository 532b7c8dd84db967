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
 * A crash anywhere leaves bytes without records for the next sweep. `secret.expired` for each expired secret,
 * `request.expired` for each request that expired waiting.
 */
export async function sweep(deps: ServiceDeps): Promise<ServiceSweepResult> {
  const at = deps.now();
  const result = await deps.store.sweep(at);
  await deleteBlobsAfterRecords(deps, result.blobIds);
  for (const secretId of result.expiredIds) deps.events.emit({ type: 'secret.expired', secretId, at });
  await expiredRequests(deps, result.expiredRequestIds, at);
  const orphans = await sweepOrphans(deps.store, deps.blobs);
  return {
    expiredSecrets: result.expiredIds.length,
    purgedReceipts: result.purgedReceipts,
    blobs: result.blobIds.length + orphans,
  };
}

/** `request.expired` for each request the store marked expired, with the organisation that asked. */
async function expiredRequests(deps: ServiceDeps, ids: string[], at: number): Promise<void> {
  // The records stay (expired) until their retention ends: their owner is read back, a few at a time.
  for (let i = 0; i < ids.length; i += 16) {
    const batch = ids.slice(i, i + 16);
    const records = await Promise.all(batch.map((id) => deps.store.request(id, at).catch(() => null)));
    batch.forEach((requestId, j) => {
      deps.events.emit({ type: 'request.expired', requestId, at, orgId: records[j]?.owner ?? null });
    });
  }
}
