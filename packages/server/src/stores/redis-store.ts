import type { KdfParams } from '@burnlink/core';
import { Cluster, Redis } from 'ioredis';
import { presentReceipt, type StoredReceipt } from './receipt-rules.js';
import { BURN_SCRIPT, CLAIM_SCRIPT, CREATE_SCRIPT, EXPIRE_SCRIPT } from './redis-scripts.js';
import { parseRedisUrl } from './redis-url.js';
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

/**
 * Redis / Valkey store, standalone or Cluster (URL syntax in `redis-url.ts`).
 *
 * Key layout — every key of one secret carries the hash tag `{<id>}`, so they share a hash slot and one Lua
 * script can update them atomically on Redis Cluster:
 * - `<prefix>{<id>}:s` the secret (hash), native expiry at its `expiresAt`;
 * - `<prefix>{<id>}:r` its receipt (hash), native expiry at the end of its retention;
 * - `<prefix>rp:{<receiptHash>}` → `<id>`, a pointer from the receipt hash to the secret's slot.
 *
 * Why the pointer: a receipt is looked up by the hash of a token the server cannot choose, so a key named
 * after that hash lands in an arbitrary slot and no script could update it together with the secret. The
 * pointer never changes once written, so reading it and then running the script on the secret's slot is as
 * atomic as one script. It expires at the latest moment the receipt may still be needed (`expiresAt` +
 * retention); a pointer to a receipt already forgotten simply reads as unknown.
 *
 * Expiry: Redis removes expired keys by itself; every script also compares `expiresAt` with the caller's `now`
 * (promise 5), and a pending receipt whose secret has expired reads as `expired` (ended at `expiresAt`), so
 * `sweep` has nothing that must be done and costs nothing with N nodes (see `sweep`).
 */
export class RedisStore implements SecretStore {
  readonly #client: Redis | Cluster;
  readonly #prefix: string;

  constructor(client: Redis | Cluster, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
    client.on('error', () => {
      // Connection errors surface as rejected commands (StoreUnavailableError); the client reconnects by itself.
    });
    client.defineCommand('blCreate', { numberOfKeys: 2, lua: CREATE_SCRIPT });
    client.defineCommand('blClaim', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    client.defineCommand('blBurn', { numberOfKeys: 2, lua: BURN_SCRIPT });
    client.defineCommand('blExpire', { numberOfKeys: 2, lua: EXPIRE_SCRIPT });
  }

  async create(secret: NewSecret): Promise<void> {
    const ttl = Math.max(1, secret.expiresAt - secret.createdAt);
    const pointerTtl = ttl + secret.receiptRetentionMs;
    const args = [
      ttl,
      pointerTtl,
      Buffer.from(secret.verifier),
      secret.linkVerifier ? Buffer.from(secret.linkVerifier) : '',
      secret.kdf ? JSON.stringify(secret.kdf) : '',
      Buffer.from(secret.content),
      JSON.stringify(secret.files),
      secret.content.byteLength,
      secret.expiresAt,
      secret.maxViews,
      secret.maxAttempts,
      secret.createdAt,
      secret.receiptRetentionMs,
    ];
    const [created] = await this.#run(() =>
      Promise.all([
        this.#call('blCreate', this.#secretKey(secret.id), this.#receiptKey(secret.id), ...args),
        this.#client.set(this.#pointerKey(secret.receiptHash), secret.id, 'PX', pointerTtl),
      ]),
    );
    if (created !== 1) throw new Error('a secret with this id exists already');
  }

  async peek(id: string, now: number): Promise<SecretInfo | null> {
    const fields = ['ea', 'mv', 'vl', 'k', 'sz', 'f'] as const;
    const values = await this.#run(() => this.#client.hmget(this.#secretKey(id), ...fields));
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

  async claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    const link = presented.linkVerifier ? Buffer.from(presented.linkVerifier) : '';
    const reply = (await this.#run(() =>
      this.#call(
        `blClaimBuffer`,
        this.#secretKey(id),
        this.#receiptKey(id),
        now,
        Buffer.from(presented.verifier),
        link,
      ),
    )) as Buffer[];
    const status = reply[0]?.toString();
    if (status === 'ok') {
      const [, content, kdf, files, viewsLeft, expiresAt] = reply as Buffer[];
      return {
        status: 'ok',
        content: new Uint8Array(content!),
        kdf: parseKdf(kdf!.toString()),
        files: JSON.parse(files!.toString()) as FileRef[],
        viewsLeft: Number(viewsLeft!.toString()),
        expiresAt: Number(expiresAt!.toString()),
      };
    }
    if (status === 'wrong_token') return { status, attemptsLeft: Number(reply[1]!.toString()) };
    if (status === 'locked') return { status };
    return { status: 'not_found' };
  }

  async receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
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

  async burn(receiptHash: string, now: number): Promise<boolean> {
    const id = await this.#run(() => this.#client.get(this.#pointerKey(receiptHash)));
    if (id === null) return false;
    const burned = await this.#run(() =>
      this.#call('blBurn', this.#secretKey(id), this.#receiptKey(id), now),
    );
    return burned === 1;
  }

  /**
   * Nothing to do: Redis expires secrets and receipts natively and every read compares times with `now`.
   * So sweeping is free and cannot conflict between nodes; it reports nothing removed.
   */
  async sweep(_now: number): Promise<SweepResult> {
    return { expiredSecrets: 0, purgedReceipts: 0 };
  }

  async ping(): Promise<void> {
    const client = this.#client;
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    if (nodes.length === 0) throw new StoreUnavailableError('no Redis Cluster master is known');
    await this.#run(() => Promise.all(nodes.map((node) => node.ping())));
  }

  async close(): Promise<void> {
    try {
      await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
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

  #call(name: string, ...args: (string | number | Buffer)[]): Promise<unknown> {
    const command = (this.#client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!;
    return command.apply(this.#client, args);
  }

  async #run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
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
  const store = new RedisStore(client, target.prefix);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw unavailable(error);
  }
  return store;
}

/** Keeps only the message: ioredis errors may carry the command's arguments (verifiers, ciphertext). */
function unavailable(error: unknown): StoreUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError('the Redis store is unavailable', { cause: new Error(message) });
}

function parseKdf(text: string): KdfParams | null {
  return text === '' ? null : (JSON.parse(text) as KdfParams);
}
