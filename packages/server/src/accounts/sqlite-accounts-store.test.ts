import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { newOwnedSecret, newPasskey, newSession, orgWithOwner } from './contract-fixtures.js';
import { describeAccountsContract } from './contract-suite.js';
import { ACCOUNTS_SCHEMA_VERSION, ACCOUNTS_STEPS, migrateAccounts } from './sqlite-accounts-schema.js';
import { SqliteAccountsStore } from './sqlite-accounts-store.js';

describeAccountsContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-accounts-'));
  return {
    store: new SqliteAccountsStore(join(dir, 'nested', 'accounts.db')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-accounts-'));
  dirs.push(dir);
  return join(dir, 'accounts.db');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('SqliteAccountsStore specifics', () => {
  it('keeps everything across close and reopen, and close() commits what was still queued', async () => {
    const path = await tempFile();
    const first = new SqliteAccountsStore(path);
    const { org, owner } = await orgWithOwner(first);
    const session = newSession(owner.id, org.id);
    await first.createSession(session);
    const passkey = newPasskey(owner.id);
    await first.addPasskey(passkey);
    const secret = newOwnedSecret(org.id, { creatorId: owner.id });
    const recorded = first.recordSecret(secret);
    const touched = first.touchSession(session.idHash, session.lastSeenAt + 5);
    await first.close();
    await expect(recorded).resolves.toBeUndefined();
    await expect(touched).resolves.toBeUndefined();
    await expect(first.getOrg(org.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first.recordSecret(newOwnedSecret(org.id))).rejects.toBeInstanceOf(StoreUnavailableError);

    const second = new SqliteAccountsStore(path);
    expect(await second.getOrg(org.id)).toEqual(org);
    expect(await second.listMembers(org.id)).toMatchObject([{ userId: owner.id, role: 'owner' }]);
    expect(await second.getSession(session.idHash)).toEqual({
      ...session,
      lastSeenAt: session.lastSeenAt + 5,
    });
    expect(Array.from((await second.getPasskey(passkey.id))!.publicKey)).toEqual(
      Array.from(passkey.publicKey),
    );
    expect(await second.getOwnedSecret(secret.secretId)).toEqual(secret);
    await second.close();
  });

  it('commits the recordSecret calls and touches of one event-loop turn in one transaction', async () => {
    const batches: number[] = [];
    const store = new SqliteAccountsStore(await tempFile(), { onBatch: (n) => batches.push(n) });
    const { org, owner } = await orgWithOwner(store);
    const session = newSession(owner.id, org.id);
    await store.createSession(session);
    const secrets = Array.from({ length: 30 }, () => newOwnedSecret(org.id, { creatorId: owner.id }));
    await Promise.all([
      ...secrets.map((secret) => store.recordSecret(secret)),
      store.touchSession(session.idHash, session.lastSeenAt + 1),
      store.touchSession(session.idHash, session.lastSeenAt + 3),
      store.touchSession(session.idHash, session.lastSeenAt + 2),
    ]);
    expect(batches).toEqual([31]);
    expect(await store.listOwnedSecrets({ orgId: org.id, limit: 100 })).toHaveLength(30);
    expect(await store.getSession(session.idHash)).toMatchObject({ lastSeenAt: session.lastSeenAt + 3 });
    await store.close();
  });

  it('keeps its schema version in user_version, migrates step by step, refuses a newer file', async () => {
    const path = await tempFile();
    await new SqliteAccountsStore(path).close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(ACCOUNTS_SCHEMA_VERSION);
    expect(ACCOUNTS_STEPS).toHaveLength(ACCOUNTS_SCHEMA_VERSION);
    // A later release appends a step: only that step runs on an existing file.
    const next = [...ACCOUNTS_STEPS, 'CREATE TABLE policies (id TEXT PRIMARY KEY) STRICT;'];
    expect(migrateAccounts(db, next)).toBe(ACCOUNTS_SCHEMA_VERSION + 1);
    expect(db.pragma('user_version', { simple: true })).toBe(ACCOUNTS_SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT count(*) AS n FROM policies').get()).toEqual({ n: 0 });
    expect(migrateAccounts(db, next)).toBe(ACCOUNTS_SCHEMA_VERSION + 1);
    db.close();
    expect(() => new SqliteAccountsStore(path)).toThrow(StoreUnavailableError);
    try {
      new SqliteAccountsStore(path);
    } catch (error) {
      expect(String((error as Error).cause)).toMatch(/newer than this server's/);
    }
  });

  it('upgrades a version 1 file in place: its owned secrets read as not notified', async () => {
    const path = await tempFile();
    const db = new Database(path);
    migrateAccounts(db, ACCOUNTS_STEPS.slice(0, 1));
    db.prepare(
      `INSERT INTO owned_secrets (secret_id, org_id, creator_id, key_id, team_id, receipt_hash, created_at,
       expires_at) VALUES ('s1', 'o1', NULL, NULL, NULL, 'h', 1, 2)`,
    ).run();
    db.close();
    const store = new SqliteAccountsStore(path);
    expect(await store.getOwnedSecret('s1')).toMatchObject({ secretId: 's1', notify: false });
    expect(await store.audit.auditOrgs()).toEqual([]);
    await store.close();
  });

  it('keeps its own file: the secrets database is never touched', async () => {
    const path = await tempFile();
    const store = new SqliteAccountsStore(path);
    await store.close();
    const db = new Database(path);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'api_keys',
      'audit_checkpoints',
      'audit_cursors',
      'audit_heads',
      'audit_leases',
      'audit_records',
      'audit_sequence',
      'challenges',
      'domains',
      'identities',
      'invites',
      'members',
      'org_branding',
      'org_policies',
      'orgs',
      'owned_secrets',
      'passkeys',
      'sessions',
      'sqlite_sequence',
      'team_members',
      'teams',
      'users',
      'webhook_deliveries',
      'webhooks',
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
