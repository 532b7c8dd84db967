import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { describeStoreContract } from './contract-suite.js';
import { openRedisStore } from './redis-store.js';
import { deleteRedisKeys, redisAvailable } from './test-backends.js';

const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.runIf(await redisAvailable(REDIS_URL))('Redis store (standalone)', () => {
  describeStoreContract('redis', async () => {
    // A key prefix of its own per opened store, so runs never see each other's keys.
    const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
    const url = `${REDIS_URL}?prefix=${prefix}`;
    return { store: await openRedisStore(url), cleanup: () => deleteRedisKeys(url, prefix) };
  });
});
