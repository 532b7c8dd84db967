import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { BlobNotFoundError } from './blob-store.js';
import {
  type BlobContext,
  chunksOf,
  collect,
  MiB,
  newBlobId,
  randomBytesOf,
  readRange,
  sameBytes,
  writeWhole,
} from './contract-blob-fixtures.js';

/** `read`, `delete`, `list`, and the store's life: ping and close. */
export function describeReadsAndDeletes(ctx: BlobContext): void {
  describe('read, delete and list', () => {
    it('a read of a missing blob rejects with BlobNotFoundError before any byte', async () => {
      await expect(ctx.store.read(newBlobId(), 0, 0)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(ctx.store.read(newBlobId(), 0, 10)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('list shows written blobs; delete is idempotent and takes them out of list and read', async () => {
      const [a, b, never] = [newBlobId(), newBlobId(), newBlobId()];
      await writeWhole(ctx.store, a, randomBytesOf(1000));
      await writeWhole(ctx.store, b, randomBytesOf(10));
      expect(await ctx.store.list()).toEqual(expect.arrayContaining([a, b]));
      await ctx.store.delete([a, never, 'not a blob id']);
      await ctx.store.delete([a]);
      await ctx.store.delete([]);
      const listed = await ctx.store.list();
      expect(listed).toContain(b);
      expect(listed).not.toContain(a);
      expect(listed).not.toContain(never);
      await expect(ctx.store.read(a, 0, 1)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect((await readRange(ctx.store, b, 0, 10)).byteLength).toBe(10);
    });

    it('a read under way when its blob is deleted finishes or errors; it never yields wrong bytes', async () => {
      const id = newBlobId();
      const bytes = randomBytesOf(3 * MiB + 123);
      await writeWhole(ctx.store, id, bytes, 256 * 1024);
      const stream = (await ctx.store.read(id, 0, bytes.byteLength))[Symbol.asyncIterator]();
      const got: Uint8Array[] = [];
      const first = await stream.next();
      if (!first.done) got.push(first.value);
      await ctx.store.delete([id]);
      let failed = false;
      try {
        for (let step = await stream.next(); !step.done; step = await stream.next()) got.push(step.value);
      } catch {
        failed = true;
      }
      const received = Buffer.concat(got);
      expect(sameBytes(received, bytes.subarray(0, received.byteLength))).toBe(true);
      if (!failed) expect(received.byteLength).toBe(bytes.byteLength);
    });

    it('chunks handed to a write may be reused by the caller afterwards', async () => {
      const id = newBlobId();
      const buffer = new Uint8Array(1000).fill(7);
      async function* reused() {
        for (let i = 0; i < 3; i++) {
          yield buffer;
          await new Promise((resolve) => setImmediate(resolve));
          buffer.fill(i);
        }
      }
      await ctx.store.write(id, 0, reused(), 3000);
      const got = await readRange(ctx.store, id, 0, 3000);
      expect([got[0], got[1000], got[2000]]).toEqual([7, 0, 1]);
    });
  });

  describe('lifecycle', () => {
    it('ping resolves on an open store', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });

    it('after close(), every method rejects with StoreUnavailableError', async () => {
      const opened = await ctx.open();
      const id = newBlobId();
      try {
        await writeWhole(opened.store, id, randomBytesOf(100));
        await opened.store.close();
        const unavailable = expect.any(StoreUnavailableError);
        await expect(opened.store.ping()).rejects.toEqual(unavailable);
        await expect(opened.store.write(newBlobId(), 0, chunksOf(randomBytesOf(1)), 1)).rejects.toEqual(
          unavailable,
        );
        await expect(opened.store.read(id, 0, 100)).rejects.toEqual(unavailable);
        await expect(opened.store.delete([id])).rejects.toEqual(unavailable);
        await expect(opened.store.list()).rejects.toEqual(unavailable);
      } finally {
        await opened.cleanup?.();
      }
    });

    it('a read stream left open does not keep close() from finishing, and then errors as unavailable', async () => {
      const opened = await ctx.open();
      try {
        const id = newBlobId();
        await writeWhole(opened.store, id, randomBytesOf(3 * MiB), 256 * 1024);
        const stream = await opened.store.read(id, 0, 3 * MiB);
        await opened.store.close();
        await expect(collect(stream)).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await opened.cleanup?.();
      }
    });
  });
}
