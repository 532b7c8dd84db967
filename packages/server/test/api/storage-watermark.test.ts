import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FsBlobStore } from '../../src/blobs/fs-blob-store.js';
import { MemoryBlobStore } from '../../src/blobs/memory-blob-store.js';
import { tinyVolume } from '../../src/blobs/test-volume.js';
import { minFreeSpace } from '../../src/config-parsers.js';
import { type DiskSpace, statfsProbe } from '../../src/service/disk-space.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { patch, stageFiles, TUS } from './file-support.js';
import { sendSecret, testApp } from './support.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const ROOMY: DiskSpace = { freeBytes: 50 * GiB, totalBytes: 100 * GiB };
/** 600 MiB free of 100 GiB: below both 5 % (5 GiB) and 1 GiB. */
const NEARLY_FULL: DiskSpace = { freeBytes: 600 * MiB, totalBytes: 100 * GiB };

/**
 * The free-space watermark (BURNLINK_MIN_FREE_SPACE, default 5%,1GiB): below it, new file bytes are refused
 * with 507 before anything is written, /readyz answers 503 storage_low, and /metrics tells the free bytes.
 * The disk is faked through the service's `diskSpace` dependency; the last test uses a real tmpfs.
 */
describe('storage watermark', () => {
  let space: DiskSpace;
  let ctx: Awaited<ReturnType<typeof testApp>>;
  let blobs: MemoryBlobStore;
  let store: MemoryStore;
  beforeAll(async () => {
    space = ROOMY;
    blobs = new MemoryBlobStore();
    store = new MemoryStore();
    ctx = await testApp({ blobs, store, diskSpace: async () => space });
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  test('the default is 5% or 1 GiB; the syntax takes either, both, or off', () => {
    expect(ctx.config.files.minFreeSpace).toEqual({ percent: 5, bytes: GiB });
    expect(minFreeSpace('10%')).toEqual({ percent: 10, bytes: 0 });
    expect(minFreeSpace('512MiB, 2.5%')).toEqual({ percent: 2.5, bytes: 512 * MiB });
    expect(minFreeSpace('off')).toEqual({ percent: 0, bytes: 0 });
    for (const bad of ['5%,6%', '95%', '1GiB,2GiB', 'lots', '5%,']) expect(() => minFreeSpace(bad)).toThrow();
  });

  test('on a nearly full disk a create with files answers 507 and stores nothing; text still works', async () => {
    space = NEARLY_FULL;
    const creates = vi.spyOn(store, 'create');
    try {
      await expect(stageFiles(ctx.app, [1000])).rejects.toThrow(/create answered 507.*insufficient_storage/);
      expect(creates).not.toHaveBeenCalled();
      expect(await blobs.list()).toEqual([]);
      const text = await sendSecret(ctx.app, { text: 'still fine' });
      expect(text.id).toMatch(/\S/);
      expect(creates).toHaveBeenCalledTimes(1);
    } finally {
      creates.mockRestore();
      space = ROOMY;
    }
  });

  test('a PATCH on a nearly full disk answers 507, writes nothing, and resumes once there is room', async () => {
    const sent = await stageFiles(ctx.app, [5000]);
    const url = sent.uploads[0]!.url;
    const bytes = sent.ciphertexts[0]!;
    space = NEARLY_FULL;
    try {
      const refused = await patch(ctx.app, url, 0, bytes);
      expect(refused.statusCode).toBe(507);
      expect(refused.json().error.code).toBe('insufficient_storage');
      const head = await ctx.app.inject({ method: 'HEAD', url, headers: TUS });
      expect(head.headers['upload-offset']).toBe('0');
      expect(await blobs.list()).toEqual([]);
    } finally {
      space = ROOMY;
    }
    // The lease was released: the retry goes through at once.
    const done = await patch(ctx.app, url, 0, bytes);
    expect(done.statusCode).toBe(204);
    expect(done.headers['burnlink-secret']).toBe('ready');
  });

  test('over a real socket the refused PATCH is answered 507 at once and its connection closed', async () => {
    const sent = await stageFiles(ctx.app, [200_000]);
    const bytes = sent.ciphertexts[0]!;
    const other = await testApp({ blobs, store, diskSpace: async () => NEARLY_FULL });
    try {
      const port = Number(new URL(await other.app.listen({ port: 0, host: '127.0.0.1' })).port);
      const answer = await new Promise<{ status: number; connection: string | undefined }>(
        (resolve, reject) => {
          const req = http.request({
            host: '127.0.0.1',
            port,
            method: 'PATCH',
            path: sent.uploads[0]!.url,
            headers: { ...TUS, 'upload-offset': '0', 'content-length': String(bytes.length) },
          });
          req.on('response', (res) => {
            res.resume();
            res.socket.once('close', () =>
              resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
            );
          });
          req.on('error', reject);
          // Only the first chunk: the answer must not wait for the rest of the body.
          req.write(Buffer.from(bytes.subarray(0, 16_384)));
        },
      );
      expect(answer).toEqual({ status: 507, connection: 'close' });
      expect(await blobs.list()).not.toContain(sent.uploads[0]!.id);
      const head = await other.app.inject({ method: 'HEAD', url: sent.uploads[0]!.url, headers: TUS });
      expect(head.headers['upload-offset']).toBe('0');
    } finally {
      await other.app.close();
    }
  });

  test('/readyz answers 503 storage_low with the figures below the watermark, 200 above it', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    space = NEARLY_FULL;
    try {
      const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      const { error } = res.json();
      expect(error.code).toBe('storage_low');
      expect(error.message).toContain(`${600 * MiB} bytes free`);
      expect(error.message).toContain(`watermark of ${5 * GiB} bytes`);
    } finally {
      space = ROOMY;
    }
  });

  test('/metrics exports the free bytes and the watermark of the blob volume, measured on scrape', async () => {
    space = { freeBytes: 12_345_678_901, totalBytes: 100 * GiB };
    try {
      const text = (await ctx.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).toContain('# TYPE burnlink_blob_free_bytes gauge');
      expect(text).toMatch(/^burnlink_blob_free_bytes 12345678901$/m);
      expect(text).toMatch(new RegExp(`^burnlink_blob_min_free_bytes ${5 * GiB}$`, 'm'));
    } finally {
      space = ROOMY;
    }
  });

  test('memory: and postgres: blob stores have no watermark: no gauge, uploads go on', async () => {
    const plain = await testApp();
    try {
      const text = (await plain.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).not.toContain('burnlink_blob_free_bytes');
      expect((await plain.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await stageFiles(plain.app, [1000]);
    } finally {
      await plain.app.close();
    }
  });

  test('statfsProbe measures the real volume and caches the answer for a second', async () => {
    let t = 0;
    const probe = statfsProbe(os.tmpdir(), 1000, () => t);
    const first = probe();
    expect(probe()).toBe(first);
    t = 999;
    expect(probe()).toBe(first);
    t = 1000;
    expect(probe()).not.toBe(first);
    const measured = await first;
    expect(measured.totalBytes).toBeGreaterThan(0);
    expect(measured.freeBytes).toBeLessThanOrEqual(measured.totalBytes);
  });
});

describe('storage watermark on a real tmpfs', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-watermark-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a watermark above the free space of the volume refuses creates with files, PATCHes and readiness', async () => {
    const volume = await tinyVolume('8m');
    if (volume === null) return;
    const blobs = new FsBlobStore(volume.dir);
    // 8 MiB free, watermark 4 MiB: room at first.
    const store = new MemoryStore();
    const ctx = await testApp({ blobs, store, env: { BURNLINK_MIN_FREE_SPACE: '4MiB' } });
    try {
      const sent = await stageFiles(ctx.app, [3 * MiB]);
      const first = await patch(ctx.app, sent.uploads[0]!.url, 0, sent.ciphertexts[0]!.subarray(0, 3 * MiB));
      expect(first.statusCode).toBe(204);
      // About 5 MiB is left: a node that wants 6 MiB free refuses the rest.
      await ctx.app.close();
      const strict = await testApp({ blobs, store, env: { BURNLINK_MIN_FREE_SPACE: '6MiB' } });
      try {
        const rest = await patch(
          strict.app,
          sent.uploads[0]!.url,
          3 * MiB,
          sent.ciphertexts[0]!.subarray(3 * MiB),
        );
        expect(rest.statusCode).toBe(507);
        expect(rest.json().error.code).toBe('insufficient_storage');
        expect((await strict.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
        await expect(stageFiles(strict.app, [1000])).rejects.toThrow(/507/);
        expect((await sendSecret(strict.app, { text: 'text still goes' })).id).toBeTruthy();
      } finally {
        await strict.app.close();
      }
    } finally {
      await blobs.close();
      await volume.unmount();
    }
  });
});

describe('readiness of a blob directory that cannot be written', () => {
  test('/readyz answers 503 store_unavailable on a read-only volume, and says so', async () => {
    const volume = await tinyVolume('1m');
    if (volume === null) return;
    const blobs = new FsBlobStore(volume.dir);
    const ctx = await testApp({ blobs, env: { BURNLINK_MIN_FREE_SPACE: 'off' } });
    const exec = promisify(execFile);
    try {
      expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await exec('mount', ['-o', 'remount,ro', volume.dir]);
      const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('store_unavailable');
      expect(res.json().error.message).toContain('not writable');
    } finally {
      await ctx.app.close();
      await blobs.close();
      await volume.unmount();
    }
  });
});
