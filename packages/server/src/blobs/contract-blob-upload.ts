import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobOffsetError, BlobSealedError, BlobTooLargeError } from './blob-store.js';
import {
  type BlobContext,
  chunksOf,
  collect,
  grantHash,
  HOUR,
  interrupted,
} from './contract-blob-fixtures.js';

/** Staging, tus-style writes and sealing. */
export function describeUploads(ctx: BlobContext): void {
  describe('stage and uploadState', () => {
    it('creates one empty blob per file, in payload order', async () => {
      const { secret, blobIds, now } = await ctx.staged({ sizes: [10, 0, 5000] });
      for (const [i, id] of blobIds.entries()) {
        await expect(ctx.store.uploadState(id, now)).resolves.toEqual({
          blobId: id,
          secretId: secret.id,
          length: secret.files[i]!.size,
          offset: 0,
          sealed: false,
        });
      }
      expect(await ctx.store.list()).toEqual(expect.arrayContaining(blobIds));
    });

    it('knows nothing of an unknown blob', async () => {
      await expect(ctx.store.uploadState(grantHash().slice(0, 22), Date.now())).resolves.toBeNull();
    });

    it('a staged secret whose expiresAt <= now is gone for uploadState, write and seal', async () => {
      const { secret, blobIds, bytes, now } = await ctx.staged({ ttlMs: HOUR });
      const at = now + HOUR;
      await expect(ctx.store.uploadState(blobIds[0]!, at)).resolves.toBeNull();
      await expect(ctx.store.write(blobIds[0]!, 0, chunksOf(bytes[0]!), at)).rejects.toBeInstanceOf(
        BlobNotFoundError,
      );
      await expect(ctx.store.uploadState(blobIds[0]!, at - 1)).resolves.toMatchObject({ offset: 0 });
      await ctx.store.write(blobIds[0]!, 0, chunksOf(bytes[0]!), at - 1);
      await expect(ctx.store.seal(secret.id, at)).resolves.toBeNull();
      await ctx.store.removeSecret(secret.id);
    });
  });

  describe('write', () => {
    it('appends at the current offset, across several writes, and resolves with the new offset', async () => {
      const { blobIds, bytes, now } = await ctx.staged({ sizes: [10_000] });
      const id = blobIds[0]!;
      await expect(ctx.store.write(id, 0, chunksOf(bytes[0]!.subarray(0, 3000), 1000), now)).resolves.toBe(
        3000,
      );
      await expect(ctx.store.write(id, 3000, chunksOf(bytes[0]!.subarray(3000, 3000)), now)).resolves.toBe(
        3000,
      );
      await expect(ctx.store.write(id, 3000, chunksOf(bytes[0]!.subarray(3000), 777), now)).resolves.toBe(
        10_000,
      );
      await expect(ctx.store.uploadState(id, now)).resolves.toMatchObject({ offset: 10_000, length: 10_000 });
    });

    it('refuses a wrong offset with the current one, writing nothing', async () => {
      const { blobIds, bytes, now } = await ctx.staged({ sizes: [1000] });
      const id = blobIds[0]!;
      await ctx.store.write(id, 0, chunksOf(bytes[0]!.subarray(0, 400)), now);
      for (const wrong of [0, 399, 401, 1000]) {
        const error = await ctx.store
          .write(id, wrong, chunksOf(bytes[0]!.subarray(wrong, wrong + 10)), now)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BlobOffsetError);
        expect((error as BlobOffsetError).currentOffset).toBe(400);
      }
      await expect(ctx.store.uploadState(id, now)).resolves.toMatchObject({ offset: 400 });
    });

    it('an interrupted write keeps the bytes that arrived, and a resumed write completes the blob', async () => {
      const fixture = await ctx.staged({ sizes: [50_000] });
      const { blobIds, bytes, now } = fixture;
      const id = blobIds[0]!;
      const dropped = new Error('connection reset');
      await expect(ctx.store.write(id, 0, interrupted(bytes[0]!, 20_480, dropped, 4096), now)).rejects.toBe(
        dropped,
      );
      const state = await ctx.store.uploadState(id, now);
      expect(state?.offset).toBe(20_480);
      await expect(ctx.store.write(id, 20_480, chunksOf(bytes[0]!.subarray(20_480)), now)).resolves.toBe(
        50_000,
      );
      await expect(ctx.store.seal(fixture.secret.id, now)).resolves.not.toBeNull();
      expect(Buffer.from(await collect(ctx.store.read(id, 0, 50_000))).equals(bytes[0]!)).toBe(true);
    });

    it('throws BlobTooLargeError at a byte past the declared length and never stores it', async () => {
      const { blobIds, now } = await ctx.staged({ sizes: [1000] });
      const id = blobIds[0]!;
      const tooLong = new Uint8Array(1500).fill(7);
      await expect(ctx.store.write(id, 0, chunksOf(tooLong, 300), now)).rejects.toBeInstanceOf(
        BlobTooLargeError,
      );
      const state = await ctx.store.uploadState(id, now);
      expect(state?.offset).toBeLessThanOrEqual(1000);
    });

    it('a complete blob takes no further byte, but an empty write at its end succeeds', async () => {
      const { blobIds, bytes, now } = await ctx.uploaded({ sizes: [100] });
      const id = blobIds[0]!;
      await expect(ctx.store.write(id, 100, chunksOf(new Uint8Array(1)), now)).rejects.toBeInstanceOf(
        BlobTooLargeError,
      );
      await expect(ctx.store.write(id, 100, chunksOf(new Uint8Array(0)), now)).resolves.toBe(100);
      await expect(ctx.store.uploadState(id, now)).resolves.toMatchObject({ offset: 100 });
      expect(bytes[0]!.byteLength).toBe(100);
    });

    it('refuses writes once the secret is sealed', async () => {
      const { blobIds, now } = await ctx.sealed({ sizes: [100] });
      await expect(
        ctx.store.write(blobIds[0]!, 100, chunksOf(new Uint8Array(0)), now),
      ).rejects.toBeInstanceOf(BlobSealedError);
      await expect(
        ctx.store.write(blobIds[0]!, 100, chunksOf(new Uint8Array(5)), now),
      ).rejects.toBeInstanceOf(BlobSealedError);
    });

    it('refuses writes to an unknown or removed blob', async () => {
      const { secret, blobIds, bytes, now } = await ctx.staged({ sizes: [100] });
      await expect(
        ctx.store.write(grantHash().slice(0, 22), 0, chunksOf(bytes[0]!), now),
      ).rejects.toBeInstanceOf(BlobNotFoundError);
      await ctx.store.removeSecret(secret.id);
      await expect(ctx.store.write(blobIds[0]!, 0, chunksOf(bytes[0]!), now)).rejects.toBeInstanceOf(
        BlobNotFoundError,
      );
    });

    it('of two concurrent writes at one offset, one fails with BlobOffsetError and the bytes are the other’s', async () => {
      const { secret, blobIds, now } = await ctx.staged({ sizes: [64_000] });
      const id = blobIds[0]!;
      const a = new Uint8Array(64_000).fill(1);
      const b = new Uint8Array(64_000).fill(2);
      const results = await Promise.allSettled([
        ctx.store.write(id, 0, chunksOf(a, 8000), now),
        ctx.store.write(id, 0, chunksOf(b, 8000), now),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(BlobOffsetError);
      const winner = results[0]!.status === 'fulfilled' ? a : b;
      await expect(ctx.store.seal(secret.id, now)).resolves.not.toBeNull();
      expect(Buffer.from(await collect(ctx.store.read(id, 0, 64_000))).equals(winner)).toBe(true);
    });
  });

  describe('seal', () => {
    it('returns null until every blob is complete, then the NewSecret once', async () => {
      const { secret, blobIds, bytes, now } = await ctx.staged({ sizes: [300, 200] });
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
      await ctx.store.write(blobIds[0]!, 0, chunksOf(bytes[0]!), now);
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
      await ctx.store.write(blobIds[1]!, 0, chunksOf(bytes[1]!.subarray(0, 199)), now);
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
      await ctx.store.write(blobIds[1]!, 199, chunksOf(bytes[1]!.subarray(199)), now);
      await expect(ctx.store.seal(secret.id, now)).resolves.toEqual(secret);
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
      await expect(ctx.store.uploadState(blobIds[0]!, now)).resolves.toMatchObject({ sealed: true });
    });

    it('seals a secret whose files are all empty at once', async () => {
      const { secret, blobIds, now } = await ctx.staged({ sizes: [0] });
      await expect(ctx.store.seal(secret.id, now)).resolves.toEqual(secret);
      await expect(ctx.store.uploadState(blobIds[0]!, now)).resolves.toMatchObject({
        offset: 0,
        sealed: true,
      });
    });

    it('returns null for an unknown secret', async () => {
      await expect(ctx.store.seal(grantHash().slice(0, 22), Date.now())).resolves.toBeNull();
    });

    it('hands the secret to exactly one of 20 concurrent callers', async () => {
      const { secret, now } = await ctx.uploaded({ sizes: [100, 50] });
      const results = await Promise.all(Array.from({ length: 20 }, () => ctx.store.seal(secret.id, now)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('can seal again after unseal', async () => {
      const { secret, blobIds, now } = await ctx.sealed({ sizes: [10] });
      await ctx.store.unseal(secret.id);
      await expect(ctx.store.uploadState(blobIds[0]!, now)).resolves.toMatchObject({ sealed: false });
      await expect(ctx.store.seal(secret.id, now)).resolves.toEqual(secret);
      await expect(ctx.store.seal(secret.id, now)).resolves.toBeNull();
    });

    for (const passphrase of [false, true]) {
      it(`round-trips the NewSecret exactly (${passphrase ? 'with' : 'without'} a passphrase)`, async () => {
        const { secret, now } = await ctx.uploaded({ sizes: [3, 0, 7], passphrase, maxViews: 3 });
        const sealed = await ctx.store.seal(secret.id, now);
        expect(sealed).toEqual(secret);
        expect(sealed?.verifier).toBeInstanceOf(Uint8Array);
        expect(sealed?.content).toBeInstanceOf(Uint8Array);
        if (passphrase) {
          expect(sealed?.linkVerifier).toBeInstanceOf(Uint8Array);
          expect(sealed?.kdf).toEqual(secret.kdf);
        } else {
          expect(sealed?.linkVerifier).toBeNull();
          expect(sealed?.kdf).toBeNull();
        }
        expect(sealed?.files).toEqual(secret.files);
      });
    }
  });
}
