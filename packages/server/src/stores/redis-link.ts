import type { Cluster, Redis } from 'ioredis';
import { withDeadline } from './deadline.js';
import { isToken, RedisKeys } from './redis-keys.js';
import { REDIS_SCRIPTS, type ScriptName, scriptSource } from './redis-scripts.js';
import { StoreUnavailableError } from './secret-store.js';

/**
 * How long native expiry waits past a key's logical end. Native expiry is the backstop when no node sweeps:
 * keys carry a TTL of their logical lifetime plus this grace, relative to when they are written — so it never
 * removes a key before its time, even for a caller with an injected clock, and leaves the sweeper (which
 * runs far more often) time to count the removal and mark the receipt.
 */
export const NATIVE_EXPIRY_GRACE_MS = 60 * 60_000;

export type Arg = string | number | Buffer;

/**
 * The connection as the Redis store's parts use it: its key names, its scripts, a deadline on every call,
 * errors turned into `StoreUnavailableError`, and follow-ups — best-effort writes to other slots after an
 * atomic step (sweep index, pointer expiry) that must not delay the step's answer.
 */
export class RedisLink {
  readonly client: Redis | Cluster;
  readonly keys: RedisKeys;
  readonly #timeoutMs: number;
  readonly #followUps = new Set<Promise<unknown>>();

  constructor(client: Redis | Cluster, prefix: string, timeoutMs: number) {
    this.client = client;
    this.keys = new RedisKeys(prefix);
    this.#timeoutMs = timeoutMs;
    for (const name of Object.keys(REDIS_SCRIPTS) as ScriptName[]) {
      client.defineCommand(name, { numberOfKeys: REDIS_SCRIPTS[name].keys, lua: scriptSource(name) });
    }
  }

  /** Runs `operation` under the store's deadline; any failure becomes `StoreUnavailableError`. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(operation(), this.#timeoutMs, () => new Error('Command timed out'));
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Runs a script with string replies (see `redis-scripts.ts` for each one's KEYS, ARGV and reply). */
  script(name: ScriptName, keys: string[], args: Arg[]): Promise<unknown> {
    return this.run(() => this.#command(name)(...keys, ...args));
  }

  /** The same with Buffer replies, for scripts that return bytes. */
  scriptBuffer(name: ScriptName, keys: string[], args: Arg[]): Promise<unknown> {
    return this.run(() => this.#command(`${name}Buffer`)(...keys, ...args));
  }

  /** The secret a blob id points to, or null (unknown, or not a blob id at all). */
  async secretOfBlob(blobId: string): Promise<string | null> {
    if (!isToken(blobId)) return null;
    return this.run(() => this.client.get(this.keys.blobPointer(blobId)));
  }

  /** The secret a receipt hash points to, or null. */
  async secretOfReceipt(receiptHash: string): Promise<string | null> {
    if (!isToken(receiptHash)) return null;
    return this.run(() => this.client.get(this.keys.receiptPointer(receiptHash)));
  }

  /**
   * Starts `work` without waiting for it; its failure is ignored (what it maintains is a hint or a backstop,
   * see `RedisIndexBatch`). Commands it sends in this turn go out before any command issued later on the
   * same connection, so this process's next sweep sees them.
   */
  followUp(work: () => Promise<unknown>): void {
    const promise = work().catch(() => {});
    this.#followUps.add(promise);
    void promise.finally(() => this.#followUps.delete(promise));
  }

  /** Resolves once every follow-up started so far has settled (for `close`). */
  async followUpsSettled(): Promise<void> {
    await Promise.allSettled([...this.#followUps]);
  }

  #command(name: string): (...args: Arg[]) => Promise<unknown> {
    const client = this.client as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>;
    const command = client[name];
    if (!command) throw new Error(`unknown Redis script ${name}`);
    return command.bind(this.client);
  }
}

/** Keeps only the driver's message, which names the failure; ioredis errors also carry the command's
 * arguments (verifiers, ciphertext) in other properties, which must not reach a log. */
export function unavailable(error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the Redis store is unavailable: ${message}`, {
    cause: new Error(message),
  });
}

/** A script reply as strings (Buffers decoded as UTF-8; only the content is binary, and it is read apart). */
export function strings(reply: unknown): string[] {
  return (reply as (string | Buffer)[]).map((item) => item.toString());
}

/** A comma-separated list from a reply ('' is empty). */
export function list(text: string | undefined): string[] {
  return text ? text.split(',') : [];
}
