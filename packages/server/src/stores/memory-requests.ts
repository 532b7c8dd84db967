import type { MemoryState } from './memory-state.js';
import { presentRequest, requestPurgeAt, respondCheck, storedRequest } from './request-rules.js';
import type { BurnRequestOutcome, NewRequest, RequestRecord, RespondOutcome } from './request-store.js';
import type { NewSecret } from './secret-store.js';

// The `RequestStore` methods of the memory store (`memory-store.ts`): each runs synchronously, so each is a
// critical section on Node's one thread, like every other memory method.

export function createRequest(state: MemoryState, request: NewRequest): void {
  if (state.requests.has(request.id) || state.requestReceipts.has(request.receiptHash)) {
    throw new Error('a request with this id or receipt already exists');
  }
  state.requests.set(request.id, storedRequest(request));
  state.requestReceipts.set(request.receiptHash, request.id);
}

export function request(state: MemoryState, id: string, now: number): RequestRecord | null {
  const stored = state.requests.get(id);
  return stored ? presentRequest(stored, now) : null;
}

export function requestByReceipt(state: MemoryState, receiptHash: string, now: number): RequestRecord | null {
  const id = state.requestReceipts.get(receiptHash);
  return id === undefined ? null : request(state, id, now);
}

export function respond(
  state: MemoryState,
  id: string,
  respondVerifier: Uint8Array,
  sealedKey: Uint8Array,
  secret: NewSecret,
  now: number,
): RespondOutcome {
  const stored = state.requests.get(id);
  const check = respondCheck(stored ?? null, respondVerifier, now);
  if (!stored || check !== 'ok') return { status: check === 'ok' ? 'not_found' : check };
  if (secret.id !== id) throw new RangeError('the response secret must have the request id');
  // Throws (changing nothing) on a taken id, receipt or blob id, before the request is touched.
  state.insert(secret);
  Object.assign(stored, { state: 'answered', answeredAt: now, sealedKey: new Uint8Array(sealedKey) });
  return { status: 'ok' };
}

export function burnRequest(state: MemoryState, id: string, now: number): BurnRequestOutcome {
  const stored = state.requests.get(id);
  const present = stored && presentRequest(stored, now);
  if (!stored || !present) return 'not_found';
  if (present.state === 'answered') return 'answered';
  if (present.state !== 'waiting') return 'not_found';
  Object.assign(stored, { state: 'burned', endedAt: now });
  return 'burned';
}

/** Marks waiting requests past expiry `expired` and deletes records past retention. */
export function sweepRequests(
  state: MemoryState,
  now: number,
): { expiredRequestIds: string[]; purgedRequests: number } {
  const expiredRequestIds: string[] = [];
  let purgedRequests = 0;
  for (const stored of state.requests.values()) {
    if (stored.state === 'waiting' && stored.expiresAt <= now) {
      Object.assign(stored, { state: 'expired', endedAt: stored.expiresAt });
      expiredRequestIds.push(stored.id);
    }
    if (requestPurgeAt(stored) <= now) {
      state.requests.delete(stored.id);
      state.requestReceipts.delete(stored.receiptHash);
      purgedRequests += 1;
    }
  }
  return { expiredRequestIds, purgedRequests };
}
