import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { newOrg } from './contract-fixtures.js';
import { MemoryAccountsStore } from './memory-accounts-store.js';
import { accountsSqlitePath, openAccounts } from './open-accounts.js';
import { SqliteAccountsStore } from './sqlite-accounts-store.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('openAccounts', () => {
  it('opens a memory store', async () => {
    const store = await openAccounts('memory:', { dataDir: '/nonexistent' });
    expect(store).toBeInstanceOf(MemoryAccountsStore);
    await store.close();
  });

  it('opens accounts.db in the data directory for sqlite:, and a relative path against it, durably', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-open-accounts-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const store = await openAccounts('sqlite:', { dataDir });
    expect(store).toBeInstanceOf(SqliteAccountsStore);
    const org = newOrg();
    await store.createOrg(org);
    await store.close();
    expect((await stat(join(dataDir, 'accounts.db'))).isFile()).toBe(true);
    const reopened = await openAccounts(`sqlite:${join(dataDir, 'accounts.db')}`, { dataDir: '/elsewhere' });
    expect(await reopened.getOrg(org.id)).toEqual(org);
    await reopened.close();

    const relative = await openAccounts('sqlite:sub/acc.db', { dataDir });
    await relative.ping();
    await relative.close();
    expect((await stat(join(dataDir, 'sub', 'acc.db'))).isFile()).toBe(true);
  });

  it('resolves SQLite paths: absolute as is, relative against the data directory', () => {
    expect(accountsSqlitePath('sqlite:', '/srv/data')).toBe('/srv/data/accounts.db');
    expect(accountsSqlitePath('sqlite:/var/lib/a.db', '/srv/data')).toBe('/var/lib/a.db');
    expect(accountsSqlitePath('sqlite:///var/lib/a.db', '/srv/data')).toBe('/var/lib/a.db');
    expect(accountsSqlitePath('sqlite:./a.db', '/srv/data')).toBe('/srv/data/a.db');
  });

  it('opens PostgreSQL for postgres:// and postgresql:// (unreachable here: unavailable, no password echoed)', async () => {
    const password = randomBytes(8).toString('hex');
    for (const scheme of ['postgres', 'postgresql']) {
      const attempt = openAccounts(`${scheme}://u:${password}@127.0.0.1:1/db?timeout=300`, {
        dataDir: '/tmp',
      });
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).not.toContain(password);
    }
  });

  it('rejects an unknown scheme without echoing the URL', async () => {
    const password = randomBytes(8).toString('hex');
    const attempt = openAccounts(`redis://:${password}@cache`, { dataDir: '/tmp' });
    await expect(attempt).rejects.toThrow(/accounts store scheme "redis:" is not supported/);
    await expect(attempt).rejects.not.toThrow(password);
    await expect(openAccounts('accounts.db', { dataDir: '/tmp' })).rejects.toThrow(/not supported/);
    await expect(openAccounts('toString:', { dataDir: '/tmp' })).rejects.toThrow(/not supported/);
  });
});
