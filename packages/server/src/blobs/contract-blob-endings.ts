import { describe, expect, it } from 'vitest';
import { BlobNotFoundError } from './blob-store.js';
import {
  type BlobContext,
  type BlobFixture,
  chunksOf,
  DAY,
  grantHash,
  HOUR,
  noneListed,
  pastClock,
} from './contract-blob-fixtures.js';

type Stage = (ctx: BlobContext, now: number) => Promise<BlobFixture>;

/** Every stage a secret with files can be in when it is removed. */
const STAGES: Record<string, Stage> = {
  'staged, nothing written': (ctx, now) => ctx.staged({ now, sizes: [100, 50] }),
  'partly written': async (ctx, now) => {
    const fixture = await ctx.staged({ now, sizes: [100, 50] });
    await ctx.store.write(fixture.blobIds[0]!, 0, chunksOf(fixture.bytes[0]!.subarray(0, 60)), now);
    return fixture;
  },
  'complete, not sealed': (ctx, now) => ctx.uploaded({ now, sizes: [100, 50] }),
  sealed: (ctx, now) => ctx.sealed({ now, sizes: [100, 50] }),
  granted: async (ctx, now) => {
    const fixture = await ctx.sealed({ now, sizes: [100, 50], maxViews: 2 });
    await ctx.store.grant(fixture.blobIds, grantHash(), now + HOUR, false);
    return fixture;
  },
  'downloaded once, last view': async (ctx, now) => {
    const fixture = await ctx.sealed({ now, sizes: [100, 50] });
    const hash = grantHash();
    await ctx.store.grant(fixture.blobIds, hash, now + HOUR, true);
    await ctx.store.completeDownload(fixture.blobIds[0]!, hash, now + 1);
    return fixture;
  },
};

/** Removal at any stage, the download log, and the sweeper. */
export function describeEndings(ctx: BlobContext): void {
  describe('removeSecret and removeByReceipt', () => {
    for (const [stage, make] of Object.entries(STAGES)) {
      it(`leaves nothing of a secret removed when ${stage}`, async () => {
        const now = Date.now();
        const { secret, blobIds, bytes } = await make(ctx, now);
        await ctx.store.removeSecret(secret.id);
        expect(await noneListed(ctx.store, blobIds)).toBe(true);
        await expect(ctx.store.uploadState(blobIds[0]!, now)).resolves.toBeNull();
        await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
        await expect(ctx.store.write(blobIds[1]!, 0, chunksOf(bytes[1]!), now)).rejects.toBeInstanceOf(
          BlobNotFoundError,
        );
        await ctx.store.removeSecret(secret.id);
        await expect(ctx.store.removeByReceipt(secret.receiptHash)).resolves.toBe(false);
      });

      it(`removeByReceipt finds and removes the secret when ${stage}`, async () => {
        const now = Date.now();
        const { secret, blobIds } = await make(ctx, now);
        const hash = grantHash();
        await expect(ctx.store.removeByReceipt(secret.receiptHash)).resolves.toBe(true);
        expect(await noneListed(ctx.store, blobIds)).toBe(true);
        await ctx.store.grant(blobIds, hash, now + HOUR, true);
        await expect(ctx.store.checkGrant(blobIds[1]!, hash, now)).resolves.toBeNull();
        expect(await noneListed(ctx.store, blobIds)).toBe(true);
      });
    }

    it('removeByReceipt is false for an unknown receipt', async () => {
      await expect(ctx.store.removeByReceipt(grantHash())).resolves.toBe(false);
    });
  });

  describe('downloads', () => {
    it('lists completed downloads oldest first until expiresAt + receiptRetentionMs, then the sweep drops them', async () => {
      const now = pastClock();
      const { secret, blobIds } = await ctx.sealed({ now, sizes: [5, 6], maxViews: 2, retentionMs: DAY });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, false);
      await ctx.store.completeDownload(blobIds[1]!, hash, now + 10);
      await ctx.store.completeDownload(blobIds[0]!, hash, now + 20);
      const events = [
        { file: 1, at: now + 10 },
        { file: 0, at: now + 20 },
      ];
      const forgetAt = secret.expiresAt + DAY;
      await expect(ctx.store.downloads(secret.receiptHash, now + 30)).resolves.toEqual(events);
      await ctx.store.sweep(secret.expiresAt);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
      await expect(ctx.store.downloads(secret.receiptHash, forgetAt - 1)).resolves.toEqual(events);
      await ctx.store.sweep(forgetAt - 1);
      await expect(ctx.store.downloads(secret.receiptHash, forgetAt - 1)).resolves.toEqual(events);
      await expect(ctx.store.downloads(secret.receiptHash, forgetAt)).resolves.toEqual([]);
      await ctx.store.sweep(forgetAt);
      await expect(ctx.store.downloads(secret.receiptHash, now)).resolves.toEqual([]);
    });

    it('is empty for an unknown receipt', async () => {
      await expect(ctx.store.downloads(grantHash(), Date.now())).resolves.toEqual([]);
    });
  });

  describe('sweep', () => {
    it('removes a staged secret and its blobs at its expiry, not before', async () => {
      const now = pastClock();
      const { secret, blobIds } = await ctx.staged({ now, sizes: [10, 0], ttlMs: HOUR });
      await ctx.store.write(blobIds[0]!, 0, chunksOf(new Uint8Array(4)), now);
      await ctx.store.sweep(secret.expiresAt - 1);
      expect(await ctx.store.list()).toEqual(expect.arrayContaining(blobIds));
      const { blobs } = await ctx.store.sweep(secret.expiresAt);
      expect(blobs).toBeGreaterThanOrEqual(2);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
      await expect(ctx.store.removeByReceipt(secret.receiptHash)).resolves.toBe(false);
    });

    it('keeps a sealed blob until its secret expires when nobody claimed it', async () => {
      const now = pastClock();
      const { secret, blobIds } = await ctx.sealed({ now, ttlMs: HOUR });
      await ctx.store.sweep(secret.expiresAt - 1);
      expect(await ctx.store.list()).toEqual(expect.arrayContaining(blobIds));
      await ctx.store.sweep(secret.expiresAt);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
    });

    it('before the last view, keeps a blob until max(secret expiry, grant expiry)', async () => {
      const now = pastClock();
      const late = await ctx.sealed({ now, ttlMs: HOUR, maxViews: 2 });
      const early = await ctx.sealed({ now, ttlMs: 3 * HOUR, maxViews: 2 });
      const hash = grantHash();
      await ctx.store.grant(late.blobIds, hash, now + 2 * HOUR, false);
      await ctx.store.grant(early.blobIds, grantHash(), now + 2 * HOUR, false);
      await ctx.store.sweep(now + HOUR);
      expect(await ctx.store.list()).toEqual(expect.arrayContaining([...late.blobIds, ...early.blobIds]));
      // The secret has expired, its grant has not: the download may still happen.
      await expect(ctx.store.checkGrant(late.blobIds[0]!, hash, now + HOUR)).resolves.toEqual({ size: 1000 });
      await ctx.store.sweep(now + 2 * HOUR);
      expect(await noneListed(ctx.store, late.blobIds)).toBe(true);
      expect(await ctx.store.list()).toEqual(expect.arrayContaining(early.blobIds));
      await ctx.store.sweep(now + 3 * HOUR);
      expect(await noneListed(ctx.store, early.blobIds)).toBe(true);
    });

    it('after the last view, removes a blob at its grant’s expiry when the grant is never used', async () => {
      const now = pastClock();
      const { secret, blobIds } = await ctx.sealed({ now, ttlMs: DAY, maxViews: 1 });
      const hash = grantHash();
      await ctx.store.grant(blobIds, hash, now + HOUR, true);
      await ctx.store.sweep(now + HOUR - 1);
      expect(await ctx.store.list()).toEqual(expect.arrayContaining(blobIds));
      await ctx.store.sweep(now + HOUR);
      expect(await noneListed(ctx.store, blobIds)).toBe(true);
      expect(secret.expiresAt).toBeGreaterThan(now + HOUR);
    });

    it('is safe to run concurrently', async () => {
      const now = pastClock();
      const fixtures = await Promise.all(Array.from({ length: 5 }, () => ctx.staged({ now, ttlMs: HOUR })));
      const results = await Promise.all(Array.from({ length: 4 }, () => ctx.store.sweep(now + HOUR)));
      expect(results.reduce((sum, r) => sum + r.blobs, 0)).toBeGreaterThanOrEqual(5);
      expect(
        await noneListed(
          ctx.store,
          fixtures.flatMap((f) => f.blobIds),
        ),
      ).toBe(true);
    });
  });
}
