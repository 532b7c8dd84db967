import { describe, expect, it } from 'vitest';
import {
  type ContractContext,
  fileRefs,
  lease,
  MINUTE,
  makeFixture,
  randomId,
  uploadAll,
} from './contract-fixtures.js';
import { StoreUnavailableError } from './secret-store.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Staged secrets: create with files, startUpload / finishUpload / cancelUpload, and sealing. */
export function describeUploads(ctx: ContractContext): void {
  describe('staged secrets and uploads', () => {
    it('a staged secret cannot be peeked or claimed; its receipt is pending; each upload starts at 0', async () => {
      const now = Date.now();
      const files = fileRefs(1000, 0, 70_000);
      const { secret, right } = await ctx.created({ now, files });
      expect(await ctx.store.peek(secret.id, now)).toBeNull();
      expect(await ctx.store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
        state: 'pending',
        viewsLeft: 1,
        viewedAt: [],
        downloads: [],
      });
      for (const [index, file] of files.entries()) {
        expect(await ctx.store.upload(file.id, now)).toEqual({
          blobId: file.id,
          secretId: secret.id,
          index,
          length: file.size,
          offset: 0,
          sealed: false,
          expiresAt: secret.expiresAt,
        });
      }
      expect(await ctx.store.upload(randomId(), now)).toBeNull();
      // The refused claim counted nothing: once sealed, the one view is still there.
      await uploadAll(ctx.store, files, now);
      expect(await ctx.store.claim(secret.id, right, now)).toMatchObject({ status: 'ok', viewsLeft: 0 });
    });

    it('create refuses a blob id that another secret has, as a plain Error, and changes nothing', async () => {
      const now = Date.now();
      const [file] = fileRefs(10);
      const first = await ctx.created({ now, files: [file] });
      const [own] = fileRefs(5);
      const impostor = makeFixture({ now, files: [own, { id: file.id, size: 99 }] });
      const error = await ctx.store.create(impostor.secret).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      expect(await ctx.store.receipt(impostor.secret.receiptHash, now)).toBeNull();
      expect(await ctx.store.upload(own.id, now)).toBeNull();
      expect(await ctx.store.upload(file.id, now)).toMatchObject({ secretId: first.secret.id, length: 10 });
    });

    it('startUpload takes the lease at the recorded offset only; finishUpload records offsets across requests', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const { secret } = await ctx.created({ now, files });
      const blobId = files[0].id;
      expect(await ctx.store.startUpload(blobId, 5, lease(now + MINUTE), now)).toEqual({
        status: 'offset_mismatch',
        offset: 0,
      });
      const first = lease(now + MINUTE);
      expect(await ctx.store.startUpload(blobId, 0, first, now)).toEqual({
        status: 'ok',
        secretId: secret.id,
        index: 0,
        length: 100,
        offset: 0,
      });
      expect(await ctx.store.finishUpload(blobId, first.id, 40, now + 1)).toEqual({
        status: 'ok',
        secretId: secret.id,
        offset: 40,
        sealed: false,
        expiresAt: secret.expiresAt,
      });
      expect(await ctx.store.upload(blobId, now + 1)).toMatchObject({ offset: 40, sealed: false });
      // Released: the next request needs no takeover, but must resume at 40.
      expect(await ctx.store.startUpload(blobId, 0, lease(now + MINUTE), now + 2)).toEqual({
        status: 'offset_mismatch',
        offset: 40,
      });
      const second = lease(now + MINUTE);
      expect(await ctx.store.startUpload(blobId, 40, second, now + 2)).toMatchObject({
        status: 'ok',
        offset: 40,
      });
      expect(await ctx.store.finishUpload(blobId, second.id, 100, now + 3)).toEqual({
        status: 'ok',
        secretId: secret.id,
        offset: 100,
        sealed: true,
        expiresAt: secret.expiresAt,
      });
    });

    it('an active lease makes others busy (before any offset check); past its until it can be taken over', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      await ctx.created({ now, files });
      const blobId = files[0].id;
      const dead = lease(now + MINUTE);
      expect(await ctx.store.startUpload(blobId, 0, dead, now)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.startUpload(blobId, 0, lease(now + 2 * MINUTE), now + 1)).toEqual({
        status: 'busy',
        offset: 0,
      });
      expect(await ctx.store.startUpload(blobId, 7, lease(now + 2 * MINUTE), now + MINUTE - 1)).toEqual({
        status: 'busy',
        offset: 0,
      });
      const taker = lease(now + 2 * MINUTE);
      expect(await ctx.store.startUpload(blobId, 0, taker, now + MINUTE)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.finishUpload(blobId, dead.id, 60, now + MINUTE + 1)).toEqual({
        status: 'lease_lost',
      });
      expect(await ctx.store.upload(blobId, now + MINUTE + 1)).toMatchObject({ offset: 0 });
      expect(await ctx.store.finishUpload(blobId, taker.id, 30, now + MINUTE + 2)).toMatchObject({
        status: 'ok',
        offset: 30,
      });
    });

    it('finishUpload outside [recorded offset, length] rejects as a plain Error and records nothing', async () => {
      const now = Date.now();
      const files = fileRefs(50);
      await ctx.created({ now, files });
      const blobId = files[0].id;
      const writer = lease(now + MINUTE);
      await ctx.store.startUpload(blobId, 0, writer, now);
      expect(await ctx.store.finishUpload(blobId, writer.id, 20, now)).toMatchObject({ status: 'ok' });
      await ctx.store.startUpload(blobId, 20, writer, now);
      for (const offset of [51, 19]) {
        const error = await ctx.store.finishUpload(blobId, writer.id, offset, now).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(StoreUnavailableError);
      }
      expect(await ctx.store.upload(blobId, now)).toMatchObject({ offset: 20, sealed: false });
      expect(await ctx.store.finishUpload(blobId, writer.id, 50, now)).toMatchObject({ sealed: true });
    });
  });

  describe('sealing', () => {
    it('sealed only by the call completing the last file, empty files included; then live', async () => {
      const now = Date.now();
      const files = fileRefs(30, 0, 20);
      const { secret, right } = await ctx.created({ now, files, maxViews: 2 });
      const [big, empty, small] = files;
      const a = lease(now + MINUTE);
      await ctx.store.startUpload(big.id, 0, a, now);
      expect(await ctx.store.finishUpload(big.id, a.id, 10, now)).toMatchObject({
        offset: 10,
        sealed: false,
      });
      await ctx.store.startUpload(big.id, 10, a, now);
      expect(await ctx.store.finishUpload(big.id, a.id, 30, now)).toMatchObject({
        offset: 30,
        sealed: false,
      });
      expect(await uploadAll(ctx.store, [small], now)).toEqual([
        { status: 'ok', secretId: secret.id, offset: 20, sealed: false, expiresAt: secret.expiresAt },
      ]);
      // Every byte is there, but the empty file has not been through its own finishUpload yet.
      expect(await ctx.store.peek(secret.id, now)).toBeNull();
      expect(await uploadAll(ctx.store, [empty], now)).toEqual([
        { status: 'ok', secretId: secret.id, offset: 0, sealed: true, expiresAt: secret.expiresAt },
      ]);
      expect(await ctx.store.peek(secret.id, now)).toMatchObject({ viewsLeft: 2, files });
      for (const file of files) {
        expect(await ctx.store.upload(file.id, now)).toMatchObject({ offset: file.size, sealed: true });
        expect(await ctx.store.startUpload(file.id, file.size, lease(now + MINUTE), now)).toEqual({
          status: 'sealed',
          length: file.size,
        });
      }
      expect(await ctx.store.claim(secret.id, right, now)).toMatchObject({ status: 'ok', files });
    });

    it('a secret of one empty file is sealed by a finishUpload at offset 0', async () => {
      const now = Date.now();
      const files = fileRefs(0);
      const { secret } = await ctx.created({ now, files });
      expect(await ctx.store.upload(files[0].id, now)).toMatchObject({ offset: 0, length: 0, sealed: false });
      expect(await uploadAll(ctx.store, files, now)).toEqual([
        { status: 'ok', secretId: secret.id, offset: 0, sealed: true, expiresAt: secret.expiresAt },
      ]);
      expect(await ctx.store.peek(secret.id, now)).toMatchObject({ files });
    });

    it('a lease taken on a complete upload before another file sealed the secret finishes without sealing again', async () => {
      const now = Date.now();
      const files = fileRefs(10, 10);
      const { secret } = await ctx.created({ now, files });
      await uploadAll(ctx.store, [files[0]], now);
      const late = lease(now + MINUTE);
      expect(await ctx.store.startUpload(files[0].id, 10, late, now)).toMatchObject({ status: 'ok' });
      expect(await uploadAll(ctx.store, [files[1]], now)).toMatchObject([{ sealed: true }]);
      expect(await ctx.store.finishUpload(files[0].id, late.id, 10, now + 1)).toEqual({
        status: 'ok',
        secretId: secret.id,
        offset: 10,
        sealed: false,
        expiresAt: secret.expiresAt,
      });
      expect(await ctx.store.peek(secret.id, now + 1)).not.toBeNull();
    });
  });
}
