import type { NewSecret, SecretStore } from './secret-store.js';

/**
 * Requests (docs/api.md "Requests"): a requester asks for a secret; exactly one response fills it. Every
 * backend that implements `SecretStore` implements this too, under the same common rules (caller's `now`,
 * gone is `null` / `not_found` not an error, `StoreUnavailableError` when the backend cannot answer, each
 * method ONE atomic step, durable when the promise resolves). Contract tests: `contract-requests.ts`.
 *
 * Life of a request: `createRequest` stores it `waiting` until `expiresAt`. `respond` answers it at most
 * once, under any concurrency and across nodes: in the same atomic step it checks the request is waiting
 * and unexpired and the respond verifier matches, creates the response as an ordinary secret (`secret`,
 * whose `id` is the request's id: on Redis the request and its response share a hash slot), stores the
 * sealed key and marks the request `answered`. From then on the response is a secret like any other
 * (claimed, downloaded, burned, expired and swept by the `SecretStore` methods; its receipt is the one with
 * `secret.receiptHash`, which the service derives from the request's). `burnRequest` closes a waiting
 * request. `sweep` (the `SecretStore` one) also marks waiting requests past `expiresAt` `expired` (`endedAt`
 * = their `expiresAt`) and deletes request records once `receiptRetentionMs` has passed after the latest of
 * `expiresAt`, `endedAt` and, when answered, `answeredAt + responseTtlMs`.
 */
export interface RequestStore {
  /** Stores a new waiting request. An id or receipt hash that exists already rejects with a plain `Error`. */
  createRequest(request: NewRequest): Promise<void>;

  /** The request by id, in any state, or null when unknown or past retention. Never changes state. */
  request(id: string, now: number): Promise<RequestRecord | null>;

  /** The request by the SHA-256 (b64u) of its receipt token, or null. Never changes state. */
  requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null>;

  /**
   * The one response, atomically. `ok`: the request was waiting, unexpired (`expiresAt > now`) and
   * `respondVerifier` equals its respond verifier (constant time where the backend allows); the response
   * secret is created (staged when it has files, exactly as `create`), `sealedKey` stored, the request marked
   * `answered` at `now`. `not_found`: unknown, expired, burned, or a wrong verifier (nothing changes).
   * `answered`: the right verifier but a response exists already (nothing changes). Under any concurrency
   * at most one call per request ever answers `ok`.
   */
  respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome>;

  /**
   * Closes a waiting request now (state `burned`, `endedAt = now`): no response can come any more.
   * `burned` when this call closed it; `answered` when it has a response (the caller burns that secret
   * through its receipt); `not_found` when unknown, expired or burned already. Idempotent.
   */
  burnRequest(id: string, now: number): Promise<BurnRequestOutcome>;
}

export interface NewRequest {
  /** 16 random bytes, b64u. */
  id: string;
  /** SHA-256 of the receipt token, b64u. */
  receiptHash: string;
  /** X25519 public key, 32 bytes. */
  publicKey: Uint8Array;
  /** Payload stream 0 encrypted under Q; opaque to the server. */
  description: Uint8Array;
  /** SHA-256 of the respond token, 32 bytes. */
  respondVerifier: Uint8Array;
  /** SHA-256 of the inbox token, 32 bytes. */
  inboxVerifier: Uint8Array;
  createdAt: number;
  expiresAt: number;
  /** How long the response lives, from the moment it is given, in milliseconds. */
  responseTtlMs: number;
  /** How long the record outlives the request's end (expiry, burn, or its response's end), in ms. */
  receiptRetentionMs: number;
  /** Owner (organisation id) for audit and policy, or null when anonymous. Opaque to the store. */
  owner: string | null;
}

/** Stored states; `read` is not stored here: the service reads it from the response's receipt. */
export type StoredRequestState = 'waiting' | 'answered' | 'expired' | 'burned';

export interface RequestRecord {
  id: string;
  receiptHash: string;
  state: StoredRequestState;
  publicKey: Uint8Array;
  description: Uint8Array;
  respondVerifier: Uint8Array;
  inboxVerifier: Uint8Array;
  createdAt: number;
  expiresAt: number;
  responseTtlMs: number;
  owner: string | null;
  /** When the response was given (state `answered`), else null. */
  answeredAt: number | null;
  /** When it was burned or expired while waiting, else null. */
  endedAt: number | null;
  /** The HPKE-sealed response key (state `answered`), else null. */
  sealedKey: Uint8Array | null;
}

export type RespondOutcome = { status: 'ok' } | { status: 'not_found' } | { status: 'answered' };

export type BurnRequestOutcome = 'burned' | 'answered' | 'not_found';

/** What every backend implements and the app holds (`openStore`): secrets and requests in one store. */
export type SecretAndRequestStore = SecretStore & RequestStore;
