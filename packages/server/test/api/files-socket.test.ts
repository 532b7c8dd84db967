import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BlobStorageFullError, type BlobStore } from '../../src/blobs/blob-store.js';
import { openBlobStore } from '../../src/blobs/open-blob-store.js';
import { tinyVolume } from '../../src/blobs/test-volume.js';
import { StoreUnavailableError } from '../../src/stores/secret-store.js';
import { stageFiles, TUS } from './file-support.js';
import { testApp } from './support.js';

/**
 * Uploads over a real socket, on the filesystem blob store: what inject cannot show — a connection that
 * dies mid-body keeps what arrived (resume), and a body that runs past its declared size is cut while it
 * streams, with nothing left behind.
 */
describe('file uploads over a real socket', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let blobs: BlobStore;
  let dataDir: string;
  let port: number;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-files-'));
    blobs = await openBlobStore('fs:', dataDir);
    ({ app } = await testApp({ blobs }));
    port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(async () => {
    await app.close();
    await blobs.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts a PATCH that declares `declared` bytes and writes `bytes`; resolves with the status, if any. */
  function rawPatch(url: string, offset: number, bytes: Uint8Array, declared: number, kill = false) {
    return new Promise<number | 'killed'>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: url,
        headers: { ...TUS, 'upload-offset': String(offset), 'content-length': String(declared) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error) => (kill ? resolve('killed') : reject(error)));
      req.write(Buffer.from(bytes), () => {
        if (kill) setTimeout(() => req.destroy(), 200);
      });
    });
  }

  async function head(url: string) {
    const res = await app.inject({ method: 'HEAD', url, headers: TUS });
    return { status: res.statusCode, offset: Number(res.headers['upload-offset']) };
  }

  test('a connection killed mid-PATCH keeps the bytes that arrived; the upload continues from there', async () => {
    const sent = await stageFiles(app, [3 * 65_519 + 100]);
    const url = sent.uploads[0]!.url;
    const bytes = sent.ciphertexts[0]!;
    expect(await rawPatch(url, 0, bytes.subarray(0, 100_000), bytes.length, true)).toBe('killed');
    await expect.poll(async () => (await head(url)).offset).toBe(100_000);
    expect(await rawPatch(url, 100_000, bytes.subarray(100_000), bytes.length - 100_000)).toBe(204);
    expect((await app.inject({ url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(200);
  });

  test('a body longer than declared is cut with 413 while it streams; no partial blob stays', async () => {
    const sent = await stageFiles(app, [200_000]);
    const url = sent.uploads[0]!.url;
    const bytes = sent.ciphertexts[0]!;
    const over = new Uint8Array(bytes.length + 500_000);
    over.set(bytes);
    expect(await rawPatch(url, 0, over, over.length)).toBe(413);
    expect((await head(url)).status).toBe(404);
    expect(await blobs.list()).not.toContain(sent.uploads[0]!.id);
  });

  test('a store failing mid-body is answered (507, 503) and the connection closed, never left hanging', async () => {
    for (const [failure, status] of [
      [() => new BlobStorageFullError(), 507],
      [() => new StoreUnavailableError('the connection dropped'), 503],
    ] as const) {
      // A blob store that takes the first chunk of a PATCH, then fails as a full disk or a lost connection does.
      const failing: BlobStore = {
        write: async (_id, _offset, source) => {
          for await (const _chunk of source) throw failure();
          throw failure();
        },
        read: (id, start, end) => blobs.read(id, start, end),
        delete: (ids) => blobs.delete(ids),
        list: () => blobs.list(),
        ping: () => blobs.ping(),
        close: async () => {},
      };
      const other = (await testApp({ blobs: failing })).app;
      const otherPort = Number(new URL(await other.listen({ port: 0, host: '127.0.0.1' })).port);
      const sent = await stageFiles(other, [900_000]);
      const answer = await new Promise<{ status: number; closed: boolean }>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port: otherPort,
          method: 'PATCH',
          path: sent.uploads[0]!.url,
          headers: { ...TUS, 'upload-offset': '0', 'content-length': String(sent.ciphertexts[0]!.length) },
        });
        req.on('response', (res) => {
          res.resume();
          // The rest of the body is never sent: only a closed connection ends this request.
          res.socket.once('close', () => resolve({ status: res.statusCode ?? 0, closed: true }));
        });
        req.on('error', reject);
        req.write(Buffer.from(sent.ciphertexts[0]!.subarray(0, 100_000)));
      });
      expect(answer).toEqual({ status, closed: true });
      expect(
        (await other.inject({ method: 'HEAD', url: sent.uploads[0]!.url, headers: TUS })).headers[
          'upload-offset'
        ],
      ).toBe('0');
      await other.close();
    }
  });

  test('a PATCH that fills a real disk is answered 507 and the connection closed; the upload resumes once there is room', async () => {
    const volume = await tinyVolume('1m');
    if (volume === null) return;
    const full = await openBlobStore(`fs:${volume.dir}`, dataDir);
    // The watermark (storage-watermark.test.ts) is off: this is the disk actually filling up.
    const other = (await testApp({ blobs: full, env: { BURNLINK_MIN_FREE_SPACE: 'off' } })).app;
    try {
      const otherPort = Number(new URL(await other.listen({ port: 0, host: '127.0.0.1' })).port);
      const sent = await stageFiles(other, [2 * 1024 * 1024]);
      const url = sent.uploads[0]!.url;
      const bytes = sent.ciphertexts[0]!;
      const answer = await new Promise<{ status: number; closed: boolean }>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port: otherPort,
          method: 'PATCH',
          path: url,
          headers: { ...TUS, 'upload-offset': '0', 'content-length': String(bytes.length) },
        });
        req.on('response', (res) => {
          res.resume();
          res.socket.once('close', () => resolve({ status: res.statusCode ?? 0, closed: true }));
        });
        req.on('error', reject);
        req.end(Buffer.from(bytes));
      });
      expect(answer).toEqual({ status: 507, closed: true });
      const head = await other.inject({ method: 'HEAD', url, headers: TUS });
      expect(head.headers['upload-offset']).toBe('0');
      // Nothing of that PATCH stays on the disk; a smaller file fits at once.
      const small = await stageFiles(other, [100_000]);
      const fits = await other.inject({
        method: 'PATCH',
        url: small.uploads[0]!.url,
        headers: { ...TUS, 'upload-offset': '0' },
        payload: Buffer.from(small.ciphertexts[0]!),
      });
      expect(fits.statusCode).toBe(204);
      expect(fits.headers['burnlink-secret']).toBe('ready');
    } finally {
      await other.close();
      await full.close();
      await volume.unmount();
    }
  });
});
