import { describe, expect, it } from 'vitest';
import { type ContractContext, deliver, fileRefs, HOUR, newGrant } from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/**
 * When a delivery deletes a file's record (`deleteBlob: true`, and the caller deletes the bytes): only once the
 * secret can give no more views and no other grant can still deliver that file.
 */
export function describeFileKeeping(ctx: ContractContext): void {
  describe('keeping files for grants', () => {
    it('1 view: after the claim peek is null but every file downloads; each delivery deletes its record', async () => {
      const now = Date.now();
      const files = fileRefs(10, 20);
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      expect(await ctx.store.claim(secret.id, right, now, grant)).toMatchObject({
        status: 'ok',
        viewsLeft: 0,
      });
      expect(await ctx.store.peek(secret.id, now)).toBeNull();
      const ids = files.map((file) => file.id);
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set(ids));
      expect(await deliver(ctx.store, files[0].id, grant.hash, now + 1)).toEqual({
        status: 'ok',
        secretId: secret.id,
        index: 0,
        deleteBlob: true,
      });
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set([files[1].id]));
      expect(await deliver(ctx.store, files[1].id, grant.hash, now + 2)).toMatchObject({
        index: 1,
        deleteBlob: true,
      });
      expect(await ctx.store.knownBlobs(ids)).toEqual(new Set());
    });

    it('2 views: a delivery before the last view keeps the file for the next claim; the last one deletes', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const first = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, first);
      expect(await deliver(ctx.store, file.id, first.hash, now + 1)).toMatchObject({ deleteBlob: false });
      expect(await ctx.store.knownBlobs([file.id])).toEqual(new Set([file.id]));
      const second = newGrant(now + HOUR);
      expect(await ctx.store.claim(secret.id, right, now + 2, second)).toMatchObject({ viewsLeft: 0 });
      expect(await deliver(ctx.store, file.id, second.hash, now + 3)).toMatchObject({ deleteBlob: true });
      expect(await ctx.store.knownBlobs([file.id])).toEqual(new Set());
      expect(await ctx.store.receipt(secret.receiptHash, now + 4)).toMatchObject({
        state: 'viewed',
        downloads: [
          { file: 0, at: now + 1 },
          { file: 0, at: now + 3 },
        ],
      });
    });

    it('after the last view a file waits for every grant that can still deliver it', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const [first, second] = [newGrant(now + HOUR), newGrant(now + HOUR)];
      await ctx.store.claim(secret.id, right, now, first);
      await ctx.store.claim(secret.id, right, now, second);
      expect(await deliver(ctx.store, file.id, second.hash, now + 1)).toMatchObject({ deleteBlob: false });
      expect(await deliver(ctx.store, file.id, first.hash, now + 2)).toMatchObject({ deleteBlob: true });
    });

    it('after the last view an expired unused grant does not keep the file once the others delivered', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const [unused, used] = [newGrant(now + 10), newGrant(now + HOUR)];
      await ctx.store.claim(secret.id, right, now, unused);
      await ctx.store.claim(secret.id, right, now, used);
      expect(await deliver(ctx.store, file.id, used.hash, now + 10)).toMatchObject({ deleteBlob: true });
      expect(await ctx.store.knownBlobs([file.id])).toEqual(new Set());
    });

    it('after the secret expired with views left, a delivery deletes the file no other grant can deliver', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 3, ttlMs: HOUR });
      const grant = newGrant(secret.expiresAt + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      expect(await deliver(ctx.store, file.id, grant.hash, secret.expiresAt)).toMatchObject({
        deleteBlob: true,
      });
      expect(await ctx.store.knownBlobs([file.id])).toEqual(new Set());
    });

    it('a claim without a grant takes a view and grants nothing: the file waits only for the grants given', async () => {
      const now = Date.now();
      const files = fileRefs(10);
      const [file] = files;
      const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      expect(await ctx.store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok', viewsLeft: 0 });
      expect(await deliver(ctx.store, file.id, grant.hash, now + 2)).toMatchObject({ deleteBlob: true });
    });
  });
}
