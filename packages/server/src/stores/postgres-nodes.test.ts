import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countBy,
  DAY,
  type Fixture,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  makeFixture,
  newGrant,
  uploadAll,
} from './contract-fixtures.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import type { ClaimOutcome } from './secret-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Several nodes on one database: three stores, each with its own connection pool, on one schema. What the
 * contract suite checks within one store must hold across them, and no interleaving of their calls may
 * deadlock (PostgreSQL would abort one statement with "deadlock detected": a StoreUnavailableError here).
 */
describe.runIf(await postgresAvailable(POSTGRES_URL))(
  'PostgreSQL store: several nodes on one database',
  () => {
    const schema = `bltest_${randomBytes(6).toString('hex')}`;
    let nodes: PostgresStore[] = [];
    const node = (i: number) => nodes[i % nodes.length]!;

    beforeAll(async () => {
      const url = `${POSTGRES_URL}?schema=${schema}`;
      // The three start at once, as nodes of a deployment do: the migration runs once, under its lock.
      nodes = await Promise.all([0, 1, 2].map(() => openPostgresStore(url)));
    });
    afterAll(async () => {
      await Promise.all(nodes.map((store) => store.close()));
      await dropPostgresSchema(POSTGRES_URL, schema);
    });

    it('sweepers on three nodes split more than a batch of expired secrets and report each once', async () => {
      const t = Date.UTC(2002, 0, 1);
      const texts = Array.from({ length: 1100 }, (_, i) => makeFixture({ now: t, ttlMs: 1000 + (i % 7) }));
      const withFiles = Array.from({ length: 40 }, () =>
        makeFixture({ now: t, ttlMs: 1000, files: fileRefs(10, 0) }),
      );
      const all = [...texts, ...withFiles];
      for (let i = 0; i < all.length; i += 100) {
        await Promise.all(all.slice(i, i + 100).map((fixture, j) => node(j).create(fixture.secret)));
      }
      await Promise.all(withFiles.slice(0, 20).map((f, i) => uploadAll(node(i), f.secret.files, t)));

      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => node(i).sweep(t + 2000)));
      const expiredIds = results.flatMap((result) => result.expiredIds);
      const blobIds = results.flatMap((result) => result.blobIds);
      expect(expiredIds.sort()).toEqual(all.map((fixture) => fixture.secret.id).sort());
      expect(blobIds.sort()).toEqual(withFiles.flatMap((f) => f.secret.files.map((file) => file.id)).sort());
      expect(await node(0).receipt(all[0]!.secret.receiptHash, t + 2000)).toMatchObject({ state: 'expired' });

      const purges = await Promise.all(Array.from({ length: 6 }, (_, i) => node(i).sweep(t + 8 * DAY)));
      expect(purges.reduce((sum, result) => sum + result.purgedReceipts, 0)).toBe(all.length);
    });

    it('claims, downloads, wrong passphrases, burns and sweeps of the same secrets on three nodes never deadlock, and every file record is reported deleted exactly once', async () => {
      const now = Date.now();
      const fixtures: Fixture[] = [];
      for (let i = 0; i < 18; i++) {
        const fixture = makeFixture({
          now,
          files: fileRefs(10, 0),
          maxViews: 2,
          passphrase: i % 3 === 0,
          maxAttempts: 1,
          // Every other secret is past its expiry for the sweeps below, not for the claims (nodes' clocks differ).
          ttlMs: i % 2 ? HOUR : 500,
        });
        await node(i).create(fixture.secret);
        await uploadAll(node(i), fixture.secret.files, now);
        fixtures.push(fixture);
      }

      const reported: string[] = [];
      const claims: ClaimOutcome[][] = fixtures.map(() => []);
      const deliverAll = async (f: Fixture, grantHash: string, i: number) => {
        for (const file of f.secret.files) {
          const reader = lease(now + MINUTE);
          const started = await node(i + 1).startDownload(file.id, grantHash, reader, now);
          if (started.status !== 'ok') continue;
          const finished = await node(i + 2).finishDownload(file.id, grantHash, reader.id, true, now);
          if (finished.status === 'ok' && finished.deleteBlob) reported.push(file.id);
        }
      };
      // Wrong passphrases go first: on some secrets they lock before the views are taken, on others after.
      const work = fixtures.flatMap((f, i) => [
        ...(f.secret.kdf ? [0, 1] : []).map(async (k) => {
          const outcome = await node(i + k + 1).claim(f.secret.id, f.wrongToken, now);
          claims[i]!.push(outcome);
          if (outcome.status === 'locked') reported.push(...outcome.blobIds);
        }),
        ...[0, 1, 2].map(async (k) => {
          const grant = newGrant(now + HOUR);
          const outcome = await node(i + k).claim(f.secret.id, f.right, now, grant);
          claims[i]!.push(outcome);
          if (outcome.status === 'ok') await deliverAll(f, grant.hash, i + k);
        }),
        ...(i % 4 === 0
          ? [
              (async () =>
                reported.push(...(await node(i + 2).burn(f.secret.receiptHash, now + 1)).blobIds))(),
            ]
          : []),
        (async () => reported.push(...(await node(i).sweep(now + 1000)).blobIds))(),
      ]);
      const settled = await Promise.allSettled(work);
      expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);

      for (const [i, f] of fixtures.entries()) {
        expect(countBy(claims[i]!).ok ?? 0).toBeLessThanOrEqual(f.secret.maxViews);
      }
      // Far in the future every secret is expired and every grant too: what is left goes now.
      reported.push(...(await node(0).sweep(now + 400 * DAY)).blobIds);
      const allIds = fixtures.flatMap((f) => f.secret.files.map((file) => file.id));
      expect(reported.sort()).toEqual(allIds.sort());
      expect(await node(1).knownBlobs(allIds)).toEqual(new Set());
    });
  },
);
