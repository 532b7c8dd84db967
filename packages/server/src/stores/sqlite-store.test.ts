import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { b64u, DAY, fileRefs, HOUR, lease, makeFixture, newGrant } from './contract-fixtures.js';
import { describeStoreContract } from './contract-suite.js';
import type { CommitInfo } from './group-commit.js';
import { StoreUnavailableError } from './secret-store.js';
import { SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { SqliteStore } from './sqlite-store.js';

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describeStoreContract(
  'sqlite',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-contract-'));
    return {
      store: new SqliteStore(join(dir, 'nested', 'burnlink.db')),
      cleanup: () => rm(dir, { recursive: true, force: true }),
      // A second process on the same file: its own connections and writer thread.
      peer: async () => new SqliteStore(join(dir, 'nested', 'burnlink.db')),
    };
  },
  { peers: true },
);

// `:memory:` has no second connection, so its writer runs on the main thread: the same contract holds.
describeStoreContract('sqlite :memory:', async () => ({ store: new SqliteStore(':memory:') }));

/** A text secret of 300 content bytes, as the contract suite makes them. */
const newSecret = (now: number) => makeFixture({ now, contentBytes: 300 });

describe('SqliteStore specifics', () => {
  it('keeps secrets and receipts across close and reopen', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const now = Date.now();
    const kept = newSecret(now);
    const viewed = newSecret(now);
    const first = new SqliteStore(path);
    await first.create(kept.secret);
    await first.create(viewed.secret);
    expect(await first.claim(viewed.secret.id, viewed.right, now + 1)).toMatchObject({ status: 'ok' });
    await first.close();

    const second = new SqliteStore(path);
    expect(await second.peek(kept.secret.id, now)).toMatchObject({ viewsLeft: 1, size: 300 });
    expect(await second.claim(viewed.secret.id, viewed.right, now)).toEqual({ status: 'not_found' });
    expect(await second.receipt(viewed.secret.receiptHash, now + 2)).toMatchObject({
      state: 'viewed',
      viewedAt: [now + 1],
    });
    expect(await second.claim(kept.secret.id, kept.right, now)).toMatchObject({
      status: 'ok',
      content: new Uint8Array(kept.secret.content),
    });
    await second.close();
  });

  it('keeps staged uploads, offsets, leases, grants and download logs across close and reopen', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const now = Date.now();
    const files = fileRefs(100, 50);
    const { secret, right } = makeFixture({ now, files, maxViews: 2 });
    const first = new SqliteStore(path);
    await first.create(secret);
    const writer = lease(now + HOUR);
    await first.startUpload(files[0].id, 0, writer, now);
    await first.finishUpload(files[0].id, writer.id, 40, now);
    const busy = lease(now + HOUR);
    await first.startUpload(files[1].id, 0, busy, now);
    await first.close();

    const second = new SqliteStore(path);
    expect(await second.upload(files[0].id, now)).toMatchObject({ offset: 40, sealed: false });
    expect(await second.startUpload(files[1].id, 0, lease(now + HOUR), now)).toEqual({
      status: 'busy',
      offset: 0,
    });
    const resumed = lease(now + HOUR);
    expect(await second.startUpload(files[0].id, 40, resumed, now)).toMatchObject({
      status: 'ok',
      offset: 40,
    });
    await second.finishUpload(files[0].id, resumed.id, 100, now);
    expect(await second.finishUpload(files[1].id, busy.id, 50, now)).toMatchObject({ sealed: true });
    const grant = newGrant(now + DAY);
    expect(await second.claim(secret.id, right, now + 1, grant)).toMatchObject({
      status: 'ok',
      viewsLeft: 1,
    });
    const reader = lease(now + HOUR);
    await second.startDownload(files[0].id, grant.hash, reader, now + 2);
    await second.finishDownload(files[0].id, grant.hash, reader.id, true, now + 3);
    const interrupted = lease(now + HOUR);
    await second.startDownload(files[1].id, grant.hash, interrupted, now + 4);
    await second.close();

    const third = new SqliteStore(path);
    expect(await third.receipt(secret.receiptHash, now + 5)).toMatchObject({
      state: 'pending',
      viewedAt: [now + 1],
      downloads: [{ file: 0, at: now + 3 }],
    });
    expect(await third.startDownload(files[0].id, grant.hash, lease(now + HOUR), now + 5)).toEqual({
      status: 'not_found',
    });
    expect(await third.startDownload(files[1].id, grant.hash, lease(now + HOUR), now + 5)).toEqual({
      status: 'in_progress',
    });
    expect(await third.finishDownload(files[1].id, grant.hash, interrupted.id, true, now + 6)).toMatchObject({
      status: 'ok',
      index: 1,
      deleteBlob: false, // a view is left: the next claim's grant needs the file
    });
    await third.close();
  });

  it('creates missing parent directories, readable by the owner only', async () => {
    const dir = join(await tempDir(), 'a', 'b');
    await new SqliteStore(join(dir, 'burnlink.db')).close();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'burnlink.db'))).isFile()).toBe(true);
  });

  it('uses WAL and records the schema version', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    await new SqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('overwrites a recipient address in the file when its secret ends (secure_delete)', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const address = `ada.${randomBytes(6).toString('hex')}@example.com`;
    const restrictions = JSON.stringify({ v: 1, recipients: [address] });
    const { secret, right } = makeFixture({ now, restrictions, contentBytes: 20_000 });
    await store.create(secret);
    await store.claim(secret.id, { ...right, gate: { codeHash: null } }, now);
    await store.close();
    // Once the WAL is checkpointed into the database file, no copy of the address is left in either.
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat([
      await readFile(path),
      await readFile(`${path}-wal`).catch(() => Buffer.alloc(0)),
    ]);
    expect(bytes.includes(Buffer.from(address))).toBe(false);
  });

  it('keeps restrictions and codes in the secret row only: gone after a last view, a burn, a lock and a sweep', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const restrictions = JSON.stringify({ v: 1, recipients: ['ada@example.com'] });
    const code = () => ({ hash: b64u(randomBytes(32)), expiresAt: now + HOUR, tries: 5 });
    const open = { codeHash: null };
    const viewed = makeFixture({ now, restrictions });
    const burned = makeFixture({ now, restrictions });
    const locked = makeFixture({ now, restrictions, passphrase: true, maxAttempts: 1 });
    const expiring = makeFixture({ now, restrictions, ttlMs: HOUR });
    for (const { secret, right } of [viewed, burned, locked, expiring]) {
      await store.create(secret);
      expect(await store.issueCode(secret.id, code(), now, 5, right)).toBe('ok');
    }
    const db = new Database(path, { readonly: true });
    try {
      const left = () =>
        db
          .prepare(
            'SELECT count(*) AS n FROM secrets WHERE restrictions IS NOT NULL OR code_hash IS NOT NULL',
          )
          .get() as { n: number };
      expect(left().n).toBe(4);
      expect(await store.claim(viewed.secret.id, { ...viewed.right, gate: open }, now)).toMatchObject({
        status: 'ok',
      });
      await store.burn(burned.secret.receiptHash, now);
      expect(await store.claim(locked.secret.id, { ...locked.wrongToken, gate: open }, now)).toMatchObject({
        status: 'locked',
      });
      expect(left().n).toBe(1);
      expect(await store.sweep(now + HOUR)).toMatchObject({ expiredIds: [expiring.secret.id] });
      expect(left().n).toBe(0);
      const receiptColumns = db.prepare('SELECT name FROM pragma_table_info(?)').all('receipts') as {
        name: string;
      }[];
      expect(receiptColumns.map((c) => c.name).filter((name) => /restrict|code/.test(name))).toEqual([]);
    } finally {
      db.close();
      await store.close();
    }
  });

  it('refuses a database written by a newer schema', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteStore(path)).toThrow(StoreUnavailableError);
  });

  it('groups the writes of one event-loop turn into one commit', async () => {
    const commits: CommitInfo[] = [];
    const store = new SqliteStore(join(await tempDir(), 'burnlink.db'), {
      onCommit: (info) => commits.push(info),
    });
    const now = Date.now();
    const secrets = Array.from({ length: 50 }, () => newSecret(now).secret);
    await Promise.all(secrets.map((secret) => store.create(secret)));
    expect(commits.map((c) => c.operations)).toEqual([50]);

    const target = newSecret(now);
    await store.create(target.secret);
    const claims = await Promise.all([
      ...Array.from({ length: 30 }, () => store.claim(target.secret.id, target.right, now)),
      store.sweep(now),
    ]);
    expect(commits.map((c) => c.operations)).toEqual([50, 1, 31]);
    expect(claims.filter((c) => 'status' in c && c.status === 'ok')).toHaveLength(1);
    for (const secret of secrets) expect(await store.peek(secret.id, now)).not.toBeNull();
    await store.close();
  });

  it('commits the batches that reach the busy writer thread together, in one transaction', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const commits: CommitInfo[] = [];
    const store = new SqliteStore(path, { onCommit: (info) => commits.push(info) });
    const now = Date.now();
    await store.create(newSecret(now).secret); // the writer thread is up
    // Another connection holds the write lock: the writer waits in BEGIN (busy_timeout) with the first
    // batch while two more batches, sent in later turns, queue up behind it.
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const secrets = Array.from({ length: 3 }, () => newSecret(now).secret);
    const writes: Promise<void>[] = [];
    for (const secret of secrets) {
      writes.push(store.create(secret));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    holder.exec('COMMIT');
    holder.close();
    await Promise.all(writes);
    expect(commits.slice(1).reduce((sum, c) => sum + c.operations, 0)).toBe(3);
    expect(commits.length - 1).toBeLessThan(3);
    for (const secret of secrets) expect(await store.peek(secret.id, now)).not.toBeNull();
    await store.close();
  });

  it('a read issued once a write resolved sees it, on the reading connection', async () => {
    const store = new SqliteStore(join(await tempDir(), 'burnlink.db'));
    const now = Date.now();
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const { secret, right } = newSecret(now);
        await store.create(secret);
        expect(await store.peek(secret.id, now)).toMatchObject({ viewsLeft: 1 });
        expect(await store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok' });
        expect(await store.peek(secret.id, now + 1)).toBeNull();
        expect(await store.receipt(secret.receiptHash, now + 2)).toMatchObject({ state: 'viewed' });
      }),
    );
    await store.close();
  });

  it('close() lets the writes already asked for commit before it resolves', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const secrets = Array.from({ length: 20 }, () => newSecret(now).secret);
    const writes = secrets.map((secret) => store.create(secret));
    await store.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(20);
    const reopened = new SqliteStore(path);
    for (const secret of secrets) expect(await reopened.peek(secret.id, now)).not.toBeNull();
    await reopened.close();
  });

  it('commits on the main thread when asked to, with the same batching', async () => {
    const commits: CommitInfo[] = [];
    const path = join(await tempDir(), 'burnlink.db');
    const store = new SqliteStore(path, { writerThread: false, onCommit: (info) => commits.push(info) });
    const now = Date.now();
    const secrets = Array.from({ length: 5 }, () => newSecret(now).secret);
    await Promise.all(secrets.map((secret) => store.create(secret)));
    expect(commits.map((c) => c.operations)).toEqual([5]);
    await store.close();
    const reopened = new SqliteStore(path);
    for (const secret of secrets) expect(await reopened.peek(secret.id, now)).not.toBeNull();
    await reopened.close();
  });

  it('a failing operation does not poison the others in its batch', async () => {
    const commits: CommitInfo[] = [];
    const store = new SqliteStore(join(await tempDir(), 'burnlink.db'), {
      onCommit: (info) => commits.push(info),
    });
    const now = Date.now();
    const existing = newSecret(now).secret;
    await store.create(existing);
    const before = newSecret(now).secret;
    const after = newSecret(now).secret;
    // Same id as `existing` with a fresh receipt: the secret insert fails after nothing, and a
    // fresh id with an existing receipt fails after its secret row was written — that row must go too.
    const duplicateId = { ...newSecret(now).secret, id: existing.id };
    const duplicateReceipt = { ...newSecret(now).secret, receiptHash: existing.receiptHash };
    const results = await Promise.allSettled([
      store.create(before),
      store.create(duplicateId),
      store.create(duplicateReceipt),
      store.create(after),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    for (const failed of results.filter((r) => r.status === 'rejected')) {
      expect(failed.reason).not.toBeInstanceOf(StoreUnavailableError);
    }
    expect(commits.at(-1)?.operations).toBe(4);
    expect(await store.peek(before.id, now)).not.toBeNull();
    expect(await store.peek(after.id, now)).not.toBeNull();
    expect(await store.peek(duplicateReceipt.id, now)).toBeNull();
    expect(await store.receipt(existing.receiptHash, now)).toMatchObject({ state: 'pending' });
    await store.close();
  });

  it('refuses a bad file size and a duplicate id as plain Errors saying which, keeping nothing', async () => {
    const store = new SqliteStore(join(await tempDir(), 'burnlink.db'));
    const now = Date.now();
    for (const size of [-1, 1.5]) {
      const { secret } = makeFixture({ now, files: [...fileRefs(10), { id: fileRefs(0)[0].id, size }] });
      const error = await store.create(secret).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/outside what the store accepts/);
      expect(await store.receipt(secret.receiptHash, now)).toBeNull();
      expect(await store.knownBlobs(secret.files.map((file) => file.id))).toEqual(new Set());
    }
    const { secret } = makeFixture({ now });
    await store.create(secret);
    await expect(store.create({ ...makeFixture({ now }).secret, id: secret.id })).rejects.toThrow(
      /already exists/,
    );
    await store.close();
  });

  it('reports a broken database as unavailable, never as gone', async () => {
    const dir = await tempDir();
    const path = join(dir, 'burnlink.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const { secret } = newSecret(now);
    await store.create(secret);
    // Another connection drops the table underneath: every call must fail loudly rather than answer null.
    const other = new Database(path);
    other.exec('DROP TABLE secrets');
    other.close();
    await expect(store.peek(secret.id, now)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.claim(secret.id, { verifier: secret.verifier, linkVerifier: null }, now),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('fails to open as unavailable when the path cannot be a database', async () => {
    const dir = await tempDir();
    expect(() => new SqliteStore(dir)).toThrow(StoreUnavailableError);
  });

  it('writes after close reject as unavailable and never reach the file', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const now = Date.now();
    const files = fileRefs(10);
    const { secret } = makeFixture({ now, files });
    const store = new SqliteStore(path);
    await store.create(secret);
    await store.close();
    const writes = [
      store.startUpload(files[0].id, 0, lease(now + HOUR), now),
      store.cancelUpload(files[0].id, now),
      store.burn(secret.receiptHash, now),
      store.sweep(now + 2 * DAY),
    ];
    for (const write of writes) await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.close()).resolves.toBeUndefined();
    const reopened = new SqliteStore(path);
    expect(await reopened.upload(files[0].id, now)).toMatchObject({ offset: 0, sealed: false });
    expect(await reopened.startUpload(files[0].id, 0, lease(now + HOUR), now)).toMatchObject({
      status: 'ok',
    });
    expect(await reopened.receipt(secret.receiptHash, now)).toMatchObject({ state: 'pending' });
    await reopened.close();
  });
});
