import type { OrgPolicy } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import { OPEN_POLICY } from '../wire.js';
import { MemoryAccountsStore } from './memory-accounts-store.js';
import { POLICY_CACHE_MS, PolicyCache } from './policies.js';

/** A memory store that counts policy reads, and a clock the test moves. */
function setup(ttlMs = POLICY_CACHE_MS) {
  const store = new MemoryAccountsStore();
  let reads = 0;
  const getPolicy = store.getPolicy.bind(store);
  store.getPolicy = (orgId: string) => {
    reads++;
    return getPolicy(orgId);
  };
  let t = 1_000;
  const cache = new PolicyCache(store, () => t, ttlMs);
  return { store, cache, reads: () => reads, advance: (ms: number) => (t += ms) };
}

const strict: OrgPolicy = { ...OPEN_POLICY, max_views: 1, passphrase_required: true };

describe('PolicyCache', () => {
  it('reads an organisation once per cache time, however many creates ask, at once or one by one', async () => {
    const { cache, reads, advance } = setup();
    const first = await Promise.all(Array.from({ length: 10 }, () => cache.get('org1')));
    expect(first).toEqual(Array(10).fill(null));
    expect(reads()).toBe(1);
    advance(POLICY_CACHE_MS - 1);
    expect(await cache.get('org1')).toBeNull();
    expect(reads()).toBe(1);
    await cache.get('org2');
    expect(reads()).toBe(2);
  });

  it('another node’s change is seen once the cache time has passed', async () => {
    const { store, cache, reads, advance } = setup();
    expect(await cache.get('org1')).toBeNull();
    await store.setPolicy('org1', strict, 5); // another node, on the same store
    expect(await cache.get('org1')).toBeNull();
    advance(POLICY_CACHE_MS);
    expect(await cache.get('org1')).toEqual(strict);
    expect(reads()).toBe(2);
  });

  it('this node’s change applies at once, without a read', async () => {
    const { store, cache, reads } = setup();
    expect(await cache.get('org1')).toBeNull();
    await cache.set('org1', strict, 5);
    expect(await cache.get('org1')).toEqual(strict);
    expect(reads()).toBe(1);
    expect(await store.getPolicy('org1')).toEqual({ policy: strict, updatedAt: 5 });
  });

  it('answers copies: a caller changing one changes nothing kept', async () => {
    const { cache } = setup();
    await cache.set('org1', strict, 5);
    const got = await cache.get('org1');
    got!.recipient_domains.push('evil.test');
    expect(await cache.get('org1')).toEqual(strict);
  });

  it('keeps no failed read, and with a cache time of 0 reads every time', async () => {
    const { store, cache, reads } = setup();
    const getPolicy = store.getPolicy;
    store.getPolicy = () => Promise.reject(new Error('down'));
    await expect(cache.get('org1')).rejects.toThrow('down');
    store.getPolicy = getPolicy;
    expect(await cache.get('org1')).toBeNull();
    expect(reads()).toBe(1);

    const uncached = setup(0);
    await uncached.cache.get('org1');
    await uncached.cache.get('org1');
    expect(uncached.reads()).toBe(2);
  });
});
