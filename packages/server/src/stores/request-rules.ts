import { digestsEqual } from './receipt-rules.js';
import type { NewRequest, RequestRecord } from './request-store.js';

/** A request as a backend keeps it: the record plus how long it outlives its end. */
export interface StoredRequest extends RequestRecord {
  receiptRetentionMs: number;
}

/** A new request as stored: `waiting`, nothing answered or ended, own copies of the caller's buffers. */
export function storedRequest(request: NewRequest): StoredRequest {
  return {
    id: request.id,
    receiptHash: request.receiptHash,
    state: 'waiting',
    publicKey: new Uint8Array(request.publicKey),
    description: new Uint8Array(request.description),
    respondVerifier: new Uint8Array(request.respondVerifier),
    inboxVerifier: new Uint8Array(request.inboxVerifier),
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    responseTtlMs: request.responseTtlMs,
    owner: request.owner,
    answeredAt: null,
    endedAt: null,
    sealedKey: null,
    receiptRetentionMs: request.receiptRetentionMs,
  };
}

/**
 * When a request's record may be deleted: `receiptRetentionMs` after the latest of its expiry, its end
 * (burn or expiry) and, once answered, the latest end of its response (`answeredAt + responseTtlMs`).
 */
export function requestPurgeAt(
  stored: Pick<
    StoredRequest,
    'expiresAt' | 'endedAt' | 'answeredAt' | 'responseTtlMs' | 'receiptRetentionMs'
  >,
): number {
  const responseEnd =
    stored.answeredAt === null ? Number.NEGATIVE_INFINITY : stored.answeredAt + stored.responseTtlMs;
  return (
    Math.max(stored.expiresAt, stored.endedAt ?? Number.NEGATIVE_INFINITY, responseEnd) +
    stored.receiptRetentionMs
  );
}

/**
 * The request as it really is at `now`, or null once its retention has passed. A `waiting` request whose
 * `expiresAt` has passed is `expired` (ended at its `expiresAt`) even if no sweep marked it yet: expired
 * means gone (DESIGN §2 promise 5).
 */
export function presentRequest(stored: StoredRequest, now: number): RequestRecord | null {
  if (requestPurgeAt(stored) <= now) return null;
  const lapsed = stored.state === 'waiting' && stored.expiresAt <= now;
  return {
    id: stored.id,
    receiptHash: stored.receiptHash,
    state: lapsed ? 'expired' : stored.state,
    publicKey: new Uint8Array(stored.publicKey),
    description: new Uint8Array(stored.description),
    respondVerifier: new Uint8Array(stored.respondVerifier),
    inboxVerifier: new Uint8Array(stored.inboxVerifier),
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    responseTtlMs: stored.responseTtlMs,
    owner: stored.owner,
    answeredAt: stored.answeredAt,
    endedAt: lapsed ? stored.expiresAt : stored.endedAt,
    sealedKey: stored.sealedKey ? new Uint8Array(stored.sealedKey) : null,
  };
}

/**
 * What `respond` may do with a request at `now` (the rule of `RequestStore.respond`): `ok` to answer it,
 * else the outcome to give with nothing changed. A wrong verifier is `not_found` whatever the state, so the
 * id alone learns nothing; the right one on an answered request is `answered`.
 */
export function respondCheck(
  stored: StoredRequest | null,
  respondVerifier: Uint8Array,
  now: number,
): 'ok' | 'not_found' | 'answered' {
  const request = stored && presentRequest(stored, now);
  if (!request || !digestsEqual(respondVerifier, request.respondVerifier)) return 'not_found';
  if (request.state === 'answered') return 'answered';
  return request.state === 'waiting' ? 'ok' : 'not_found';
}
