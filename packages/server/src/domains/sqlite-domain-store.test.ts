import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newOrg } from '../accounts/contract-fixtures.js';
import {
  ACCOUNTS_SCHEMA_VERSION,
  ACCOUNTS_STEPS,
  migrateAccounts,
} from '../accounts/sqlite-accounts-schema.js';
import { SqliteAccountsStore } from '../accounts/sqlite-accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { activeDomain, newDomain, orgId, T0 } from './contract-domain-fixtures.js';
import { describeDomainContract } from './contract-domains.js';

describeDomainContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-domains-'));
  return {
    store: new SqliteAccountsStore(join(dir, 'accounts.db')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-domains-'));
  dirs.push(dir);
  return join(dir, 'accounts.db');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('SqliteDomainStore specifics', () => {
  it('keeps domains, branding and logo across close and reopen; a closed store is unavailable', async () => {
    const path = await tempFile();
    const first = new SqliteAccountsStore(path);
    const org = await orgId(first);
    const active = await activeDomain(first.domains, org);
    const pending = newDomain(org);
    await first.domains.addDomain(pending);
    const branding = await first.domains.setBranding(
      org,
      { name: 'Acme', accent: '#ff0000', support: null, language: 'nl' },
      T0,
    );
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 13, 10]);
    await first.domains.setLogo(org, { type: 'image/png', bytes, updatedAt: T0 });
    await first.close();
    await expect(first.domains.getDomain(active.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first.domains.claimDue(T0, T0, 1)).rejects.toBeInstanceOf(StoreUnavailableError);

    const second = new SqliteAccountsStore(path);
    expect(await second.domains.listDomains(org)).toEqual([active, pending]);
    expect(await second.domains.findActiveDomain(active.name)).toEqual(active);
    expect(await second.domains.getBranding(org)).toEqual(branding);
    expect(await second.domains.getLogo(org)).toEqual({ type: 'image/png', bytes, updatedAt: T0 });
    await second.close();
  });

  it('upgrades a version 3 file in place to the current version, with empty domain tables', async () => {
    const path = await tempFile();
    const db = new Database(path);
    migrateAccounts(db, ACCOUNTS_STEPS.slice(0, 3));
    const org = newOrg();
    db.prepare(`INSERT INTO orgs (id, name, name_key, created_at) VALUES (?, ?, ?, ?)`).run(
      org.id,
      org.name,
      org.name.toLowerCase(),
      org.createdAt,
    );
    db.close();
    const store = new SqliteAccountsStore(path);
    expect(await store.getOrg(org.id)).toEqual(org);
    expect(await store.domains.listDomains(org.id)).toEqual([]);
    const domain = newDomain(org.id);
    await store.domains.addDomain(domain);
    expect(await store.domains.getDomain(domain.id)).toEqual(domain);
    await store.close();
    const reopened = new Database(path);
    expect(reopened.pragma('user_version', { simple: true })).toBe(ACCOUNTS_SCHEMA_VERSION);
    expect(ACCOUNTS_SCHEMA_VERSION).toBe(4);
    reopened.close();
  });

  it('refuses, as a plain error, a domain or branding of an unknown organisation', async () => {
    const store = new SqliteAccountsStore(await tempFile());
    const error = await store.domains.addDomain(newDomain('no-such-org')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.domains.setBranding(
        'no-such-org',
        { name: 'x', accent: null, support: null, language: null },
        T0,
      ),
    ).rejects.toThrow(/outside what the domain store accepts/);
    await store.close();
  });

  it('a second process on the file sees the claim: two stores never claim one domain', async () => {
    const path = await tempFile();
    const [a, b] = [new SqliteAccountsStore(path), new SqliteAccountsStore(path)];
    const org = await orgId(a);
    for (let i = 0; i < 6; i++) await a.domains.addDomain(newDomain(org));
    const claimed = [
      ...(await a.domains.claimDue(T0, T0, 4)),
      ...(await b.domains.claimDue(T0, T0, 4)),
      ...(await a.domains.claimDue(T0, T0, 4)),
    ];
    expect(new Set(claimed.map((d) => d.id)).size).toBe(6);
    expect(claimed).toHaveLength(6);
    await a.close();
    await b.close();
  });
});
