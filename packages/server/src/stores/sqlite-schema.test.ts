import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { b64u, DAY, fileRefs, lease, MINUTE, makeFixture, newGrant, sha256 } from './contract-fixtures.js';
import type { NewSecret } from './secret-store.js';
import { SQLITE_SCHEMA_STEPS, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { SqliteStore } from './sqlite-store.js';

// The schema of version 1 as released, frozen here: databases in the field look like this.
const RELEASED_V1 = `
CREATE TABLE secrets (id TEXT PRIMARY KEY, verifier BLOB NOT NULL, link_verifier BLOB, kdf TEXT,
  content BLOB NOT NULL, files TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  max_views INTEGER NOT NULL, views_left INTEGER NOT NULL, failed_attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL, receipt_hash TEXT NOT NULL) STRICT;
CREATE INDEX secrets_by_expiry ON secrets (expires_at);
CREATE TABLE receipts (hash TEXT PRIMARY KEY, secret_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'viewed', 'burned', 'expired', 'locked')),
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, max_views INTEGER NOT NULL,
  views_left INTEGER NOT NULL, viewed_at TEXT NOT NULL, failed_attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL, has_passphrase INTEGER NOT NULL, ended_at INTEGER,
  retention_ms INTEGER NOT NULL, purge_at INTEGER) STRICT;
CREATE INDEX receipts_pending_by_expiry ON receipts (expires_at) WHERE state = 'pending';
CREATE INDEX receipts_by_purge ON receipts (purge_at) WHERE purge_at IS NOT NULL;
PRAGMA user_version = 1;
`;

/** A secret as version 1 stored it (sealed: the old blob store staged files before the SecretStore saw them). */
function insertV1Secret(db: Database.Database, secret: NewSecret): void {
  db.prepare(`INSERT INTO secrets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`).run(
    secret.id,
    secret.verifier,
    secret.linkVerifier,
    secret.kdf && JSON.stringify(secret.kdf),
    secret.content,
    JSON.stringify(secret.files),
    secret.createdAt,
    secret.expiresAt,
    secret.maxViews,
    secret.maxViews,
    secret.maxAttempts,
    secret.receiptHash,
  );
  db.prepare(`INSERT INTO receipts VALUES (?, ?, 'pending', ?, ?, ?, ?, '[]', 0, ?, ?, NULL, ?, NULL)`).run(
    secret.receiptHash,
    secret.id,
    secret.createdAt,
    secret.expiresAt,
    secret.maxViews,
    secret.maxViews,
    secret.maxAttempts,
    secret.kdf ? 1 : 0,
    secret.receiptRetentionMs,
  );
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function v1Database(fill: (db: Database.Database) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-v1-'));
  dirs.push(dir);
  const path = join(dir, 'burnlink.db');
  const db = new Database(path);
  db.exec(RELEASED_V1);
  fill(db);
  db.close();
  return path;
}

/**
 * A secret as version 3 stored it, with its receipt; with files, staged, its first file `stored` bytes in. (The
 * steps are never edited once released, so the first three build what version 3 wrote.)
 */
function insertV3Secret(db: Database.Database, secret: NewSecret, stored = 0): void {
  const staged = secret.files.length > 0;
  db.prepare(
    `INSERT INTO secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at, max_views,
       views_left, failed_attempts, max_attempts, receipt_hash, staged, final_expires_at, upload_idle_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, NULL)`,
  ).run(
    secret.id,
    secret.verifier,
    secret.linkVerifier,
    secret.kdf && JSON.stringify(secret.kdf),
    secret.content,
    JSON.stringify(secret.files),
    secret.createdAt,
    secret.expiresAt,
    secret.maxViews,
    secret.maxViews,
    secret.maxAttempts,
    secret.receiptHash,
    staged ? 1 : 0,
    secret.expiresAt,
  );
  db.prepare(
    `INSERT INTO receipts (hash, secret_id, state, created_at, expires_at, max_views, views_left, viewed_at,
       failed_attempts, max_attempts, has_passphrase, ended_at, retention_ms, purge_at, downloads)
     VALUES (?, ?, 'pending', ?, ?, ?, ?, '[]', 0, ?, ?, NULL, ?, NULL, '[]')`,
  ).run(
    secret.receiptHash,
    secret.id,
    secret.createdAt,
    secret.expiresAt,
    secret.maxViews,
    secret.maxViews,
    secret.maxAttempts,
    secret.kdf ? 1 : 0,
    secret.receiptRetentionMs,
  );
  secret.files.forEach((file, index) => {
    db.prepare(
      `INSERT INTO secret_files (blob_id, secret_id, receipt_hash, file_index, size, stored, keep_until)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      file.id,
      secret.id,
      secret.receiptHash,
      index,
      file.size,
      index === 0 ? stored : 0,
      secret.expiresAt,
    );
  });
}

async function v3Database(fill: (db: Database.Database) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-sqlite-v3-'));
  dirs.push(dir);
  const path = join(dir, 'burnlink.db');
  const db = new Database(path);
  db.exec(SQLITE_SCHEMA_STEPS.slice(0, 3).join('\n'));
  db.pragma('user_version = 3');
  fill(db);
  db.close();
  return path;
}

describe('SQLite schema migration', () => {
  it('opens a version 1 database at the current version, keeping its secrets and receipts', async () => {
    const now = Date.now();
    const text = makeFixture({ now, passphrase: true, maxViews: 2 });
    const viewed = makeFixture({ now });
    const path = await v1Database((db) => {
      insertV1Secret(db, text.secret);
      insertV1Secret(db, viewed.secret);
      // `viewed` was claimed under version 1: its secret row is gone, its receipt says so.
      db.prepare('DELETE FROM secrets WHERE id = ?').run(viewed.secret.id);
      db.prepare(
        `UPDATE receipts SET state = 'viewed', views_left = 0, viewed_at = ?, ended_at = ?, purge_at = ?
         WHERE hash = ?`,
      ).run(`[${now - 5}]`, now - 5, now - 5 + viewed.secret.receiptRetentionMs, viewed.secret.receiptHash);
    });

    const store = new SqliteStore(path);
    try {
      expect(await store.peek(text.secret.id, now)).toMatchObject({
        viewsLeft: 2,
        files: [],
        kdf: text.secret.kdf,
      });
      expect(await store.receipt(viewed.secret.receiptHash, now)).toMatchObject({
        state: 'viewed',
        viewedAt: [now - 5],
        downloads: [],
      });
      expect(await store.claim(text.secret.id, text.wrongToken, now)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 4,
      });
      expect(await store.claim(text.secret.id, text.right, now + 1)).toMatchObject({
        status: 'ok',
        content: new Uint8Array(text.secret.content),
        viewsLeft: 1,
      });
      expect(await store.receipt(text.secret.receiptHash, now + 2)).toMatchObject({
        state: 'pending',
        viewedAt: [now + 1],
        failedAttempts: 1,
        downloads: [],
      });
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
  });

  it('gives a version 1 secret with files a complete upload per file: claimable, granted, delivered', async () => {
    const now = Date.now();
    const files = fileRefs(1000, 0);
    const { secret, right } = makeFixture({ now, files });
    const path = await v1Database((db) => insertV1Secret(db, secret));

    const store = new SqliteStore(path);
    try {
      expect(await store.peek(secret.id, now)).toMatchObject({ files });
      expect(await store.upload(files[0].id, now)).toEqual({
        blobId: files[0].id,
        secretId: secret.id,
        index: 0,
        length: 1000,
        offset: 1000,
        sealed: true,
        expiresAt: secret.expiresAt,
      });
      expect(await store.knownBlobs(files.map((file) => file.id))).toEqual(new Set(files.map((f) => f.id)));
      const grant = newGrant(now + DAY);
      expect(await store.claim(secret.id, right, now + 1, grant)).toMatchObject({ status: 'ok', files });
      for (const [index, file] of files.entries()) {
        const reader = lease(now + 60_000);
        expect(await store.startDownload(file.id, grant.hash, reader, now + 2)).toEqual({
          status: 'ok',
          secretId: secret.id,
          index,
          size: file.size,
        });
        expect(await store.finishDownload(file.id, grant.hash, reader.id, true, now + 3)).toEqual({
          status: 'ok',
          secretId: secret.id,
          index,
          deleteBlob: true,
        });
      }
      expect(await store.receipt(secret.receiptHash, now + 4)).toMatchObject({
        state: 'viewed',
        downloads: [
          { file: 0, at: now + 3 },
          { file: 1, at: now + 3 },
        ],
      });
      expect(await store.knownBlobs(files.map((file) => file.id))).toEqual(new Set());
    } finally {
      await store.close();
    }
  });

  it('migrates once: a second open of the migrated file changes nothing', async () => {
    const now = Date.now();
    const { secret } = makeFixture({ now, files: fileRefs(10) });
    const path = await v1Database((db) => insertV1Secret(db, secret));
    await new SqliteStore(path).close();
    const store = new SqliteStore(path);
    try {
      expect(await store.peek(secret.id, now)).toMatchObject({ files: secret.files });
      expect(await store.upload(secret.files[0]!.id, now)).toMatchObject({ offset: 10, sealed: true });
    } finally {
      await store.close();
    }
  });

  it('opens a version 3 database at the current version: its secrets are unrestricted, new ones can be restricted', async () => {
    const now = Date.now();
    const text = makeFixture({ now, passphrase: true, maxViews: 2 });
    const files = fileRefs(10);
    const staged = makeFixture({ now, files });
    const path = await v3Database((db) => {
      insertV3Secret(db, text.secret);
      insertV3Secret(db, staged.secret, 4);
    });

    const store = new SqliteStore(path);
    try {
      expect(await store.peek(text.secret.id, now)).toMatchObject({
        viewsLeft: 2,
        kdf: text.secret.kdf,
        restrictions: null,
      });
      const code = { hash: b64u(sha256(new Uint8Array(8))), expiresAt: now + 10 * MINUTE, tries: 5 };
      expect(await store.issueCode(text.secret.id, code, now, 5, text.right)).toBe('not_found');
      expect(await store.claim(text.secret.id, text.wrongToken, now)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 4,
      });
      expect(await store.claim(text.secret.id, text.right, now + 1)).toMatchObject({
        status: 'ok',
        content: new Uint8Array(text.secret.content),
        viewsLeft: 1,
      });
      expect(await store.receipt(text.secret.receiptHash, now + 2)).toMatchObject({
        state: 'pending',
        viewedAt: [now + 1],
        failedAttempts: 1,
      });
      expect(await store.upload(files[0].id, now)).toMatchObject({ offset: 4, sealed: false });
      const writer = lease(now + MINUTE);
      expect(await store.startUpload(files[0].id, 4, writer, now)).toMatchObject({ status: 'ok' });
      expect(await store.finishUpload(files[0].id, writer.id, 10, now)).toMatchObject({ sealed: true });
      expect(await store.peek(staged.secret.id, now)).toMatchObject({ files, restrictions: null });

      const restrictions = JSON.stringify({ v: 1, networks: ['10.0.0.0/8'] });
      const fresh = makeFixture({ now, restrictions });
      await store.create(fresh.secret);
      expect(await store.peek(fresh.secret.id, now)).toMatchObject({ restrictions });
      expect(await store.issueCode(fresh.secret.id, code, now, 5, fresh.right)).toBe('ok');
      expect(await store.claim(fresh.secret.id, fresh.right, now)).toEqual({
        status: 'restricted',
        restrictions,
      });
      expect(
        await store.claim(fresh.secret.id, { ...fresh.right, gate: { codeHash: code.hash } }, now),
      ).toMatchObject({ status: 'ok' });
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
  });
});
