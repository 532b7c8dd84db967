import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encryptedSize, randomBytes, sealSecret, toBase64Url } from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { openBlobStore } from '../../src/blobs/open-blob-store.js';
import { patch, TUS } from './file-support.js';
import { testApp } from './support.js';

// Issue #10, row 2: "a file secret with a declared size of 1 GiB and a 30-day lifetime, then 8 MiB PATCHes
// never completed". Its bytes no longer stay for 30 days: the unfinished upload expires after
// BURNLINK_UPLOAD_STALE_AFTER without progress, and the sweeper deletes it and its bytes; and one address
// cannot park more than BURNLINK_UPLOAD_BUDGET per window (shared across nodes: test/shared-rate-limits.test.ts).

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function fsBlobs() {
  const dir = await mkdtemp(path.join(tmpdir(), 'burnlink-upload-limits-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const blobs = await openBlobStore('fs:', dir);
  cleanups.push(() => blobs.close());
  return blobs;
}

/** Creates a secret declaring one file of `plainBytes` (30 days), without sending any of it. */
async function declare(app: FastifyInstance, plainBytes: number) {
  const sealed = await sealSecret({
    v: 1,
    text: '',
    files: [{ name: 'big.bin', type: 'application/octet-stream', size: plainBytes }],
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    payload: {
      ttl: 30 * 86_400,
      verifier: sealed.verifier,
      kdf: null,
      content: toBase64Url(sealed.content),
      files: [{ size: encryptedSize(plainBytes) }],
    },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json() as { id: string; receipt: string; uploads: { id: string; url: string }[] };
  return { ...body, upload: body.uploads[0]! };
}

const BIG = { BURNLINK_MAX_SECRET_SIZE: '2GiB', BURNLINK_MAX_FILE_SIZE: '2GiB' };

describe('unfinished uploads expire after BURNLINK_UPLOAD_STALE_AFTER without progress', () => {
  test('a 1 GiB declared file, 8 MiB PATCHed, then abandoned: swept with its bytes, then unknown', async () => {
    const blobs = await fsBlobs();
    const { app, clock } = await testApp({ blobs, env: { ...BIG, BURNLINK_UPLOAD_STALE_AFTER: '1h' } });
    const created = await declare(app, GiB);

    const first = await patch(app, created.upload.url, 0, randomBytes(8 * MiB));
    expect(first.statusCode).toBe(204);
    const expires = first.headers['upload-expires'] as string;
    // RFC 7231 date, about an hour (plus the writer lease it held) after the PATCH.
    expect(expires).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const deadline = Date.parse(expires);
    expect(deadline).toBeGreaterThanOrEqual(clock.now() + 3_600_000 - 1000);
    expect(deadline).toBeLessThanOrEqual(clock.now() + 3_600_000 + 120_000);
    const head = await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS });
    expect(head.headers['upload-offset']).toBe(String(8 * MiB));
    expect(head.headers['upload-expires']).toBe(expires);

    // Progress moves the deadline: a second PATCH ten minutes later.
    clock.advance(600_000);
    const second = await patch(app, created.upload.url, 8 * MiB, randomBytes(MiB));
    expect(second.statusCode).toBe(204);
    const moved = Date.parse(second.headers['upload-expires'] as string);
    expect(moved - deadline).toBeGreaterThanOrEqual(600_000 - 1000);

    // Just before the moved deadline the upload and its bytes stay.
    clock.advance(moved - clock.now() - 2000);
    await app.burnlinkService.sweep();
    expect(await blobs.list()).toEqual([created.upload.id]);
    expect((await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS })).statusCode).toBe(
      200,
    );

    // Past it: swept like an expired secret, the bytes deleted, the upload unknown, the receipt expired.
    clock.advance(3000);
    const swept = await app.burnlinkService.sweep();
    expect(swept).toMatchObject({ expiredSecrets: 1 });
    expect(await blobs.list()).toEqual([]);
    expect((await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS })).statusCode).toBe(
      404,
    );
    const late = await patch(app, created.upload.url, 9 * MiB, randomBytes(1024));
    expect(late.statusCode).toBe(404);
    expect(late.json()).toMatchObject({ error: { code: 'upload_not_found' } });
    const receipt = await app.inject({ url: `/api/v1/receipts/${created.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'expired' });
  });

  test('GET /api/v1/config and OPTIONS show the idle expiry', async () => {
    const { app } = await testApp({ env: { BURNLINK_UPLOAD_STALE_AFTER: '90m' } });
    const config = await app.inject({ url: '/api/v1/config' });
    expect(config.json().uploads).toMatchObject({ stale_after_seconds: 5400 });
    const options = await app.inject({ method: 'OPTIONS', url: '/api/v1/uploads' });
    expect(options.headers['tus-extension']).toBe('termination,expiration');
  });
});

describe('the per-address upload budget (BURNLINK_UPLOAD_BUDGET)', () => {
  test('row 2 with a budget: 8 MiB PATCHes of a 1 GiB file stop at 16 MiB per hour, and the rest expires', async () => {
    const blobs = await fsBlobs();
    const { app, clock } = await testApp({
      blobs,
      env: { ...BIG, BURNLINK_UPLOAD_BUDGET: '16MiB/1h', BURNLINK_UPLOAD_STALE_AFTER: '1h' },
    });
    const created = await declare(app, GiB);
    const statuses: number[] = [];
    let offset = 0;
    for (let i = 0; i < 4; i++) {
      const res = await patch(app, created.upload.url, offset, randomBytes(8 * MiB));
      statuses.push(res.statusCode);
      if (res.statusCode === 204) offset = Number(res.headers['upload-offset']);
      else {
        expect(res.json()).toMatchObject({ error: { code: 'rate_limited' } });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
        expect(res.headers.connection).toBe('close');
      }
    }
    expect(statuses).toEqual([204, 204, 429, 429]);
    const head = await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS });
    expect(head.headers['upload-offset']).toBe(String(16 * MiB));
    expect(await blobs.list()).toEqual([created.upload.id]);
    // Refused PATCHes are no progress: the 16 MiB go an hour after the last accepted one.
    clock.advance(3_600_000 + 120_000);
    await app.burnlinkService.sweep();
    expect(await blobs.list()).toEqual([]);
  });

  test('a PATCH that crosses the budget is cut at it: the bytes before are recorded, the offset stays consistent', async () => {
    const { app, clock } = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: '64KiB/10m' } });
    const created = await declare(app, 200_000);
    expect((await patch(app, created.upload.url, 0, randomBytes(40 * 1024))).statusCode).toBe(204);
    const cut = await patch(app, created.upload.url, 40 * 1024, randomBytes(40 * 1024));
    expect(cut.statusCode).toBe(429);
    expect(cut.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(cut.headers['upload-offset']).toBe(String(64 * 1024));
    expect(cut.headers['retry-after']).toBe('600');
    const head = await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS });
    expect(head.headers['upload-offset']).toBe(String(64 * 1024));
    // Over budget: refused before a byte is read, nothing recorded.
    const refused = await patch(app, created.upload.url, 64 * 1024, randomBytes(1024));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['upload-offset']).toBeUndefined();
    // A new window: the upload resumes where it stood.
    clock.advance(600_000);
    const resumed = await patch(app, created.upload.url, 64 * 1024, randomBytes(1024));
    expect(resumed.statusCode).toBe(204);
    expect(resumed.headers['upload-offset']).toBe(String(65 * 1024));
  });

  test('the budget is per address, and off turns it off', async () => {
    const { app } = await testApp({
      env: { BURNLINK_UPLOAD_BUDGET: '64KiB/10m', BURNLINK_TRUST_PROXY: 'true' },
    });
    const created = await declare(app, 200_000);
    const from = (address: string, offset: number, size: number) =>
      app.inject({
        method: 'PATCH',
        url: created.upload.url,
        headers: { ...TUS, 'upload-offset': String(offset), 'x-forwarded-for': address },
        payload: Buffer.from(randomBytes(size)),
      });
    expect((await from('10.0.0.1', 0, 64 * 1024)).statusCode).toBe(204);
    expect((await from('10.0.0.1', 64 * 1024, 1024)).statusCode).toBe(429);
    expect((await from('10.0.0.2', 64 * 1024, 64 * 1024)).statusCode).toBe(204);

    const open = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: 'off' } });
    const free = await declare(open.app, 200_000);
    expect((await patch(open.app, free.upload.url, 0, randomBytes(150_000))).statusCode).toBe(204);
    const config = await open.app.inject({ url: '/api/v1/config' });
    expect(config.json().uploads).toMatchObject({ budget: null });
  });

  test('GET /api/v1/config shows the budget', async () => {
    const { app } = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: '10GiB/1h' } });
    const config = await app.inject({ url: '/api/v1/config' });
    expect(config.json().uploads).toMatchObject({ budget: { bytes: 10 * GiB, window_seconds: 3600 } });
  });
});

describe('the upload budget over a real socket', () => {
  test('the PATCH is answered 429 without waiting for the rest of its body, and its connection closed', async () => {
    const { app } = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: '64KiB/10m' } });
    const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
    try {
      const created = await declare(app, 300_000);
      /** Announces `declared` bytes, sends only `sent` of them, and waits for the answer and the close. */
      const rawPatch = (offset: number, declared: number, sent: number) =>
        new Promise<{ status: number; connection?: string; offset?: string }>((resolve, reject) => {
          const req = http.request({
            host: '127.0.0.1',
            port,
            method: 'PATCH',
            path: created.upload.url,
            headers: { ...TUS, 'upload-offset': String(offset), 'content-length': String(declared) },
          });
          req.on('response', (res) => {
            res.resume();
            res.socket.once('close', () =>
              resolve({
                status: res.statusCode ?? 0,
                connection: res.headers.connection,
                offset: res.headers['upload-offset'] as string | undefined,
              }),
            );
          });
          req.on('error', reject);
          req.write(Buffer.from(randomBytes(sent)));
        });
      // Crossing the budget: cut at 64 KiB while 32 KiB of what was sent and 128 KiB announced never get read.
      expect(await rawPatch(0, 192 * 1024, 96 * 1024)).toEqual({
        status: 429,
        connection: 'close',
        offset: String(64 * 1024),
      });
      // Over it: refused before a byte is read.
      expect(await rawPatch(64 * 1024, 100 * 1024, 16 * 1024)).toEqual({
        status: 429,
        connection: 'close',
        offset: undefined,
      });
      const head = await app.inject({ method: 'HEAD', url: created.upload.url, headers: TUS });
      expect(head.headers['upload-offset']).toBe(String(64 * 1024));
    } finally {
      await app.close();
    }
  });
});
