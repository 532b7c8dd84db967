import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import type { BlobStore } from '../../src/blobs/blob-store.js';
import { openBlobStore } from '../../src/blobs/open-blob-store.js';
import { dropPostgresSchema, postgresAvailable } from '../../src/stores/test-backends.js';
import { download, sendFiles, stageFiles, TUS } from './file-support.js';
import { claimBody, testApp } from './support.js';

/**
 * No orphans: after each way a secret with files can end (download after the last view, burn before and
 * during upload, expiry of a created and of an unfinished secret, a grant that is never used), the blob store
 * holds nothing — checked through `list()` and, for the filesystem, by walking the directory for any file;
 * for PostgreSQL by reading every table of its schema — and the secret store knows none of the blob ids.
 */
const PG_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Backend {
  blobs: BlobStore;
  /** What is still stored anywhere in the backend besides the download log (not only what list() reports). */
  leftovers(): Promise<unknown[]>;
}

async function fsBackend(): Promise<Backend> {
  const dir = await mkdtemp(path.join(tmpdir(), 'burnlink-blobs-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const blobs = await openBlobStore('fs:', dir);
  cleanups.push(() => blobs.close());
  return {
    blobs,
    async leftovers() {
      const files: string[] = [];
      const walk = async (d: string): Promise<void> => {
        for (const entry of await readdir(d, { withFileTypes: true })) {
          const full = path.join(d, entry.name);
          if (entry.isDirectory()) await walk(full);
          else files.push(path.relative(dir, full));
        }
      };
      await walk(dir);
      return files;
    },
  };
}

const pgReady = await postgresAvailable(PG_URL);

async function postgresBackend(): Promise<Backend> {
  const schema = `blobs_lifecycle_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const blobs = await openBlobStore(url, tmpdir());
  cleanups.push(() => dropPostgresSchema(PG_URL, schema));
  cleanups.push(() => blobs.close());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return {
    blobs,
    async leftovers() {
      // Every row of every table of the blob store's schema, but its migration record.
      const { rows: tables } = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT LIKE '%schema%'`,
        [schema],
      );
      const rows: unknown[] = [];
      for (const { table_name } of tables) {
        const { rows: found } = await client.query(`SELECT * FROM "${schema}"."${table_name}"`);
        rows.push(...found.map((row) => ({ table: table_name, ...row })));
      }
      return rows;
    },
  };
}

const backends: [string, () => Promise<Backend>][] = [['filesystem', fsBackend]];
if (pgReady) backends.push(['PostgreSQL', postgresBackend]);

describe.each(backends)('no orphan blobs on the %s blob store', (_name, makeBackend) => {
  async function setup() {
    const backend = await makeBackend();
    const ctx = await testApp({ blobs: backend.blobs });
    const ids: string[] = [];
    // A download is recorded when its response has finished, just after the client has the last byte.
    const empty = async () => {
      await expect.poll(() => backend.blobs.list()).toEqual([]);
      await expect.poll(() => backend.leftovers()).toEqual([]);
      expect([...(await ctx.store.knownBlobs(ids))]).toEqual([]);
    };
    const track = <T extends { uploads: { id: string }[] }>(sent: T): T => {
      ids.push(...sent.uploads.map((upload) => upload.id));
      return sent;
    };
    const count = (n: number) => expect.poll(async () => (await backend.blobs.list()).length).toBe(n);
    return { ...ctx, backend, empty, count, track };
  }

  async function claimFiles(app: Awaited<ReturnType<typeof testApp>>['app'], id: string, key: Uint8Array) {
    const { body } = await claimBody(key, null);
    const res = await app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: body });
    expect(res.statusCode).toBe(200);
    return res.json() as { files: { url: string }[]; grant: string; views_left: number };
  }

  test('after the last allowed download (2 views, 2 files)', async () => {
    const { app, count, empty, track } = await setup();
    const sent = track(await sendFiles(app, [70_000, 5], { max_views: 2 }));
    const first = await claimFiles(app, sent.id, sent.linkKey);
    for (const file of first.files) expect((await download(app, file.url, first.grant)).statusCode).toBe(200);
    await count(2);
    const second = await claimFiles(app, sent.id, sent.linkKey);
    expect(second.views_left).toBe(0);
    await download(app, second.files[0]!.url, second.grant);
    await count(1);
    await download(app, second.files[1]!.url, second.grant);
    await empty();
  });

  test('after burn, of a created secret with a grant out and of an unfinished upload', async () => {
    const { app, empty, track } = await setup();
    const sent = track(await sendFiles(app, [70_000]));
    const claimed = await claimFiles(app, sent.id, sent.linkKey);
    const burn = await app.inject({ method: 'POST', url: `/api/v1/receipts/${sent.receipt}/burn` });
    expect(burn.statusCode).toBe(204);
    expect((await download(app, claimed.files[0]!.url, claimed.grant)).statusCode).toBe(404);
    await empty();

    const staged = track(await stageFiles(app, [70_000]));
    await app.inject({
      method: 'PATCH',
      url: staged.uploads[0]!.url,
      headers: { ...TUS, 'upload-offset': '0' },
      payload: Buffer.from(staged.ciphertexts[0]!.subarray(0, 30_000)),
    });
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/receipts/${staged.receipt}/burn` })).statusCode,
    ).toBe(204);
    await empty();
  });

  test('at expiry, of a created secret and of an unfinished upload', async () => {
    const { app, clock, backend, empty, track } = await setup();
    track(await sendFiles(app, [70_000], { ttl: 600 }));
    const staged = track(await stageFiles(app, [1000], { ttl: 600 }));
    await app.inject({
      method: 'PATCH',
      url: staged.uploads[0]!.url,
      headers: { ...TUS, 'upload-offset': '0' },
      payload: Buffer.from(staged.ciphertexts[0]!.subarray(0, 100)),
    });
    expect(await backend.blobs.list()).toHaveLength(2);
    clock.advance(600_000);
    await app.burnlinkService.sweep();
    await empty();
  });

  test('when the last view never downloads: at the grant expiry', async () => {
    const { app, clock, config, backend, empty, track } = await setup();
    const sent = track(await sendFiles(app, [10], { ttl: 86_400 }));
    await claimFiles(app, sent.id, sent.linkKey);
    await app.burnlinkService.sweep();
    expect(await backend.blobs.list()).toHaveLength(1);
    clock.advance(config.files.grantTtlMs);
    await app.burnlinkService.sweep();
    await empty();
  });

  test('after an upload is cut for size (413)', async () => {
    const { app, empty, track } = await setup();
    const staged = track(await stageFiles(app, [1000]));
    const over = Buffer.alloc(staged.ciphertexts[0]!.length + 100);
    const res = await app.inject({
      method: 'PATCH',
      url: staged.uploads[0]!.url,
      headers: { ...TUS, 'upload-offset': '0' },
      payload: over,
    });
    expect(res.statusCode).toBe(413);
    await empty();
  });
});

describe('the orphan scan', () => {
  test('deletes bytes whose record is gone (a crash between the record and its bytes), and nothing else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'burnlink-orphans-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const blobs = await openBlobStore('fs:', dir);
    cleanups.push(() => blobs.close());
    const { app } = await testApp({ blobs });
    const kept = await sendFiles(app, [5000]);
    const orphan = 'AAAAAAAAAAAAAAAAAAAAAA';
    await blobs.write(
      orphan,
      0,
      (async function* () {
        yield new Uint8Array([1, 2, 3]);
      })(),
      3,
    );
    expect((await blobs.list()).sort()).toEqual([kept.uploads[0]!.id, orphan].sort());
    const result = await app.burnlinkService.sweep();
    expect(result.blobs).toBe(1);
    expect(await blobs.list()).toEqual([kept.uploads[0]!.id]);
  });
});
