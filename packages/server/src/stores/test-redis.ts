import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { NATIVE_EXPIRY_GRACE_MS } from './redis-link.js';
import { openRedisStore, type RedisStore } from './redis-store.js';
import { parseRedisUrl } from './redis-url.js';
import type { NewSecret } from './secret-store.js';
import { deleteRedisKeys } from './test-backends.js';

/**
 * Helpers of the Redis store's own tests (`redis-*.test.ts`), beside the contract suite: a store under a
 * prefix of its own with a plain client to look at what it wrote, and the previous key layout written by
 * hand. Not part of the build (`test-*.ts`).
 */

export const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface IsolatedRedisStore {
  store: RedisStore;
  /** A plain client (or cluster client) on the same Redis, for looking at keys. */
  redis: Redis | Cluster;
  prefix: string;
  url: string;
  /** Closes both and deletes every key under the prefix. */
  dispose(): Promise<void>;
}

/** A store under a key prefix of its own on the Redis (or Cluster) at `baseUrl`. */
export async function isolatedStore(baseUrl = REDIS_URL): Promise<IsolatedRedisStore> {
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const url = `${baseUrl}?prefix=${prefix}`;
  const target = parseRedisUrl(url);
  const redis =
    target.mode === 'cluster' ? new Cluster(target.nodes, target.options) : new Redis(target.options);
  await redis.connect();
  const store = await openRedisStore(url);
  return {
    store,
    redis,
    prefix,
    url,
    async dispose() {
      await store.close();
      redis.disconnect();
      await deleteRedisKeys(url, prefix);
    },
  };
}

/** Every key under `prefix`, sorted (from every master of a cluster). */
export async function keysUnder(redis: Redis | Cluster, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys.sort();
}

/** The part of a key Redis Cluster hashes to pick its slot (the cluster spec's hash tag rule). */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Writes a secret as the Redis store wrote it before file records (key layout 1). */
export async function writeLayoutOne(
  redis: Redis | Cluster,
  prefix: string,
  secret: NewSecret,
): Promise<void> {
  const life = secret.expiresAt - secret.createdAt + NATIVE_EXPIRY_GRACE_MS;
  const retention = secret.receiptRetentionMs;
  const [s, r] = [`${prefix}{${secret.id}}:s`, `${prefix}{${secret.id}}:r`];
  await redis.hset(s, {
    v: Buffer.from(secret.verifier),
    k: secret.kdf ? JSON.stringify(secret.kdf) : '',
    c: Buffer.from(secret.content),
    f: JSON.stringify(secret.files),
    sz: secret.content.byteLength,
    ea: secret.expiresAt,
    mv: secret.maxViews,
    vl: secret.maxViews,
    fa: 0,
    ma: secret.maxAttempts,
    ...(secret.linkVerifier ? { lv: Buffer.from(secret.linkVerifier) } : {}),
  });
  await redis.pexpire(s, life);
  await redis.hset(r, {
    st: 'pending',
    ca: secret.createdAt,
    ea: secret.expiresAt,
    mv: secret.maxViews,
    vl: secret.maxViews,
    va: '',
    fa: 0,
    ma: secret.maxAttempts,
    pp: secret.kdf ? 1 : 0,
    en: '',
    rt: retention,
  });
  await redis.pexpire(r, life + retention);
  await redis.set(`${prefix}rp:{${secret.receiptHash}}`, secret.id, 'PX', life + retention);
  await redis.zadd(`${prefix}index:expire`, secret.expiresAt, secret.id);
  await redis.zadd(`${prefix}index:forget`, secret.expiresAt + retention, secret.id);
}
