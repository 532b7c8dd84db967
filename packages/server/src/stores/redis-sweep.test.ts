import { afterEach, describe, expect, it } from 'vitest';
import { DAY, fileRefs, HOUR, lease, MINUTE, makeFixture, newGrant, uploadAll } from './contract-fixtures.js';
import { NATIVE_EXPIRY_GRACE_MS } from './redis-link.js';
import { redisAvailable } from './test-backends.js';
import { type IsolatedRedisStore, isolatedStore, keysUnder, REDIS_URL } from './test-redis.js';

// The Redis sweep beside the contract suite: what it leaves behind, and its indexes.
describe.runIf(await redisAvailable(REDIS_URL))('Redis sweep', () => {
  let opened: IsolatedRedisStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('leaves no key at all once every secret ended and its retention and grants passed', async () => {
    opened = await isolatedStore();
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
    for (const { secret } of [viewed, burned, locked, served, staged, cancelled]) await store.create(secret);
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
    opened = await isolatedStore();
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
    expect(await store.sweep(t + HOUR)).toEqual({
      expiredIds: [],
      purgedReceipts: 0,
      blobIds: [],
      expiredRequestIds: [],
      purgedRequests: 0,
    });
    expect(await redis.zscore(`${prefix}index:files`, `${secret.id}:${files[0].id}`)).toBe(
      String(t + 2 * HOUR),
    );
    expect(await redis.pttl(pointer)).toBeGreaterThan(HOUR + NATIVE_EXPIRY_GRACE_MS - 5000);
    expect(await store.sweep(t + 2 * HOUR)).toEqual({
      expiredIds: [],
      purgedReceipts: 0,
      blobIds: [files[0].id],
      expiredRequestIds: [],
      purgedRequests: 0,
    });
  });
});
