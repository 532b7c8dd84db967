import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import type { BlobStore } from './blob-store.js';
import { describeDownloads } from './contract-blob-download.js';
import { describeEndings } from './contract-blob-endings.js';
import { blobContext, type OpenBlobStore } from './contract-blob-fixtures.js';
import { describeUploads } from './contract-blob-upload.js';

export type { OpenBlobStore } from './contract-blob-fixtures.js';

/**
 * The blob contract (`blob-store.ts`) as tests. Every backend's test file calls this with a function that
 * opens a fresh store; the suite never looks inside a backend. Every test uses random ids, checks for orphans
 * by the ids it made, and the sweep tests use their own far-past clock, so a shared database is fine.
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

    const ctx = blobContext(() => {
      if (!store) throw new Error('the blob store under test is not open');
      return store;
    }, open);

    describeUploads(ctx);
    describeDownloads(ctx);
    describeEndings(ctx);

    describe('lifecycle', () => {
      it('ping resolves on an open store', async () => {
        await expect(ctx.store.ping()).resolves.toBeUndefined();
      });

      it('after close(), calls fail as unavailable', async () => {
        const opened = await open();
        try {
          await opened.store.close();
          await expect(opened.store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
          await expect(opened.store.uploadState('AAAAAAAAAAAAAAAAAAAAAA', Date.now())).rejects.toBeInstanceOf(
            StoreUnavailableError,
          );
        } finally {
          await opened.cleanup?.();
        }
      });
    });
  });
}
