import type { AccountsStore } from './accounts-store.js';
import { MemoryAccountsStore } from './memory-accounts-store.js';

export interface OpenAccountsOptions {
  /** The server's data directory (`BURNLINK_DATA_DIR`): home of relative SQLite paths. */
  dataDir: string;
}

/**
 * Opens the accounts store named by `BURNLINK_ACCOUNTS_STORE` (already validated by the config):
 * `memory:`, `sqlite:PATH` (relative to `dataDir`), `postgres://…`. Drivers load only when used.
 *
 * @example const accounts = await openAccounts('sqlite:accounts.db', { dataDir: '/var/lib/burnlink' });
 */
export async function openAccounts(url: string, _options: OpenAccountsOptions): Promise<AccountsStore> {
  // Until the SQLite and PostgreSQL backends land, every URL opens the memory backend.
  void url;
  return new MemoryAccountsStore();
}
