import type { BlobStore } from '../blobs/blob-store.js';
import type { SecretStore } from '../stores/secret-store.js';

/**
 * Deletes the bytes of blobs whose records the SecretStore has just deleted (records first, bytes after).
 * Never fails the caller: the step it follows has committed and must be answered as such; bytes that cannot
 * be deleted now have no record any more, so the sweeper's orphan scan deletes them later.
 */
export async function deleteBlobsAfterRecords(
  deps: { blobs: BlobStore; warn: (what: string, error: unknown) => void },
  blobIds: string[],
): Promise<void> {
  if (blobIds.length === 0) return;
  try {
    await deps.blobs.delete(blobIds);
  } catch (error) {
    deps.warn('could not delete file bytes now; the sweeper will', error);
  }
}

/**
 * The orphan scan: deletes bytes that no record refers to any more (a crash between a record's deletion and
 * its bytes' deletion, or bytes a cancelled upload wrote after its record went). Safe at any moment, because
 * a record always exists before its first byte is written and blob ids are never reused.
 */
export async function sweepOrphans(store: SecretStore, blobs: BlobStore): Promise<number> {
  const stored = await blobs.list();
  if (stored.length === 0) return 0;
  let deleted = 0;
  for (let i = 0; i < stored.length; i += 500) {
    const batch = stored.slice(i, i + 500);
    const known = await store.knownBlobs(batch);
    const orphans = batch.filter((id) => !known.has(id));
    if (orphans.length > 0) await blobs.delete(orphans);
    deleted += orphans.length;
  }
  return deleted;
}
