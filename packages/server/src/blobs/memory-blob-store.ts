import { StoreUnavailableError } from '../stores/secret-store.js';
import { checkReadArgs, checkWriteArgs, isBlobId } from './blob-args.js';
import { pump } from './blob-source.js';
import { BlobNotFoundError, type BlobStore, type WriteResult } from './blob-store.js';

/**
 * A blob's bytes as a list of chunks. Copy on write: a stored chunk is never changed, and cutting a blob
 * (a write at an offset before its end) makes a new list, so a read holding the old list keeps yielding the
 * bytes it started with. Appending in place is safe: a read never looks past the `size` it started with.
 */
interface MemoryBlob {
  chunks: Uint8Array[];
  size: number;
}

/**
 * Blobs in this process's memory: for tests and the ephemeral `memory:` mode only (a restart forgets
 * everything, and whole blobs sit in memory). Each step runs without an `await` between its check and its
 * change, so on Node's single thread it is atomic.
 *
 * @example
 * const blobs = new MemoryBlobStore();
 * await blobs.write(blobId, 0, source, maxBytes);
 */
export class MemoryBlobStore implements BlobStore {
  readonly #blobs = new Map<string, MemoryBlob>();
  #closed = false;

  async write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<WriteResult> {
    this.#open();
    checkWriteArgs(blobId, offset, maxBytes);
    const found = this.#blobs.get(blobId);
    if ((found?.size ?? 0) < offset) throw new BlobNotFoundError();
    const blob = found ? cut(found, offset) : { chunks: [], size: 0 };
    this.#blobs.set(blobId, blob);
    return pump(source, maxBytes, async (chunk) => {
      this.#open();
      // A copy: the caller may reuse its buffer once the write moved on.
      blob.chunks.push(new Uint8Array(chunk));
      blob.size += chunk.byteLength;
    });
  }

  async read(blobId: string, start: number, end: number): Promise<AsyncIterable<Uint8Array>> {
    this.#open();
    checkReadArgs(blobId, start, end);
    const blob = this.#blobs.get(blobId);
    if (!blob || blob.size < end) throw new BlobNotFoundError();
    return slices(blob.chunks, start, end, () => this.#open());
  }

  async delete(blobIds: string[]): Promise<void> {
    this.#open();
    for (const id of blobIds) if (isBlobId(id)) this.#blobs.delete(id);
  }

  async list(): Promise<string[]> {
    this.#open();
    return [...this.#blobs.keys()];
  }

  async ping(): Promise<void> {
    this.#open();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#blobs.clear();
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError('the memory blob store is closed');
  }
}

/** The first `offset` bytes of `blob`, as a new list (the old one stays intact for reads under way). */
function cut(blob: MemoryBlob, offset: number): MemoryBlob {
  if (blob.size === offset) return blob;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const chunk of blob.chunks) {
    if (size === offset) break;
    const part = size + chunk.byteLength <= offset ? chunk : chunk.subarray(0, offset - size);
    chunks.push(part);
    size += part.byteLength;
  }
  return { chunks, size };
}

async function* slices(
  chunks: readonly Uint8Array[],
  start: number,
  end: number,
  checkOpen: () => void,
): AsyncIterable<Uint8Array> {
  let position = 0;
  for (const chunk of chunks) {
    if (position >= end) return;
    const from = Math.max(start - position, 0);
    const to = Math.min(end - position, chunk.byteLength);
    position += chunk.byteLength;
    if (from >= to) continue;
    checkOpen();
    yield chunk.slice(from, to);
  }
}
