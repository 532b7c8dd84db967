import type { OrgPolicy } from '@burnlink/wire';
import { ApiError } from '../errors.js';
import { applyRequestPolicy } from '../policies/index.js';
import type { RequestRecord } from '../stores/request-store.js';
import type { FileRef, SecretInfo } from '../stores/secret-store.js';
import { matchesVerifier, newRandomId, receiptHash, responseReceiptHash, tokenVerifier } from '../tokens.js';
import { type Caller, withCaller } from './events.js';
import type { SealedSecret, SecretService, ServiceDeps } from './secret-service.js';

/** What the requester's client sends (docs/encryption.md "Requests"), decoded. */
export interface NewRequestInput {
  publicKey: Uint8Array;
  /** Payload stream 0 under the request key Q. */
  description: Uint8Array;
  respondVerifier: Uint8Array;
  inboxVerifier: Uint8Array;
  ttlSeconds?: number | undefined;
  responseTtlSeconds?: number | undefined;
}

/** Who asks: the organisation that owns the request (null: anonymous), its policy and the caller. */
export interface RequestCreateOptions {
  orgId: string | null;
  policy: OrgPolicy | null;
  /** False for a key whose creator is no longer a member (or has none): `requests: 'members'` refuses it. */
  creatorIsMember: boolean;
  caller?: Caller | undefined;
}

export interface CreatedRequest {
  id: string;
  /** The receipt token: returned once, only its SHA-256 is stored. */
  receipt: string;
  expiresAt: number;
}

export type RequestState = 'waiting' | 'answered' | 'read' | 'expired' | 'burned';

/** Where a request stands, as the inbox and the receipt show it. */
export interface RequestStatus {
  state: RequestState;
  createdAt: number;
  expiresAt: number;
  answeredAt: number | null;
  readAt: number | null;
  endedAt: number | null;
}

/** The inbox: the status and, while answered and unread, the sealed key and the response's peek. */
export interface InboxStatus extends RequestStatus {
  sealedKey: Uint8Array | null;
  response: SecretInfo | null;
}

/**
 * Requests for a secret (docs/api.md "Requests"): a requester asks, exactly one responder answers, and the
 * answer is an ordinary secret with the request's id, read once through the secret routes. Each state change
 * is one atomic RequestStore step (`createRequest`, `respond`, `burnRequest`); the response's own steps are
 * the SecretStore's. The server only compares hashes of the tokens (respond, inbox, receipt): it never holds
 * Q, the inbox key S, the response key K or any plaintext.
 */
export class RequestService {
  readonly #d: ServiceDeps;
  readonly #secrets: SecretService;

  constructor(deps: ServiceDeps, secrets: SecretService) {
    this.#d = deps;
    this.#secrets = secrets;
  }

  /** Stores a waiting request after the organisation's policy allowed it (`policy_violation` otherwise). */
  async create(input: NewRequestInput, options: RequestCreateOptions): Promise<CreatedRequest> {
    const { config, store, now, events } = this.#d;
    const cap = options.policy?.max_ttl ?? Number.POSITIVE_INFINITY;
    // Unset lifetimes take the server's default, lowered to the organisation's maximum.
    const ttlSeconds = input.ttlSeconds ?? Math.min(config.ttl.defaultSeconds, cap);
    const responseTtlSeconds = input.responseTtlSeconds ?? Math.min(config.ttl.defaultSeconds, cap);
    try {
      applyRequestPolicy(options.policy, {
        ttlSeconds,
        responseTtlSeconds,
        creatorIsMember: options.creatorIsMember,
      });
    } catch (error) {
      if (error instanceof ApiError && options.orgId !== null) {
        events.emit({
          type: 'policy.violated',
          at: now(),
          orgId: options.orgId,
          rule: error.extra.rule ?? 'policy',
          ...withCaller(options.caller),
        });
      }
      throw error;
    }
    const at = now();
    const id = newRandomId();
    const receipt = newRandomId();
    const expiresAt = at + ttlSeconds * 1000;
    await store.createRequest({
      id,
      receiptHash: receiptHash(receipt),
      publicKey: input.publicKey,
      description: input.description,
      respondVerifier: input.respondVerifier,
      inboxVerifier: input.inboxVerifier,
      createdAt: at,
      expiresAt,
      responseTtlMs: responseTtlSeconds * 1000,
      receiptRetentionMs: config.receiptRetentionMs,
      owner: options.orgId,
    });
    events.emit({
      type: 'request.created',
      requestId: id,
      at,
      orgId: options.orgId,
      expiresAt,
      ...withCaller(options.caller),
    });
    return { id, receipt, expiresAt };
  }

  /** What the responder's client needs, while the request waits; `request_not_found` otherwise. */
  async publicPart(id: string): Promise<RequestRecord> {
    const at = this.#d.now();
    const request = await this.#d.store.request(id, at);
    if (request === null || !waiting(request, at)) throw new ApiError('request_not_found');
    return request;
  }

  /**
   * The one response: a client-encrypted secret checked exactly as a create (content by the route; files,
   * the watermark by `SecretService.draft`), stored with the sealed key in ONE atomic `respond` step. A wrong
   * token is `request_not_found` (the id alone cannot respond); the right one after a response,
   * `request_answered`.
   */
  async respond(
    id: string,
    token: string,
    sealedKey: Uint8Array,
    sealed: SealedSecret,
    fileSizes: number[],
    caller?: Caller,
  ): Promise<{ expiresAt: number; files: FileRef[] }> {
    const { config, store, now, events } = this.#d;
    const at = now();
    const request = await store.request(id, at);
    // Checked here too so that nothing (not even a file-limit answer) tells a wrong token about the request.
    if (request === null || !matchesVerifier(token, request.respondVerifier))
      throw new ApiError('request_not_found');
    if (request.state === 'answered') throw new ApiError('request_answered');
    if (!waiting(request, at)) throw new ApiError('request_not_found');
    const expiresAt = at + Math.min(request.responseTtlMs, config.ttl.maxSeconds * 1000);
    const secret = await this.#secrets.draft(sealed, fileSizes, {
      id,
      createdAt: at,
      expiresAt,
      maxViews: 1,
      receiptHash: responseReceiptHash(request.receiptHash),
      restrictions: null,
    });
    const outcome = await store.respond(id, tokenVerifier(token), sealedKey, secret, at);
    if (outcome.status === 'answered') throw new ApiError('request_answered');
    if (outcome.status !== 'ok') throw new ApiError('request_not_found');
    events.emit({
      type: 'request.answered',
      requestId: id,
      at,
      orgId: request.owner,
      files: secret.files.length,
      expiresAt,
      ...withCaller(caller),
    });
    return { expiresAt, files: secret.files };
  }

  /** The requester's view, proven by the inbox token (compared in constant time); `request_not_found` else. */
  async inbox(id: string, inboxToken: string): Promise<InboxStatus> {
    const at = this.#d.now();
    const request = await this.#byInboxToken(id, inboxToken, at);
    const status = await this.#status(request, at);
    if (status.state !== 'answered') return { ...status, sealedKey: null, response: null };
    const response = await this.#d.store.peek(id, at);
    // Read, burned or expired between the two reads: show where it stands now, without the key.
    if (response === null) return { ...(await this.#status(request, at)), sealedKey: null, response: null };
    return { ...status, sealedKey: request.sealedKey, response };
  }

  /** Burns the request (and its unread response) with the inbox token; idempotent once proven. */
  async burnWithInboxToken(id: string, inboxToken: string, caller?: Caller): Promise<void> {
    const at = this.#d.now();
    await this.#burn(await this.#byInboxToken(id, inboxToken, at), at, caller);
  }

  /** Burns by the receipt token; `receipt_not_found` when unknown or past retention, else idempotent. */
  async burnWithReceipt(receipt: string, caller?: Caller): Promise<void> {
    const at = this.#d.now();
    const request = await this.#d.store.requestByReceipt(receiptHash(receipt), at);
    if (request === null) throw new ApiError('receipt_not_found');
    await this.#burn(request, at, caller);
  }

  /** The request's receipt: its state and times; `receipt_not_found` when unknown or past retention. */
  async receipt(receipt: string): Promise<RequestStatus> {
    const at = this.#d.now();
    const request = await this.#d.store.requestByReceipt(receiptHash(receipt), at);
    if (request === null) throw new ApiError('receipt_not_found');
    return this.#status(request, at);
  }

  async #byInboxToken(id: string, inboxToken: string, at: number): Promise<RequestRecord> {
    const request = await this.#d.store.request(id, at);
    if (request === null || !matchesVerifier(inboxToken, request.inboxVerifier))
      throw new ApiError('request_not_found');
    return request;
  }

  /** A waiting request closes; an answered one loses its response (burned through its derived receipt). */
  async #burn(request: RequestRecord, at: number, caller: Caller | undefined): Promise<void> {
    const outcome = await this.#d.store.burnRequest(request.id, at);
    let ended = outcome === 'burned';
    if (outcome === 'answered') {
      ended = (await this.#secrets.burnOutcome(responseReceiptHash(request.receiptHash), caller)).ended;
    }
    if (!ended) return;
    this.#d.events.emit({
      type: 'request.burned',
      requestId: request.id,
      at,
      orgId: request.owner,
      ...withCaller(caller),
    });
  }

  /**
   * The state as the requester sees it. A waiting request past its expiry is expired even before the sweeper
   * marks it (DESIGN §2, promise 5). An answered one takes the state of its response's receipt: `read` once
   * viewed, `burned` when burned or locked, `expired` when it expired unread (or its receipt is gone).
   */
  async #status(request: RequestRecord, at: number): Promise<RequestStatus> {
    const base = {
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      answeredAt: request.answeredAt,
      readAt: null,
      endedAt: request.endedAt,
    };
    switch (request.state) {
      case 'waiting':
        return waiting(request, at)
          ? { ...base, state: 'waiting' }
          : { ...base, state: 'expired', endedAt: request.expiresAt };
      case 'expired':
      case 'burned':
        return { ...base, state: request.state };
    }
    const receipt = await this.#d.store.receipt(responseReceiptHash(request.receiptHash), at);
    if (receipt === null) {
      const endedAt = (request.answeredAt ?? request.expiresAt) + request.responseTtlMs;
      return { ...base, state: 'expired', endedAt };
    }
    switch (receipt.state) {
      case 'viewed':
        return { ...base, state: 'read', readAt: receipt.viewedAt[0] ?? null };
      case 'burned':
      case 'locked':
        return { ...base, state: 'burned', endedAt: receipt.endedAt };
      case 'expired':
        return { ...base, state: 'expired', endedAt: receipt.endedAt ?? receipt.expiresAt };
      default:
        return receipt.expiresAt > at
          ? { ...base, state: 'answered' }
          : { ...base, state: 'expired', endedAt: receipt.expiresAt };
    }
  }
}

const waiting = (request: RequestRecord, at: number) => request.state === 'waiting' && request.expiresAt > at;
