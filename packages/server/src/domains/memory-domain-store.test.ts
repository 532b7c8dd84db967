import { MemoryAccountsStore } from '../accounts/memory-accounts-store.js';
import { describeDomainContract } from './contract-domains.js';

describeDomainContract('memory', async () => ({ store: new MemoryAccountsStore() }));
