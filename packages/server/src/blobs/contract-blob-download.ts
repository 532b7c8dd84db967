import { describe, expect, it } from 'vitest';
import {
  type BlobContext,
  chunksOf,
  collect,
  grantHash,
  HOUR,
  makeBlobFixture,
  noneListed,
} from './contract-blob-fixtures.js';

const MiB = 1024 * 1024;

/** Grants, ranged reads, completed downloads and the last-view deletion rule. */
export function describeDownloads(ctx: BlobContext): void {
  describe('grant and checkGrant', () => {
    it('lets the holder of an unused, unexpired grant download each granted blob', async () => {
      const { blobIds, now, secret } = await ctx.sealed({ sizes: [100, 0] });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, false);
      await expect(ctx.store.checkGrant(blobIds[0]!, hash, now)).resolves.toEqual({ size: 100 });
      await expect(ctx.store.checkGrant(blobIds[1]!, hash, now)).resolves.toEqual({ size: 0 });
      await expect(ctx.store.checkGrant(blobIds[0]!, grantHash(), now)).resolves.toBeNull();
      await expect(ctx.store.checkGrant(blobIds[0]!, hash, now + HOUR)).resolves.toBeNull();
      await expect(ctx.store.checkGrant(grantHash().slice(0, 22), hash, now)).resolves.toBeNull();
      await expect(ctx.store.completeDownload(blobIds[0]!, hash, now + 1)).resolves.toBe(true);
      await expect(ctx.store.checkGrant(blobIds[0]!, hash, now + 2)).resolves.toBeNull();
      await expect(ctx.store.checkGrant(blobIds[1]!, hash, now + 2)).resolves.toEqual({ size: 0 });
      await ctx.store.removeSecret(secret.id);
    });

    it('the staged record gives up the secret at the first grant: no seal after that, even after unseal', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
      await ctx.store.grant(blobIds, grantHash(), now + HOUR, false);
      await ctx.store.unseal(secret.id);
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
      await ctx.store.removeSecret(secret.id);
    });

    it('a grant for one blob is not a grant for another', async () => {
      const { blobIds, now } = await ctx.sealed({ sizes: [10, 10] });
      const hash = grantHash();
      await ctx.store.grant([blobIds[0]!], hash, now + HOUR, false);
      await expect(ctx.store.checkGrant(blobIds[1]!, hash, now)).resolves.toBeNull();
      await expect(ctx.store.completeDownload(blobIds[1]!, hash, now)).resolves.toBe(false);
    });
  });

  describe('read', () => {
    it('returns exactly the bytes of any range, across the boundaries of the writes', async () => {
      const size = 2 * MiB + 12_345;
      const fixture = makeBlobFixture({ sizes: [size] });
      await ctx.store.stage(fixture.secret);
      const id = fixture.blobIds[0]!;
      const bytes = fixture.bytes[0]!;
      // Odd write sizes and an interrupted-then-resumed write, so that stored pieces have uneven lengths.
      await ctx.store.write(id, 0, chunksOf(bytes.subarray(0, 777_777), 65_536), fixture.now);
      await ctx.store.write(id, 777_777, chunksOf(bytes.subarray(777_777), 65_000), fixture.now);
      await ctx.store.seal(fixture.secret.id, fixture.now);
      const ranges: [number, number][] = [
        [0, size],
        [0, 1],
        [size - 1, size],
        [5, 20],
        [777_770, 777_790],
        [MiB - 1, MiB + 1],
        [MiB, 2 * MiB],
        [2 * MiB - 3, size],
        [1000, 1000],
        [size, size],
      ];
      for (const [start, end] of ranges) {
        const got = await collect(ctx.store.read(id, start, end));
        expect(got.byteLength, `[${start}, ${end})`).toBe(end - start);
        expect(Buffer.from(got).equals(bytes.subarray(start, end)), `[${start}, ${end})`).toBe(true);
      }
    });

    it('reads a 0-byte blob as no bytes', async () => {
      const { blobIds } = await ctx.sealed({ sizes: [0] });
      await expect(collect(ctx.store.read(blobIds[0]!, 0, 0))).resolves.toHaveLength(0);
    });

    it('errors when the blob is gone', async () => {
      const { secret, blobIds } = await ctx.sealed({ sizes: [10] });
      await ctx.store.removeSecret(secret.id);
      await expect(collect(ctx.store.read(blobIds[0]!, 0, 10))).rejects.toThrow();
    });
  });

  describe('completeDownload', () => {
    it('uses a grant up for exactly one of 20 concurrent callers, and logs it once', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, false);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => ctx.store.completeDownload(blobIds[0]!, hash, now + 5)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      await expect(ctx.store.downloads(secret.receiptHash, now + 6)).resolves.toEqual([
        { file: 0, at: now + 5 },
      ]);
    });

    it('is false for a wrong, expired or unknown grant, and logs nothing then', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, false);
      await expect(ctx.store.completeDownload(blobIds[0]!, grantHash(), now)).resolves.toBe(false);
      await expect(ctx.store.completeDownload(blobIds[0]!, hash, now + HOUR)).resolves.toBe(false);
      await expect(ctx.store.completeDownload(grantHash().slice(0, 22), hash, now)).resolves.toBe(false);
      await expect(ctx.store.downloads(secret.receiptHash, now)).resolves.toEqual([]);
    });
  });

  describe('last view', () => {
    it('one view: each blob is deleted when its download completes', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10, 20], maxViews: 1 });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, true);
      await expect(ctx.store.completeDownload(blobIds[0]!, hash, now + 1)).resolves.toBe(true);
      expect(await noneListed(ctx.store, [blobIds[0]!])).toBe(true);
      expect(await ctx.store.list()).toContain(blobIds[1]);
      await expect(ctx.store.checkGrant(blobIds[1]!, hash, now + 1)).resolves.toEqual({ size: 20 });
      await expect(ctx.store.completeDownload(blobIds[1]!, hash, now + 2)).resolves.toBe(true);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
      await expect(ctx.store.downloads(secret.receiptHash, now + 3)).resolves.toEqual([
        { file: 0, at: now + 1 },
        { file: 1, at: now + 2 },
      ]);
    });

    for (const order of ['earlier grant first', 'last-view grant first'] as const) {
      it(`two views: the blob stays until both grants are used (${order})`, async () => {
        const { blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
        const first = grantHash();
        const last = grantHash();
        await ctx.store.grant(blobIds, first, now + HOUR, false);
        await ctx.store.grant(blobIds, last, now + 2 * HOUR, true);
        const [a, b] = order === 'earlier grant first' ? [first, last] : [last, first];
        await expect(ctx.store.completeDownload(blobIds[0]!, a, now + 1)).resolves.toBe(true);
        expect(await ctx.store.list()).toContain(blobIds[0]);
        await expect(ctx.store.checkGrant(blobIds[0]!, b, now + 1)).resolves.toEqual({ size: 10 });
        await expect(ctx.store.completeDownload(blobIds[0]!, b, now + 2)).resolves.toBe(true);
        expect(await noneListed(ctx.store, blobIds)).toBe(true);
      });
    }

    it('two views: grants used at the same moment still leave no blob behind', async () => {
      for (let round = 0; round < 5; round++) {
        const { blobIds, now } = await ctx.sealed({ sizes: [10, 20], maxViews: 3 });
        const hashes = [grantHash(), grantHash(), grantHash()];
        for (const [i, hash] of hashes.entries()) await ctx.store.grant(blobIds, hash, now + HOUR, i === 2);
        const used = await Promise.all(
          blobIds.flatMap((id) => hashes.map((hash) => ctx.store.completeDownload(id, hash, now + 1))),
        );
        expect(used.every(Boolean)).toBe(true);
        expect(await noneListed(ctx.store, blobIds)).toBe(true);
      }
    });

    it('after the last view, an expired unused grant does not keep the blob once the others are used', async () => {
      const { blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
      const early = grantHash();
      const last = grantHash();
      await ctx.store.grant(blobIds, early, now + HOUR, false);
      await ctx.store.grant(blobIds, last, now + 3 * HOUR, true);
      await expect(ctx.store.completeDownload(blobIds[0]!, last, now + 2 * HOUR)).resolves.toBe(true);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
    });

    it('before the last view, a used grant leaves the blob for the next claim', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10], maxViews: 2 });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, false);
      await expect(ctx.store.completeDownload(blobIds[0]!, hash, now + 1)).resolves.toBe(true);
      expect(await ctx.store.list()).toContain(blobIds[0]);
      await ctx.store.removeSecret(secret.id);
    });
  });
}
