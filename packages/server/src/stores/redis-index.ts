import { fileMember, type IndexName } from './redis-keys.js';
import { list, NATIVE_EXPIRY_GRACE_MS, type RedisLink } from './redis-link.js';

/**
 * What must follow an atomic step in OTHER slots than the secret's: the sweep indexes and the pointers.
 * None of it is state a reader relies on, which is why it may come after the step, best effort:
 * - an index entry is a hint of when to look. It is only ever moved EARLIER (`ZADD LT`) or added: an entry
 *   too early makes the sweep's script answer 'later' and be indexed again; a lost entry leaves the keys to
 *   native expiry. So a late, lost or reordered update never makes the sweep miss its time by more than that;
 * - a pointer is immutable; only its native expiry is moved later (to outlive the file record it leads to),
 *   and it is deleted once its record is gone (a pointer to nothing reads as unknown anyway).
 *
 * @example
 * const batch = new RedisIndexBatch(link);
 * batch.forget(id, forgetAt);
 * link.followUp(() => batch.apply());
 */
export class RedisIndexBatch {
  readonly #link: RedisLink;
  readonly #work: (() => Promise<unknown>)[] = [];

  constructor(link: RedisLink) {
    this.#link = link;
  }

  /** The receipt of `id` is forgotten at `at` ('' when the step did not end it: nothing to do). */
  forget(id: string, at: string): this {
    if (at !== '') this.relist('forget', id, Number(at));
    return this;
  }

  /** Index entry `member` of `index` is due no later than `at`. */
  relist(index: IndexName, member: string, at: number): this {
    const key = this.#link.keys.index(index);
    this.#work.push(() => this.#link.client.zadd(key, 'LT', at, member));
    return this;
  }

  /**
   * File records a step kept, as the script's 'blobId=keepUntil' list: each is indexed at its keep time, and
   * its pointer lives (natively) at least as long as the record.
   */
  kept(id: string, kept: string, now: number): this {
    for (const item of list(kept)) {
      const [blobId = '', at] = item.split('=');
      const keepUntil = Number(at);
      this.relist('files', fileMember(id, blobId), keepUntil);
      const ttl = Math.max(0, keepUntil - now) + NATIVE_EXPIRY_GRACE_MS;
      this.#work.push(() => this.#link.script('blKeepPointer', [this.#link.keys.blobPointer(blobId)], [ttl]));
    }
    return this;
  }

  /** File records a step deleted: their pointers and index entries go too. */
  deleted(id: string, blobIds: string[]): this {
    const { client, keys } = this.#link;
    for (const blobId of blobIds) {
      this.#work.push(() => client.del(keys.blobPointer(blobId)));
      this.#work.push(() => client.zrem(keys.index('files'), fileMember(id, blobId)));
    }
    return this;
  }

  /** A receipt the sweep purged: its pointer goes. */
  receiptGone(receiptHash: string): this {
    if (receiptHash !== '')
      this.#work.push(() => this.#link.client.del(this.#link.keys.receiptPointer(receiptHash)));
    return this;
  }

  /** Any other follow-up of the step (a request's pointer the sweep purged). */
  also(work: () => Promise<unknown>): this {
    this.#work.push(work);
    return this;
  }

  get empty(): boolean {
    return this.#work.length === 0;
  }

  /** Sends every update at once; resolves when all settled, whatever failed. */
  async apply(): Promise<void> {
    await Promise.allSettled(this.#work.map(async (work) => work()));
  }

  /** Sends the updates as a follow-up of `link` (not awaited by the step's caller). */
  send(): void {
    if (!this.empty) this.#link.followUp(() => this.apply());
  }
}
