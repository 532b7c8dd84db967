import { Cluster, Redis } from 'ioredis';
import type { WindowedCounter } from '../plugins/upload-budget.js';
import { OperationGate } from './operation-gate.js';
import { redisCounter } from './redis-counters.js';
import { RedisLink, unavailable } from './redis-link.js';
import { RedisReceipts } from './redis-receipts.js';
import { RedisRequests } from './redis-requests.js';
import { RedisSecrets } from './redis-secrets.js';
import { RedisSweep } from './redis-sweep.js';
import { RedisTransfers } from './redis-transfers.js';
import { upgradeLayout } from './redis-upgrade.js';
import { DEFAULT_REDIS_TIMEOUT_MS, parseRedisUrl } from './redis-url.js';
import type {
  BurnRequestOutcome,
  NewRequest,
  RequestRecord,
  RequestStore,
  RespondOutcome,
} from './request-store.js';
import type {
  BurnOutcome,
  CancelOutcome,
  ClaimOutcome,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  IssueCodeOutcome,
  Lease,
  NewCode,
  NewGrant,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  SecretInfo,
  SecretStore,
  StartDownloadOutcome,
  StartUploadOutcome,
  SweepResult,
  UploadState,
} from './secret-store.js';
import { StoreUnavailableError } from './secret-store.js';

/**
 * Redis / Valkey store, standalone or Cluster (URL syntax in `redis-url.ts`). Every state change of a secret
 * — record, receipt, uploads, grants, download log — is ONE Lua script on the secret's hash slot (key layout
 * in `redis-keys.ts`; Lua in `redis-lua.ts`, `redis-scripts.ts`, `redis-transfer-scripts.ts`,
 * `redis-sweep-scripts.ts`), reached through an immutable pointer when the caller names a receipt or a blob
 * rather than the secret. This class is the operation gate (close lets calls in flight finish) in front of
 * the parts: `RedisSecrets` (create, peek, claim, issueCode), `RedisReceipts` (receipt, burn), `RedisTransfers`
 * (uploads, downloads, leases), `RedisSweep` (sweep, knownBlobs).
 *
 * Round trips: `create` sends its script, its pointers and its index entries at once (one round trip);
 * `peek`, `claim` and `issueCode` are one command each (an unrestricted claim costs what it did before
 * restrictions existed: one script, one more field read); `receipt`, `burn` and the upload and download calls read the
 * pointer first (two). What a step changes in other slots (index entries, pointer expiry: `redis-index.ts`)
 * follows it without delaying its answer.
 *
 * Expiry: every script compares `expiresAt` with the caller's `now` (promise 5), and a pending receipt whose
 * secret has expired reads as `expired` whether or not a sweep has run. `sweep` removes what fell due,
 * exactly once across nodes. Native expiry is the backstop when no node sweeps.
 *
 * Where the contract leaves a choice, this store does what the memory store (`memory-store.ts`) does. Its own
 * readings, each keeping every rule inside one atomic step:
 * - The receipt pointer and the blob pointers live in other slots than the secret, so `create` cannot check
 *   them in its script: it takes them with SET NX beside the script and undoes everything on a collision
 *   (see `RedisSecrets`). Pointers are immutable and checked by the scripts, so a step is as atomic as if
 *   the pointer were read inside it.
 * - A blob pointer must outlive its file record, whose life a claim's grant extends. The claim moves the
 *   pointer's expiry in a follow-up; the sweep's look at the file at the secret's expiry moves it again.
 *   Only if both are lost can a pointer expire before its record: the file then reads as unknown (its
 *   downloads answer `not_found`, its bytes become an orphan): never served to the wrong grant.
 * - Index updates after a step are not awaited: a sweep on another node a moment later may take an ended
 *   receipt or file later than it could, never earlier (see `RedisIndexBatch`).
 *
 * @example
 * const store = await openRedisStore('redis+cluster://10.0.0.1:7000,10.0.0.2:7000?prefix=bl:');
 */
export class RedisStore implements SecretStore, RequestStore {
  readonly #link: RedisLink;
  readonly #gate = new OperationGate('Redis');
  readonly #secrets: RedisSecrets;
  readonly #receipts: RedisReceipts;
  readonly #transfers: RedisTransfers;
  readonly #sweep: RedisSweep;
  readonly #requests: RedisRequests;

  constructor(client: Redis | Cluster, prefix: string, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS) {
    client.on('error', () => {
      // Connection errors surface as rejected commands (StoreUnavailableError); the client reconnects by itself.
    });
    this.#link = new RedisLink(client, prefix, timeoutMs);
    this.#secrets = new RedisSecrets(this.#link);
    this.#receipts = new RedisReceipts(this.#link);
    this.#transfers = new RedisTransfers(this.#link);
    this.#sweep = new RedisSweep(this.#link);
    this.#requests = new RedisRequests(this.#link, this.#secrets);
  }

  create(secret: NewSecret): Promise<void> {
    return this.#gate.run(() => this.#secrets.create(secret));
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#gate.run(() => this.#secrets.peek(id, now));
  }

  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    return this.#gate.run(() => this.#secrets.claim(id, presented, now, grant));
  }

  issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome> {
    return this.#gate.run(() => this.#secrets.issueCode(id, code, now, maxIssued, proof));
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#gate.run(() => this.#receipts.receipt(receiptHash, now));
  }

  burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    return this.#gate.run(() => this.#receipts.burn(receiptHash, now));
  }

  upload(blobId: string, now: number): Promise<UploadState | null> {
    return this.#gate.run(() => this.#transfers.upload(blobId, now));
  }

  startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    return this.#gate.run(() => this.#transfers.startUpload(blobId, offset, lease, now));
  }

  finishUpload(blobId: string, leaseId: string, offset: number, now: number): Promise<FinishUploadOutcome> {
    return this.#gate.run(() => this.#transfers.finishUpload(blobId, leaseId, offset, now));
  }

  cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    return this.#gate.run(() => this.#transfers.cancelUpload(blobId, now));
  }

  startDownload(blobId: string, grantHash: string, lease: Lease, now: number): Promise<StartDownloadOutcome> {
    return this.#gate.run(() => this.#transfers.startDownload(blobId, grantHash, lease, now));
  }

  finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    return this.#gate.run(() => this.#transfers.finishDownload(blobId, grantHash, leaseId, delivered, now));
  }

  extendLease(blobId: string, grantHash: string | null, leaseId: string, until: number): Promise<boolean> {
    return this.#gate.run(() => this.#transfers.extendLease(blobId, grantHash, leaseId, until));
  }

  sweep(now: number): Promise<SweepResult> {
    return this.#gate.run(() => this.#sweep.sweep(now));
  }

  knownBlobs(blobIds: string[]): Promise<Set<string>> {
    return this.#gate.run(() => this.#sweep.knownBlobs(blobIds));
  }

  /** Brings secrets of an older key layout up to this one, once per prefix (`redis-upgrade.ts`). */
  upgradeLayout(): Promise<void> {
    return this.#gate.run(() => upgradeLayout(this.#link));
  }

  /** This Redis (or Cluster) for rate-limit counters shared by every node (for `buildApp({ rateLimit })`). */
  rateLimitBackend(): { redis: Redis | Cluster; counter: WindowedCounter } {
    return { redis: this.#link.client, counter: redisCounter(this.#link.client) };
  }

  createRequest(request: NewRequest): Promise<void> {
    return this.#gate.run(() => this.#requests.createRequest(request));
  }

  request(id: string, now: number): Promise<RequestRecord | null> {
    return this.#gate.run(() => this.#requests.request(id, now));
  }

  requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null> {
    return this.#gate.run(() => this.#requests.requestByReceipt(receiptHash, now));
  }

  respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome> {
    return this.#gate.run(() => this.#requests.respond(id, respondVerifier, sealedKey, secret, now));
  }

  burnRequest(id: string, now: number): Promise<BurnRequestOutcome> {
    return this.#gate.run(() => this.#requests.burnRequest(id, now));
  }

  ping(): Promise<void> {
    return this.#gate.run(() => this.#ping());
  }

  async #ping(): Promise<void> {
    const client = this.#link.client;
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    if (nodes.length === 0) throw new StoreUnavailableError('no Redis Cluster master is known');
    await this.#link.run(() => Promise.all(nodes.map((node) => node.ping())));
  }

  async close(): Promise<void> {
    await this.#gate.close();
    await this.#link.followUpsSettled();
    try {
      await this.#link.client.quit();
    } catch {
      this.#link.client.disconnect();
    }
  }
}

/** Connects to the Redis (or Redis Cluster) at `url`, upgrades an older key layout, and resolves once ready. */
export async function openRedisStore(url: string): Promise<RedisStore> {
  const target = parseRedisUrl(url);
  const client =
    target.mode === 'cluster' ? new Cluster(target.nodes, target.options) : new Redis(target.options);
  const store = new RedisStore(client, target.prefix, target.timeoutMs);
  try {
    await client.connect();
    await store.upgradeLayout();
  } catch (error) {
    client.disconnect();
    throw unavailable(error);
  }
  return store;
}
