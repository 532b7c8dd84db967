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
  uploadAll,
} from './contract-fixtures.js';
import type { BurnOutcome, ClaimOutcome } from './secret-store.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Blob ids in a burn or lock outcome, sorted (backends may report them in any order). */
const idsOf = (outcome: BurnOutcome | ClaimOutcome) =>
  'blobIds' in outcome ? [...outcome.blobIds].sort() : [];

/** Burn and lock of secrets with files: which file records they delete and report. */
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
}
