import { mkdir, mkdtemp, open, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { BlobNotFoundError, BlobStorageFullError } from './blob-store.js';
import {
  chunksOf,
  collect,
  MiB,
  newBlobId,
  randomBytesOf,
  readRange,
  sameBytes,
  writeWhole,
} from './contract-blob-fixtures.js';
import { runBlobStoreContract } from './contract-suite.js';
import { FsBlobStore } from './fs-blob-store.js';
import { tinyVolume } from './test-volume.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-blobs-'));
  dirs.push(dir);
  return join(dir, 'blobs');
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

runBlobStoreContract('filesystem', async () => ({ store: new FsBlobStore(await freshDir()) }));

describe('FsBlobStore', () => {
  it('creates its directory 0700 and each blob file 0600, named by the blob id', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const id = newBlobId();
    await writeWhole(store, id, randomBytesOf(10));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, id))).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('two stores on one directory (two nodes) see the same blobs; a write resumes on the other', async () => {
    const dir = await freshDir();
    const [a, b] = [new FsBlobStore(dir), new FsBlobStore(dir)];
    const id = newBlobId();
    const bytes = randomBytesOf(300_000);
    await a.write(id, 0, chunksOf(bytes.subarray(0, 120_000)), MiB);
    await b.write(id, 100_000, chunksOf(bytes.subarray(100_000)), MiB);
    expect(sameBytes(await readRange(a, id, 0, 300_000), bytes)).toBe(true);
    expect(await a.list()).toEqual([id]);
    await b.delete([id]);
    expect(await a.list()).toEqual([]);
    await a.close();
    await b.close();
  });

  it('lists blob files only: never an older layout, temporary or NFS silly-rename names', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const id = newBlobId();
    await writeWhole(store, id, randomBytesOf(10));
    await mkdir(join(dir, 'trash'));
    await mkdir(join(dir, newBlobId())); // a directory named like a blob (the older layout's blobs/<id>/)
    await writeFile(join(dir, '.nfs000000000123'), 'x');
    await writeFile(join(dir, `${newBlobId()}.tmp`), 'x');
    expect(await store.list()).toEqual([id]);
    await store.close();
  });

  it('a write resolves only after the file (and, for a new blob, the directory) is fsynced', async () => {
    const store = new FsBlobStore(await freshDir());
    const probe = await open(join(await freshDir(), '..', 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    let synced = 0;
    const original = proto.sync;
    const spy = vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown) {
      synced++;
      return original.call(this);
    });
    try {
      const id = newBlobId();
      await writeWhole(store, id, randomBytesOf(1000));
      expect(synced).toBe(2);
      await store.write(id, 1000, chunksOf(randomBytesOf(10)), 10);
      expect(synced).toBe(3);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  it('writes every byte it took, in whatever pieces they came, before resolving; a failed source keeps exactly them', async () => {
    const store = new FsBlobStore(await freshDir());
    try {
      // Tiny chunks (more than one batch's worth of chunks), odd sizes across the 1 MiB batches, large ones.
      const sizes = [
        ...Array.from({ length: 700 }, (_, i) => 1 + (i % 7)),
        70_001,
        1_500_000,
        3,
        2 * MiB + 5,
      ];
      const chunks = sizes.map((size) => randomBytesOf(size));
      const total = sizes.reduce((a, b) => a + b, 0);
      async function* thenFail(): AsyncIterable<Uint8Array> {
        yield* chunks;
        throw new Error('the client went away');
      }
      const id = newBlobId();
      const result = await store.write(id, 0, thenFail(), 10 * MiB);
      expect(result).toMatchObject({ outcome: 'source_failed', written: total });
      const expected = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) {
        expected.set(chunk, at);
        at += chunk.byteLength;
      }
      expect(sameBytes(await readRange(store, id, 0, total), expected)).toBe(true);
      // The next write goes on at the recorded offset.
      const more = randomBytesOf(3 * MiB);
      expect(await store.write(id, total, chunksOf(more, 100_000), 3 * MiB)).toMatchObject({
        outcome: 'done',
      });
      expect(sameBytes(await readRange(store, id, total, total + 3 * MiB), more)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a long write flushes in the background as it goes, and still fsyncs the file before resolving', async () => {
    const store = new FsBlobStore(await freshDir());
    const probe = await open(join(await freshDir(), '..', 'probe-flush'), 'w');
    const proto = Object.getPrototypeOf(probe) as {
      sync: () => Promise<void>;
      datasync: () => Promise<void>;
    };
    await probe.close();
    const calls: string[] = [];
    const { sync, datasync } = proto;
    const syncSpy = vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown) {
      calls.push('sync');
      return sync.call(this);
    });
    const datasyncSpy = vi.spyOn(proto, 'datasync').mockImplementation(function (this: unknown) {
      calls.push('datasync');
      return datasync.call(this);
    });
    try {
      const block = randomBytesOf(MiB);
      async function* blocks(): AsyncIterable<Uint8Array> {
        for (let i = 0; i < 100; i++) yield block;
      }
      const id = newBlobId();
      expect(await store.write(id, 0, blocks(), 100 * MiB)).toMatchObject({
        outcome: 'done',
        written: 100 * MiB,
      });
      // Flushes along the way (every 32 MiB, one at a time: a slow disk may merge them into one), then the fsync
      // of the file and of its directory at the end.
      expect(calls.filter((call) => call === 'datasync').length).toBeGreaterThanOrEqual(1);
      expect(calls.indexOf('datasync')).toBeLessThan(calls.indexOf('sync'));
      expect(calls.slice(-2)).toEqual(['sync', 'sync']);
      expect(sameBytes(await readRange(store, id, 99 * MiB, 100 * MiB), block)).toBe(true);
    } finally {
      syncSpy.mockRestore();
      datasyncSpy.mockRestore();
      await store.close();
    }
  });

  it('a file cut short under a read makes the stream error instead of ending early', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const id = newBlobId();
    await writeWhole(store, id, randomBytesOf(MiB));
    const stream = await store.read(id, 0, MiB);
    await truncate(join(dir, id), 300_000);
    await expect(collect(stream)).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.close();
  });

  it('a missing directory (an unmounted volume) is unavailable, never "no such blob"', async () => {
    const dir = await freshDir();
    const store = new FsBlobStore(dir);
    const id = newBlobId();
    await writeWhole(store, id, randomBytesOf(10));
    await rm(dir, { recursive: true });
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.read(id, 0, 10)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.write(id, 10, chunksOf(randomBytesOf(1)), 1)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(store.write(newBlobId(), 0, chunksOf(randomBytesOf(1)), 1)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    const error = (await store.list().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).not.toContain(dir);
    await store.close();
  });
});

const volume = await tinyVolume('1m');

describe.runIf(volume !== null)('FsBlobStore on a full disk', () => {
  afterAll(async () => {
    await volume?.unmount();
  });

  it('a write that fills the disk rejects BlobStorageFullError; other blobs work once space is freed', async () => {
    const dir = join(volume!.dir, 'blobs');
    const store = new FsBlobStore(dir);
    try {
      const kept = newBlobId();
      await writeWhole(store, kept, randomBytesOf(600 * 1024));
      const big = newBlobId();
      const error = await store
        .write(big, 0, chunksOf(randomBytesOf(2 * MiB)), 2 * MiB)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BlobStorageFullError);
      // The failed write gave its partial bytes back.
      expect((await stat(join(dir, big))).size).toBe(0);
      await store.delete([kept, big]);
      const next = newBlobId();
      const bytes = randomBytesOf(700 * 1024);
      await writeWhole(store, next, bytes);
      expect(sameBytes(await readRange(store, next, 0, bytes.byteLength), bytes)).toBe(true);
      expect(await readdir(dir)).toEqual([next]);
    } finally {
      await store.close();
    }
  });
});
