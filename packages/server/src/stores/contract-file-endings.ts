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
  randomId,
  uploadAll,
} from './contract-fixtures.js';
import type { BurnOutcome, ClaimOutcome } from './secret-store.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Blob ids in a burn or lock outcome, sorted (backends may report them in any order). */
const idsOf = (outcome: BurnOutcome | ClaimOutcome) =>
  'blobIds' in outcome ? [...outcome.blobIds].sort() : [];

/** Burn, lock and cancel of secrets with files: which file records they delete and report. */
export function describeFileEndings(ctx: ContractContext): void {
  describe('burn and lock with files', () => {
    it('burn of a staged secret ends it and deletes every file record; idempotent', async () => {
      const now = Date.now();
      const files = fileRefs(10, 20);
      const ids = files.map((file) => file.id).sort();
      const { secret } = await ctx.created({ now, files });
      await uploadAll(ctx.store, [files[0]], now);
      const burned = await ctx.store.burn(secret.receiptHash, now + 1);
      expect({ ...burned, blobIds: idsOf(burned) }).toEqual(burnt(secret.id, true, ids));
      expect(await ctx.store.receipt(secret.receiptHash, now + 2)).toMatchObject({
        state: 'burned',
        endedAt: now + 1,
      });
      expect(await ctx.store.upload(files[1].id, now + 2)).toBeNull();
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
      expect(await ctx.store.burn(secret.receiptHash, now + 3)).toEqual(burnt(secret.id, false));
    });

    it('burn of a live secret with views left ends it and takes the files from grants given so far', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      expect(await ctx.store.burn(secret.receiptHash, now + 1)).toEqual(
        burnt(secret.id, true, [files[0].id]),
      );
      expect(await ctx.store.startDownload(files[0].id, grant.hash, lease(now + MINUTE), now + 2)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.claim(secret.id, right, now + 2)).toEqual({ status: 'not_found' });
    });

    it('burn after the last view deletes the files a recipient still holds a grant for, mid-download too', async () => {
      const now = Date.now();
      const files = fileRefs(10, 20);
      const ids = files.map((file) => file.id).sort();
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      const reader = lease(now + MINUTE);
      expect(await ctx.store.startDownload(files[0].id, grant.hash, reader, now)).toMatchObject({
        status: 'ok',
      });
      const burned = await ctx.store.burn(secret.receiptHash, now + 1);
      expect({ ...burned, blobIds: idsOf(burned) }).toEqual(burnt(secret.id, false, ids));
      expect(await ctx.store.finishDownload(files[0].id, grant.hash, reader.id, true, now + 2)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.startDownload(files[1].id, grant.hash, lease(now + MINUTE), now + 2)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.receipt(secret.receiptHash, now + 3)).toMatchObject({
        state: 'viewed',
        downloads: [],
      });
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
      expect(await ctx.store.burn(secret.receiptHash, now + 4)).toEqual(burnt(secret.id, false));
    });

    it('a lock deletes the files and reports them', async () => {
      const now = Date.now();
      const files = fileRefs(10, 0);
      const ids = files.map((file) => file.id).sort();
      const { secret, wrongToken } = await ctx.sealed({ now, files, passphrase: true, maxAttempts: 1 });
      const locked = await ctx.store.claim(secret.id, wrongToken, now + 1, newGrant(now + HOUR));
      expect(locked.status).toBe('locked');
      expect(idsOf(locked)).toEqual(ids);
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
      expect(await ctx.store.burn(secret.receiptHash, now + 2)).toEqual(burnt(secret.id, false));
    });

    it('a lock keeps the files an earlier grant can still deliver; that delivery then deletes them', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right, wrongToken } = await ctx.sealed({
        now,
        files,
        passphrase: true,
        maxViews: 2,
        maxAttempts: 1,
      });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      expect(await ctx.store.claim(secret.id, wrongToken, now + 1)).toEqual({
        status: 'locked',
        blobIds: [],
      });
      expect(await deliver(ctx.store, file.id, grant.hash, now + 2)).toMatchObject({ deleteBlob: true });
      expect(await ctx.store.receipt(secret.receiptHash, now + 3)).toMatchObject({
        state: 'locked',
        downloads: [{ file: 0, at: now + 2 }],
      });
    });
  });

  describe('ending a staged secret', () => {
    it('cancelUpload deletes the secret and every file record, burns the receipt, then not_found', async () => {
      const now = Date.now();
      const files = fileRefs(10, 20);
      const { secret } = await ctx.created({ now, files });
      await uploadAll(ctx.store, [files[0]], now);
      const outcome = await ctx.store.cancelUpload(files[1].id, now + 5);
      expect(outcome).toMatchObject({ status: 'cancelled', secretId: secret.id });
      if (outcome.status === 'cancelled')
        expect(outcome.blobIds.sort()).toEqual(files.map((f) => f.id).sort());
      expect(await ctx.store.receipt(secret.receiptHash, now + 6)).toMatchObject({
        state: 'burned',
        endedAt: now + 5,
      });
      expect(await ctx.store.knownBlobs(files.map((f) => f.id))).toEqual(new Set());
      expect(await ctx.store.cancelUpload(files[0].id, now + 6)).toEqual({ status: 'not_found' });
      expect(await ctx.store.burn(secret.receiptHash, now + 7)).toEqual(burnt(secret.id, false));
    });

    it('cancelUpload of a sealed secret answers sealed and changes nothing', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const { secret, right } = await ctx.sealed({ now, files });
      expect(await ctx.store.cancelUpload(files[0].id, now)).toEqual({ status: 'sealed' });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'pending' });
      expect(await ctx.store.claim(secret.id, right, now)).toMatchObject({ status: 'ok' });
    });

    it('every upload method answers not_found for unknown, expired, burned and cancelled uploads', async () => {
      const now = Date.now();
      const [expiringFile, burnedFile, cancelledFile, otherFile] = fileRefs(10, 10, 10, 10);
      const expiring = await ctx.created({ now, ttlMs: MINUTE, files: [expiringFile] });
      const burned = await ctx.created({ now, files: [burnedFile] });
      await ctx.created({ now, files: [cancelledFile, otherFile] });
      const holder = lease(now + 2 * MINUTE);
      for (const file of [expiringFile, burnedFile, cancelledFile]) {
        expect(await ctx.store.startUpload(file.id, 0, holder, now)).toMatchObject({ status: 'ok' });
      }
      await ctx.store.burn(burned.secret.receiptHash, now + 1);
      await ctx.store.cancelUpload(otherFile.id, now + 1);
      const at = expiring.secret.expiresAt;
      const gone = [randomId(), expiringFile.id, burnedFile.id, cancelledFile.id];
      for (const blobId of gone) {
        expect(await ctx.store.upload(blobId, at)).toBeNull();
        expect(await ctx.store.startUpload(blobId, 0, lease(at + MINUTE), at)).toEqual({
          status: 'not_found',
        });
        expect(await ctx.store.finishUpload(blobId, holder.id, 10, at)).toEqual({ status: 'not_found' });
        expect(await ctx.store.cancelUpload(blobId, at)).toEqual({ status: 'not_found' });
      }
      expect(await ctx.store.receipt(expiring.secret.receiptHash, at)).toMatchObject({ state: 'expired' });
    });
  });
}
