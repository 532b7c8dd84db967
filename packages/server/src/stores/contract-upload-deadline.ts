import { describe, expect, it } from 'vitest';
import {
  type ContractContext,
  DAY,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  pastClock,
  sorted,
  swept,
  uploadAll,
} from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`). Every test runs on `pastClock()` and starts with
// a sweep that clears what earlier tests left, so its sweep results are exact.

const IDLE = 10 * MINUTE;

/** Abandoned uploads: a staged secret with `uploadIdleMs` expires once its uploads made no progress for that long. */
export function describeUploadDeadline(ctx: ContractContext): void {
  describe('upload deadline (idle staged secrets)', () => {
    it('expires a staged secret without progress at createdAt + idle, with every file record and its bytes', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(2 ** 30, 20);
      const { secret } = await ctx.created({ now: t, ttlMs: 30 * 24 * HOUR, files, uploadIdleMs: IDLE });
      expect(await ctx.store.upload(files[0].id, t)).toMatchObject({ offset: 0, expiresAt: t + IDLE });
      expect(await ctx.store.sweep(t + IDLE - 1)).toEqual(swept([], 0));
      const ids = files.map((file) => file.id);
      expect(sorted(await ctx.store.sweep(t + IDLE))).toEqual(swept([secret.id], 0, ids));
      expect(await ctx.store.receipt(secret.receiptHash, t + IDLE)).toMatchObject({
        state: 'expired',
        endedAt: t + IDLE,
      });
      expect(await ctx.store.upload(files[0].id, t + IDLE)).toBeNull();
      expect(await ctx.store.startUpload(files[0].id, 0, lease(t + IDLE + MINUTE), t + IDLE)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
      // The receipt is kept its retention (7 days here) after that end, not after the 30-day expiry.
      expect(await ctx.store.sweep(t + IDLE + 7 * DAY - 1)).toEqual(swept([], 0));
      expect(await ctx.store.sweep(t + IDLE + 7 * DAY)).toEqual(swept([], 1));
      expect(await ctx.store.receipt(secret.receiptHash, t + IDLE + 7 * DAY)).toBeNull();
    });

    it('is gone for the upload methods once the deadline passed, before any sweep', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      await ctx.created({ now: t, files, uploadIdleMs: IDLE });
      expect(await ctx.store.upload(files[0].id, t + IDLE - 1)).not.toBeNull();
      expect(await ctx.store.upload(files[0].id, t + IDLE)).toBeNull();
      expect(await ctx.store.startUpload(files[0].id, 0, lease(t + IDLE + MINUTE), t + IDLE)).toEqual({
        status: 'not_found',
      });
    });

    it('a burn after the deadline takes the files at once and leaves the secret for the sweep to report', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      const { secret } = await ctx.created({ now: t, files, uploadIdleMs: IDLE });
      expect(await ctx.store.burn(secret.receiptHash, t + IDLE)).toEqual({
        known: true,
        secretId: secret.id,
        ended: false,
        blobIds: [files[0].id],
      });
      expect(await ctx.store.sweep(t + IDLE)).toEqual(swept([secret.id], 0));
      expect(await ctx.store.receipt(secret.receiptHash, t + IDLE)).toMatchObject({
        state: 'expired',
        endedAt: t + IDLE,
      });
    });

    it('a recorded write moves the deadline to its time + idle', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      const { secret } = await ctx.created({ now: t, files, uploadIdleMs: IDLE });
      const at = t + IDLE - 1000;
      const writer = lease(at + 10);
      expect(await ctx.store.startUpload(files[0].id, 0, writer, at)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.finishUpload(files[0].id, writer.id, 40, at + 5)).toMatchObject({
        offset: 40,
        expiresAt: at + 10 + IDLE,
      });
      expect(await ctx.store.upload(files[0].id, at + 5)).toMatchObject({
        offset: 40,
        expiresAt: at + 10 + IDLE,
      });
      expect(await ctx.store.sweep(at + 9 + IDLE)).toEqual(swept([], 0));
      expect(sorted(await ctx.store.sweep(at + 10 + IDLE))).toEqual(swept([secret.id], 0, [files[0].id]));
    });

    it('a writer lease taken or extended holds the deadline at least idle past its end', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      const { secret } = await ctx.created({ now: t, files, uploadIdleMs: IDLE });
      const writer = lease(t + MINUTE);
      expect(await ctx.store.startUpload(files[0].id, 0, writer, t)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.upload(files[0].id, t)).toMatchObject({ expiresAt: t + MINUTE + IDLE });
      // One long PATCH: its lease is extended while bytes flow, so the upload does not expire under it.
      expect(await ctx.store.extendLease(files[0].id, null, writer.id, t + 2 * HOUR)).toBe(true);
      expect(await ctx.store.sweep(t + 2 * HOUR + IDLE - 1)).toEqual(swept([], 0));
      expect(await ctx.store.upload(files[0].id, t + 2 * HOUR)).toMatchObject({
        expiresAt: t + 2 * HOUR + IDLE,
      });
      expect(sorted(await ctx.store.sweep(t + 2 * HOUR + IDLE))).toEqual(
        swept([secret.id], 0, [files[0].id]),
      );
    });

    it('never goes past the secret expiry', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      const { secret } = await ctx.created({ now: t, ttlMs: IDLE / 2, files, uploadIdleMs: IDLE });
      expect(await ctx.store.upload(files[0].id, t)).toMatchObject({ expiresAt: t + IDLE / 2 });
      const writer = lease(t + MINUTE);
      expect(await ctx.store.startUpload(files[0].id, 0, writer, t)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.finishUpload(files[0].id, writer.id, 10, t)).toMatchObject({ offset: 10 });
      expect(await ctx.store.upload(files[0].id, t)).toMatchObject({ expiresAt: t + IDLE / 2 });
      expect(sorted(await ctx.store.sweep(t + IDLE / 2))).toEqual(swept([secret.id], 0, [files[0].id]));
    });

    it('no longer applies once the secret is live: it keeps its own expiry', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(10, 20);
      const { secret } = await ctx.created({ now: t + 1000, ttlMs: HOUR, files, uploadIdleMs: IDLE });
      const finished = await uploadAll(ctx.store, files, t + 1000);
      expect(finished.at(-1)).toMatchObject({ sealed: true, expiresAt: t + 1000 + HOUR });
      expect(await ctx.store.sweep(t + 1000 + 2 * IDLE)).toEqual(swept([], 0));
      expect(await ctx.store.peek(secret.id, t + 1000 + 2 * IDLE)).toMatchObject({
        expiresAt: t + 1000 + HOUR,
      });
      expect(await ctx.store.upload(files[0].id, t + 1000 + 2 * IDLE)).toMatchObject({
        sealed: true,
        expiresAt: t + 1000 + HOUR,
      });
      expect(sorted(await ctx.store.sweep(t + 1000 + HOUR))).toEqual(
        swept(
          [secret.id],
          0,
          files.map((file) => file.id),
        ),
      );
    });

    it('without an idle limit, a staged secret waits for its expiry', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const files = fileRefs(100);
      await ctx.created({ now: t, ttlMs: HOUR, files, uploadIdleMs: null });
      expect(await ctx.store.upload(files[0].id, t)).toMatchObject({ expiresAt: t + HOUR });
      expect(await ctx.store.sweep(t + HOUR - 1)).toEqual(swept([], 0));
    });
  });
}
