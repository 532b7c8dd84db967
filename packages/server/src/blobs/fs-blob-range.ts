import type { FileHandle } from 'node:fs/promises';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { BlobNotFoundError } from './blob-store.js';

/** Bytes per read: large enough for disk throughput, small enough to keep a download's memory flat. */
const READ_BYTES = 1024 * 1024;

export interface FileRangeHooks {
  /** Filesystem errors as the store's errors. */
  translate: (error: unknown) => unknown;
  /** Called once when the handle is closed, however the read ended. */
  done: () => void;
}

/**
 * The bytes `[start, end)` of an open file as an async iterator that owns the handle. Not an async generator
 * on purpose: a generator that never started does not run its `finally` when `return()` is called, so a
 * stream dropped before its first chunk (`Readable.from(…).destroy()`) would leak the handle; here `return()`
 * closes it whenever it comes. Each chunk is a fresh buffer (consumers may keep them). The file shrinking
 * below `end` under the read makes it throw: a short stream would be wrong bytes for a Content-Length.
 */
export class FileRange implements AsyncIterableIterator<Uint8Array> {
  #handle: FileHandle | null;
  #position: number;
  readonly #end: number;
  readonly #hooks: FileRangeHooks;
  /** Set when the store closed under the read: the next call fails as unavailable. */
  #cutOff = false;

  constructor(handle: FileHandle, start: number, end: number, hooks: FileRangeHooks) {
    this.#handle = handle;
    this.#position = start;
    this.#end = end;
    this.#hooks = hooks;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#cutOff) throw new StoreUnavailableError('the filesystem blob store is closed');
    const handle = this.#handle;
    if (!handle) return { done: true, value: undefined };
    if (this.#position >= this.#end) {
      await this.#close();
      return { done: true, value: undefined };
    }
    const length = Math.min(READ_BYTES, this.#end - this.#position);
    const buffer = Buffer.allocUnsafe(length);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, length, this.#position));
    } catch (error) {
      await this.#close();
      throw this.#cutOff
        ? new StoreUnavailableError('the filesystem blob store is closed')
        : this.#hooks.translate(error);
    }
    if (this.#cutOff) throw new StoreUnavailableError('the filesystem blob store is closed');
    if (bytesRead === 0) {
      await this.#close();
      throw new BlobNotFoundError();
    }
    this.#position += bytesRead;
    return { done: false, value: buffer.subarray(0, bytesRead) };
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    await this.#close();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<Uint8Array>> {
    await this.#close();
    throw error;
  }

  /** Ends the read because the store closes: the handle is released, the next call rejects. */
  async cut(): Promise<void> {
    this.#cutOff = this.#handle !== null;
    await this.#close();
  }

  async #close(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    this.#hooks.done();
    await handle.close().catch(() => {});
  }
}
