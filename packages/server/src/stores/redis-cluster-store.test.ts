import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, fileRefs, HOUR, lease, MINUTE, makeFixture, newGrant, uploadAll } from './contract-fixtures.js';
import { describeStoreContract } from './contract-suite.js';
import { openRedisStore } from './redis-store.js';
import {
  deleteRedisKeys,
  type LocalRedisCluster,
  redisClusterAvailable,
  startRedisCluster,
} from './test-backends.js';
import { isolatedStore, keysUnder } from './test-redis.js';

describe.runIf(await redisClusterAvailable())('Redis store (cluster of 3 masters + 3 replicas)', () => {
  let cluster: LocalRedisCluster | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  describeStoreContract(
    'redis cluster',
    async () => {
      const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
      const url = `${cluster!.url}?prefix=${prefix}`;
      return {
        store: await openRedisStore(url),
        cleanup: () => deleteRedisKeys(url, prefix),
        peer: () => openRedisStore(url),
      };
    },
    { peers: true },
  );

  it('every key of a secret with files is in one slot, and nothing is left after the sweep', async () => {
    const { store, redis: inspect, prefix, dispose } = await isolatedStore(cluster!.url);
    try {
      const t = Date.now();
      const files = fileRefs(10, 20, 0);
      const { secret, right } = makeFixture({ now: t, files, maxViews: 2, retentionMs: 1000 });
      await store.create(secret);
      await uploadAll(store, files, t);
      const grant = newGrant(t + HOUR);
      expect(await store.claim(secret.id, right, t, grant)).toMatchObject({ status: 'ok' });
      const reader = lease(t + MINUTE);
      await store.startDownload(files[0].id, grant.hash, reader, t);
      await store.finishDownload(files[0].id, grant.hash, reader.id, true, t);

      const own = (await keysUnder(inspect, prefix)).filter((key) => key.includes(secret.id));
      expect(own).toHaveLength(2 + files.length);
      const slots = await Promise.all(own.map((key) => inspect.cluster('KEYSLOT', key)));
      expect(new Set(slots)).toEqual(new Set([await inspect.cluster('KEYSLOT', `{${secret.id}}`)]));

      // A second view ends it; past the secret's expiry, the grants and the retention nothing is left.
      await store.claim(secret.id, right, t, newGrant(t + HOUR));
      const swept = await store.sweep(t + 2 * DAY);
      expect({ ...swept, blobIds: swept.blobIds.sort() }).toEqual({
        expiredIds: [],
        purgedReceipts: 1,
        blobIds: files.map((file) => file.id).sort(),
        expiredRequestIds: [],
        purgedRequests: 0,
      });
      await store.ping();
      expect(await keysUnder(inspect, prefix)).toEqual([`${prefix}layout`]);
    } finally {
      await dispose();
    }
  });
});
