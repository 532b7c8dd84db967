import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { newBlobId, randomBytesOf, writeWhole } from './contract-blob-fixtures.js';
import { FsBlobStore } from './fs-blob-store.js';
import { MemoryBlobStore } from './memory-blob-store.js';
import { fsBlobPath, openBlobStore } from './open-blob-store.js';
import { PostgresBlobStore } from './postgres-blob-store.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const hasPostgres = await postgresAvailable(POSTGRES_URL);

describe('openBlobStore', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'burnlink-open-blobs-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('memory: opens a MemoryBlobStore', async () => {
    const store = await openBlobStore('memory:', dataDir);
    expect(store).toBeInstanceOf(MemoryBlobStore);
    await store.close();
  });

  it('fs: opens a FsBlobStore in <dataDir>/blobs, fs:PATH anywhere (relative to dataDir)', async () => {
    const store = await openBlobStore('fs:', dataDir);
    expect(store).toBeInstanceOf(FsBlobStore);
    const id = newBlobId();
    await writeWhole(store, id, randomBytesOf(10));
    expect((await stat(join(dataDir, 'blobs', id))).size).toBe(10);
    await store.close();
    const other = await openBlobStore('fs:elsewhere/b', dataDir);
    expect((await stat(join(dataDir, 'elsewhere', 'b'))).isDirectory()).toBe(true);
    await other.close();
    expect(fsBlobPath('fs:', '/data')).toBe('/data/blobs');
    expect(fsBlobPath('fs:/mnt/shared/blobs', '/data')).toBe('/mnt/shared/blobs');
    expect(fsBlobPath('fs://mnt/x', '/data')).toBe('/data/mnt/x');
    expect(fsBlobPath('fs:x', '/data')).toBe('/data/x');
  });

  it('fs: moves the bytes of the older layout (blobs/<id>/data) to where the store reads them, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-old-blobs-'));
    try {
      const [complete, partial] = [newBlobId(), newBlobId()];
      const bytes = randomBytesOf(5000);
      await mkdir(join(dir, 'blobs', 'blobs', complete), { recursive: true });
      await writeFile(join(dir, 'blobs', 'blobs', complete, 'data'), bytes);
      await mkdir(join(dir, 'blobs', 'blobs', partial), { recursive: true });
      await writeFile(join(dir, 'blobs', 'blobs', partial, 'w.tmp'), randomBytesOf(10));
      for (let open = 0; open < 2; open++) {
        const store = await openBlobStore('fs:', dir);
        expect(await store.list()).toEqual([complete]);
        const chunks: Uint8Array[] = [];
        for await (const chunk of await store.read(complete, 0, bytes.length)) chunks.push(chunk);
        expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
        await store.close();
      }
      await expect(stat(join(dir, 'blobs', 'blobs', complete, 'data'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(hasPostgres)('postgres:// and postgresql:// open a PostgresBlobStore', async () => {
    const schema = `blobtest_open_${Date.now().toString(36)}`;
    try {
      for (const url of [POSTGRES_URL, POSTGRES_URL.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openBlobStore(`${url}?schema=${schema}`, dataDir);
        expect(store).toBeInstanceOf(PostgresBlobStore);
        await store.ping();
        await store.close();
      }
    } finally {
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });

  it('names the allowed forms for anything else, without echoing the value', async () => {
    for (const spec of ['s3://bucket', 'file:/tmp', '', '/var/blobs', 'memory:x', 'redis://:hunter2@host']) {
      const error = (await openBlobStore(spec, dataDir).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain('memory:, fs:, fs:PATH or postgres://…');
      expect(error.message).not.toContain('hunter2');
    }
  });
});
