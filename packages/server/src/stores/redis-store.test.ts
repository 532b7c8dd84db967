import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { openRedisStore } from './redis-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { deleteRedisKeys, redisAvailable } from './test-backends.js';
import { hashTag, type IsolatedRedisStore, isolatedStore, keysUnder, REDIS_URL } from './test-redis.js';

describe.runIf(await redisAvailable(REDIS_URL))('Redis store (standalone)', () => {
  describeStoreContract(
    'redis',
    async () => {
      // A key prefix of its own per opened store, so runs never see each other's keys.
      const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
      const url = `${REDIS_URL}?prefix=${prefix}`;
      return {
        store: await openRedisStore(url),
        cleanup: () => deleteRedisKeys(url, prefix),
        peer: () => openRedisStore(url),
      };
    },
    { peers: true },
  );

  describe('Redis key layout', () => {
    let opened: IsolatedRedisStore;
    beforeAll(async () => {
      opened = await isolatedStore();
    });
    afterAll(async () => {
      await opened.dispose();
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

    it('a restricted secret keeps its restrictions and code in its own hash, and no verifier an earlier version reads', async () => {
      const { store, redis, prefix } = opened;
      const now = Date.now();
      const restrictions = JSON.stringify({ v: 1, networks: ['10.0.0.0/8'] });
      const { secret, right } = makeFixture({ now, maxViews: 2, restrictions });
      await store.create(secret);
      const s = `${prefix}{${secret.id}}:s`;
      const code = { hash: b64u(randomBytes(32)), expiresAt: now + 10 * MINUTE, tries: 5 };
      expect(await store.issueCode(secret.id, code, now, 5, right)).toBe('ok');

      const own = (await keysUnder(redis, prefix)).filter((key) => key.includes(secret.id));
      expect(own).toEqual([`${prefix}{${secret.id}}:r`, s]);
      expect(await redis.hget(s, 'rs')).toBe(restrictions);
      expect(await redis.hget(s, 'ch')).toBe(code.hash);
      // The claim script before restrictions answered not_found when field v was missing: a node of that
      // version, which knows nothing of restrictions, cannot serve this secret unchecked.
      expect(await redis.hexists(s, 'v')).toBe(0);
      expect(await redis.hexists(s, 'rv')).toBe(1);

      const gate = { codeHash: code.hash };
      expect(await store.claim(secret.id, { ...right, gate }, now)).toMatchObject({
        status: 'ok',
        viewsLeft: 1,
      });
      expect(await redis.hmget(s, 'ch', 'ce', 'ct', 'ci', 'rs')).toEqual([
        null,
        null,
        null,
        '1',
        restrictions,
      ]);
      const next = { ...code, hash: b64u(randomBytes(32)) };
      await store.issueCode(secret.id, next, now, 5, right);
      expect(await store.claim(secret.id, { ...right, gate: { codeHash: next.hash } }, now)).toMatchObject({
        status: 'ok',
        viewsLeft: 0,
      });
      expect(await redis.exists(s)).toBe(0);
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
});
