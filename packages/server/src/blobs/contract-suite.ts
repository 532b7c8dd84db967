import { afterAll, beforeAll, describe } from 'vitest';
import type { BlobStore } from './blob-store.js';
import type { BlobContext, OpenBlobStore } from './contract-blob-fixtures.js';
import { describeReadsAndDeletes } from './contract-blob-read.js';
import { describeWrites } from './contract-blob-write.js';

export type { OpenBlobStore } from './contract-blob-fixtures.js';

/**
 * The blob contract (`blob-store.ts`) as tests. Every backend's test file calls this with a function that
 * opens a fresh store; the suite never looks inside a backend. Tests use random blob ids and never assume
 * that `list()` shows only their own blobs, so a shared directory or database is fine.
 *
 * Decisions the contract leaves open, fixed here (see README.md):
 * - a write at offset 0 creates the blob whatever its outcome — an empty blob is readable as no bytes;
 * - a write at an offset past the stored bytes, and a read reaching past them, reject `BlobNotFoundError`
 *   (the bytes the caller counts on are not there) before touching the source or yielding a byte;
 * - arguments the contract rules out (ids that are not 22-character b64u, negative or fractional numbers,
 *   `start > end`) reject with `RangeError`; `delete` ignores ids that cannot name a blob;
 * - a write never closes its source: it stops pulling (the caller owns the request body);
 * - `close()` also ends read streams still open: their next chunk rejects `StoreUnavailableError`.
 *
 * @example
 * runBlobStoreContract('memory', async () => ({ store: new MemoryBlobStore() }));
 */
export function runBlobStoreContract(name: string, open: OpenBlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ctx: BlobContext = {
      get store() {
        if (!store) throw new Error('the blob store under test is not open');
        return store;
      },
      open,
    };

    describeWrites(ctx);
    describeReadsAndDeletes(ctx);
  });
}
