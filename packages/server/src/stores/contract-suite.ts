import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeClaims } from './contract-claim.js';
import { describeConcurrency } from './contract-concurrency.js';
import { describeCreateAndPeek } from './contract-create.js';
import { describeDownloads } from './contract-downloads.js';
import { describeEndings } from './contract-endings.js';
import { describeFileEndings } from './contract-file-endings.js';
import { describeFileKeeping } from './contract-file-keeping.js';
import { describeFileSweep } from './contract-file-sweep.js';
import {
  type ContractContext,
  type FixtureOptions,
  HOUR,
  lease,
  MINUTE,
  makeFixture,
  newGrant,
  type OpenStore,
  randomId,
  uploadAll,
} from './contract-fixtures.js';
import { describeRaces } from './contract-races.js';
import { describeRequests } from './contract-requests.js';
import { describeRestrictions } from './contract-restrictions.js';
import { describeUploadDeadline } from './contract-upload-deadline.js';
import { describeUploads } from './contract-uploads.js';
import type { SecretAndRequestStore } from './request-store.js';
import { StoreUnavailableError } from './secret-store.js';

export type { OpenStore } from './contract-fixtures.js';

/**
 * The store contract (`secret-store.ts`) as tests. Every backend's test file calls this with a function that
 * opens a fresh store; the suite never looks inside a backend. Every test uses random ids and receipts, and
 * the sweep tests use their own far-past clock, so the suite can run against a shared database or Redis.
 *
 * With `{ peers: true }`, `open` also returns `peer`: another store on the same data (a second node, or a
 * second SQLite connection), and the suite runs its cross-node tests too.
 *
 * @example
 * describeStoreContract('memory', async () => ({ store: new MemoryStore() }));
 */
export function describeStoreContract(
  name: string,
  open: OpenStore,
  options: { peers?: boolean } = {},
): void {
  describe(`SecretStore contract: ${name}`, () => {
    let store: SecretAndRequestStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    let peer: (() => Promise<SecretAndRequestStore>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup, peer } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ctx: ContractContext = {
      get store() {
        if (!store) throw new Error('the store under test is not open');
        return store;
      },
      open,
      peers: options.peers === true,
      async peer() {
        if (!peer) throw new Error('this backend opened no peer store');
        return peer();
      },
      async created(options: FixtureOptions = {}) {
        const fixture = makeFixture(options);
        await ctx.store.create(fixture.secret);
        return fixture;
      },
      async sealed(options) {
        const fixture = await ctx.created(options);
        const outcomes = await uploadAll(ctx.store, options.files, options.now ?? Date.now());
        expect(outcomes.at(-1)).toMatchObject({ status: 'ok', sealed: true });
        return fixture;
      },
    };

    describeCreateAndPeek(ctx);
    describeClaims(ctx);
    describeEndings(ctx);
    describeUploads(ctx);
    describeDownloads(ctx);
    describeFileKeeping(ctx);
    describeFileEndings(ctx);
    describeFileSweep(ctx);
    describeUploadDeadline(ctx);
    describeConcurrency(ctx);
    describeRaces(ctx);
    describeRestrictions(ctx);
    describeRequests(ctx);

    describe('lifecycle', () => {
      it('ping resolves on an open store', async () => {
        await expect(ctx.store.ping()).resolves.toBeUndefined();
      });

      it('close() flushes what was written; afterwards every method fails as unavailable, never as gone', async () => {
        const opened = await open();
        try {
          const now = Date.now();
          const { secret } = makeFixture({ now });
          const pending = opened.store.create(secret);
          await opened.store.close();
          await expect(pending).resolves.toBeUndefined();
          const { store } = opened;
          const [blobId, grant, reader] = [randomId(), newGrant(now + HOUR), lease(now + MINUTE)];
          const calls: (() => Promise<unknown>)[] = [
            () => store.create(makeFixture({ now }).secret),
            () => store.peek(secret.id, now),
            () => store.claim(secret.id, { verifier: secret.verifier, linkVerifier: null }, now, grant),
            () =>
              store.issueCode(secret.id, { hash: 'h', expiresAt: now + MINUTE, tries: 5 }, now, 5, {
                verifier: secret.verifier,
                linkVerifier: null,
              }),
            () => store.receipt(secret.receiptHash, now),
            () => store.burn(secret.receiptHash, now),
            () => store.upload(blobId, now),
            () => store.startUpload(blobId, 0, reader, now),
            () => store.finishUpload(blobId, reader.id, 0, now),
            () => store.cancelUpload(blobId, now),
            () => store.startDownload(blobId, grant.hash, reader, now),
            () => store.finishDownload(blobId, grant.hash, reader.id, true, now),
            () => store.extendLease(blobId, null, reader.id, now + HOUR),
            () => store.sweep(now),
            () => store.knownBlobs([blobId]),
            () => store.ping(),
          ];
          for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
        } finally {
          await opened.cleanup?.();
        }
      });
    });
  });
}
