import { encryptedSize, recordDataBytes, sha256, toBase64Url } from '@burnlink/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { createClient } from '../burnlink-client.js';
import { fileSourceFromBytes } from './file-source.js';
import { streamedBodies } from './streamed-body.js';
import type { TransferProgress } from './transfer-progress.js';

// File transfer through the SDK against the real app (MemoryStore and MemoryBlobStore behind a fault proxy):
// round trips at the record boundaries, resume after a PATCH cut midway or answered 503, cancel, and downloads
// that resume or catch damage.

const RECORD = recordDataBytes(); // 65519 plaintext bytes fill one 64 KiB record
const fast = { attempts: 3, delayMs: 1 };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.proxy.seen.length = 0;
});
afterEach(() => {
  expect(server.proxy.planned).toEqual([]); // every planned fault was met
});

const client = () => createClient({ baseUrl: server.url });
/** The upload requests the server received, as `METHOD offset bytes`. */
const uploadCalls = () =>
  server.proxy.seen
    .filter((r) => r.url.startsWith('/api/v1/uploads/'))
    .map((r) => `${r.method} ${r.headers['upload-offset'] ?? '-'} ${r.bytes}`);
/** The upload URL of the last create, for asking the server directly whether it still exists. */
const uploadPath = () => server.proxy.seen.find((r) => r.url.startsWith('/api/v1/uploads/'))!.url;
const uploadStatus = async (path: string) =>
  (await fetch(`${server.directUrl}${path}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } }))
    .status;

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

async function roundTrip(
  sizes: number[],
  options: { chunkBytes?: number; text?: string; streamBodies?: boolean } = {},
) {
  const plain = sizes.map((size, i) => pattern(size, i + 1));
  const progress: TransferProgress[] = [];
  const sent = await client().send({
    ...(options.text !== undefined ? { text: options.text } : {}),
    files: plain.map((bytes, i) => fileSourceFromBytes(bytes, `f${i}.bin`, 'application/octet-stream')),
    chunkBytes: options.chunkBytes ?? 100_000,
    ...(options.streamBodies ? { streamBodies: streamedBodies } : {}),
    onProgress: (p) => progress.push(p),
    retry: fast,
  });
  if (!sent.ok) throw new Error(sent.message);
  const got = await client().reveal(sent.link);
  if (!got.ok) throw new Error(got.message);
  const received: Uint8Array[] = [];
  for (const file of got.files) {
    const out = collector();
    expect(await file.download(out.sink)).toEqual({ ok: true });
    received.push(out.bytes());
  }
  return { sent, got, plain, received, progress };
}

describe('file round trips', () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['one full record (65519 bytes)', RECORD],
    ['one byte past a record', RECORD + 1],
    ['several records, several PATCHes', 3 * RECORD + 12_345],
  ])('%s', async (_name, size) => {
    const { got, plain, received } = await roundTrip([size]);
    expect(got.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'f0.bin', type: 'application/octet-stream', size },
    ]);
    expect(await hash(received[0]!)).toBe(await hash(plain[0]!));
    const patched = server.proxy.seen.filter((r) => r.method === 'PATCH').reduce((n, r) => n + r.bytes, 0);
    expect(patched).toBe(encryptedSize(size));
  });

  it('sends several files with text; names and sizes travel only encrypted', async () => {
    const { got, plain, received } = await roundTrip([10, RECORD, 0], { text: 'see files' });
    expect(got.payload.text).toBe('see files');
    for (const [i, bytes] of plain.entries()) expect(await hash(received[i]!)).toBe(await hash(bytes));
    const create = JSON.parse(server.proxy.seen.find((r) => r.url === '/api/v1/secrets')!.body);
    expect(create.files).toEqual([10, RECORD, 0].map((n) => ({ size: encryptedSize(n) })));
    expect(server.proxy.transcript()).not.toContain('f0.bin');
  });

  it('uploads in PATCHes of chunkBytes with the tus headers, and reports progress to the total', async () => {
    const size = 3 * RECORD;
    const { progress } = await roundTrip([size], { chunkBytes: 65_536 });
    const total = encryptedSize(size);
    expect(uploadCalls()).toEqual([
      'PATCH 0 65536',
      'PATCH 65536 65536',
      'PATCH 131072 65536',
      `PATCH 196608 ${total - 3 * 65_536}`,
    ]);
    for (const patch of server.proxy.seen.filter((r) => r.method === 'PATCH')) {
      expect(patch.headers['tus-resumable']).toBe('1.0.0');
      expect(patch.headers['content-type']).toBe('application/offset+octet-stream');
    }
    expect(progress.at(-1)).toEqual({ file: 0, bytes: total, total, allBytes: total, allTotal: total });
    expect(progress.map((p) => p.bytes)).toEqual([0, 65_536, 131_072, 196_608, total]);
  });
});

describe('buffered PATCH bodies', () => {
  it('reads and encrypts the next body while a PATCH is being sent', async () => {
    const size = 4 * RECORD;
    const plain = pattern(size);
    let pulled = 0;
    const source = {
      name: 'a',
      type: '',
      size,
      open: (offset: number) => {
        let at = offset;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at >= size) return controller.close();
            const n = Math.min(10_000, size - at);
            controller.enqueue(plain.slice(at, at + n));
            at += n;
            pulled = Math.max(pulled, at);
          },
        });
      },
    };
    const pulledWhenSent: number[] = [];
    const holding: typeof fetch = async (url, init) => {
      if (init?.method === 'PATCH') {
        // The first PATCH goes out once the source was read into the second body (bounded: 5 s).
        for (let i = 0; i < 1000 && pulledWhenSent.length === 0 && pulled < 2 * RECORD; i++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        pulledWhenSent.push(pulled);
      }
      return fetch(url, init);
    };
    const sent = await createClient({ baseUrl: server.url, fetch: holding }).send({
      files: [source],
      chunkBytes: 65_536,
      retry: fast,
    });
    if (!sent.ok) throw new Error(sent.message);
    // While PATCH 1 (the first 65 536 ciphertext bytes) was sent, the second body was being read.
    expect(pulledWhenSent[0]).toBeGreaterThanOrEqual(2 * RECORD);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
  });
});

describe('streamed PATCH bodies (streamBodies)', () => {
  it('sends the same PATCHes as buffered bodies, and the file arrives whole', async () => {
    const size = 3 * RECORD + 777;
    const { plain, received, progress } = await roundTrip([size], { chunkBytes: 65_536, streamBodies: true });
    const total = encryptedSize(size);
    expect(await hash(received[0]!)).toBe(await hash(plain[0]!));
    expect(uploadCalls()).toEqual([
      'PATCH 0 65536',
      'PATCH 65536 65536',
      'PATCH 131072 65536',
      `PATCH 196608 ${total - 3 * 65_536}`,
    ]);
    expect(progress.map((p) => p.bytes)).toEqual([0, 65_536, 131_072, 196_608, total]);
  });

  it('one PATCH for the whole file, and empty files, round-trip', async () => {
    const { plain, received } = await roundTrip([0, 5 * RECORD + 3], {
      chunkBytes: 64 * 2 ** 20,
      streamBodies: true,
    });
    for (const [i, bytes] of plain.entries()) expect(await hash(received[i]!)).toBe(await hash(bytes));
    expect(uploadCalls()).toEqual([
      `PATCH 0 ${encryptedSize(0)}`,
      `PATCH 0 ${encryptedSize(5 * RECORD + 3)}`,
    ]);
  });

  it('after a streamed PATCH is cut midway, asks for the offset and streams only the remainder', async () => {
    const plain = pattern(4 * RECORD + 99);
    server.proxy.next({ when: { method: 'PATCH' }, cutRequestAfter: 100_000 });
    const sent = await client().send({
      files: [fileSourceFromBytes(plain, 'big.bin')],
      chunkBytes: 200_000,
      streamBodies: streamedBodies,
      retry: fast,
    });
    if (!sent.ok) throw new Error(sent.message);
    const total = encryptedSize(plain.length);
    expect(uploadCalls()).toEqual(['PATCH 0 200000', 'HEAD - 0', `PATCH 100000 ${total - 100_000}`]);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
  });

  it.each([
    ['longer', 50],
    ['shorter', 150],
  ])(
    'a file %s than announced is file_changed before its last byte goes out; the secret is deleted',
    async (_name, size) => {
      const liar = { ...fileSourceFromBytes(pattern(100), 'a'), size };
      const sent = await client().send({ files: [liar], streamBodies: streamedBodies, retry: fast });
      expect(sent).toMatchObject({ ok: false, reason: 'invalid_request', code: 'file_changed' });
      // Not taken for a dropped connection: no HEAD, no second PATCH.
      expect(uploadCalls().filter((call) => !call.startsWith('DELETE'))).toEqual([]);
      expect(server.proxy.seen.at(-1)!.method).toBe('DELETE');
      expect(await uploadStatus(server.proxy.seen.at(-1)!.url)).toBe(404);
    },
  );

  it('a file that cannot be read is file_unreadable, never retried as a network failure', async () => {
    const broken = {
      ...fileSourceFromBytes(pattern(10), 'a'),
      size: 3 * RECORD,
      open: () =>
        new ReadableStream<Uint8Array>({
          pull: (controller) => controller.error(new Error('EIO')),
        }),
    };
    const sent = await client().send({ files: [broken], streamBodies: streamedBodies, retry: fast });
    expect(sent).toMatchObject({ ok: false, reason: 'invalid_request', code: 'file_unreadable' });
    expect(uploadCalls().filter((call) => !call.startsWith('DELETE'))).toEqual([]);
  });
});

describe('resuming and cancelling uploads', () => {
  it('after a PATCH is cut midway, asks for the offset and sends only the remainder', async () => {
    const plain = pattern(4 * RECORD + 99);
    // The first PATCH (200 000 bytes) reaches the server up to byte 100 000, then the connection breaks.
    server.proxy.next({ when: { method: 'PATCH' }, cutRequestAfter: 100_000 });
    const sent = await client().send({
      files: [fileSourceFromBytes(plain, 'big.bin')],
      chunkBytes: 200_000,
      retry: fast,
    });
    if (!sent.ok) throw new Error(sent.message);
    const total = encryptedSize(plain.length);
    expect(uploadCalls()).toEqual(['PATCH 0 200000', 'HEAD - 0', `PATCH 100000 ${total - 100_000}`]);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
  });

  it('when the answer to the final PATCH is lost (503), finishes with an empty PATCH at the final offset', async () => {
    // The server stores the bytes and creates the secret; the client sees 503.
    server.proxy.next({ when: { method: 'PATCH' }, answer: 503, forward: true });
    const sent = await client().send({ files: [fileSourceFromBytes(pattern(10), 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    expect(uploadCalls()).toEqual(['PATCH 0 48', 'HEAD - 0', 'PATCH 48 0']);
    expect(await client().peek(sent.link)).toMatchObject({ ok: true, files: 1 });
  });

  it('after a 408 (the server timed out a stalled PATCH), asks for the offset and sends the rest', async () => {
    // The server kept what arrived before the pause; here nothing did.
    server.proxy.next({ when: { method: 'PATCH' }, answer: 408 });
    const sent = await client().send({ files: [fileSourceFromBytes(pattern(10), 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    expect(uploadCalls()).toEqual(['PATCH 0 48', 'HEAD - 0', 'PATCH 0 48']);
    expect(await client().peek(sent.link)).toMatchObject({ ok: true, files: 1 });
  });

  it('gives up after the retries with a server failure and deletes the unfinished secret', async () => {
    for (let i = 0; i < 4; i++) server.proxy.next({ when: { method: 'PATCH' }, answer: 503 });
    const sent = await client().send({ files: [fileSourceFromBytes(pattern(10), 'a')], retry: fast });
    expect(sent).toMatchObject({ ok: false, reason: 'server', status: 503 });
    expect(server.proxy.seen.at(-1)!.method).toBe('DELETE');
    expect(await uploadStatus(uploadPath())).toBe(404);
  });

  it('an aborted signal cancels: DELETE the upload, nothing left, result cancelled', async () => {
    const controller = new AbortController();
    const sent = await client().send({
      files: [fileSourceFromBytes(pattern(5 * RECORD), 'a')],
      chunkBytes: 65_536,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes >= 65_536) controller.abort();
      },
    });
    expect(sent).toMatchObject({ ok: false, reason: 'cancelled' });
    const methods = server.proxy.seen.map((r) => r.method);
    expect(methods.filter((m) => m === 'PATCH')).toHaveLength(1);
    expect(methods.at(-1)).toBe('DELETE');
    expect(await uploadStatus(uploadPath())).toBe(404);
  });

  it('refuses a file whose bytes do not match its announced size, and deletes the unfinished secret', async () => {
    const liar = { ...fileSourceFromBytes(pattern(100), 'a'), size: 50 };
    const sent = await client().send({ files: [liar], retry: fast });
    expect(sent).toMatchObject({ ok: false, reason: 'invalid_request', code: 'file_changed' });
    expect(server.proxy.seen.at(-1)!.method).toBe('DELETE');
    expect(await uploadStatus(server.proxy.seen.at(-1)!.url)).toBe(404);
  });

  it('needs text or files', async () => {
    expect(await client().send({})).toMatchObject({ reason: 'invalid_request', code: 'invalid_payload' });
    expect(server.proxy.seen).toEqual([]);
  });
});

describe('downloads', () => {
  const fileGets = () => server.proxy.seen.filter((r) => r.url.startsWith('/api/v1/files/'));

  it('resumes a download cut midway with a Range request', async () => {
    // Larger than the socket buffers, so that the server really stops writing when the connection breaks.
    const plain = pattern(16 * 2 ** 20);
    const sent = await client().send({ files: [fileSourceFromBytes(plain, 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    server.proxy.next({ when: { method: 'GET', path: /^\/api\/v1\/files\// }, cutResponseAfter: 70_000 });
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(await hash(out.bytes())).toBe(await hash(plain));
    // The second request asks only for what did not arrive (at most the 70 000 bytes the proxy let through).
    const [first, second, ...more] = fileGets();
    expect(first!.headers.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(String(second!.headers.range))?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(70_000);
    expect(more).toEqual([]);
    expect(first!.headers.authorization).toMatch(/^Bearer [\w-]{43}$/);
  });

  it('a second download of the same file is not_found (the grant is used)', async () => {
    const { got, sent } = await roundTrip([10]);
    // The server uses the grant up once the last byte went out; its receipt logs it.
    await expect
      .poll(async () => {
        const receipt = await client().receipt(sent.receiptLink);
        return receipt.ok ? receipt.downloads.length : -1;
      })
      .toBe(1);
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toMatchObject({ ok: false, reason: 'not_found' });
    expect(out.aborted()).toBe(true);
  });

  it('damaged ciphertext is decrypt_failed and the sink is aborted', async () => {
    const sent = await client().send({ files: [fileSourceFromBytes(pattern(1000), 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    server.proxy.next({
      when: { method: 'GET', path: /^\/api\/v1\/files\// },
      rewrite: (body) => {
        body[500]! ^= 1;
        return body;
      },
    });
    const out = collector();
    expect(await got.files[0]!.download(out.sink)).toMatchObject({ ok: false, reason: 'decrypt_failed' });
    expect(out.aborted()).toBe(true);
  });

  it('a sink that fails stops the download as cancelled', async () => {
    const sent = await client().send({ files: [fileSourceFromBytes(pattern(3 * RECORD), 'a')], retry: fast });
    if (!sent.ok) throw new Error(sent.message);
    const got = await client().reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    const sink = new WritableStream<Uint8Array>({
      write: () => {
        throw new Error('disk full');
      },
    });
    expect(await got.files[0]!.download(sink)).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});
