import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStoreContract } from './contract-suite.js';
import type { CommitInfo } from './group-commit.js';
import { type NewSecret, StoreUnavailableError } from './secret-store.js';
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

describeStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-contract-'));
  return {
    store: new SqliteStore(join(dir, 'nested', 'burnlink.db')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function newSecret(now: number, token: Uint8Array = randomBytes(32)): NewSecret {
  return {
    id: b64u(randomBytes(16)),
    verifier: sha256(token),
    linkVerifier: null,
    kdf: null,
    content: randomBytes(300),
    files: [],
    createdAt: now,
    expiresAt: now + 3_600_000,
    maxViews: 1,
    maxAttempts: 5,
    receiptHash: b64u(randomBytes(32)),
    receiptRetentionMs: 86_400_000,
  };
}

describe('SqliteStore specifics', () => {
  it('keeps secrets and receipts across close and reopen', async () => {
    const path = join(await tempDir(), 'burnlink.db');
    const now = Date.now();
    const token = randomBytes(32);
    const kept = newSecret(now, token);
    const viewed = newSecret(now, token);
    const first = new SqliteStore(path);
    await first.create(kept);
    await first.create(viewed);
    expect(
      await first.claim(viewed.id, { verifier: sha256(token), linkVerifier: null }, now + 1),
    ).toMatchObject({
      status: 'ok',
    });
    await first.close();

    const second = new SqliteStore(path);
    expect(await second.peek(kept.id, now)).toMatchObject({ viewsLeft: 1, size: 300 });
    expect(await second.claim(viewed.id, { verifier: sha256(token), linkVerifier: null }, now)).toEqual({
      status: 'not_found',
    });
    expect(await second.receipt(viewed.receiptHash, now + 2)).toMatchObject({
      state: 'viewed',
      viewedAt: [now + 1],
    });
    expect(await second.claim(kept.id, { verifier: sha256(token), linkVerifier: null }, now)).toMatchObject({
      status: 'ok',
      content: new Uint8Array(kept.content),
    });
    await second.close();
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
    const secrets = Array.from({ length: 50 }, () => newSecret(now));
    await Promise.all(secrets.map((secret) => store.create(secret)));
    expect(commits.map((c) => c.operations)).toEqual([50]);

    const token = randomBytes(32);
    const target = newSecret(now, token);
    await store.create(target);
    const claims = await Promise.all([
      ...Array.from({ length: 30 }, () =>
        store.claim(target.id, { verifier: sha256(token), linkVerifier: null }, now),
      ),
      store.sweep(now),
    ]);
    expect(commits.map((c) => c.operations)).toEqual([50, 1, 31]);
    expect(claims.filter((c) => 'status' in c && c.status === 'ok')).toHaveLength(1);
    for (const secret of secrets) expect(await store.peek(secret.id, now)).not.toBeNull();
    await store.close();
  });

  it('a failing operation does not poison the others in its batch', async () => {
    const commits: CommitInfo[] = [];
    const store = new SqliteStore(join(await tempDir(), 'burnlink.db'), {
      onCommit: (info) => commits.push(info),
    });
    const now = Date.now();
    const existing = newSecret(now);
    await store.create(existing);
    const before = newSecret(now);
    const after = newSecret(now);
    // Same id as `existing` with a fresh receipt: the secret insert fails after nothing, and a
    // fresh id with an existing receipt fails after its secret row was written — that row must go too.
    const duplicateId = { ...newSecret(now), id: existing.id };
    const duplicateReceipt = { ...newSecret(now), receiptHash: existing.receiptHash };
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

  it('reports a broken database as unavailable, never as gone', async () => {
    const dir = await tempDir();
    const path = join(dir, 'burnlink.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const secret = newSecret(now);
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
});
