import type { Query } from './postgres-query.js';
import type { SweepResult } from './secret-store.js';

/** Rows per sweep statement, and statements per kind of row per sweep: a sweep stays short however far behind. */
const SWEEP_BATCH = 500;
const SWEEP_MAX_BATCHES = 20;

/**
 * The sweep of `PostgresStore`, in batches, each its own statement (and transaction), each taking its rows
 * `FOR UPDATE SKIP LOCKED` so that nodes sweeping at once split the work instead of waiting for each other,
 * and each row is reported by the node whose statement deleted it:
 * 1. expired secrets, staged or live, with their files that no grant can deliver (`burnlink_sweep_secrets`);
 * 2. files whose secret is gone and that no grant can deliver any more (`SWEEP_FILES`);
 * 3. receipts past retention, with their download logs;
 * 4. ended rate-limit windows.
 * Each kind stops at a short batch or after SWEEP_MAX_BATCHES; what is left waits for the next sweep.
 */
export async function sweep(
  query: Query,
  now: number,
): Promise<Omit<SweepResult, 'expiredRequestIds' | 'purgedRequests'>> {
  const expiredIds: string[] = [];
  const blobIds: string[] = [];
  for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
    const { rows } = await query('SELECT * FROM burnlink_sweep_secrets($1, $2)', [now, SWEEP_BATCH]);
    expiredIds.push(...rows[0]!.o_expired_ids);
    blobIds.push(...rows[0]!.o_blob_ids);
    if (rows[0]!.o_expired_ids.length < SWEEP_BATCH) break;
  }
  for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
    const { rows } = await query(SWEEP_FILES, [now, SWEEP_BATCH]);
    blobIds.push(...rows.map((row) => row.blob_id as string));
    if (rows.length < SWEEP_BATCH) break;
  }
  let purgedReceipts = 0;
  for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
    const { rowCount } = await query(PURGE_RECEIPTS, [now, SWEEP_BATCH]);
    purgedReceipts += rowCount ?? 0;
    if ((rowCount ?? 0) < SWEEP_BATCH) break;
  }
  await query('DELETE FROM burnlink_rate_limits WHERE reset_at <= $1', [now]);
  return { expiredIds, purgedReceipts, blobIds };
}

/**
 * Files whose secret row is gone and that no grant can deliver any more. `keep_until` (exact once the secret is
 * gone, see `postgres-schema-files.ts`) finds them by its index; the grant test re-checks the rule itself. A
 * file whose secret row still exists waits for step 1, which settles it under the secret's lock.
 */
const SWEEP_FILES = `WITH doomed AS (
    SELECT f.blob_id FROM burnlink_files f
    WHERE f.keep_until <= $1
      AND NOT EXISTS (SELECT 1 FROM burnlink_secrets s WHERE s.id = f.secret_id)
      AND NOT EXISTS (SELECT 1 FROM burnlink_grants g
        WHERE g.blob_id = f.blob_id AND g.delivered_at IS NULL AND g.expires_at > $1)
    ORDER BY f.keep_until LIMIT $2 FOR UPDATE OF f SKIP LOCKED)
  DELETE FROM burnlink_files f USING doomed WHERE f.blob_id = doomed.blob_id RETURNING f.blob_id`;

const PURGE_RECEIPTS = `DELETE FROM burnlink_receipts r USING (
    SELECT receipt_hash FROM burnlink_receipts WHERE forget_at <= $1
    LIMIT $2 FOR UPDATE SKIP LOCKED) doomed
  WHERE r.receipt_hash = doomed.receipt_hash`;
