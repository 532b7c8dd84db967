import type { KdfParams } from '@burnlink/core';
import { Cluster, Redis } from 'ioredis';
import { withDeadline } from './deadline.js';
import { OperationGate } from './operation-gate.js';
import { presentReceipt, type StoredReceipt } from './receipt-rules.js';
import {
  BURN_SCRIPT,
  CLAIM_SCRIPT,
  CREATE_SCRIPT,
  EXPIRE_SCRIPT,
  PURGE_SCRIPT,
  TAKE_DUE_SCRIPT,
} from './redis-scripts.js';
import { DEFAULT_REDIS_TIMEOUT_MS, parseRedisUrl } from './redis-url.js';
import {
  type ClaimOutcome,
  type FileRef,
  type NewSecret,
  type PresentedProof,
  type ReceiptInfo,
  type ReceiptState,
  type SecretInfo,
  type SecretStore,
  StoreUnavailableError,
  type SweepResult,
} from './secret-store.js';

/** How long native expiry waits past a key's logical end (see `RedisStore`). */
const NATIVE_EXPIRY_GRACE_MS = 60 * 60_000;
/** Ids per sweep round trip, and rounds per sweep: a sweep stays short however far behind it is. */
const SWEEP_BATCH = 200;
const SWEEP_MAX_BATCHES = 25;

/**
 * Redis / Valkey store, standalone or Cluster (URL syntax in `redis-url.ts`).
 *
 * Key layout — every key of one secret carries the hash tag `{<id>}`, so they share a hash slot and one Lua
 * script can update them atomically on Redis Cluster:
 * - `<prefix>{<id>}:s` the secret (hash);
 * - `<prefix>{<id>}:r` its receipt (hash);
 * - `<prefix>rp:{<receiptHash>}` → `<id>`, a pointer from the receipt hash to the secret's slot;
 * - `<prefix>index:expire` and `<prefix>index:forget`, sorted sets of ids for `sweep`.
 *
 * Why the pointer: a receipt is looked up by the hash of a token the server cannot choose, so a key named
 * after that hash lands in an arbitrary slot and no script could update it together with the secret. The
 * pointer never changes once written, so reading it and then running the script on the secret's slot is as
 * atomic as one script. It is written after the secret (a failed create leaves no pointer to a missing
 * receipt) and lives as long as the receipt can (`expiresAt` + retention + grace).
 *
 * Expiry: every read and script compares `expiresAt` with the caller's `now` (promise 5), and a pending receipt
 * whose secret has expired reads as `expired` (ended at `expiresAt`), whether or not a sweep has run. `sweep`
 * removes what fell due, exactly and once across nodes (see `sweep`). Native expiry is the backstop when no
 * node sweeps: keys carry a TTL of their logical lifetime plus `NATIVE_EXPIRY_GRACE_MS`, relative to when they
 * are written — so it never removes a key before its time, even for a caller with an injected clock, and
 * leaves the sweeper (which runs far more often) time to count the removal and mark the receipt.
 * The `receipt → id` pointer is left to native expiry once its receipt is purged; it then reads as unknown.
 */
export class RedisStore implements SecretStore {
  readonly #client: Redis | Cluster;
  readonly #prefix: string;
  readonly #gate = new OperationGate('Redis');
  readonly #timeoutMs: number;

  constructor(client: Redis | Cluster, prefix: string, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS) {
    this.#client = client;
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
    client.on('error', () => {
      // Connection errors surface as rejected commands (StoreUnavailableError); the client reconnects by itself.
    });
    client.defineCommand('blCreate', { numberOfKeys: 2, lua: CREATE_SCRIPT });
    client.defineCommand('blClaim', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    client.defineCommand('blBurn', { numberOfKeys: 2, lua: BURN_SCRIPT });
    client.defineCommand('blExpire', { numberOfKeys: 2, lua: EXPIRE_SCRIPT });
    client.defineCommand('blPurge', { numberOfKeys: 2, lua: PURGE_SCRIPT });
    client.defineCommand('blTakeDue', { numberOfKeys: 1, lua: TAKE_DUE_SCRIPT });
  }

  create(secret: NewSecret): Promise<void> {
    return this.#gate.run(() => this.#create(secret));
  }

  async #create(secret: NewSecret): Promise<void> {
    const { id, expiresAt, receiptRetentionMs: retention } = secret;
    const ttl = Math.max(1, expiresAt - secret.createdAt) + NATIVE_EXPIRY_GRACE_MS;
    const created = await this.#run(() =>
      this.#call(
        'blCreate',
        this.#secretKey(id),
        this.#receiptKey(id),
        ttl,
        ttl + retention,
        Buffer.from(secret.verifier),
        secret.linkVerifier ? Buffer.from(secret.linkVerifier) : '',
        secret.kdf ? JSON.stringify(secret.kdf) : '',
        Buffer.from(secret.content),
        JSON.stringify(secret.files),
        secret.content.byteLength,
        expiresAt,
        secret.maxViews,
        secret.maxAttempts,
        secret.createdAt,
        retention,
      ),
    );
    if (created !== 1) throw new Error('a secret with this id exists already');
    await this.#run(() =>
      Promise.all([
        this.#client.set(this.#pointerKey(secret.receiptHash), id, 'PX', ttl + retention),
        this.#client.zadd(this.#indexKey('expire'), expiresAt, id),
        this.#client.zadd(this.#indexKey('forget'), expiresAt + retention, id),
      ]),
    );
  }

  peek(id: string, now: number): Promise<SecretInfo | null> {
    return this.#gate.run(() => this.#peek(id, now));
  }

  async #peek(id: string, now: number): Promise<SecretInfo | null> {
    const values = await this.#run(() =>
      this.#client.hmget(this.#secretKey(id), 'ea', 'mv', 'vl', 'k', 'sz', 'f'),
    );
    const [ea, mv, vl, k, sz, f] = values;
    if (ea == null || Number(ea) <= now) return null;
    return {
      expiresAt: Number(ea),
      maxViews: Number(mv),
      viewsLeft: Number(vl),
      kdf: parseKdf(k ?? ''),
      size: Number(sz),
      files: JSON.parse(f ?? '[]') as FileRef[],
    };
  }

  claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    return this.#gate.run(() => this.#claim(id, presented, now));
  }

  async #claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    const link = presented.linkVerifier ? Buffer.from(presented.linkVerifier) : '';
    const verifier = Buffer.from(presented.verifier);
    const reply = (await this.#run(() =>
      this.#call(
        'blClaimBuffer',
        this.#secretKey(id),
        this.#receiptKey(id),
        now,
        verifier,
        link,
        NATIVE_EXPIRY_GRACE_MS,
      ),
    )) as Buffer[];
    const [status, ...rest] = reply;
    switch (status?.toString()) {
      case 'ok': {
        const [content, kdf, files, viewsLeft, expiresAt, forgetAt] = rest as Buffer[];
        await this.#reindexForget(id, forgetAt!.toString());
        return {
          status: 'ok',
          content: new Uint8Array(content!),
          kdf: parseKdf(kdf!.toString()),
          files: JSON.parse(files!.toString()) as FileRef[],
          viewsLeft: Number(viewsLeft!.toString()),
          expiresAt: Number(expiresAt!.toString()),
        };
      }
      case 'wrong_token':
        return { status: 'wrong_token', attemptsLeft: Number(rest[0]!.toString()) };
      case 'locked':
        await this.#reindexForget(id, rest[0]!.toString());
        return { status: 'locked' };
      default:
        return { status: 'not_found' };
    }
  }

  receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    return this.#gate.run(() => this.#receipt(receiptHash, now));
  }

  async #receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    const id = await this.#run(() => this.#client.get(this.#pointerKey(receiptHash)));
    if (id === null) return null;
    const r = await this.#run(() => this.#client.hgetall(this.#receiptKey(id)));
    if (r.st === undefined) return null;
    const stored: StoredReceipt = {
      state: r.st as ReceiptState,
      createdAt: Number(r.ca),
      expiresAt: Number(r.ea),
      maxViews: Number(r.mv),
      viewsLeft: Number(r.vl),
      viewedAt: r.va ? r.va.split(',').map(Number) : [],
      failedAttempts: Number(r.fa),
      maxAttempts: Number(r.ma),
      hasPassphrase: r.pp === '1',
      endedAt: r.en ? Number(r.en) : null,
      retentionMs: Number(r.rt),
    };
    return presentReceipt(stored, now);
  }

  burn(receiptHash: string, now: number): Promise<boolean> {
    return this.#gate.run(() => this.#burn(receiptHash, now));
  }

  async #burn(receiptHash: string, now: number): Promise<boolean> {
    const id = await this.#run(() => this.#client.get(this.#pointerKey(receiptHash)));
    if (id === null) return false;
    const [known, forgetAt] = (await this.#run(() =>
      this.#call('blBurn', this.#secretKey(id), this.#receiptKey(id), now, NATIVE_EXPIRY_GRACE_MS),
    )) as string[];
    if (known !== 'known') return false;
    await this.#reindexForget(id, forgetAt ?? '');
    return true;
  }

  /**
   * Two sorted sets index ids by when they fall due: `expire` (by `expiresAt`) and `forget` (by when the
   * receipt's retention ends). Each due id is taken out of its index by exactly one caller (one script on the
   * index key), so N nodes sweeping at once share the work and count each removal once; then one script on
   * the secret's slot expires or purges it, checking the times again. An id lost by a node that crashed
   * mid-sweep is still reclaimed by native expiry.
   */
  sweep(now: number): Promise<SweepResult> {
    return this.#gate.run(() => this.#sweep(now));
  }

  async #sweep(now: number): Promise<SweepResult> {
    const expired = await this.#sweepIndex('expire', now, async (id) => {
      return (await this.#call('blExpire', this.#secretKey(id), this.#receiptKey(id), now)) === 1;
    });
    const purged = await this.#sweepIndex('forget', now, async (id) => {
      const [outcome, later] = (await this.#call(
        'blPurge',
        this.#secretKey(id),
        this.#receiptKey(id),
        now,
      )) as string[];
      if (outcome === 'later') await this.#client.zadd(this.#indexKey('forget'), later!, id);
      return outcome === 'purged';
    });
    return { expiredSecrets: expired, purgedReceipts: purged };
  }

  /** This Redis (or Cluster) for rate-limit counters shared by every node (for `buildApp({ rateLimit })`). */
  rateLimitBackend(): { redis: Redis | Cluster } {
    return { redis: this.#client };
  }

  ping(): Promise<void> {
    return this.#gate.run(() => this.#ping());
  }

  async #ping(): Promise<void> {
    const client = this.#client;
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    if (nodes.length === 0) throw new StoreUnavailableError('no Redis Cluster master is known');
    await this.#run(() => Promise.all(nodes.map((node) => node.ping())));
  }

  async close(): Promise<void> {
    await this.#gate.close();
    try {
      await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
  }

  async #sweepIndex(index: 'expire' | 'forget', now: number, handle: (id: string) => Promise<boolean>) {
    let count = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const ids = (await this.#run(() =>
        this.#call('blTakeDue', this.#indexKey(index), now, SWEEP_BATCH),
      )) as string[];
      const done = await this.#run(() => Promise.all(ids.map(handle)));
      count += done.filter(Boolean).length;
      if (ids.length < SWEEP_BATCH) break;
    }
    return count;
  }

  /**
   * After a script ended a receipt, moves its `forget` index entry to the real forget time. Best effort: the
   * claim or burn has happened and must be reported; a stale entry only purges the receipt later.
   */
  async #reindexForget(id: string, forgetAt: string): Promise<void> {
    if (forgetAt === '') return;
    await this.#client.zadd(this.#indexKey('forget'), forgetAt, id).catch(() => {});
  }

  #secretKey(id: string): string {
    return `${this.#prefix}{${id}}:s`;
  }

  #receiptKey(id: string): string {
    return `${this.#prefix}{${id}}:r`;
  }

  #pointerKey(receiptHash: string): string {
    return `${this.#prefix}rp:{${receiptHash}}`;
  }

  #indexKey(index: 'expire' | 'forget'): string {
    return `${this.#prefix}index:${index}`;
  }

  #call(name: string, ...args: (string | number | Buffer)[]): Promise<unknown> {
    const command = (this.#client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!;
    return command.apply(this.#client, args);
  }

  async #run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(operation(), this.#timeoutMs, () => new Error('Command timed out'));
    } catch (error) {
      throw unavailable(error);
    }
  }
}

/** Connects to the Redis (or Redis Cluster) at `url` and resolves once it is ready. */
export async function openRedisStore(url: string): Promise<RedisStore> {
  const target = parseRedisUrl(url);
  const client =
    target.mode === 'cluster' ? new Cluster(target.nodes, target.options) : new Redis(target.options);
  const store = new RedisStore(client, target.prefix, target.timeoutMs);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw unavailable(error);
  }
  return store;
}

/** Keeps only the driver's message, which names the failure; ioredis errors also carry the command's
 * arguments (verifiers, ciphertext) in other properties, which must not reach a log. */
function unavailable(error: unknown): StoreUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the Redis store is unavailable: ${message}`, {
    cause: new Error(message),
  });
}

function parseKdf(text: string): KdfParams | null {
  return text === '' ? null : (JSON.parse(text) as KdfParams);
}
