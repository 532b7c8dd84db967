import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  b64u,
  DAY,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  makeFixture,
  newGrant,
  uploadAll,
} from './contract-fixtures.js';
import { describeStoreContract } from './contract-suite.js';
import { NATIVE_EXPIRY_GRACE_MS } from './redis-link.js';
import { openRedisStore, type RedisStore } from './redis-store.js';
import { parseRedisUrl } from './redis-url.js';
import { type NewSecret, StoreUnavailableError } from './secret-store.js';
import { deleteRedisKeys, redisAvailable } from './test-backends.js';

const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A store under a key prefix of its own, and a plain client to look at what it wrote. */
async function isolated(): Promise<{ store: RedisStore; redis: Redis; prefix: string; url: string }> {
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const url = `${REDIS_URL}?prefix=${prefix}`;
  const target = parseRedisUrl(url);
  if (target.mode !== 'standalone') throw new Error('BURNLINK_TEST_REDIS_URL names one server');
  const redis = new Redis(target.options);
  await redis.connect();
  return { store: await openRedisStore(url), redis, prefix, url };
}

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

/** The part of a key Redis Cluster hashes to pick its slot (the cluster spec's hash tag rule). */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Writes a secret as the Redis store wrote it before file records (key layout 1). */
async function writeLayoutOne(redis: Redis, prefix: string, secret: NewSecret): Promise<void> {
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

describe.runIf(await redisAvailable(REDIS_URL))('Redis store (standalone)', () => {
  describeStoreContract('redis', async () => {
    // A key prefix of its own per opened store, so runs never see each other's keys.
    const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
    const url = `${REDIS_URL}?prefix=${prefix}`;
    return { store: await openRedisStore(url), cleanup: () => deleteRedisKeys(url, prefix) };
  });

  describe('Redis key layout', () => {
    let opened: Awaited<ReturnType<typeof isolated>>;
    beforeAll(async () => {
      opened = await isolated();
    });
    afterAll(async () => {
      await opened.store.close();
      opened.redis.disconnect();
      await deleteRedisKeys(opened.url, opened.prefix);
    });

    it('every key of a secret carries its id as hash tag (one slot); its pointers lead to it', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const files = fileRefs(10, 20);
      const { secret, right } = makeFixture({ now, files, maxViews: 2 });
      await store.create(secret);
      await uploadAll(store, files, now);
      const grant = newGrant(now + HOUR);
      expect(await store.claim(secret.id, right, now, grant)).toMatchObject({ status: 'ok' });
      const reader = lease(now + MINUTE);
      await store.startDownload(files[0].id, grant.hash, reader, now);
      await store.finishDownload(files[0].id, grant.hash, reader.id, true, now);

      const own = (await keysUnder(redis, prefix)).filter((key) => key.includes(secret.id));
      expect(own).toEqual(
        [`{${secret.id}}:s`, `{${secret.id}}:r`, ...files.map((f) => `{${secret.id}}:b:${f.id}`)]
          .map((key) => prefix + key)
          .sort(),
      );
      for (const key of own) expect(hashTag(key)).toBe(secret.id);
      expect(await redis.get(`${prefix}rp:{${secret.receiptHash}}`)).toBe(secret.id);
      for (const file of files) expect(await redis.get(`${prefix}bp:{${file.id}}`)).toBe(secret.id);
    });

    it('every key expires natively, never before its logical end: pointers follow their records', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const files = fileRefs(10);
      const { secret, right } = makeFixture({ now, files, ttlMs: HOUR, retentionMs: DAY });
      await store.create(secret);
      const ttl = async (key: string) => redis.pttl(prefix + key);
      const near = (expected: number) => ({ min: expected - 5000, max: expected });
      const life = HOUR + NATIVE_EXPIRY_GRACE_MS;
      for (const [key, expected] of [
        [`{${secret.id}}:s`, life],
        [`{${secret.id}}:r`, life + DAY],
        [`{${secret.id}}:b:${files[0].id}`, life],
        [`rp:{${secret.receiptHash}}`, life + DAY],
        [`bp:{${files[0].id}}`, life],
      ] as const) {
        const { min, max } = near(expected);
        expect(await ttl(key)).toBeGreaterThan(min);
        expect(await ttl(key)).toBeLessThanOrEqual(max);
      }

      // A grant that outlives the secret keeps the file record and its pointer at least as long.
      await uploadAll(store, files, now);
      await store.claim(secret.id, right, now, newGrant(now + 3 * HOUR));
      // The pointer's expiry follows the claim; a later call on the same connection comes after it.
      await store.ping();
      const grantLife = 3 * HOUR + NATIVE_EXPIRY_GRACE_MS - 5000;
      expect(await ttl(`{${secret.id}}:b:${files[0].id}`)).toBeGreaterThan(grantLife);
      expect(await ttl(`bp:{${files[0].id}}`)).toBeGreaterThan(grantLife);
      expect(await ttl(`{${secret.id}}:s`)).toBe(-2);
      expect(await ttl(`{${secret.id}}:r`)).toBeLessThanOrEqual(DAY + NATIVE_EXPIRY_GRACE_MS);
    });

    it('a pointer leading to another secret reaches nothing of it', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const files = fileRefs(10);
      const { secret } = makeFixture({ now, files });
      await store.create(secret);
      const [strayHash, strayBlob] = [b64u(randomBytes(32)), b64u(randomBytes(16))];
      await redis.set(`${prefix}rp:{${strayHash}}`, secret.id, 'PX', MINUTE);
      await redis.set(`${prefix}bp:{${strayBlob}}`, secret.id, 'PX', MINUTE);

      expect(await store.receipt(strayHash, now)).toBeNull();
      expect(await store.burn(strayHash, now)).toMatchObject({ known: false, blobIds: [] });
      expect(await store.upload(strayBlob, now)).toBeNull();
      expect(await store.startUpload(strayBlob, 0, lease(now + MINUTE), now)).toEqual({
        status: 'not_found',
      });
      expect(await store.cancelUpload(strayBlob, now)).toEqual({ status: 'not_found' });
      expect(await store.knownBlobs([strayBlob])).toEqual(new Set());
      expect(await store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'pending' });
      expect(await store.upload(files[0].id, now)).toMatchObject({ secretId: secret.id, offset: 0 });
    });

    it('a create refused for a taken receipt hash leaves no key of its own behind', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const first = makeFixture({ now });
      await store.create(first.secret);
      const files = fileRefs(10);
      const refused = makeFixture({ now, files });
      refused.secret.receiptHash = first.secret.receiptHash;
      const error = await store.create(refused.secret).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      await store.ping();
      const left = await keysUnder(redis, prefix);
      expect(left.filter((key) => key.includes(refused.secret.id) || key.includes(files[0].id))).toEqual([]);
      expect(await redis.zscore(`${prefix}index:expire`, first.secret.id)).toBe(
        String(first.secret.expiresAt),
      );
      expect(await store.receipt(first.secret.receiptHash, now)).toMatchObject({ state: 'pending' });
      expect(await store.claim(first.secret.id, first.right, now)).toMatchObject({ status: 'ok' });
    });

    it('knownBlobs answers for any number of blob ids', async () => {
      const { store } = opened;
      const now = Date.now();
      const files = fileRefs(1, 2, 3);
      await store.create(makeFixture({ now, files }).secret);
      const asked = Array.from({ length: 2500 }, () => b64u(randomBytes(16)));
      files.forEach((file, i) => {
        asked[i * 1200] = file.id;
      });
      expect(await store.knownBlobs([...asked, 'not{a}blob id'])).toEqual(new Set(files.map((f) => f.id)));
    });

    it('a failing script is unavailable, and its error carries none of the bytes it was sent', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const { secret, right } = makeFixture({ now });
      await store.create(secret);
      await redis.set(`${prefix}{${secret.id}}:s`, 'not a hash');
      const error = await store.claim(secret.id, right, now).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      const shown = inspect(error, { depth: 10, showHidden: true });
      const verifier = Buffer.from(right.verifier);
      for (const form of [
        verifier.toString('hex'),
        verifier.toString('base64'),
        inspect(verifier).slice(8, 40),
      ]) {
        expect(shown).not.toContain(form);
      }
      expect(shown).not.toMatch(/blClaim|args/);
    });
  });

  describe('Redis sweep', () => {
    let opened: Awaited<ReturnType<typeof isolated>> | undefined;
    afterEach(async () => {
      await opened?.store.close();
      opened?.redis.disconnect();
      if (opened) await deleteRedisKeys(opened.url, opened.prefix);
    });

    it('leaves no key at all once every secret ended and its retention and grants passed', async () => {
      opened = await isolated();
      const { store, redis, prefix } = opened;
      const t = Date.now();
      const options = { now: t, ttlMs: 10 * MINUTE, retentionMs: 1000 };
      const viewed = makeFixture(options);
      const burned = makeFixture(options);
      const locked = makeFixture({ ...options, passphrase: true, maxAttempts: 1 });
      const [delivered, unused] = fileRefs(10, 20);
      const served = makeFixture({ ...options, files: [delivered, unused] });
      const staged = makeFixture({ ...options, files: fileRefs(30) });
      const cancelled = makeFixture({ ...options, files: fileRefs(40) });
      for (const { secret } of [viewed, burned, locked, served, staged, cancelled])
        await store.create(secret);
      await store.claim(viewed.secret.id, viewed.right, t);
      await store.burn(burned.secret.receiptHash, t);
      await store.claim(locked.secret.id, locked.wrongToken, t);
      await store.cancelUpload(cancelled.secret.files[0]!.id, t);
      await uploadAll(store, served.secret.files, t);
      const grant = newGrant(t + 20 * MINUTE);
      await store.claim(served.secret.id, served.right, t, grant);
      const reader = lease(t + MINUTE);
      await store.startDownload(delivered.id, grant.hash, reader, t);
      expect(await store.finishDownload(delivered.id, grant.hash, reader.id, true, t)).toMatchObject({
        deleteBlob: true,
      });

      const result = await store.sweep(t + DAY);
      expect(result.expiredIds).toEqual([staged.secret.id]);
      expect(result.purgedReceipts).toBe(6);
      expect(result.blobIds.sort()).toEqual([staged.secret.files[0]!.id, unused.id].sort());
      await store.ping();
      // Only the layout mark of the prefix (`redis-upgrade.ts`) stays.
      expect(await keysUnder(redis, prefix)).toEqual([`${prefix}layout`]);
    });

    it('an index entry that is too early is looked at again at the real time', async () => {
      opened = await isolated();
      const { store, redis, prefix } = opened;
      const t = Date.UTC(2001, 0, 1);
      const files = fileRefs(10);
      const { secret, right } = makeFixture({ now: t, ttlMs: HOUR, files });
      await store.create(secret);
      await uploadAll(store, files, t);
      // The grant outlives the secret: the file's entry (at the expiry) is early, by design.
      await store.claim(secret.id, right, t, newGrant(t + 2 * HOUR));
      // As if the claim's follow-up had been lost: the pointer still has only its create-time expiry.
      await store.ping();
      const pointer = `${prefix}bp:{${files[0].id}}`;
      await redis.pexpire(pointer, MINUTE);
      expect(await store.sweep(t + HOUR)).toEqual({ expiredIds: [], purgedReceipts: 0, blobIds: [] });
      expect(await redis.zscore(`${prefix}index:files`, `${secret.id}:${files[0].id}`)).toBe(
        String(t + 2 * HOUR),
      );
      expect(await redis.pttl(pointer)).toBeGreaterThan(HOUR + NATIVE_EXPIRY_GRACE_MS - 5000);
      expect(await store.sweep(t + 2 * HOUR)).toEqual({
        expiredIds: [],
        purgedReceipts: 0,
        blobIds: [files[0].id],
      });
    });
  });
  describe('Redis key layout upgrade', () => {
    let opened: Awaited<ReturnType<typeof isolated>> | undefined;
    afterEach(async () => {
      await opened?.store.close();
      opened?.redis.disconnect();
      if (opened) await deleteRedisKeys(opened.url, opened.prefix);
    });

    it('secrets stored before file records stay claimable; their files are known and download', async () => {
      const now = Date.now();
      const files = fileRefs(70_000, 5);
      const withFiles = makeFixture({ now, files });
      const text = makeFixture({ now, passphrase: true });
      // A store opened before the old secrets exist, as a node of the previous version would have had.
      opened = await isolated();
      const { redis, prefix, url } = opened;
      await redis.del(`${prefix}layout`);
      for (const { secret } of [withFiles, text]) await writeLayoutOne(redis, prefix, secret);

      const store = await openRedisStore(url);
      try {
        expect(await redis.get(`${prefix}layout`)).toBe('2');
        expect(await store.knownBlobs(files.map((file) => file.id))).toEqual(new Set(files.map((f) => f.id)));
        expect(await store.upload(files[1].id, now)).toEqual({
          blobId: files[1].id,
          secretId: withFiles.secret.id,
          index: 1,
          length: 5,
          offset: 5,
          sealed: true,
        });
        expect(await store.peek(withFiles.secret.id, now)).toMatchObject({ files });
        const grant = newGrant(now + HOUR);
        expect(await store.claim(withFiles.secret.id, withFiles.right, now, grant)).toMatchObject({
          status: 'ok',
          files,
        });
        expect(await store.startDownload(files[0].id, grant.hash, lease(now + MINUTE), now)).toEqual({
          status: 'ok',
          secretId: withFiles.secret.id,
          index: 0,
          size: 70_000,
        });
        expect(await store.receipt(text.secret.receiptHash, now)).toMatchObject({
          state: 'pending',
          hasPassphrase: true,
          downloads: [],
        });
        expect(await store.claim(text.secret.id, text.right, now)).toMatchObject({ status: 'ok' });
        // Upgraded once: a second node opening the same prefix finds the mark and changes nothing.
        const again = await openRedisStore(url);
        await again.close();
        expect(await store.knownBlobs([files[1].id])).toEqual(new Set([files[1].id]));
      } finally {
        await store.close();
      }
    });
  });
});
