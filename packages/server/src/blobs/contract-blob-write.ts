import { describe, expect, it } from 'vitest';
import { BlobNotFoundError } from './blob-store.js';
import {
  type BlobContext,
  chunksOf,
  counted,
  failingAfter,
  MiB,
  newBlobId,
  randomBytesOf,
  readRange,
  sameBytes,
} from './contract-blob-fixtures.js';

/** `write`: exact bytes, resuming at an offset, the byte limit, a failing source, empty blobs. */
export function describeWrites(ctx: BlobContext): void {
  describe('write', () => {
    it('stores bytes written in several writes; any range reads back exactly, across write boundaries', async () => {
      const bytes = randomBytesOf(2 * MiB + 700_000);
      const id = newBlobId();
      // Boundaries that align with nothing (not chunks, not 1 MiB rows).
      const cuts = [0, 333_333, MiB + 17, bytes.byteLength];
      for (let i = 0; i < cuts.length - 1; i++) {
        const part = bytes.subarray(cuts[i]!, cuts[i + 1]!);
        const result = await ctx.store.write(id, cuts[i]!, chunksOf(part, 50_000), part.byteLength);
        expect(result).toEqual({ outcome: 'done', written: part.byteLength });
      }
      expect(sameBytes(await readRange(ctx.store, id, 0, bytes.byteLength), bytes)).toBe(true);
      const ranges = [
        [0, 1],
        [333_332, 333_334],
        [MiB - 5, MiB + 20],
        [100, 2 * MiB + 1],
        [bytes.byteLength - 1, bytes.byteLength],
        [MiB, MiB],
      ] as const;
      for (const [start, end] of ranges) {
        const got = await readRange(ctx.store, id, start, end);
        expect(sameBytes(got, bytes.subarray(start, end)), `range ${start}-${end}`).toBe(true);
      }
    });

    it('a write at an offset replaces everything past it (resuming after an interrupted write)', async () => {
      const id = newBlobId();
      const first = randomBytesOf(300_000);
      await ctx.store.write(id, 0, chunksOf(first), first.byteLength);
      // Only 100 000 bytes were recorded; the resumed write sends fewer bytes than the leftovers.
      const resumed = randomBytesOf(50_000);
      await expect(ctx.store.write(id, 100_000, chunksOf(resumed), 1_000_000)).resolves.toEqual({
        outcome: 'done',
        written: 50_000,
      });
      const expected = Buffer.concat([first.subarray(0, 100_000), resumed]);
      expect(sameBytes(await readRange(ctx.store, id, 0, 150_000), expected)).toBe(true);
      // The leftovers past 150 000 are gone: the blob is exactly 150 000 bytes long.
      await expect(ctx.store.read(id, 0, 150_001)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('maxBytes: exactly maxBytes is done; one byte more is too_large, without the crossing chunk', async () => {
      const [a, b, c, d] = [60, 40, 1, 50].map(randomBytesOf) as [
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
      ];
      const exact = counted([a, b]);
      const id = newBlobId();
      await expect(ctx.store.write(id, 0, exact.source, 100)).resolves.toEqual({
        outcome: 'done',
        written: 100,
      });

      const over = counted([a, b, c, d]);
      const other = newBlobId();
      await expect(ctx.store.write(other, 0, over.source, 100)).resolves.toEqual({
        outcome: 'too_large',
        written: 100,
      });
      expect(over.pulled()).toBe(3); // the crossing chunk was read, nothing after it
      expect(sameBytes(await readRange(ctx.store, other, 0, 100), Buffer.concat([a, b]))).toBe(true);
      await expect(ctx.store.read(other, 0, 101)).rejects.toBeInstanceOf(BlobNotFoundError);

      // A chunk crossing the limit is not stored even in part, and the limit counts this write's bytes only.
      const crossing = counted([d, d, d]);
      await expect(ctx.store.write(other, 100, crossing.source, 70)).resolves.toEqual({
        outcome: 'too_large',
        written: 50,
      });
      expect(crossing.pulled()).toBe(2);
      await expect(ctx.store.read(other, 0, 151)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(sameBytes(await readRange(ctx.store, other, 100, 150), d)).toBe(true);
    });

    it('a failing source ends as source_failed; the bytes before it are counted and readable', async () => {
      const id = newBlobId();
      const bytes = randomBytesOf(200_000);
      const error = new Error('client went away');
      const result = await ctx.store.write(id, 0, failingAfter(bytes, error, 30_000), MiB);
      expect(result).toEqual({ outcome: 'source_failed', written: 200_000, error });
      expect(sameBytes(await readRange(ctx.store, id, 0, 200_000), bytes)).toBe(true);
      // Resumable from what was counted.
      const rest = randomBytesOf(1000);
      await expect(ctx.store.write(id, 200_000, chunksOf(rest), MiB)).resolves.toMatchObject({
        written: 1000,
      });
      expect(sameBytes(await readRange(ctx.store, id, 200_000, 201_000), rest)).toBe(true);
    });

    it('a write at offset 0 creates the blob even with no byte: readable as no bytes, listed', async () => {
      const empty = newBlobId();
      await expect(ctx.store.write(empty, 0, chunksOf(new Uint8Array(0)), 10)).resolves.toEqual({
        outcome: 'done',
        written: 0,
      });
      expect((await readRange(ctx.store, empty, 0, 0)).byteLength).toBe(0);
      await expect(ctx.store.read(empty, 0, 1)).rejects.toBeInstanceOf(BlobNotFoundError);
      const refused = newBlobId();
      await expect(ctx.store.write(refused, 0, counted([randomBytesOf(5)]).source, 0)).resolves.toEqual({
        outcome: 'too_large',
        written: 0,
      });
      expect(await ctx.store.list()).toEqual(expect.arrayContaining([empty, refused]));
    });

    it('a write past the stored bytes (or at an offset of a missing blob) is BlobNotFoundError, source unread', async () => {
      const id = newBlobId();
      await ctx.store.write(id, 0, chunksOf(randomBytesOf(100)), 100);
      const beyond = counted([randomBytesOf(10)]);
      await expect(ctx.store.write(id, 101, beyond.source, 100)).rejects.toBeInstanceOf(BlobNotFoundError);
      const missing = counted([randomBytesOf(10)]);
      await expect(ctx.store.write(newBlobId(), 5, missing.source, 100)).rejects.toBeInstanceOf(
        BlobNotFoundError,
      );
      expect(beyond.pulled() + missing.pulled()).toBe(0);
      expect((await readRange(ctx.store, id, 0, 100)).byteLength).toBe(100);
    });

    it('refuses arguments the contract rules out with a RangeError', async () => {
      const source = () => chunksOf(randomBytesOf(1));
      for (const bad of ['../../etc/passwd', 'short', `${newBlobId()}x`]) {
        await expect(ctx.store.write(bad, 0, source(), 10)).rejects.toBeInstanceOf(RangeError);
        await expect(ctx.store.read(bad, 0, 0)).rejects.toBeInstanceOf(RangeError);
      }
      await expect(ctx.store.write(newBlobId(), -1, source(), 10)).rejects.toBeInstanceOf(RangeError);
      await expect(ctx.store.write(newBlobId(), 0, source(), 1.5)).rejects.toBeInstanceOf(RangeError);
      await expect(ctx.store.read(newBlobId(), 2, 1)).rejects.toBeInstanceOf(RangeError);
    });
  });
}
