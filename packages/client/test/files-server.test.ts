import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { createClient, type FetchLike, fileSourceFromBytes, type RevealedFile } from '../src/index.js';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js';

// File transfer through the SDK against the real server process (built dist, SQLite and filesystem blobs in
// a temp dir): round trips at the record boundaries, an upload killed mid-PATCH that resumes, cancel.

let server: SpawnedServer;
let proxy: FaultProxy;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'burnlink-client-files-'));
  server = await spawnServer({ env: { BURNLINK_DATA_DIR: dataDir, BURNLINK_STORE: 'sqlite' } });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const fast = { attempts: 3, delayMs: 10 };
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pattern = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * seed + (i >> 9)) & 0xff);

/** Downloads into memory (test sizes only) and hashes. */
async function downloadHash(file: RevealedFile): Promise<string> {
  const hash = createHash('sha256');
  const result = await file.download(new WritableStream({ write: (chunk) => void hash.update(chunk) }));
  if (!result.ok) throw new Error(result.message);
  return hash.digest('hex');
}

describe('files through the SDK and the real server', () => {
  it.each([0, 1, 65_519, 65_520, 3 * 65_519 + 7])('round-trips %d bytes', async (size) => {
    const client = createClient({ baseUrl: proxy.url });
    const plain = pattern(size, 7);
    const sent = await client.send({
      files: [fileSourceFromBytes(plain, `secret-name-${size}.bin`)],
      chunkBytes: 100_000,
    });
    if (!sent.ok) throw new Error(sent.message);
    const got = await client.reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    expect(got.files.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: `secret-name-${size}.bin`, size },
    ]);
    expect(await downloadHash(got.files[0]!)).toBe(sha(plain));
    // The grant allows one complete download: used up once the last byte went out (the receipt logs it).
    await expect
      .poll(async () => {
        const receipt = await client.receipt(sent.receiptLink);
        return receipt.ok ? receipt.downloads.length : -1;
      })
      .toBe(1);
    const second = await got.files[0]!.download(new WritableStream());
    expect(second).toMatchObject({ ok: false, reason: 'not_found' });
    expect(proxy.transcript()).not.toContain(`secret-name-${size}`);
  });

  it('resumes an upload killed mid-PATCH, sending only the rest', async () => {
    const CUT = 100_000;
    const patches: Array<{ offset: string | null; bytes: number; status: number | 'cut' }> = [];
    let killed = false;
    const killing: FetchLike = async (input, init) => {
      const body = init?.body;
      if (init?.method !== 'PATCH' || !(body instanceof Uint8Array)) return fetch(input, init);
      const patch = {
        offset: new Headers(init.headers).get('upload-offset'),
        bytes: body.length,
        status: 0 as number | 'cut',
      };
      patches.push(patch);
      if (!killed && body.length > CUT) {
        killed = true;
        const bytes: Uint8Array = body;
        // Send CUT bytes, give the server a moment to take them, then pull the cable. The server records
        // what arrived when it sees the request break off.
        const stream = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(bytes.slice(0, CUT)),
          pull: async (controller) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            controller.error(new Error('cable pulled'));
          },
        });
        patch.status = 'cut';
        return fetch(input, { ...init, body: stream, duplex: 'half' } as RequestInit);
      }
      const response = await fetch(input, init);
      patch.status = response.status;
      return response;
    };
    const client = createClient({ baseUrl: server.url, fetch: killing });
    const plain = pattern(3 * 1024 * 1024 + 5, 13);
    const sent = await client.send({
      text: 'with a file',
      files: [fileSourceFromBytes(plain, 'a')],
      chunkBytes: 1024 * 1024,
      retry: fast,
    });
    if (!sent.ok) throw new Error(sent.message);
    expect(killed).toBe(true);
    expect(patches[0]).toEqual({ offset: '0', bytes: 1024 * 1024, status: 'cut' });
    // Until the server has seen the cut request end, a retry may be told to wait (409); none starts over.
    const after = patches.slice(1);
    expect(after.filter((p) => p.status === 204)[0]).toEqual({
      offset: String(CUT),
      bytes: 1024 * 1024,
      status: 204,
    });
    expect(after.filter((p) => p.status === 204 && p.offset === '0')).toEqual([]);
    const got = await createClient({ baseUrl: server.url }).reveal(sent.link);
    if (!got.ok) throw new Error(got.message);
    expect(got.payload.text).toBe('with a file');
    expect(await downloadHash(got.files[0]!)).toBe(sha(plain));
  });

  it('cancelling deletes the unfinished secret and its upload', async () => {
    const seen: string[] = [];
    const recording: FetchLike = async (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
      return fetch(input, init);
    };
    const controller = new AbortController();
    const client = createClient({ baseUrl: server.url, fetch: recording });
    const sent = await client.send({
      files: [fileSourceFromBytes(pattern(1024 * 1024, 3), 'a')],
      chunkBytes: 65_536,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 0) controller.abort();
      },
    });
    expect(sent).toMatchObject({ ok: false, reason: 'cancelled' });
    const upload = seen.find((line) => line.startsWith('PATCH '))!.slice('PATCH '.length);
    expect(seen.at(-1)).toBe(`DELETE ${upload}`);
    const head = await fetch(`${server.url}${upload}`, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(404);
  });

  it('reports the server limits for files', async () => {
    const config = await createClient({ baseUrl: server.url }).config();
    if (!config.ok) throw new Error(config.message);
    expect(config.files.maxFiles).toBeGreaterThan(0);
    expect(config.files.maxSecretBytes).toBeGreaterThanOrEqual(config.files.maxFileBytes);
  });
});
