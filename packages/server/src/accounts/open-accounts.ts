import { isAbsolute, join, resolve } from 'node:path';
import type { AccountsStore } from './accounts-store.js';
import { MemoryAccountsStore } from './memory-accounts-store.js';

export interface OpenAccountsOptions {
  /** The server's data directory (`BURNLINK_DATA_DIR`): home of relative SQLite paths. */
  dataDir: string;
}

type AccountsOpener = (url: string, options: OpenAccountsOptions) => Promise<AccountsStore>;

/** One opener per scheme; the SQLite and PostgreSQL drivers load only when their scheme is used. */
const OPENERS: Record<string, AccountsOpener> = {
  memory: async () => new MemoryAccountsStore(),
  sqlite: async (url, { dataDir }) =>
    new (await import('./sqlite-accounts-store.js')).SqliteAccountsStore(accountsSqlitePath(url, dataDir)),
  postgres: async (url) => (await import('./postgres-accounts-store.js')).openPostgresAccounts(url),
  postgresql: async (url) => (await import('./postgres-accounts-store.js')).openPostgresAccounts(url),
};

/**
 * Opens the accounts store named by `BURNLINK_ACCOUNTS_STORE` (already validated by the config):
 * `memory:`, `sqlite:` (→ `${dataDir}/accounts.db`), `sqlite:PATH` (absolute, or relative to `dataDir`),
 * `postgres://…` / `postgresql://…`. Throws an `Error` naming only the scheme for another (URLs may hold
 * passwords), and `StoreUnavailableError` when the backend cannot be opened.
 *
 * @example const accounts = await openAccounts('sqlite:accounts.db', { dataDir: '/var/lib/burnlink' });
 */
export async function openAccounts(url: string, options: OpenAccountsOptions): Promise<AccountsStore> {
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon).toLowerCase() : '';
  const opener = Object.hasOwn(OPENERS, scheme) ? OPENERS[scheme] : undefined;
  if (!opener) {
    const named = /^[a-z][a-z0-9+.-]*$/.test(scheme) ? `"${scheme}:"` : 'of this URL';
    throw new Error(
      `accounts store scheme ${named} is not supported; use memory:, sqlite:PATH or postgres://…`,
    );
  }
  return opener(url, options);
}

/** `sqlite:` → `accounts.db` in `dataDir`; `sqlite:PATH` or `sqlite://PATH` → PATH, relative to `dataDir`. */
export function accountsSqlitePath(url: string, dataDir: string): string {
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') return join(resolve(dataDir), 'accounts.db');
  return isAbsolute(path) ? path : resolve(dataDir, path);
}
