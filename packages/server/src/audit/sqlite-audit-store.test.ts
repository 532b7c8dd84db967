import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAccountsStore } from '../accounts/sqlite-accounts-store.js';
import { describeAuditContract } from './contract-audit.js';

describeAuditContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-audit-'));
  return {
    store: new SqliteAccountsStore(join(dir, 'accounts.db')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
