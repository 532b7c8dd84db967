import { mkdtemp, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobOffsetError } from './blob-store.js';
import { chunksOf, collect, grantHash, HOUR, makeBlobFixture } from './contract-blob-fixtures.js';
import { runBlobStoreContract } from './contract-suite.js';
import { FsBlobStore } from './fs-blob-store.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-blobs-'));
  dirs.push(dir);
  return join(dir, 'blobs');
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Every file path under `dir`, relative to it. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

runBlobStoreContract('filesystem', async () => {
  const dir = await freshDir();
  return { store: new FsBlobStore(dir) };
});

describe('FsBlobStore', () => {
  it('creates its directory with mode 0700', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    await store.close();
  });

  it('two stores on one directory (two nodes) share every state, and only one seals', async () => {
    const dir = await freshDir();
    const a = new FsBlobStore(dir);
    const b = new FsBlobStore(dir);
    const { secret, blobIds, bytes, now } = makeBlobFixture({ sizes: [100_000, 10], maxViews: 2 });
    await a.stage(secret);
    await expect(b.uploadState(blobIds[0]!, now)).resolves.toMatchObject({ offset: 0, length: 100_000 });
    await b.write(blobIds[0]!, 0, chunksOf(bytes[0]!.subarray(0, 40_000)), now);
    await expect(b.write(blobIds[0]!, 0, chunksOf(bytes[0]!), now)).rejects.toBeInstanceOf(BlobOffsetError);
    await a.write(blobIds[0]!, 40_000, chunksOf(bytes[0]!.subarray(40_000)), now);
    await b.write(blobIds[1]!, 0, chunksOf(bytes[1]!), now);
    const seals = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).seal(secret.id, now)),
    );
    expect(seals.filter((s) => s !== null)).toHaveLength(1);
    const hash = grantHash();
    await a.grant(blobIds, hash, now + HOUR, true);
    expect(Buffer.from(await collect(b.read(blobIds[0]!, 0, 100_000))).equals(bytes[0]!)).toBe(true);
    const used = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).completeDownload(blobIds[0]!, hash, now + 1)),
    );
    expect(used.filter(Boolean)).toHaveLength(1);
    await expect(a.downloads(secret.receiptHash, now + 2)).resolves.toEqual([{ file: 0, at: now + 1 }]);
    expect(await b.list()).not.toContain(blobIds[0]);
    await expect(b.removeByReceipt(secret.receiptHash)).resolves.toBe(true);
    expect(await a.list()).toEqual([]);
    await a.close();
    await b.close();
  });

  it('leaves no file of a secret behind once it is removed or downloaded', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const removed = makeBlobFixture({ sizes: [3000, 0] });
    const downloaded = makeBlobFixture({ sizes: [5000] });
    for (const { secret, blobIds, bytes, now } of [removed, downloaded]) {
      await store.stage(secret);
      for (const [i, id] of blobIds.entries()) await store.write(id, 0, chunksOf(bytes[i]!), now);
      await store.seal(secret.id, now);
    }
    await store.removeSecret(removed.secret.id);
    const hash = grantHash();
    await store.grant(downloaded.blobIds, hash, downloaded.now + HOUR, true);
    await store.completeDownload(downloaded.blobIds[0]!, hash, downloaded.now + 1);
    // What is left: the download log (one empty file) until the receipt's retention ends.
    const files = await walk(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^logs/${downloaded.secret.receiptHash}/`));
    await store.sweep(downloaded.secret.expiresAt + downloaded.secret.receiptRetentionMs);
    expect(await walk(dir)).toEqual([]);
    await store.close();
  });

  it('takes over an upload left held by a crashed writer once it is stale, not before', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir, { staleWriteMs: 1000 });
    const { secret, blobIds, bytes, now } = makeBlobFixture({ sizes: [2000] });
    await store.stage(secret);
    await store.write(blobIds[0]!, 0, chunksOf(bytes[0]!.subarray(0, 500)), now);
    // A writer on another node took the file (as fs-blob-writer.ts does) and its node died.
    const held = join(dir, 'blobs', blobIds[0]!, 'w.crashed');
    await rename(join(dir, 'blobs', blobIds[0]!, 'data'), held);
    await expect(store.uploadState(blobIds[0]!, now)).resolves.toMatchObject({ offset: 500 });
    const error = await store.write(blobIds[0]!, 500, chunksOf(bytes[0]!.subarray(500)), now).catch((e) => e);
    expect(error).toBeInstanceOf(BlobOffsetError);
    expect((error as BlobOffsetError).currentOffset).toBe(500);
    const past = new Date(Date.now() - 5000);
    await utimes(held, past, past);
    await expect(store.write(blobIds[0]!, 500, chunksOf(bytes[0]!.subarray(500)), now)).resolves.toBe(2000);
    await expect(store.seal(secret.id, now)).resolves.not.toBeNull();
    expect(Buffer.from(await collect(store.read(blobIds[0]!, 0, 2000))).equals(bytes[0]!)).toBe(true);
    await store.close();
  });

  it('treats ids that are not b64u as unknown (no path outside its directory)', async () => {
    const store = new FsBlobStore(await freshDir());
    const now = Date.now();
    for (const id of ['../secrets', '..', 'a/b', '', 'x'.repeat(65)]) {
      await expect(store.uploadState(id, now)).resolves.toBeNull();
      await expect(store.write(id, 0, chunksOf(new Uint8Array(1)), now)).rejects.toBeInstanceOf(
        BlobNotFoundError,
      );
      await expect(store.checkGrant(id, grantHash(), now)).resolves.toBeNull();
      await expect(store.completeDownload(id, grantHash(), now)).resolves.toBe(false);
      await expect(store.seal(id, now)).resolves.toBeNull();
      await expect(store.removeByReceipt(id)).resolves.toBe(false);
    }
    const bad = makeBlobFixture();
    bad.secret.files[0]!.id = '../escape';
    await expect(store.stage(bad.secret)).rejects.toThrow(/b64u/);
    await store.close();
  });

  it('lists and then sweeps a deletion interrupted by a crash', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const { secret, blobIds } = makeBlobFixture({ sizes: [10] });
    await store.stage(secret);
    // The crash came after the rename into the trash and before the removal.
    await rename(join(dir, 'blobs', blobIds[0]!), join(dir, 'trash', `b.${blobIds[0]}.leftover`));
    expect(await store.list()).toContain(blobIds[0]);
    await store.sweep(Date.now());
    expect(await store.list()).not.toContain(blobIds[0]);
    await store.removeSecret(secret.id);
    expect(await walk(dir)).toEqual([]);
    await store.close();
  });
});

describe('FsBlobStore writer hold', () => {
  it('a writer whose hold was taken over stops before its next byte, and never moves the file back', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir, { staleWriteMs: 200 });
    const { secret, blobIds, bytes, now } = makeBlobFixture({ sizes: [3000] });
    await store.stage(secret);
    const blobDir = join(dir, 'blobs', blobIds[0]!);
    async function* frozen(): AsyncIterable<Uint8Array> {
      yield bytes[0]!.subarray(0, 1000);
      // Meanwhile another node decided this writer was dead and took the file over.
      const held = (await readdir(blobDir)).find((name) => name.startsWith('w.'))!;
      await rename(join(blobDir, held), join(blobDir, 'w.thief'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      yield bytes[0]!.subarray(1000, 2000);
    }
    const error = await store.write(blobIds[0]!, 0, frozen(), now).catch((e) => e);
    expect(error).toBeInstanceOf(BlobOffsetError);
    expect((error as BlobOffsetError).currentOffset).toBe(1000);
    expect((await readdir(blobDir)).sort()).toEqual(['grants', 'meta.json', 'w.thief']);
    await store.close();
  });
});
