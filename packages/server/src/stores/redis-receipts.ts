import { presentReceipt, type StoredReceipt } from './receipt-rules.js';
import { RedisIndexBatch } from './redis-index.js';
import { list, NATIVE_EXPIRY_GRACE_MS, type RedisLink, strings } from './redis-link.js';
import type { BurnOutcome, DownloadEvent, ReceiptInfo, ReceiptState } from './secret-store.js';

const UNKNOWN_BURN: BurnOutcome = { known: false, secretId: null, ended: false, blobIds: [] };

/**
 * receipt and burn of the Redis store: the calls that name a secret by its receipt hash. Each reads the
 * receipt's pointer (immutable, so reading it first is as atomic as reading it in the script), then reads
 * or changes the secret's slot in one step. Called by `RedisStore` inside its operation gate.
 */
export class RedisReceipts {
  readonly #link: RedisLink;

  constructor(link: RedisLink) {
    this.#link = link;
  }

  async receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    const id = await this.#link.secretOfReceipt(receiptHash);
    if (id === null) return null;
    const key = this.#link.keys.receipt(id);
    const r = await this.#link.run(() => this.#link.client.hgetall(key));
    // A receipt written before the receipt hash was recorded (`rh`) is trusted to its pointer.
    if (r.st === undefined || (r.rh !== undefined && r.rh !== receiptHash)) return null;
    const stored: StoredReceipt = {
      state: r.st as ReceiptState,
      createdAt: Number(r.ca),
      expiresAt: Number(r.ea),
      maxViews: Number(r.mv),
      viewsLeft: Number(r.vl),
      viewedAt: list(r.va).map(Number),
      failedAttempts: Number(r.fa),
      maxAttempts: Number(r.ma),
      hasPassphrase: r.pp === '1',
      endedAt: r.en ? Number(r.en) : null,
      downloads: list(r.dl).map(parseDownload),
      retentionMs: Number(r.rt),
    };
    return presentReceipt(stored, now);
  }

  async burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    const id = await this.#link.secretOfReceipt(receiptHash);
    if (id === null) return UNKNOWN_BURN;
    const { keys } = this.#link;
    const reply = await this.#link.script(
      'blBurn',
      [keys.secret(id), keys.receipt(id)],
      [now, NATIVE_EXPIRY_GRACE_MS, receiptHash],
    );
    const [known, ended, forgetAt = '', deleted] = strings(reply);
    if (known !== 'known') return UNKNOWN_BURN;
    const blobIds = list(deleted);
    new RedisIndexBatch(this.#link).forget(id, forgetAt).deleted(id, blobIds).send();
    return { known: true, secretId: id, ended: ended === '1', blobIds };
  }
}

function parseDownload(item: string): DownloadEvent {
  const [file, at] = item.split(':');
  return { file: Number(file), at: Number(at) };
}
