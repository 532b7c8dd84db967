import { BlobNotFoundError, BlobStorageFullError } from '../blobs/blob-store.js';
import { ApiError } from '../errors.js';
import { StoreUnavailableError, type UploadState } from '../stores/secret-store.js';
import { deleteBlobsAfterRecords } from './blob-cleanup.js';
import { type Caller, withCaller } from './events.js';
import { holdLease, type LeaseTiming, newLease } from './lease.js';
import { refuseBelowWatermark, type ServiceDeps } from './secret-service.js';

export interface WriteOutcome {
  /** Where the upload stands now (recorded). */
  offset: number;
  /** This request completed the secret's last file: the secret exists (it can be peeked and claimed). */
  ready: boolean;
  /** The client went away mid-body: what arrived is recorded and the request needs no answer. */
  clientGone: boolean;
  /** While unfinished: when the upload expires unless it makes progress (tus Upload-Expires). */
  expiresAt: number | null;
}

/**
 * The upload steps of a staged secret (tus PATCH, HEAD, DELETE). One PATCH is:
 * 1. `startUpload` — the writer lease at the recorded offset (one store step);
 * 2. the bytes to the BlobStore at that offset, durable when the write resolves (no store step);
 * 3. `finishUpload` — records the new offset, releases the lease and, with the last byte of the last file,
 *    makes the secret live (one store step).
 * A crash after 1 leaves a lease that frees itself after `leaseMs`; after 2, bytes past the recorded offset
 * that the resumed upload overwrites. Neither can make a secret live that a burn or cancel ended, and
 * `ready` is answered only by the step that made the secret live.
 */
export class UploadService {
  readonly #d: ServiceDeps;
  readonly #timing: LeaseTiming;

  constructor(deps: ServiceDeps, timing: LeaseTiming) {
    this.#d = deps;
    this.#timing = timing;
  }

  async state(blobId: string): Promise<UploadState> {
    const upload = await this.#d.store.upload(blobId, this.#d.now());
    if (upload === null) throw new ApiError('upload_not_found');
    return upload;
  }

  /** Appends `source` at `offset`. `clientGone` requests cannot be answered; every other failure throws. */
  async write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    caller?: Caller,
  ): Promise<WriteOutcome> {
    const { store, blobs, now } = this.#d;
    const lease = newLease(now(), this.#timing);
    const started = await store.startUpload(blobId, offset, lease, now());
    switch (started.status) {
      case 'ok':
        break;
      case 'sealed':
        // A retried last PATCH whose first answer was lost: the secret exists, say so again.
        if (offset === started.length) return { offset, ready: true, clientGone: false, expiresAt: null };
        throw new ApiError('upload_finished');
      case 'busy':
        throw offsetError(
          started.offset,
          'Another request is writing this upload right now; retry in a moment (HEAD tells the offset).',
        );
      case 'offset_mismatch':
        throw offsetError(
          started.offset,
          `Upload-Offset is ${offset}, but the upload stands at ${started.offset}.`,
        );
      default:
        throw new ApiError('upload_not_found');
    }
    if (started.length > offset) {
      try {
        await refuseBelowWatermark(
          this.#d,
          'The server is low on file storage (below its free-space watermark): nothing of this PATCH was written; HEAD tells where the upload stands. Retry later.',
        );
      } catch (error) {
        // Nothing was written: release the lease at the old offset so that a retry can start at once.
        await store.finishUpload(blobId, lease.id, offset, now()).catch(() => undefined);
        throw error;
      }
    }

    const held = holdLease(store, { blobId, grantHash: null }, lease, { ...this.#timing, now });
    let result: Awaited<ReturnType<typeof blobs.write>>;
    try {
      result = await blobs.write(blobId, offset, stopWhenLost(source, held), started.length - offset);
    } catch (error) {
      held.stop();
      // Nothing of this write counts: release the lease at the old offset so that a retry can start at once.
      await store.finishUpload(blobId, lease.id, offset, now()).catch(() => undefined);
      if (error instanceof BlobStorageFullError) throw new ApiError('insufficient_storage');
      if (error instanceof BlobNotFoundError) {
        // The bytes the record counts are gone (removed behind the server's back): this upload cannot be
        // completed, so the unfinished secret goes, and the client learns it at once instead of retrying.
        await this.#cancel(blobId, 'cancelled', caller).catch(() => undefined);
        throw new ApiError('upload_not_found');
      }
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError('the blob store failed', { cause: error });
    } finally {
      held.stop();
    }

    if (result.outcome === 'too_large') {
      await this.#cancel(blobId, 'too_large', caller);
      throw new ApiError(
        'upload_too_large',
        `The upload went past its declared ${started.length} bytes: it was cut, and the unfinished secret removed.`,
      );
    }
    const reached = offset + result.written;
    const finished = await store.finishUpload(blobId, lease.id, reached, now());
    if (finished.status === 'not_found') {
      // Burned, cancelled or expired while the bytes came in: they have no record now.
      await deleteBlobsAfterRecords(this.#d, [blobId]);
      throw new ApiError('upload_not_found');
    }
    if (finished.status === 'lease_lost') {
      throw offsetError(
        reached,
        'This request stalled and another one took the upload over; HEAD tells the offset.',
      );
    }
    if (result.written > 0) {
      this.#d.events.emit({
        type: 'file.bytes',
        secretId: started.secretId,
        at: now(),
        file: started.index,
        direction: 'upload',
        bytes: result.written,
      });
    }
    return {
      offset: finished.offset,
      ready: finished.sealed,
      clientGone: result.outcome === 'source_failed',
      expiresAt: finished.sealed ? null : finished.expiresAt,
    };
  }

  /** tus termination: cancels the staged secret with every file. */
  async cancel(blobId: string, caller?: Caller): Promise<void> {
    await this.#cancel(blobId, 'cancelled', caller);
  }

  async #cancel(
    blobId: string,
    reason: 'cancelled' | 'too_large',
    caller: Caller | undefined,
  ): Promise<void> {
    const at = this.#d.now();
    const outcome = await this.#d.store.cancelUpload(blobId, at);
    if (outcome.status === 'sealed') throw new ApiError('upload_finished');
    if (outcome.status === 'not_found') throw new ApiError('upload_not_found');
    await deleteBlobsAfterRecords(this.#d, outcome.blobIds);
    this.#d.events.emit({
      type: 'upload.cancelled',
      secretId: outcome.secretId,
      at,
      reason,
      ...withCaller(caller),
    });
  }
}

function offsetError(current: number, message: string): ApiError {
  return new ApiError('upload_offset_mismatch', message, {}, { 'Upload-Offset': String(current) });
}

/** The request body, ended with an error as soon as the lease is lost (another request took over). */
async function* stopWhenLost(
  source: AsyncIterable<Uint8Array>,
  held: { readonly lost: boolean },
): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    if (held.lost) throw new Error('the upload lease was taken over');
    yield chunk;
  }
}
