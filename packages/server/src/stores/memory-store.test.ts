import { describeStoreContract } from './contract-suite.js';
import { MemoryStore } from './memory-store.js';

describeStoreContract('memory', async () => ({ store: new MemoryStore() }));
