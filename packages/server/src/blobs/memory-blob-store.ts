import type { NewSecret } from '../stores/secret-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { blobIsDue, checkStageable, copySecret, logForgetAt } from './blob-rules.js';
import {
  BlobNotFoundError,
  BlobOffsetError,
  BlobSealedError,
  type BlobStore,
  type BlobSweepResult,
  BlobTooLargeError,
  type DownloadEvent,
  type UploadState,
} from './blob-store.js';

interface MemorySecret {
  /** The staged record; dropped at the first grant (the SecretStore has it by then). */
  secret: NewSecret | null;
  blobIds: string[];
  receiptHash: string;
  expiresAt: number;
  forgetAt: number;
  sealed: boolean;
}

interface MemoryBlob {
  secretId: string;
  index: number;
  length: number;
  offset: number;
  chunks: Uint8Array[];
  lastView: boolean;
  /** grant hash → expiry */
  grants: Map<string, number>;
}

/**
 * Keeps blobs in this process's memory, as arrays of chunks: for tests and the ephemeral `memory:` mode only
 * (a restart forgets everything). Every check and update runs without an `await` in between, so on Node's
 * single thread each step is atomic; a write re-checks the offset before appending each chunk.
 *
 * @example
 * const blobs = new MemoryBlobStore();
 * await blobs.stage(secret);
 */
export class MemoryBlobStore implements BlobStore {
  readonly #secrets = new Map<string, MemorySecret>();
  readonly #blobs = new Map<string, MemoryBlob>();
  /** receipt hash → secret id, while the secret has a record here. */
  readonly #receipts = new Map<string, string>();
  readonly #logs = new Map<string, { forgetAt: number; events: DownloadEvent[] }>();
  #closed = false;

  async stage(secret: NewSecret): Promise<void> {
    this.#open();
    checkStageable(secret);
    if (this.#secrets.has(secret.id) || secret.files.some((file) => this.#blobs.has(file.id))) {
      throw new Error('a staged secret or blob with this id already exists');
    }
    this.#secrets.set(secret.id, {
      secret: copySecret(secret),
      blobIds: secret.files.map((file) => file.id),
      receiptHash: secret.receiptHash,
      expiresAt: secret.expiresAt,
      forgetAt: logForgetAt(secret),
      sealed: false,
    });
    this.#receipts.set(secret.receiptHash, secret.id);
    secret.files.forEach((file, index) => {
      this.#blobs.set(file.id, {
        secretId: secret.id,
        index,
        length: file.size,
        offset: 0,
        chunks: [],
        lastView: false,
        grants: new Map(),
      });
    });
  }

  async uploadState(blobId: string, now: number): Promise<UploadState | null> {
    this.#open();
    const found = this.#live(blobId, now);
    if (!found) return null;
    const { blob, secret } = found;
    return {
      blobId,
      secretId: blob.secretId,
      length: blob.length,
      offset: blob.offset,
      sealed: secret.sealed,
    };
  }

  async write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    now: number,
  ): Promise<number> {
    this.#open();
    const blob = this.#writable(blobId, now);
    if (offset !== blob.offset) throw new BlobOffsetError(blob.offset);
    let position = offset;
    for await (const chunk of source) {
      if (chunk.byteLength === 0) continue;
      // Re-checked per chunk: the blob may have been removed, sealed or written by someone else meanwhile.
      const current = this.#writable(blobId, now);
      if (current !== blob || blob.offset !== position) throw new BlobOffsetError(current.offset);
      if (position + chunk.byteLength > blob.length) throw new BlobTooLargeError(blob.length);
      blob.chunks.push(new Uint8Array(chunk));
      position += chunk.byteLength;
      blob.offset = position;
    }
    return position;
  }

  async seal(secretId: string, now: number): Promise<NewSecret | null> {
    this.#open();
    const entry = this.#secrets.get(secretId);
    if (!entry || entry.sealed || !entry.secret || entry.expiresAt <= now) return null;
    const complete = entry.blobIds.every((id) => {
      const blob = this.#blobs.get(id);
      return blob !== undefined && blob.offset === blob.length;
    });
    if (!complete) return null;
    entry.sealed = true;
    return copySecret(entry.secret);
  }

  async unseal(secretId: string): Promise<void> {
    this.#open();
    const entry = this.#secrets.get(secretId);
    if (entry) entry.sealed = false;
  }

  async removeSecret(secretId: string): Promise<void> {
    this.#open();
    const entry = this.#secrets.get(secretId);
    if (!entry) return;
    for (const id of entry.blobIds) this.#blobs.delete(id);
    this.#forgetSecret(secretId, entry);
  }

  async removeByReceipt(receiptHash: string): Promise<boolean> {
    this.#open();
    const secretId = this.#receipts.get(receiptHash);
    if (secretId === undefined) return false;
    await this.removeSecret(secretId);
    return true;
  }

  async grant(blobIds: string[], grantHash: string, expiresAt: number, lastView: boolean): Promise<void> {
    this.#open();
    for (const id of blobIds) {
      const blob = this.#blobs.get(id);
      if (!blob) continue;
      blob.grants.set(grantHash, expiresAt);
      if (lastView) blob.lastView = true;
      const entry = this.#secrets.get(blob.secretId);
      if (entry) entry.secret = null;
    }
  }

  async checkGrant(blobId: string, grantHash: string, now: number): Promise<{ size: number } | null> {
    this.#open();
    const blob = this.#blobs.get(blobId);
    const expiresAt = blob?.grants.get(grantHash);
    if (!blob || expiresAt === undefined || expiresAt <= now || blob.offset !== blob.length) return null;
    return { size: blob.length };
  }

  async *read(blobId: string, start: number, end: number): AsyncIterable<Uint8Array> {
    this.#open();
    const blob = this.#blobs.get(blobId);
    if (!blob || start < 0 || end > blob.offset || start > end) {
      throw new Error('the blob is gone or the range is outside it');
    }
    let chunkStart = 0;
    for (const chunk of blob.chunks) {
      const chunkEnd = chunkStart + chunk.byteLength;
      if (chunkEnd > start && chunkStart < end) {
        yield chunk.subarray(Math.max(start - chunkStart, 0), Math.min(end, chunkEnd) - chunkStart);
        if (this.#blobs.get(blobId) !== blob) throw new Error('the blob was removed during the read');
      }
      chunkStart = chunkEnd;
      if (chunkStart >= end) break;
    }
  }

  async completeDownload(blobId: string, grantHash: string, now: number): Promise<boolean> {
    this.#open();
    const blob = this.#blobs.get(blobId);
    const expiresAt = blob?.grants.get(grantHash);
    if (!blob || expiresAt === undefined || expiresAt <= now) return false;
    blob.grants.delete(grantHash);
    const entry = this.#secrets.get(blob.secretId);
    if (entry) {
      const log = this.#logs.get(entry.receiptHash) ?? { forgetAt: entry.forgetAt, events: [] };
      log.events.push({ file: blob.index, at: now });
      this.#logs.set(entry.receiptHash, log);
    }
    if (blob.lastView && this.#liveGrants(blob, now) === 0) this.#removeBlob(blobId, blob);
    return true;
  }

  async downloads(receiptHash: string, now: number): Promise<DownloadEvent[]> {
    this.#open();
    const log = this.#logs.get(receiptHash);
    if (!log || log.forgetAt <= now) return [];
    return log.events.map((event) => ({ ...event })).sort((a, b) => a.at - b.at);
  }

  async sweep(now: number): Promise<BlobSweepResult> {
    this.#open();
    let blobs = 0;
    for (const [id, blob] of this.#blobs) {
      for (const [hash, expiresAt] of blob.grants) if (expiresAt <= now) blob.grants.delete(hash);
      const secretExpiresAt = this.#secrets.get(blob.secretId)?.expiresAt ?? 0;
      if (blobIsDue(blob.lastView, secretExpiresAt, blob.grants.size, now)) {
        this.#removeBlob(id, blob);
        blobs++;
      }
    }
    for (const [id, entry] of this.#secrets) {
      const empty = entry.blobIds.every((blobId) => !this.#blobs.has(blobId));
      if (empty && (entry.sealed || entry.expiresAt <= now)) this.#forgetSecret(id, entry);
    }
    for (const [hash, log] of this.#logs) if (log.forgetAt <= now) this.#logs.delete(hash);
    return { blobs };
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
  }

  /** The blob and its secret record when the blob exists and the secret has not expired. */
  #live(blobId: string, now: number): { blob: MemoryBlob; secret: MemorySecret } | null {
    const blob = this.#blobs.get(blobId);
    const secret = blob && this.#secrets.get(blob.secretId);
    if (!blob || !secret || secret.expiresAt <= now) return null;
    return { blob, secret };
  }

  #writable(blobId: string, now: number): MemoryBlob {
    const found = this.#live(blobId, now);
    if (!found) throw new BlobNotFoundError('the upload is unknown, removed or expired');
    if (found.secret.sealed) throw new BlobSealedError('the upload is finished: the secret was created');
    return found.blob;
  }

  #liveGrants(blob: MemoryBlob, now: number): number {
    let live = 0;
    for (const expiresAt of blob.grants.values()) if (expiresAt > now) live++;
    return live;
  }

  /** Deletes a blob, and its secret's record once no blob of a sealed secret is left. */
  #removeBlob(blobId: string, blob: MemoryBlob): void {
    this.#blobs.delete(blobId);
    const entry = this.#secrets.get(blob.secretId);
    if (entry?.sealed && entry.blobIds.every((id) => !this.#blobs.has(id))) {
      this.#forgetSecret(blob.secretId, entry);
    }
  }

  #forgetSecret(secretId: string, entry: MemorySecret): void {
    this.#secrets.delete(secretId);
    if (this.#receipts.get(entry.receiptHash) === secretId) this.#receipts.delete(entry.receiptHash);
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError('the memory blob store is closed');
  }
}
