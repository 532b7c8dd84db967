import { encryptedSize, recordDataBytes, sha256, toBase64Url } from '@burnlink/core';
import { describe, expect, it } from 'vitest';
import { createClient } from '../burnlink-client.js';
import { createFakeApi } from '../test-fake-api.js';
import { fileSourceFromBytes } from './file-source.js';
import type { TransferProgress } from './transfer-progress.js';

// File transfer through the SDK against the fake API: round trips at the record boundaries, resume after a
// dropped or failed PATCH, cancel, and downloads that resume or catch damage.

const BASE = 'https://burn.example.com';
const RECORD = recordDataBytes(); // 65519 plaintext bytes fill one 64 KiB record
const fast = { attempts: 3, delayMs: 1 };

/** Deterministic, non-repeating-looking bytes. */
function pattern(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** A sink that collects what it is given (test sizes only). */
function collector() {
  const chunks: Uint8Array[] = [];
  let aborted = false;
  const sink = new WritableStream<Uint8Array>({
    write: (chunk) => {
      chunks.push(chunk.slice());
    },
    abort: () => {
      aborted = true;
    },
  });
  const bytes = () => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  };
  return { sink, bytes, aborted: () => aborted };
}

const hash = async (bytes: Uint8Array) => toBase64Url(await sha256(bytes));

async function roundTrip(sizes: number[], options: { chunkBytes?: number; text?: string } = {}) {
  const api = createFakeApi();
  const client = createClient({ baseUrl: BASE, fetch: api.fetch });
  const plain = sizes.map((size, i) => pattern(size, i + 1));
  const progress: TransferProgress[] = [];
  const sent = await client.send({
    ...(options.text !== undefined ? { text: options.text } : {}),
    files: plain.map((bytes, i) => fileSourceFromBytes(bytes, `f${i}.bin`, 'application/octet-stream')),
    chunkBytes: options.chunkBytes ?? 100_000,
    onProgress: (p) => progress.push(p),
    retry: fast,
  });
  if (!sent.ok) throw new Error(sent.message);
  const got = await client.reveal(sent.link);
  if (!got.ok) throw new Error(got.message);
  const received: Uint8Array[] = [];
  for (const file of got.files) {
    const out = collector();
    expect(await file.download(out.sink)).toEqual({ ok: true });
    received.push(out.bytes());
  }
  return { api, client, sent, got, plain, received, progress };
}

describe('file round trips', () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['one full record (65519 bytes)', RECORD],
    ['one byte past a record', RECORD + 1],
    ['several records, several PATCHes', 3 * RECORD + 12_345],
  ])('%s', async (_name, size) => {
    const { got, plain, received, api } = await roundTrip([size]);
    expect(got.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'f0.bin', type: 'application/octet-stream', size },
    ]);
    expect(await hash(received[0]!)).toBe(await hash(plain[0]!));
    const blob = [...api.files.blobs.values()][0]!;
    expect(blob.size).toBe(encryptedSize(size));
  });

  it('sends several files with text; names and sizes travel only encrypted', async () => {
    const { got, plain, received, api } = await roundTrip([10, RECORD, 0], { text: 'see files' });
    expect(got.payload.text).toBe('see files');
    for (const [i, bytes] of plain.entries()) expect(await hash(received[i]!)).toBe(await hash(bytes));
    const create = JSON.parse(api.requests.find((r) => r.url.endsWith('/api/v1/secrets'))!.body);
    expect(create.files).toEqual([10, RECORD, 0].map((n) => ({ size: encryptedSize(n) })));
    expect(JSON.stringify(api.requests.map((r) => [r.url, r.body]))).not.toContain('f0.bin');
  });

  it('uploads in PATCHes of chunkBytes with the tus headers, and reports progress to the total', async () => {
    const size = 3 * RECORD;
    const { api, progress } = await roundTrip([size], { chunkBytes: 65_536 });
    const patches = api.requests.filter((r) => r.method === 'PATCH');
    const total = encryptedSize(size);
    expect(patches.map((p) => p.bytes)).toEqual([65_536, 65_536, 65_536, total - 3 * 65_536]);
    expect(patches.map((p) => p.headers.get('upload-offset'))).toEqual(['0', '65536', '131072', '196608']);
    for (const patch of patches) {
      expect(patch.headers.get('tus-resumable')).toBe('1.0.0');
      expect(patch.headers.get('content-type')).toBe('application/offset+octet-stream');
    }
    expect(progress.at(-1)).toEqual({ file: 0, bytes: total, total, allBytes: total, allTotal: total });
    expect(progress.map((p) => p.bytes)).toEqual([0, 65_536, 131_072, 196_608, total]);
  });
});

describe('resuming and cancelling uploads', () => {
  it('after a PATCH drops midway, asks for the offset and sends only the remainder', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const plain = pattern(4 * RECORD + 99);
    api.files.switches.dropPatchAfter = 100_000; // the first PATCH (200 000 bytes) breaks after 100 000
    const sent = await client.send({
      files: [fileSourceFromBytes(plain, 'big.bin')],
      chunkBytes: 200_000,
      retry: fast,
    });
    if (!sent.ok) throw new Error(sent.message);
    const total = encryptedSize(plain.length);
    const calls = api.requests.filter((r) => r.url.includes('/uploads/'));
    expect(calls.map((r) => `${r.method} ${r.headers.get('upload-offset') ?? ''} ${r.bytes}`)).toEqual([
      'PATCH 0 200000',
      'HEAD  0',
      `PATCH 100000 ${total - 100_000}`,
    ]);
    const got = await client.reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
  });

  it('retries a 503 on the final PATCH with an empty PATCH at the final offset', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    api.files.switches.failPatches = [503];
    const sent = await client.send({ files: [fileSourceFromBytes(pattern(10), 'a')], retry: fast });
    expect(sent.ok).toBe(true);
    const calls = api.requests.filter((r) => r.url.includes('/uploads/'));
    expect(calls.map((r) => `${r.method} ${r.bytes}`)).toEqual(['PATCH 48', 'HEAD 0', 'PATCH 48']);
  });

  it('gives up after the retries with a network failure and deletes the unfinished secret', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    api.files.switches.failPatches = [503, 503, 503, 503, 503];
    const sent = await client.send({ files: [fileSourceFromBytes(pattern(10), 'a')], retry: fast });
    expect(sent).toMatchObject({ ok: false, reason: 'server' });
    expect(api.requests.at(-1)!.method).toBe('DELETE');
    expect(api.files.blobs.size).toBe(0);
    expect(api.rows.size).toBe(0);
  });

  it('an aborted signal cancels: DELETE the upload, nothing left, result cancelled', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const controller = new AbortController();
    const sent = await client.send({
      files: [fileSourceFromBytes(pattern(5 * RECORD), 'a')],
      chunkBytes: 65_536,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes >= 65_536) controller.abort();
      },
    });
    expect(sent).toMatchObject({ ok: false, reason: 'cancelled' });
    const methods = api.requests.map((r) => r.method);
    expect(methods.filter((m) => m === 'PATCH')).toHaveLength(1);
    expect(methods.at(-1)).toBe('DELETE');
    expect(api.files.blobs.size).toBe(0);
    expect(api.rows.size).toBe(0);
  });

  it('refuses a file whose bytes do not match its announced size', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const liar = { ...fileSourceFromBytes(pattern(100), 'a'), size: 50 };
    const sent = await client.send({ files: [liar], retry: fast });
    expect(sent).toMatchObject({ ok: false, reason: 'invalid_request', code: 'file_changed' });
    expect(api.files.blobs.size).toBe(0);
  });

  it('needs text or files', async () => {
    const client = createClient({ baseUrl: BASE, fetch: createFakeApi().fetch });
    expect(await client.send({})).toMatchObject({ reason: 'invalid_request', code: 'invalid_payload' });
  });
});

describe('downloads', () => {
  it('resumes a dropped download with a Range request', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const plain = pattern(3 * RECORD);
    const sent = await client.send({ files: [fileSourceFromBytes(plain, 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    const got = await client.reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    api.files.switches.dropDownloadAfter = 70_000; // two chunks of the fake's 64 KiB (the second cut short)
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
    const gets = api.requests.filter((r) => r.url.includes('/files/'));
    expect(gets.map((r) => r.headers.get('range'))).toEqual([null, 'bytes=70000-']);
    expect(gets[0]!.headers.get('authorization')).toMatch(/^Bearer [\w-]{43}$/);
  });

  it('a second download of the same file is not_found (the grant is used)', async () => {
    const { got } = await roundTrip([10]);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toMatchObject({ ok: false, reason: 'not_found' });
    expect(out.aborted()).toBe(true);
  });

  it('damaged ciphertext is decrypt_failed and the sink is aborted', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const sent = await client.send({ files: [fileSourceFromBytes(pattern(1000), 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    const blob = [...api.files.blobs.values()][0]!;
    blob.data[500]! ^= 1;
    const got = await client.reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toMatchObject({ ok: false, reason: 'decrypt_failed' });
    expect(out.aborted()).toBe(true);
  });

  it('a sink that fails stops the download as cancelled', async () => {
    const { client, sent } = await (async () => {
      const api = createFakeApi();
      const client = createClient({ baseUrl: BASE, fetch: api.fetch });
      const sent = await client.send({ files: [fileSourceFromBytes(pattern(3 * RECORD), 'a')], retry: fast });
      if (!sent.ok) throw new Error(sent.message);
      return { client, sent };
    })();
    const got = await client.reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const sink = new WritableStream<Uint8Array>({
      write: () => {
        throw new Error('disk full');
      },
    });
    expect(await got.files[0]!.download(sink)).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});
