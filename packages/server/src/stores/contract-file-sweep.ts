import { describe, expect, it } from 'vitest';
import {
  burnt,
  type ContractContext,
  deliver,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  newGrant,
  pastClock,
  randomId,
  sorted,
  swept,
  uploadAll,
} from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`). Every test runs on `pastClock()` and starts with
// a sweep that clears what earlier tests left, so its sweep results are exact.

/** What the sweeper removes of secrets with files, and `knownBlobs` for its orphan scan. */
export function describeFileSweep(ctx: ContractContext): void {
  describe('sweep with files', () => {
    it('expires a staged secret at its expiry, not before, with every file record', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(10, 20);
      const { secret } = await ctx.created({ now: t, ttlMs: 1000, files });
      await uploadAll(ctx.store, [files[0]], t);
      expect(await ctx.store.sweep(t + 999)).toEqual(swept([], 0));
      expect(await ctx.store.upload(files[1].id, t + 999)).toMatchObject({ offset: 0 });
      const ids = files.map((file) => file.id);
      expect(sorted(await ctx.store.sweep(t + 1000))).toEqual(swept([secret.id], 0, ids));
      expect(await ctx.store.receipt(secret.receiptHash, t + 1000)).toMatchObject({
        state: 'expired',
        endedAt: t + 1000,
      });
      expect(await ctx.store.upload(files[1].id, t + 500)).toBeNull();
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
    });

    it('expires a live unclaimed secret with its files', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(10, 0);
      const { secret } = await ctx.sealed({ now: t, ttlMs: 1000, files });
      expect(await ctx.store.sweep(t + 999)).toEqual(swept([], 0));
      const ids = files.map((file) => file.id);
      expect(sorted(await ctx.store.sweep(t + 1000))).toEqual(swept([secret.id], 0, ids));
    });

    it('a burn after expiry takes the files at once and leaves the secret for the sweep to report', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(10);
      const { secret } = await ctx.sealed({ now: t, ttlMs: 1000, files });
      expect(await ctx.store.burn(secret.receiptHash, t + 1000)).toEqual(
        burnt(secret.id, false, [files[0].id]),
      );
      expect(await ctx.store.receipt(secret.receiptHash, t + 1000)).toMatchObject({ state: 'expired' });
      expect(await ctx.store.sweep(t + 1000)).toEqual(swept([secret.id], 0));
      expect(await ctx.store.receipt(secret.receiptHash, t + 1000)).toMatchObject({
        state: 'expired',
        endedAt: t + 1000,
      });
    });

    it('before the last view, keeps a file until max(secret expiry, grant expiry)', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const [early, late] = [fileRefs(10), fileRefs(10)];
      const shortGrant = await ctx.sealed({ now: t, ttlMs: 1000, maxViews: 2, files: early });
      const longGrant = await ctx.sealed({ now: t, ttlMs: 1000, maxViews: 2, files: late });
      await ctx.store.claim(shortGrant.secret.id, shortGrant.right, t, newGrant(t + 500));
      const grant = newGrant(t + 5000);
      await ctx.store.claim(longGrant.secret.id, longGrant.right, t, grant);
      expect(await ctx.store.sweep(t + 500)).toEqual(swept([], 0));
      expect(sorted(await ctx.store.sweep(t + 1000))).toEqual(
        swept([shortGrant.secret.id, longGrant.secret.id], 0, [early[0].id]),
      );
      const reader = lease(t + 4999 + MINUTE);
      expect(await ctx.store.startDownload(late[0].id, grant.hash, reader, t + 4999)).toMatchObject({
        status: 'ok',
      });
      await ctx.store.finishDownload(late[0].id, grant.hash, reader.id, false, t + 4999);
      expect(await ctx.store.sweep(t + 4999)).toEqual(swept([], 0));
      expect(await ctx.store.sweep(t + 5000)).toEqual(swept([], 0, [late[0].id]));
    });

    it("after the last view, an unused grant's expiry frees the file; with no grant, the next sweep does", async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const [granted, ungranted] = [fileRefs(10), fileRefs(10)];
      const a = await ctx.sealed({ now: t, ttlMs: HOUR, files: granted });
      const b = await ctx.sealed({ now: t, ttlMs: HOUR, files: ungranted });
      await ctx.store.claim(a.secret.id, a.right, t, newGrant(t + 2000));
      await ctx.store.claim(b.secret.id, b.right, t);
      expect(await ctx.store.sweep(t + 1)).toEqual(swept([], 0, [ungranted[0].id]));
      expect(await ctx.store.sweep(t + 1999)).toEqual(swept([], 0));
      expect(await ctx.store.sweep(t + 2000)).toEqual(swept([], 0, [granted[0].id]));
      expect(await ctx.store.receipt(a.secret.receiptHash, t + 2000)).toMatchObject({ state: 'viewed' });
    });

    it('purges receipts past retention with their download logs', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(10);
      const { secret, right } = await ctx.sealed({ now: t, files, retentionMs: 10_000 });
      const grant = newGrant(t + HOUR);
      await ctx.store.claim(secret.id, right, t, grant);
      await deliver(ctx.store, files[0].id, grant.hash, t + 1);
      expect(await ctx.store.receipt(secret.receiptHash, t + 9999)).toMatchObject({
        downloads: [{ file: 0, at: t + 1 }],
      });
      expect(await ctx.store.sweep(t + 9999)).toEqual(swept([], 0));
      expect(await ctx.store.sweep(t + 10_000)).toEqual(swept([], 1));
      expect(await ctx.store.receipt(secret.receiptHash, t + 1)).toBeNull();
    });

    it('concurrent sweeps report each expired id and each blob id exactly once in total', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const made = await Promise.all(
        Array.from({ length: 16 }, (_, i) => {
          const options = { now: t, ttlMs: 1000, files: fileRefs(10, 0) };
          return i % 2 ? ctx.created(options) : ctx.sealed(options);
        }),
      );
      const results = await Promise.all(Array.from({ length: 5 }, () => ctx.store.sweep(t + 1000)));
      const expiredIds = results.flatMap((result) => result.expiredIds);
      const blobIds = results.flatMap((result) => result.blobIds);
      expect(expiredIds.sort()).toEqual(made.map((fixture) => fixture.secret.id).sort());
      expect(blobIds.sort()).toEqual(made.flatMap((fixture) => fixture.secret.files.map((f) => f.id)).sort());
    });
  });

  describe('knownBlobs', () => {
    it('returns exactly the ids that still have a file record', async () => {
      const now = Date.now();
      const [staged, delivered, burned, live] = fileRefs(10, 10, 10, 10);
      await ctx.created({ now, files: [staged] });
      const viewed = await ctx.sealed({ now, files: [delivered] });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(viewed.secret.id, viewed.right, now, grant);
      await deliver(ctx.store, delivered.id, grant.hash, now);
      const doomed = await ctx.created({ now, files: [burned] });
      await ctx.store.burn(doomed.secret.receiptHash, now);
      await ctx.sealed({ now, files: [live] });
      const asked = [staged.id, delivered.id, burned.id, live.id, randomId()];
      expect(await ctx.store.knownBlobs(asked)).toEqual(new Set([staged.id, live.id]));
      expect(await ctx.store.knownBlobs([])).toEqual(new Set());
    });
  });
}
