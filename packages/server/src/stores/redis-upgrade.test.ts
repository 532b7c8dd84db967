import { afterEach, describe, expect, it } from 'vitest';
import { fileRefs, HOUR, lease, MINUTE, makeFixture, newGrant } from './contract-fixtures.js';
import { openRedisStore } from './redis-store.js';
import { redisAvailable } from './test-backends.js';
import { type IsolatedRedisStore, isolatedStore, REDIS_URL, writeLayoutOne } from './test-redis.js';

describe.runIf(await redisAvailable(REDIS_URL))('Redis key layout upgrade', () => {
  let opened: IsolatedRedisStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('secrets stored before file records stay claimable; their files are known and download', async () => {
    const now = Date.now();
    const files = fileRefs(70_000, 5);
    const withFiles = makeFixture({ now, files });
    const text = makeFixture({ now, passphrase: true });
    // A store opened before the old secrets exist, as a node of the previous version would have had.
    opened = await isolatedStore();
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
        expiresAt: withFiles.secret.expiresAt,
      });
      // Stored before restrictions existed too: unrestricted.
      expect(await store.peek(withFiles.secret.id, now)).toMatchObject({ files, restrictions: null });
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
