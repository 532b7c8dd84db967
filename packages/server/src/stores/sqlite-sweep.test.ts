import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, fileRefs, HOUR, makeFixture } from './contract-fixtures.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-sweep-'));
  dirs.push(dir);
  return join(dir, 'burnlink.db');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('SqliteStore sweep', () => {
  it('two connections to one file: each swept id is reported once, and one claim wins', async () => {
    const path = await tempPath();
    const [a, b] = [new SqliteStore(path), new SqliteStore(path)];
    const now = Date.now();
    const target = makeFixture({ now });
    await a.create(target.secret);
    const claims = await Promise.all(
      [a, b, a, b].map((store) => store.claim(target.secret.id, target.right, now)),
    );
    expect(claims.filter((claim) => claim.status === 'ok')).toHaveLength(1);

    const then = Date.UTC(2001, 0, 1);
    const files = fileRefs(1, 2, 3, 4);
    for (const file of files) await b.create(makeFixture({ now: then, ttlMs: HOUR, files: [file] }).secret);
    const results = await Promise.all([a.sweep(then + DAY), b.sweep(then + DAY), a.sweep(then + DAY)]);
    expect(results.flatMap((result) => result.blobIds).sort()).toEqual(files.map((file) => file.id).sort());
    expect(results.flatMap((result) => result.expiredIds)).toHaveLength(4);
    await Promise.all([a.close(), b.close()]);
  });

  it('sweeps in bounded batches, oldest first, until the backlog is gone', async () => {
    const store = new SqliteStore(await tempPath(), { sweepBatch: 2 });
    const then = Date.UTC(2001, 0, 1);
    const secrets = [];
    for (let i = 0; i < 5; i += 1) {
      const { secret } = makeFixture({ now: then + i, ttlMs: HOUR, retentionMs: HOUR, files: fileRefs(3) });
      await store.create(secret);
      secrets.push(secret);
    }
    const late = then + 3 * HOUR; // past every expiry and every receipt's retention
    const batches = [await store.sweep(late), await store.sweep(late), await store.sweep(late)];
    expect(batches.map((batch) => batch.expiredIds)).toEqual([
      [secrets[0]!.id, secrets[1]!.id],
      [secrets[2]!.id, secrets[3]!.id],
      [secrets[4]!.id],
    ]);
    expect(batches.flatMap((batch) => batch.blobIds).sort()).toEqual(
      secrets.map((secret) => secret.files[0]!.id).sort(),
    );
    expect(batches.map((batch) => batch.purgedReceipts)).toEqual([2, 2, 1]);
    expect(await store.sweep(late)).toEqual({
      expiredIds: [],
      purgedReceipts: 0,
      blobIds: [],
      expiredRequestIds: [],
      purgedRequests: 0,
    });
    await store.close();
  });
});
