import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from './fs-blob-store.js';
import { MemoryBlobStore } from './memory-blob-store.js';
import { fsBlobPath, openBlobStore } from './open-blob-store.js';

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
    expect((await stat(join(dataDir, 'blobs'))).isDirectory()).toBe(true);
    await store.close();
    const other = await openBlobStore('fs:elsewhere/b', dataDir);
    expect((await stat(join(dataDir, 'elsewhere', 'b'))).isDirectory()).toBe(true);
    await other.close();
    expect(fsBlobPath('fs:', '/data')).toBe('/data/blobs');
    expect(fsBlobPath('fs:/mnt/shared/blobs', '/data')).toBe('/mnt/shared/blobs');
    expect(fsBlobPath('fs://mnt/x', '/data')).toBe('/data/mnt/x');
    expect(fsBlobPath('fs:x', '/data')).toBe('/data/x');
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
