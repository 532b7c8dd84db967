import { describeAccountsContract } from './contract-suite.js';
import { MemoryAccountsStore } from './memory-accounts-store.js';

describeAccountsContract('memory', async () => ({ store: new MemoryAccountsStore() }));
