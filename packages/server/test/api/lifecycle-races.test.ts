import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/blobs/blob-store.js';
import { MemoryBlobStore } from '../../src/blobs/memory-blob-store.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { StoreUnavailableError } from '../../src/stores/secret-store.js';
import { gate, intercept, pauseOnce } from '../support/intercept.js';
import { download, patch, sendFiles, sha256hex, stageFiles, TUS } from './file-support.js';
import { claimBody, testApp } from './support.js';

/**
 * The lifecycle races found on the old design, each made deterministic by pausing one store call at the
 * exact moment that used to be a window (test/support/intercept.ts). The same races run as real concurrency
 * on every backend in the store contract suite (stores/contract-*.ts).
 */

async function claimFiles(
  app: Awaited<ReturnType<typeof testApp>>['app'],
  sent: { id: string; linkKey: Uint8Array },
) {
  const { body } = await claimBody(sent.linkKey, null);
  const res = await app.inject({ method: 'POST', url: `/api/v1/secrets/${sent.id}/claim`, payload: body });
  return res;
}

/** A staged secret with one file whose whole ciphertext is PATCHed but for the last byte. */
async function almostUploaded(app: Awaited<ReturnType<typeof testApp>>['app']) {
  const sent = await stageFiles(app, [3000]);
  const bytes = sent.ciphertexts[0] as Uint8Array;
  const upload = sent.uploads[0] as { url: string; id: string };
  const first = await patch(app, upload.url, 0, bytes.subarray(0, bytes.length - 1));
  expect(first.statusCode).toBe(204);
  return { sent, bytes, upload };
}

describe('the PATCH that completes the last file, racing an ending', () => {
  for (const ending of ['burn', 'tus DELETE'] as const) {
    it(`${ending} while its bytes are durable but not yet recorded: the secret never comes to exist`, async () => {
      const paused = gate();
      const blobs = new MemoryBlobStore();
      // Pause after the blob store stored the last byte, before the service records it in the SecretStore.
      const gated = intercept<BlobStore>(blobs, {
        write: { after: pauseOnce(paused), when: (args) => (args[1] as number) > 0 },
      });
      const { app } = await testApp({ blobs: gated });
      const { sent, bytes, upload } = await almostUploaded(app);
      // Only the write of the last byte (offset > 0) pauses.
      const last = patch(app, upload.url, bytes.length - 1, bytes.subarray(bytes.length - 1));
      await paused.reached;
      const ended =
        ending === 'burn'
          ? await app.inject({ method: 'POST', url: `/api/v1/receipts/${sent.receipt}/burn` })
          : await app.inject({ method: 'DELETE', url: upload.url, headers: { 'tus-resumable': '1.0.0' } });
      expect(ended.statusCode).toBe(204);
      paused.release();
      const answer = await last;
      expect(answer.headers['burnlink-secret']).toBeUndefined();
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe('upload_not_found');
      expect((await app.inject({ method: 'GET', url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(404);
      expect((await claimFiles(app, sent)).statusCode).toBe(404);
      expect(await blobs.list()).toEqual([]);
      await app.close();
    });
  }

  it('burn after the secret became live ends it: burn answers 204 and the secret is gone', async () => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [2000]);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/receipts/${sent.receipt}/burn` })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(404);
    await app.close();
  });
});

describe('downloads with one grant', () => {
  it('10 parallel downloads of a 1-view file: one complete copy, the others 409 download_in_progress', async () => {
    const paused = gate();
    const blobs = new MemoryBlobStore();
    const gated = intercept<BlobStore>(blobs, { read: { after: pauseOnce(paused) } });
    const { app } = await testApp({ blobs: gated });
    const sent = await sendFiles(app, [200_000]);
    const claim = (await claimFiles(app, sent)).json();
    const url = claim.files[0].url as string;
    const first = download(app, url, claim.grant);
    await paused.reached;
    const others = await Promise.all(Array.from({ length: 9 }, () => download(app, url, claim.grant)));
    for (const res of others) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('download_in_progress');
    }
    paused.release();
    const done = await first;
    expect(done.statusCode).toBe(200);
    expect(sha256hex(done.rawPayload)).toBe(sha256hex(sent.ciphertexts[0] as Uint8Array));
    const after = await download(app, url, claim.grant);
    expect(after.statusCode).toBe(404);
    const receipt = (await app.inject({ method: 'GET', url: `/api/v1/receipts/${sent.receipt}` })).json();
    expect(receipt.downloads).toHaveLength(1);
    await app.close();
  });

  it('an interrupted download frees the grant again and resumes with Range', async () => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [100_000]);
    const claim = (await claimFiles(app, sent)).json();
    const url = claim.files[0].url as string;
    const part = await download(app, url, claim.grant, 'bytes=0-999');
    expect(part.statusCode).toBe(206);
    const rest = await download(app, url, claim.grant, 'bytes=1000-');
    expect(rest.statusCode).toBe(206);
    const whole = Buffer.concat([part.rawPayload, rest.rawPayload]);
    expect(sha256hex(whole)).toBe(sha256hex(sent.ciphertexts[0] as Uint8Array));
    expect((await download(app, url, claim.grant)).statusCode).toBe(404);
    await app.close();
  });
});

describe('the blob store failing', () => {
  it('when it is down after a claim, the claim still answers with its grant and the download works once it is back', async () => {
    let down = false;
    const blobs = new MemoryBlobStore();
    const fail = () => {
      if (down) throw new StoreUnavailableError('the blob store is down (test)');
    };
    const flaky = intercept<BlobStore>(blobs, { read: { before: fail }, ping: { before: fail } });
    const { app } = await testApp({ blobs: flaky });
    const sent = await sendFiles(app, [5000]);
    down = true;
    const claimed = await claimFiles(app, sent);
    expect(claimed.statusCode).toBe(200);
    const claim = claimed.json();
    const failed = await download(app, claim.files[0].url, claim.grant);
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.code).toBe('store_unavailable');
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    down = false;
    const ok = await download(app, claim.files[0].url, claim.grant);
    expect(ok.statusCode).toBe(200);
    expect(sha256hex(ok.rawPayload)).toBe(sha256hex(sent.ciphertexts[0] as Uint8Array));
    await app.close();
  });

  it('a download racing the deletion of its blob answers 404 file_not_found in the catalogue shape', async () => {
    const paused = gate();
    const blobs = new MemoryBlobStore();
    // Pause between the grant check (startDownload) and the read: the burn deletes records, then bytes.
    const store = intercept(new MemoryStore(), { startDownload: { after: pauseOnce(paused) } });
    const { app } = await testApp({ blobs, store });
    const sent = await sendFiles(app, [4000], { max_views: 2 });
    const claim = (await claimFiles(app, sent)).json();
    const pending = download(app, claim.files[0].url, claim.grant);
    await paused.reached;
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/receipts/${sent.receipt}/burn` })).statusCode,
    ).toBe(204);
    paused.release();
    const res = await pending;
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'file_not_found', message: expect.any(String) } });
    expect(await blobs.list()).toEqual([]);
    await app.close();
  });
});

describe('a PATCH whose blob store fails mid-body', () => {
  for (const [name, status, code] of [
    ['the disk is full', 507, 'insufficient_storage'],
    ['the connection dropped', 503, 'store_unavailable'],
  ] as const) {
    it(`answers ${status} ${code} when ${name}, and the upload stays where it stood`, async () => {
      const { BlobStorageFullError } = await import('../../src/blobs/blob-store.js');
      const blobs = new MemoryBlobStore();
      const failing = intercept<BlobStore>(blobs, {
        write: {
          before: () => {
            throw status === 507
              ? new BlobStorageFullError()
              : new StoreUnavailableError('connection dropped');
          },
        },
      });
      const { app } = await testApp({ blobs: failing });
      const sent = await stageFiles(app, [10_000]);
      const upload = sent.uploads[0] as { url: string };
      const res = await patch(app, upload.url, 0, sent.ciphertexts[0] as Uint8Array);
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.headers.connection).toBe('close');
      const head = await app.inject({ method: 'HEAD', url: upload.url, headers: { ...TUS } });
      expect(head.headers['upload-offset']).toBe('0');
      // Nothing holds the upload: a retry may start at once.
      const retry = await app.inject({
        method: 'PATCH',
        url: upload.url,
        headers: { ...TUS, 'upload-offset': '0' },
        payload: Buffer.alloc(0),
      });
      expect(retry.statusCode).toBe(status);
      await app.close();
    });
  }
});
