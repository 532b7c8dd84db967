import type { Database, Statement } from 'better-sqlite3';
import { REQUEST_COLUMNS, type RequestRow, requestFromRow } from './request-rows.js';
import { presentRequest, requestPurgeAt, respondCheck, type StoredRequest } from './request-rules.js';
import type { BurnRequestOutcome, NewRequest, RequestRecord, RespondOutcome } from './request-store.js';
import type { NewSecret } from './secret-store.js';
import type { SqliteSecrets } from './sqlite-secrets.js';

type RequestStatement = 'insert' | 'byId' | 'byReceipt' | 'answer' | 'end' | 'lapsed' | 'purge';

function prepare(db: Database): Record<RequestStatement, Statement> {
  return {
    insert: db.prepare(`INSERT INTO requests (${REQUEST_COLUMNS}, purge_at)
      VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?)`),
    byId: db.prepare(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = ?`),
    byReceipt: db.prepare(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE receipt_hash = ?`),
    answer: db.prepare(
      `UPDATE requests SET state = 'answered', answered_at = ?, sealed_key = ?, purge_at = ? WHERE id = ?`,
    ),
    end: db.prepare(`UPDATE requests SET state = ?, ended_at = ?, purge_at = ? WHERE id = ?`),
    lapsed: db.prepare(
      `SELECT id, expires_at, retention_ms FROM requests WHERE state = 'waiting' AND expires_at <= ? LIMIT ?`,
    ),
    purge: db.prepare(
      'DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE purge_at <= ? LIMIT ?)',
    ),
  };
}

/**
 * The request half of `SqliteStore` (`request-store.ts`): each method is the body of ONE group-commit
 * operation (or of a read). `respond` inserts the response through `SqliteSecrets.create` in the same
 * operation: its SAVEPOINT undoes both if either fails, and the one writer serialises every respond.
 */
export class SqliteRequests {
  readonly #sql: Record<RequestStatement, Statement>;
  readonly #secrets: SqliteSecrets;
  readonly #sweepBatch: number;

  constructor(db: Database, secrets: SqliteSecrets, sweepBatch: number) {
    this.#sql = prepare(db);
    this.#secrets = secrets;
    this.#sweepBatch = sweepBatch;
  }

  createRequest(request: NewRequest): void {
    this.#sql.insert.run(
      request.id,
      request.receiptHash,
      request.publicKey,
      request.description,
      request.respondVerifier,
      request.inboxVerifier,
      request.createdAt,
      request.expiresAt,
      request.responseTtlMs,
      request.receiptRetentionMs,
      request.owner,
      requestPurgeAt({ ...request, endedAt: null, answeredAt: null }),
    );
  }

  request(id: string, now: number): RequestRecord | null {
    const stored = this.#stored(id);
    return stored && presentRequest(stored, now);
  }

  requestByReceipt(receiptHash: string, now: number): RequestRecord | null {
    const row = this.#sql.byReceipt.get(receiptHash) as RequestRow | undefined;
    return row ? presentRequest(requestFromRow(row), now) : null;
  }

  respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): RespondOutcome {
    const stored = this.#stored(id);
    const check = respondCheck(stored, respondVerifier, now);
    if (!stored || check !== 'ok') return { status: check === 'ok' ? 'not_found' : check };
    if (secret.id !== id) throw new RangeError('the response secret must have the request id');
    this.#secrets.create(secret);
    const purgeAt = requestPurgeAt({ ...stored, answeredAt: now });
    this.#sql.answer.run(now, sealedKey, purgeAt, id);
    return { status: 'ok' };
  }

  burnRequest(id: string, now: number): BurnRequestOutcome {
    const stored = this.#stored(id);
    const present = stored && presentRequest(stored, now);
    if (!stored || !present) return 'not_found';
    if (present.state === 'answered') return 'answered';
    if (present.state !== 'waiting') return 'not_found';
    this.#sql.end.run('burned', now, requestPurgeAt({ ...stored, endedAt: now }), id);
    return 'burned';
  }

  /** Bounded: at most one sweep batch of requests expired and one purged per call. */
  sweep(now: number): { expiredRequestIds: string[]; purgedRequests: number } {
    const lapsed = this.#sql.lapsed.all(now, this.#sweepBatch) as {
      id: string;
      expires_at: number;
      retention_ms: number;
    }[];
    for (const row of lapsed) {
      this.#sql.end.run('expired', row.expires_at, row.expires_at + row.retention_ms, row.id);
    }
    const purgedRequests = this.#sql.purge.run(now, this.#sweepBatch).changes;
    return { expiredRequestIds: lapsed.map((row) => row.id), purgedRequests };
  }

  #stored(id: string): StoredRequest | null {
    const row = this.#sql.byId.get(id) as RequestRow | undefined;
    return row ? requestFromRow(row) : null;
  }
}
