import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeStoreContract } from './contract-suite.js';
import { openRedisStore } from './redis-store.js';
import {
  deleteRedisKeys,
  type LocalRedisCluster,
  redisClusterAvailable,
  startRedisCluster,
} from './test-backends.js';

describe.runIf(await redisClusterAvailable())('Redis store (cluster of 3 masters + 3 replicas)', () => {
  let cluster: LocalRedisCluster | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  describeStoreContract('redis cluster', async () => {
    const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
    const url = `${cluster!.url}?prefix=${prefix}`;
    return { store: await openRedisStore(url), cleanup: () => deleteRedisKeys(url, prefix) };
  });
});
