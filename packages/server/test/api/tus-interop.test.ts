import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stageFiles } from './file-support.js';
import { testApp } from './support.js';

/**
 * Interop: a stock tus client (`tus-js-client`, the reference implementation) uploads to our upload URLs with
 * the tus 1.0.0 core protocol — HEAD for the offset, PATCH in chunks — and resumes an aborted upload from the
 * offset the server reports. Nothing burnlink-specific on the client side but the URL.
 */
describe('a stock tus client (tus-js-client)', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let base: string;
  beforeAll(async () => {
    ({ app } = await testApp());
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  /** Uploads `bytes` to `uploadUrl`; with `stopAfter`, aborts once that many bytes are confirmed. */
  function upload(bytes: Uint8Array, uploadUrl: string, stopAfter?: number) {
    return new Promise<'done' | 'aborted'>((resolve, reject) => {
      const u: tus.Upload = new tus.Upload(Buffer.from(bytes), {
        uploadUrl,
        chunkSize: 64 * 1024,
        retryDelays: [],
        storeFingerprintForResuming: false,
        onChunkComplete: (_size, sent) => {
          if (stopAfter === undefined || sent < stopAfter) return;
          u.abort().then(() => resolve('aborted'), reject);
        },
        onSuccess: () => resolve('done'),
        onError: reject,
      });
      u.start();
    });
  }

  test('uploads in chunks, and resumes an aborted upload where the server says it stands', async () => {
    const sent = await stageFiles(app, [300_000]);
    const url = `${base}${sent.uploads[0]!.url}`;
    const bytes = sent.ciphertexts[0]!;
    expect(await upload(bytes, url, 128 * 1024)).toBe('aborted');
    const head = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(128 * 1024);
    expect(offset).toBeLessThan(bytes.length);
    expect((await fetch(`${base}/api/v1/secrets/${sent.id}`)).status).toBe(404);

    expect(await upload(bytes, url)).toBe('done');
    expect((await fetch(`${base}/api/v1/secrets/${sent.id}`)).status).toBe(200);
  });
});
