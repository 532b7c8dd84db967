import type { StoredRequest } from './request-rules.js';
import type { StoredRequestState } from './request-store.js';

/**
 * A request as a row of the SQL backends (SQLite `requests`, PostgreSQL `burnlink_requests`: the same
 * columns). Times are numbers on SQLite and bigint strings on PostgreSQL.
 */
export interface RequestRow {
  id: string;
  receipt_hash: string;
  state: StoredRequestState;
  public_key: Uint8Array;
  description: Uint8Array;
  respond_verifier: Uint8Array;
  inbox_verifier: Uint8Array;
  created_at: number | string;
  expires_at: number | string;
  response_ttl_ms: number | string;
  retention_ms: number | string;
  owner: string | null;
  answered_at: number | string | null;
  ended_at: number | string | null;
  sealed_key: Uint8Array | null;
}

/** The columns of `RequestRow` in table order (without `purge_at`, which only the SQL reads). */
export const REQUEST_COLUMNS = `id, receipt_hash, state, public_key, description, respond_verifier,
  inbox_verifier, created_at, expires_at, response_ttl_ms, retention_ms, owner, answered_at, ended_at, sealed_key`;

export function requestFromRow(row: RequestRow): StoredRequest {
  const time = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    id: row.id,
    receiptHash: row.receipt_hash,
    state: row.state,
    publicKey: new Uint8Array(row.public_key),
    description: new Uint8Array(row.description),
    respondVerifier: new Uint8Array(row.respond_verifier),
    inboxVerifier: new Uint8Array(row.inbox_verifier),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    responseTtlMs: Number(row.response_ttl_ms),
    receiptRetentionMs: Number(row.retention_ms),
    owner: row.owner,
    answeredAt: time(row.answered_at),
    endedAt: time(row.ended_at),
    sealedKey: row.sealed_key ? new Uint8Array(row.sealed_key) : null,
  };
}
