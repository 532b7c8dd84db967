import { BlobNotFoundError } from '../blobs/blob-store.js';
import { ApiError } from '../errors.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { grantHash } from '../tokens.js';
import { deleteBlobsAfterRecords } from './blob-cleanup.js';
import { type Caller, withCaller } from './events.js';
import { holdLease, type LeaseTiming, newLease } from './lease.js';
import type { ServiceDeps } from './secret-service.js';

/** An open download: the bytes to send, and `finish()` to call once the response finished or broke off. */
export interface Download {
  size: number;
  start: number;
  /** Exclusive. */
  end: number;
  body: AsyncIterable<Uint8Array>;
  /** `sent`: every byte of the body went out. Releases the lease, or records the delivery. Never throws. */
  finish(sent: boolean): Promise<void>;
}

export type RangeParser = (size: number) => { start: number; end: number };

/**
 * Downloads with a claim's grant. One request is:
 * 1. `startDownload` — the (grant, file) reader lease (one store step); a second request with the same grant
 *    for the same file meanwhile answers 409 `download_in_progress`, so a grant never yields two copies;
 * 2. the bytes, read from the BlobStore while the lease is renewed;
 * 3. `finishDownload` — a response that sent through the file's last byte records the delivery (and, when no
 *    delivery is possible any more, deletes the file's record: its bytes go right after); an interrupted one
 *    only releases the lease, and the grant resumes with Range (one store step).
 * A crash during 2 leaves a lease that frees itself after `leaseMs`; then the grant can resume.
 */
export class DownloadService {
  readonly #d: ServiceDeps;
  readonly #timing: LeaseTiming;

  constructor(deps: ServiceDeps, timing: LeaseTiming) {
    this.#d = deps;
    this.#timing = timing;
  }

  /**
   * Opens the download of `blobId` for the holder of `grant` (the token as presented). `range` turns the size
   * into the bytes to send (and throws 416 itself). `head`: answer the size without taking the download.
   */
  async open(
    blobId: string,
    grant: string | null,
    range: RangeParser,
    head = false,
    caller?: Caller,
  ): Promise<Download> {
    const { store, blobs, now } = this.#d;
    const hash = grant === null ? null : grantHash(grant);
    if (hash === null) throw new ApiError('file_not_found');
    const lease = newLease(now(), this.#timing);
    const started = await store.startDownload(blobId, hash, lease, now());
    if (started.status === 'in_progress') throw new ApiError('download_in_progress');
    if (started.status === 'not_found') throw new ApiError('file_not_found');
    const release = () => store.finishDownload(blobId, hash, lease.id, false, now()).catch(() => undefined);

    let start: number;
    let end: number;
    try {
      ({ start, end } = range(started.size));
    } catch (error) {
      await release();
      throw error;
    }
    if (head) {
      await release();
      return { size: started.size, start, end, body: noBytes(), finish: async () => {} };
    }
    let body: AsyncIterable<Uint8Array>;
    try {
      body = end === start ? noBytes() : await blobs.read(blobId, start, end);
    } catch (error) {
      await release();
      // Deleted between the grant check and the read (a burn): the same answer as a used-up grant.
      if (error instanceof BlobNotFoundError) throw new ApiError('file_not_found');
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError('the blob store failed', { cause: error });
    }
    const held = holdLease(store, { blobId, grantHash: hash }, lease, { ...this.#timing, now });
    const guarded = guardedBody(body, held);
    let ended = false;
    return {
      size: started.size,
      start,
      end,
      body: guarded.body,
      finish: async (sent: boolean) => {
        if (ended) return;
        ended = true;
        held.stop();
        await guarded.close();
        const delivered = sent && end === started.size && !held.lost;
        try {
          const finished = await store.finishDownload(blobId, hash, lease.id, delivered, now());
          if (finished.status !== 'ok') return;
          const at = now();
          this.#d.events.emit({
            type: 'file.bytes',
            secretId: finished.secretId,
            at,
            file: finished.index,
            direction: 'download',
            bytes: sent ? end - start : 0,
          });
          if (!delivered) return;
          this.#d.events.emit({
            type: 'file.downloaded',
            secretId: finished.secretId,
            at,
            file: finished.index,
            ...withCaller(caller),
          });
          if (finished.deleteBlob) await deleteBlobsAfterRecords(this.#d, [blobId]);
        } catch (error) {
          // The lease frees itself after leaseMs; a delivery not recorded can be downloaded again until then.
          this.#d.warn('could not record the end of a download', error);
        }
      },
    };
  }
}

/**
 * The body with two guarantees an async generator cannot give: the blob's reader is closed by `close()` even
 * when the response broke off before the first chunk was asked for (no file handle left open), and the stream
 * fails at the next chunk once the lease is lost.
 */
function guardedBody(body: AsyncIterable<Uint8Array>, held: { readonly lost: boolean }) {
  const inner = body[Symbol.asyncIterator]();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await inner.return?.().catch(() => undefined);
  };
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      if (held.lost) {
        await close();
        throw new Error('the download lease was taken over');
      }
      return inner.next();
    },
    async return() {
      await close();
      return { done: true, value: undefined };
    },
  };
  return { body: { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<Uint8Array>, close };
}

async function* noBytes(): AsyncIterable<Uint8Array> {}
