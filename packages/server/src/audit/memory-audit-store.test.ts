import { MemoryAccountsStore } from '../accounts/memory-accounts-store.js';
import { describeAuditContract } from './contract-audit.js';

describeAuditContract('memory', async () => ({ store: new MemoryAccountsStore() }));
