import { describe, expect, it } from 'vitest';
import {
  type ContractContext,
  deliver,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  newGrant,
  randomId,
} from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Grants created by claims, reader leases, the download log, and when a delivery deletes a file. */
export function describeDownloads(ctx: ContractContext): void {
  describe('download grants', () => {
    it('a right claim grants every file (size and index); a wrong one or a text secret grants nothing', async () => {
      const now = Date.now();
      const files = fileRefs(100, 0);
      const { secret, right, wrongToken } = await ctx.sealed({ now, files, passphrase: true, maxViews: 2 });
      const refused = newGrant(now + HOUR);
      expect(await ctx.store.claim(secret.id, wrongToken, now, refused)).toMatchObject({
        status: 'wrong_token',
      });
      const granted = newGrant(now + HOUR);
      expect(await ctx.store.claim(secret.id, right, now, granted)).toMatchObject({ status: 'ok', files });
      for (const [index, file] of files.entries()) {
        expect(await ctx.store.startDownload(file.id, granted.hash, lease(now + MINUTE), now)).toEqual({
          status: 'ok',
          secretId: secret.id,
          index,
          size: file.size,
        });
        expect(await ctx.store.startDownload(file.id, refused.hash, lease(now + MINUTE), now)).toEqual({
          status: 'not_found',
        });
      }
      expect(await ctx.store.startDownload(randomId(), granted.hash, lease(now + MINUTE), now)).toEqual({
        status: 'not_found',
      });
      const text = await ctx.created({ now });
      expect(await ctx.store.claim(text.secret.id, text.right, now, newGrant(now + HOUR))).toMatchObject({
        status: 'ok',
        files: [],
      });
    });

    it('one reader at a time; an interrupted download resumes; a delivered one cannot start again', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      const first = lease(now + MINUTE);
      expect(await ctx.store.startDownload(file.id, grant.hash, first, now)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.startDownload(file.id, grant.hash, lease(now + MINUTE), now + 1)).toEqual({
        status: 'in_progress',
      });
      expect(await ctx.store.finishDownload(file.id, grant.hash, first.id, false, now + 2)).toEqual({
        status: 'ok',
        secretId: secret.id,
        index: 0,
        deleteBlob: false,
      });
      expect(await ctx.store.receipt(secret.receiptHash, now + 2)).toMatchObject({ downloads: [] });
      const resumed = lease(now + MINUTE);
      expect(await ctx.store.startDownload(file.id, grant.hash, resumed, now + 3)).toMatchObject({
        status: 'ok',
      });
      expect(await ctx.store.finishDownload(file.id, grant.hash, resumed.id, true, now + 4)).toEqual({
        status: 'ok',
        secretId: secret.id,
        index: 0,
        deleteBlob: true,
      });
      expect(await ctx.store.startDownload(file.id, grant.hash, lease(now + MINUTE), now + 5)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.finishDownload(file.id, grant.hash, resumed.id, true, now + 5)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.receipt(secret.receiptHash, now + 6)).toMatchObject({
        state: 'viewed',
        downloads: [{ file: 0, at: now + 4 }],
      });
    });

    it('the receipt logs every delivery, oldest first', async () => {
      const now = Date.now();
      const files = fileRefs(10, 20);
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const [g1, g2] = [newGrant(now + HOUR), newGrant(now + HOUR)];
      await ctx.store.claim(secret.id, right, now, g1);
      await ctx.store.claim(secret.id, right, now, g2);
      await deliver(ctx.store, files[1].id, g1.hash, now + 1);
      await deliver(ctx.store, files[0].id, g1.hash, now + 2);
      await deliver(ctx.store, files[1].id, g2.hash, now + 3);
      expect(await ctx.store.receipt(secret.receiptHash, now + 4)).toMatchObject({
        downloads: [
          { file: 1, at: now + 1 },
          { file: 0, at: now + 2 },
          { file: 1, at: now + 3 },
        ],
      });
    });

    it('lease_lost after another request took over an expired reader lease; nothing changes', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      const dead = lease(now + MINUTE);
      await ctx.store.startDownload(file.id, grant.hash, dead, now);
      const taker = lease(now + 2 * MINUTE);
      expect(await ctx.store.startDownload(file.id, grant.hash, taker, now + MINUTE)).toMatchObject({
        status: 'ok',
      });
      for (const delivered of [true, false]) {
        expect(await ctx.store.finishDownload(file.id, grant.hash, dead.id, delivered, now + MINUTE)).toEqual(
          {
            status: 'lease_lost',
          },
        );
      }
      expect(await ctx.store.receipt(secret.receiptHash, now + MINUTE)).toMatchObject({ downloads: [] });
      expect(await ctx.store.knownBlobs([file.id])).toEqual(new Set([file.id]));
      expect(await ctx.store.startDownload(file.id, grant.hash, lease(now + HOUR), now + MINUTE + 1)).toEqual(
        {
          status: 'in_progress',
        },
      );
      expect(
        await ctx.store.finishDownload(file.id, grant.hash, taker.id, true, now + MINUTE + 2),
      ).toMatchObject({
        status: 'ok',
        deleteBlob: true,
      });
    });

    it('a grant is judged by its own expiry: gone at it before any sweep, alive after the secret expired', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 3, ttlMs: MINUTE });
      const short = newGrant(now + 10);
      const long = newGrant(secret.expiresAt + HOUR);
      await ctx.store.claim(secret.id, right, now, short);
      await ctx.store.claim(secret.id, right, now, long);
      expect(await ctx.store.startDownload(file.id, short.hash, lease(now + MINUTE), now + 10)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.peek(secret.id, secret.expiresAt)).toBeNull();
      expect(
        await ctx.store.startDownload(file.id, long.hash, lease(secret.expiresAt + MINUTE), secret.expiresAt),
      ).toEqual({ status: 'ok', secretId: secret.id, index: 0, size: 10 });
    });
  });

  describe('extendLease', () => {
    it('keeps an upload busy past its first until for the holder; false once taken over', async () => {
      const now = Date.now();
      const [file] = fileRefs(100);
      await ctx.created({ now, files: [file] });
      const holder = lease(now + MINUTE);
      await ctx.store.startUpload(file.id, 0, holder, now);
      expect(await ctx.store.extendLease(file.id, null, holder.id, now + 3 * MINUTE)).toBe(true);
      expect(await ctx.store.startUpload(file.id, 0, lease(now + HOUR), now + 2 * MINUTE)).toEqual({
        status: 'busy',
        offset: 0,
      });
      const taker = lease(now + HOUR);
      expect(await ctx.store.startUpload(file.id, 0, taker, now + 3 * MINUTE)).toMatchObject({
        status: 'ok',
      });
      expect(await ctx.store.extendLease(file.id, null, holder.id, now + HOUR)).toBe(false);
      expect(await ctx.store.extendLease(file.id, null, taker.id, now + 2 * HOUR)).toBe(true);
      expect(await ctx.store.extendLease(randomId(), null, taker.id, now + 2 * HOUR)).toBe(false);
    });

    it('keeps a download in progress past its first until for the holder; false once taken over', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      const holder = lease(now + MINUTE);
      await ctx.store.startDownload(file.id, grant.hash, holder, now);
      expect(await ctx.store.extendLease(file.id, grant.hash, holder.id, now + 3 * MINUTE)).toBe(true);
      expect(await ctx.store.extendLease(file.id, newGrant(now).hash, holder.id, now + 3 * MINUTE)).toBe(
        false,
      );
      expect(await ctx.store.extendLease(file.id, null, holder.id, now + 3 * MINUTE)).toBe(false);
      expect(await ctx.store.startDownload(file.id, grant.hash, lease(now + HOUR), now + 2 * MINUTE)).toEqual(
        {
          status: 'in_progress',
        },
      );
      const taker = lease(now + HOUR);
      expect(await ctx.store.startDownload(file.id, grant.hash, taker, now + 3 * MINUTE)).toMatchObject({
        status: 'ok',
      });
      expect(await ctx.store.extendLease(file.id, grant.hash, holder.id, now + HOUR)).toBe(false);
      expect(await ctx.store.extendLease(file.id, grant.hash, taker.id, now + 2 * HOUR)).toBe(true);
    });
  });
}
