import { runBlobStoreContract } from './contract-suite.js';
import { MemoryBlobStore } from './memory-blob-store.js';

runBlobStoreContract('memory', async () => ({ store: new MemoryBlobStore() }));
