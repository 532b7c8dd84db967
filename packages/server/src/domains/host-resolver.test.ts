import type { FastifyRequest } from 'fastify';
import { describe, expect, test } from 'vitest';
import type { DomainRecord } from './domain-store.js';
import { parseHostPattern } from './host-names.js';
import { HostResolver, originOf } from './host-resolver.js';
import { MemoryDomainStore } from './memory-domain-store.js';

const T0 = Date.UTC(2026, 10, 21);

function domain(id: string, orgId: string, name: string, createdAt = T0): DomainRecord {
  return {
    id: id.padEnd(22, 'A'),
    orgId,
    name,
    token: 'x'.repeat(43),
    state: 'pending',
    createdAt,
    verifiedAt: null,
    checkedAt: null,
    lastResult: null,
    missingSince: null,
    suspendedAt: null,
  };
}

/** The store, counting lookups, with `acme.example` verified for org-a. */
async function setup(options: { allowed?: string[] | null; publicUrl?: string | null } = {}) {
  const store = new MemoryDomainStore();
  const lookups: string[] = [];
  const counted = {
    findActiveDomain: (name: string) => {
      lookups.push(`name:${name}`);
      return store.findActiveDomain(name);
    },
    listDomains: (orgId: string) => {
      lookups.push(`org:${orgId}`);
      return store.listDomains(orgId);
    },
  };
  const verify = async (record: DomainRecord) => {
    await store.addDomain(record);
    await store.recordCheck(record.id, { at: T0, result: 'verified', suspendMissingBefore: 0 });
  };
  await verify(domain('a1', 'org-a', 'secrets.acme.example'));
  let t = T0;
  const allowed = options.allowed === undefined ? ['burnlink.example'] : options.allowed;
  const hosts = new HostResolver({
    domains: counted,
    allowedHosts: allowed === null ? null : allowed.map((p) => parseHostPattern(p)!),
    publicUrl: options.publicUrl ?? null,
    now: () => t,
  });
  return { store, hosts, lookups, verify, advance: (ms: number) => (t += ms) };
}

const request = (host: string, protocol = 'http') => ({ host, protocol }) as unknown as FastifyRequest;

describe('HostResolver.classify', () => {
  test('a main host costs no lookup; a custom domain is found; others are unknown; garbage is null', async () => {
    const { hosts, lookups } = await setup();
    expect((await hosts.classify(request('burnlink.example')))?.kind).toBe('main');
    expect((await hosts.classify(request('BURNLINK.example:443')))?.kind).toBe('main');
    expect(lookups).toEqual([]);
    const found = await hosts.classify(request('secrets.acme.example'));
    expect(found).toMatchObject({ kind: 'domain', domain: { orgId: 'org-a' } });
    expect((await hosts.classify(request('evil.example')))?.kind).toBe('unknown');
    for (const bad of ['', 'a@b.example', 'b.example/x', 'a b', 'b.example:1:2', '[::g]']) {
      expect(await hosts.classify(request(bad))).toBeNull();
    }
  });

  test('with *, addresses and single labels are main without a lookup; other names are looked up', async () => {
    const { hosts, lookups } = await setup({ allowed: null });
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:80', 'intranet']) {
      expect((await hosts.classify(request(host)))?.kind).toBe('main');
    }
    expect(lookups).toEqual([]);
    expect((await hosts.classify(request('secrets.acme.example')))?.kind).toBe('domain');
    expect((await hosts.classify(request('other.example')))?.kind).toBe('unknown');
  });

  test("the public URL's host is main even when the list leaves it out", async () => {
    const { hosts, lookups } = await setup({ allowed: ['node1.internal'], publicUrl: 'https://s.example' });
    expect((await hosts.classify(request('s.example')))?.kind).toBe('main');
    expect(lookups).toEqual([]);
  });

  test('lookups are cached per name for 5 s, misses too; invalidate forgets at once', async () => {
    const { hosts, lookups, store, advance } = await setup();
    for (let i = 0; i < 3; i += 1) {
      await hosts.classify(request('secrets.acme.example'));
      await hosts.classify(request('nope.example'));
    }
    expect(lookups).toEqual(['name:secrets.acme.example', 'name:nope.example']);
    // Removed: still served from the cache until it runs out, or at once after invalidate.
    await store.removeDomain('org-a', 'a1'.padEnd(22, 'A'));
    expect((await hosts.classify(request('secrets.acme.example')))?.kind).toBe('domain');
    hosts.invalidate('secrets.acme.example');
    expect((await hosts.classify(request('secrets.acme.example')))?.kind).toBe('unknown');
    advance(5001);
    await hosts.classify(request('nope.example'));
    expect(lookups.filter((l) => l === 'name:nope.example')).toHaveLength(2);
  });

  test('the cache is bounded: a flood of names keeps at most maxEntries', async () => {
    const store = new MemoryDomainStore();
    let lookups = 0;
    const hosts = new HostResolver({
      domains: {
        findActiveDomain: (name) => {
          lookups += 1;
          return store.findActiveDomain(name);
        },
        listDomains: (orgId) => store.listDomains(orgId),
      },
      allowedHosts: null,
      publicUrl: null,
      now: () => T0,
      maxEntries: 3,
    });
    for (const n of [1, 2, 3, 4]) await hosts.findDomain(`n${n}.example`);
    await hosts.findDomain('n4.example');
    expect(lookups).toBe(4);
    // n1 was the oldest and went; n2 … n4 are still known.
    await hosts.findDomain('n1.example');
    await hosts.findDomain('n3.example');
    expect(lookups).toBe(5);
  });
});

describe('HostResolver.linkOrigin', () => {
  test('(a) on a domain: its origin for its org and anonymous; (b) another org gets its own oldest domain', async () => {
    const { hosts, verify, store } = await setup();
    await verify(domain('b2', 'org-b', 'links.bee.example', T0 + 10));
    await verify(domain('b1', 'org-b', 'old.bee.example', T0));
    await store.addDomain(domain('b0', 'org-b', 'pending.bee.example', T0 - 10));
    const onA = request('secrets.acme.example', 'https');
    await hosts.classify(onA);
    expect(await hosts.linkOrigin(onA, 'org-a')).toBe('https://secrets.acme.example');
    expect(await hosts.linkOrigin(onA, null)).toBe('https://secrets.acme.example');
    expect(await hosts.linkOrigin(onA, 'org-b')).toBe('https://old.bee.example');
    const main = request('burnlink.example:8080');
    expect(await hosts.linkOrigin(main, 'org-a')).toBe('https://secrets.acme.example');
    expect(await hosts.customLinkOrigin(main, 'org-c')).toBeNull();
    expect(await hosts.linkOrigin(main, 'org-c')).toBe('http://burnlink.example:8080');
    expect(await hosts.linkOrigin(main, null)).toBe('http://burnlink.example:8080');
  });

  test('(c) the public URL wins over the request on a main host, never over a verified domain', async () => {
    const { hosts } = await setup({ publicUrl: 'https://s.example' });
    expect(await hosts.linkOrigin(request('burnlink.example'), null)).toBe('https://s.example');
    const onA = request('secrets.acme.example:8443');
    await hosts.classify(onA);
    // The public URL is https: so is the domain, whatever the hop from the proxy was.
    expect(await hosts.linkOrigin(onA, null)).toBe('https://secrets.acme.example:8443');
  });

  test("an organisation's domain is cached 5 s; invalidate with its name forgets it", async () => {
    const { hosts, lookups, verify } = await setup();
    const main = request('burnlink.example');
    expect(await hosts.customLinkOrigin(main, 'org-c')).toBeNull();
    await verify(domain('c1', 'org-c', 'c.example'));
    expect(await hosts.customLinkOrigin(main, 'org-c')).toBeNull();
    expect(lookups).toEqual(['org:org-c']);
    hosts.invalidate('c.example', 'org-c');
    expect(await hosts.customLinkOrigin(main, 'org-c')).toBe('https://c.example');
  });

  test('invites stay on the main host: mainOrigin on a domain is the first plain allowed host', async () => {
    const { hosts } = await setup({ allowed: ['*.burnlink.example', 'burnlink.example'] });
    const onA = request('secrets.acme.example');
    await hosts.classify(onA);
    expect(hosts.mainOrigin(onA)).toBe('http://burnlink.example');
    expect(hosts.mainOrigin(request('a.burnlink.example:8080'))).toBe('http://a.burnlink.example:8080');
  });
});

test('originOf writes origins as browsers do', () => {
  expect(originOf('https', { host: 'a.example', port: 443 })).toBe('https://a.example');
  expect(originOf('http', { host: 'a.example', port: 443 })).toBe('http://a.example:443');
  expect(originOf('http', { host: '::1', port: 8080 })).toBe('http://[::1]:8080');
  expect(originOf('http', { host: 'a.example', port: null })).toBe('http://a.example');
});
