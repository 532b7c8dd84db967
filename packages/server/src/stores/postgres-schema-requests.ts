/**
 * Migration 6: requests (`request-store.ts`). Frozen once released, like every applied migration.
 *
 * - `burnlink_requests`: one row per request from `createRequest` until `purge_at` (its retention after the
 *   latest of expiry, end and the response's latest end: `request-rules.ts` `requestPurgeAt`, set by every
 *   state change). The response is an ordinary `burnlink_secrets` row with the request's id.
 * - Lock order: `respond` locks the request row (`FOR UPDATE`) BEFORE it inserts the response's secret,
 *   receipt and file rows; no other statement locks a request row together with anything else, so the order
 *   of `postgres-schema.ts` (secret → files → grants → receipt) is kept.
 * - Only waiting rows are indexed by expiry (what the sweep marks `expired`); every row by `purge_at`.
 */
export const REQUESTS_SCHEMA = `
  CREATE TABLE burnlink_requests (
    id text PRIMARY KEY,
    receipt_hash text NOT NULL UNIQUE,
    state text NOT NULL CHECK (state IN ('waiting', 'answered', 'expired', 'burned')),
    public_key bytea NOT NULL,
    description bytea NOT NULL,
    respond_verifier bytea NOT NULL,
    inbox_verifier bytea NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    response_ttl_ms bigint NOT NULL,
    retention_ms bigint NOT NULL,
    owner text,
    answered_at bigint,
    ended_at bigint,
    sealed_key bytea,
    purge_at bigint NOT NULL
  );
  CREATE INDEX burnlink_requests_waiting_by_expiry ON burnlink_requests (expires_at) WHERE state = 'waiting';
  CREATE INDEX burnlink_requests_by_purge ON burnlink_requests (purge_at);
`;
