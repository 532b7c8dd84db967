import { randomBytes } from 'node:crypto';
import type { BlobStore } from './blob-store.js';

/** What a backend's test file hands to the suite: a fresh store, and how to tidy up after it. */
export type OpenBlobStore = () => Promise<{ store: BlobStore; cleanup?: () => Promise<void> }>;

export const MiB = 1024 * 1024;

/** What each part of the suite works with. */
export interface BlobContext {
  /** The store shared by the tests of one backend (ids are random, so tests never meet). */
  readonly store: BlobStore;
  /** Opens a second, independent store (for the lifecycle tests); the caller closes it. */
  open: OpenBlobStore;
}

/** A fresh random blob id, as the service draws them. */
export const newBlobId = () => randomBytes(16).toString('base64url');

export const randomBytesOf = (size: number) => new Uint8Array(randomBytes(size));

/** Yields `bytes` in slices of `chunkSize`, each on its own turn of the event loop (like a socket). */
export async function* chunksOf(bytes: Uint8Array, chunkSize = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += chunkSize) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.slice(at, Math.min(at + chunkSize, bytes.byteLength));
  }
}

/** Yields `bytes` in slices, then throws `error` (the client went away). */
export async function* failingAfter(
  bytes: Uint8Array,
  error: Error,
  chunkSize = 64 * 1024,
): AsyncIterable<Uint8Array> {
  yield* chunksOf(bytes, chunkSize);
  throw error;
}

/** A source of the given chunks that counts how many of them were pulled. */
export function counted(chunks: Uint8Array[]): { source: AsyncIterable<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const source: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        if (pulled >= chunks.length) return { done: true, value: undefined };
        return { done: false, value: chunks[pulled++]! };
      },
    }),
  };
  return { source, pulled: () => pulled };
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

/** The bytes `[start, end)` of a blob, read through the store. */
export async function readRange(store: BlobStore, blobId: string, start: number, end: number) {
  return collect(await store.read(blobId, start, end));
}

/** Writes `bytes` as one new blob at offset 0 (no limit); throws unless the write is `done`. */
export async function writeWhole(store: BlobStore, blobId: string, bytes: Uint8Array, chunkSize?: number) {
  const result = await store.write(blobId, 0, chunksOf(bytes, chunkSize), bytes.byteLength);
  if (result.outcome !== 'done') throw new Error(`the fixture write ended ${result.outcome}`);
}

/** Equal bytes, compared without printing megabytes when they are not. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
