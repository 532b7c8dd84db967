import type pg from 'pg';
import { inTransaction } from './postgres-driver.js';
import { insertSecret } from './postgres-insert.js';
import { bounded, type Query } from './postgres-query.js';
import { REQUEST_COLUMNS, type RequestRow, requestFromRow } from './request-rows.js';
import { presentRequest, requestPurgeAt, respondCheck } from './request-rules.js';
import type { BurnRequestOutcome, NewRequest, RequestRecord, RespondOutcome } from './request-store.js';
import type { NewSecret } from './secret-store.js';

// The `RequestStore` methods of `PostgresStore` (schema: `postgres-schema-requests.ts`).

/** Rows per sweep statement: each sweep marks and purges at most one batch of requests (bounded work). */
const SWEEP_BATCH = 500;

export async function createRequest(query: Query, request: NewRequest): Promise<void> {
  await query(
    `INSERT INTO burnlink_requests (${REQUEST_COLUMNS}, purge_at)
     VALUES ($1, $2, 'waiting', $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, NULL, $12)`,
    [
      request.id,
      request.receiptHash,
      Buffer.from(request.publicKey),
      Buffer.from(request.description),
      Buffer.from(request.respondVerifier),
      Buffer.from(request.inboxVerifier),
      request.createdAt,
      request.expiresAt,
      request.responseTtlMs,
      request.receiptRetentionMs,
      request.owner,
      requestPurgeAt({ ...request, endedAt: null, answeredAt: null }),
    ],
  );
}

export async function request(
  query: Query,
  column: 'id' | 'receipt_hash',
  key: string,
  now: number,
): Promise<RequestRecord | null> {
  const { rows } = await query(`SELECT ${REQUEST_COLUMNS} FROM burnlink_requests WHERE ${column} = $1`, [
    key,
  ]);
  return rows[0] ? presentRequest(requestFromRow(rows[0] as RequestRow), now) : null;
}

/**
 * One transaction: the request row `FOR UPDATE` (concurrent responds, on any node, wait here and then see
 * `answered`), the rule (`respondCheck`), the response secret by the statement `create` runs, the answer.
 * A response that cannot be stored (a taken receipt or blob id) rolls back the whole.
 */
export async function respond(
  pool: pg.Pool,
  timeoutMs: number,
  id: string,
  respondVerifier: Uint8Array,
  sealedKey: Uint8Array,
  secret: NewSecret,
  now: number,
): Promise<RespondOutcome> {
  if (secret.id !== id) throw new RangeError('the response secret must have the request id');
  return inTransaction<RequestRow, RespondOutcome>(
    pool,
    (promise) => bounded(promise, timeoutMs),
    async (run) => {
      const { rows } = await run(
        `SELECT ${REQUEST_COLUMNS} FROM burnlink_requests WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const stored = rows[0] ? requestFromRow(rows[0]) : null;
      const check = respondCheck(stored, respondVerifier, now);
      if (!stored || check !== 'ok') return { status: check === 'ok' ? 'not_found' : check };
      await run(...insertSecret(secret));
      await run(
        `UPDATE burnlink_requests SET state = 'answered', answered_at = $2, sealed_key = $3, purge_at = $4
         WHERE id = $1`,
        [id, now, Buffer.from(sealedKey), requestPurgeAt({ ...stored, answeredAt: now })],
      );
      return { status: 'ok' };
    },
  );
}

/** One statement closes a waiting request; when it closed nothing, the row as committed says why. */
export async function burnRequest(query: Query, id: string, now: number): Promise<BurnRequestOutcome> {
  const { rowCount } = await query(
    `UPDATE burnlink_requests SET state = 'burned', ended_at = $2, purge_at = greatest(expires_at, $2) + retention_ms
     WHERE id = $1 AND state = 'waiting' AND expires_at > $2`,
    [id, now],
  );
  if (rowCount) return 'burned';
  // Nothing moves a request back to waiting: what is committed now is why this burn closed nothing.
  const present = await request(query, 'id', id, now);
  return present?.state === 'answered' ? 'answered' : 'not_found';
}

/**
 * Marks one batch of waiting requests past expiry `expired` and purges one batch past retention, each
 * taking its rows `FOR UPDATE SKIP LOCKED`: nodes sweeping at once split them, each reported once.
 */
export async function sweepRequests(
  query: Query,
  now: number,
): Promise<{ expiredRequestIds: string[]; purgedRequests: number }> {
  const { rows } = await query(
    `UPDATE burnlink_requests SET state = 'expired', ended_at = expires_at, purge_at = expires_at + retention_ms
     WHERE id IN (SELECT id FROM burnlink_requests WHERE state = 'waiting' AND expires_at <= $1
                  ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       AND state = 'waiting'
     RETURNING id`,
    [now, SWEEP_BATCH],
  );
  const { rowCount } = await query(
    `DELETE FROM burnlink_requests
     WHERE id IN (SELECT id FROM burnlink_requests WHERE purge_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, SWEEP_BATCH],
  );
  return { expiredRequestIds: rows.map((row) => row.id as string), purgedRequests: rowCount ?? 0 };
}
