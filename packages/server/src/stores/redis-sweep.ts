import { RedisIndexBatch } from './redis-index.js';
import { type IndexName, isToken, parseFileMember } from './redis-keys.js';
import { list, NATIVE_EXPIRY_GRACE_MS, type RedisLink, strings, unavailable } from './redis-link.js';
import type { SweepResult } from './secret-store.js';

/** Entries per round trip, and rounds per index per sweep: a sweep stays short however far behind it is. */
const SWEEP_BATCH = 200;
const SWEEP_MAX_BATCHES = 25;
/** Blob ids per `knownBlobs` round trip: an orphan scan of any size stays within the deadline of each. */
const KNOWN_BLOBS_SLICE = 1000;

/**
 * The sweep of the Redis store and the orphan check (`knownBlobs`). Three sorted sets index when to look at
 * a secret (`expire`), its receipt (`forget`) and each file record (`files`). Each due entry is taken out
 * of its index by exactly one caller (one script on the index key), so N nodes sweeping at once share the
 * work; then one script on the secret's slot decides with the caller's clock and deletes, so each expired
 * id and each blob id is reported by the one call whose script deleted it. An entry whose script failed is
 * put back, due at once; an entry lost with a node that crashed mid-sweep leaves its keys to native expiry.
 */
export class RedisSweep {
  readonly #link: RedisLink;

  constructor(link: RedisLink) {
    this.#link = link;
  }

  async sweep(now: number): Promise<SweepResult> {
    const result: SweepResult = {
      expiredIds: [],
      purgedReceipts: 0,
      blobIds: [],
      expiredRequestIds: [],
      purgedRequests: 0,
    };
    const { keys } = this.#link;
    const grace = NATIVE_EXPIRY_GRACE_MS;
    await this.#drain('expire', now, async (id, batch) => {
      if (!isToken(id)) return;
      const reply = await this.#link.script('blExpire', [keys.secret(id), keys.receipt(id)], [now, grace]);
      const [outcome, first, second, forgetAt] = strings(reply);
      if (outcome === 'later') batch.relist('expire', id, Number(first));
      if (outcome !== 'expired') return;
      result.expiredIds.push(id);
      if (forgetAt) batch.relist('forget', id, Number(forgetAt));
      this.#filesEnded(id, first, second, now, result, batch);
    });
    await this.#drain('forget', now, async (id, batch) => {
      if (!isToken(id)) return;
      const reply = await this.#link.script('blPurge', [keys.secret(id), keys.receipt(id)], [now, grace]);
      const [outcome, first, receiptHash = '', deleted, kept] = strings(reply);
      if (outcome === 'later') batch.relist('forget', id, Number(first));
      if (outcome !== 'purged') return;
      result.purgedReceipts += 1;
      if (first === '1') result.expiredIds.push(id);
      batch.receiptGone(receiptHash);
      this.#filesEnded(id, deleted, kept, now, result, batch);
    });
    await this.#drain('files', now, async (member, batch) => {
      const entry = parseFileMember(member);
      if (!entry || !isToken(entry.id) || !isToken(entry.blobId)) return;
      const fileKeys = [keys.secret(entry.id), keys.file(entry.id, entry.blobId)];
      const [outcome, keepUntil] = strings(await this.#link.script('blCheckFile', fileKeys, [now, grace]));
      // Indexed again, and its pointer kept as long: a second chance if a claim's follow-up was lost.
      if (outcome === 'later') batch.kept(entry.id, `${entry.blobId}=${keepUntil}`, now);
      if (outcome !== 'deleted') return;
      result.blobIds.push(entry.blobId);
      batch.deleted(entry.id, [entry.blobId]);
    });
    await this.#drain('requests', now, async (id, batch) => {
      if (!isToken(id)) return;
      const reply = await this.#link.script('blSweepRequest', [keys.request(id)], [now]);
      const [expired, purged, receiptHash = '', next] = strings(reply);
      if (expired === '1') result.expiredRequestIds.push(id);
      if (purged === '1') {
        result.purgedRequests += 1;
        if (receiptHash !== '') batch.also(() => this.#link.client.del(keys.requestPointer(receiptHash)));
      }
      if (next) batch.relist('requests', id, Number(next));
    });
    return result;
  }

  /** Which of `blobIds` still have a file record: per slice, the pointers, then the records they lead to. */
  async knownBlobs(blobIds: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    const candidates = blobIds.filter(isToken);
    for (let start = 0; start < candidates.length; start += KNOWN_BLOBS_SLICE) {
      const slice = candidates.slice(start, start + KNOWN_BLOBS_SLICE);
      for (const blobId of await this.#known(slice)) known.add(blobId);
    }
    return known;
  }

  async #known(blobIds: string[]): Promise<string[]> {
    const { client, keys } = this.#link;
    const ids = await this.#link.run(() =>
      Promise.all(blobIds.map((blobId) => client.get(keys.blobPointer(blobId)))),
    );
    const pointed = blobIds.flatMap((blobId, i) => (ids[i] ? [{ blobId, id: ids[i] }] : []));
    const found = await this.#link.run(() =>
      Promise.all(pointed.map(({ blobId, id }) => client.exists(keys.file(id, blobId)))),
    );
    return pointed.filter((_, i) => found[i] === 1).map(({ blobId }) => blobId);
  }

  /** The file records a secret's ending deleted (reported) and kept (indexed at their keep time). */
  #filesEnded(
    id: string,
    deleted: string | undefined,
    kept: string | undefined,
    now: number,
    result: SweepResult,
    batch: RedisIndexBatch,
  ): void {
    const blobIds = list(deleted);
    result.blobIds.push(...blobIds);
    batch.deleted(id, blobIds).kept(id, kept ?? '', now);
  }

  /** Takes the due entries of one index batch by batch and handles each; index updates follow each batch. */
  async #drain(
    index: IndexName,
    now: number,
    handle: (member: string, batch: RedisIndexBatch) => Promise<void>,
  ): Promise<void> {
    const indexKey = this.#link.keys.index(index);
    for (let round = 0; round < SWEEP_MAX_BATCHES; round++) {
      const due = strings(await this.#link.script('blTakeDue', [indexKey], [now, SWEEP_BATCH]));
      const batch = new RedisIndexBatch(this.#link);
      const outcomes = await Promise.allSettled(due.map((member) => handle(member, batch)));
      const failed = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [i] : []));
      for (const i of failed) batch.relist(index, due[i]!, now);
      await batch.apply();
      if (failed.length > 0) throw unavailable((outcomes[failed[0]!] as PromiseRejectedResult).reason);
      if (due.length < SWEEP_BATCH) break;
    }
  }
}
