import { describe, expect, test } from 'vitest';
import { ROLE_SCOPES } from '../accounts/roles.js';
import type { Principal } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import { type LifecycleEvent, LifecycleEvents } from '../service/events.js';
import type { DnsChecker, DnsCheckResult } from './dns-check.js';
import { DomainService } from './domain-service.js';
import { MemoryDomainStore } from './memory-domain-store.js';

const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

/** A resolver whose answers the test sets per name (the real one is tested against dnsmasq). */
function scriptedDns(): DnsChecker & { answers: Map<string, DnsCheckResult> } {
  const answers = new Map<string, DnsCheckResult>();
  return { answers, check: async (name) => answers.get(name) ?? 'no_record' };
}

function owner(orgId: string): Principal {
  return {
    via: 'session',
    orgId,
    userId: 'u1',
    role: 'owner',
    scopes: new Set(ROLE_SCOPES.owner),
    reach: 'org',
    key: null,
    session: null,
    ip: '192.0.2.1',
  };
}

/** Two nodes' services on one store, with one clock. */
function setup() {
  let now = T0;
  const store = new MemoryDomainStore();
  const dns = scriptedDns();
  const seen: LifecycleEvent[] = [];
  const config = loadConfig({ BURNLINK_STORE: 'memory:' });
  const node = () => {
    const events = new LifecycleEvents();
    for (const type of [
      'domain.added',
      'domain.removed',
      'domain.verified',
      'domain.reactivated',
      'domain.record_missing',
      'domain.suspended',
    ] as const) {
      events.on(type, (event) => void seen.push(event));
    }
    return new DomainService({ store, events, now: () => now, config, dns, warn: () => {} });
  };
  return { a: node(), b: node(), dns, seen, advance: (ms: number) => (now += ms) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DomainService', () => {
  test('onChange hears every change on this node, by name; unsubscribing stops it', async () => {
    const { a, dns } = setup();
    const names: string[] = [];
    const stop = a.onChange((name) => names.push(name));
    const domain = await a.add(owner('org1'), 'secrets.acme.example');
    dns.answers.set('secrets.acme.example', 'verified');
    await a.verify(owner('org1'), domain.id);
    // A check that changes nothing is no change.
    await a.verify(owner('org1'), domain.id);
    await a.remove(owner('org1'), domain.id);
    expect(names).toEqual(['secrets.acme.example', 'secrets.acme.example', 'secrets.acme.example']);
    stop();
    await a.add(owner('org1'), 'other.acme.example');
    expect(names).toHaveLength(3);
  });

  test("Caddy's ask is cached briefly: this node's changes apply at once, another node's within 5 s", async () => {
    const { a, b, dns, advance } = setup();
    const domain = await a.add(owner('org1'), 'secrets.acme.example');
    expect(await a.isAllowed('secrets.acme.example')).toBe(false);
    expect(await b.isAllowed('secrets.acme.example')).toBe(false);
    dns.answers.set('secrets.acme.example', 'verified');
    await a.verify(owner('org1'), domain.id);
    expect(await a.isAllowed('secrets.acme.example')).toBe(true);
    expect(await b.isAllowed('secrets.acme.example')).toBe(false);
    advance(5_000);
    expect(await b.isAllowed('secrets.acme.example')).toBe(true);
    await a.remove(owner('org1'), domain.id);
    expect(await a.isAllowed('secrets.acme.example')).toBe(false);
    expect(await b.isAllowed('secrets.acme.example')).toBe(true);
    advance(5_000);
    expect(await b.isAllowed('secrets.acme.example')).toBe(false);
    for (const text of ['', 'not a name', '127.0.0.1', 'x'.repeat(300)])
      expect(await a.isAllowed(text)).toBe(false);
  });

  test('events: each transition once, with the caller for what a person did and none for the re-check', async () => {
    const { a, dns, seen, advance } = setup();
    const domain = await a.add(owner('org1'), 'secrets.acme.example');
    dns.answers.set('secrets.acme.example', 'verified');
    await a.verify(owner('org1'), domain.id);
    dns.answers.set('secrets.acme.example', 'wrong_record');
    advance(86_400_000);
    await a.recheckDue();
    advance(7 * 86_400_000);
    await a.recheckDue();
    dns.answers.set('secrets.acme.example', 'verified');
    await a.verify(owner('org1'), domain.id);
    await a.remove(owner('org1'), domain.id);
    await settle();
    expect(seen.map((e) => [e.type, 'caller' in e ? e.caller?.actor.type : 'none'])).toEqual([
      ['domain.added', 'user'],
      ['domain.verified', 'user'],
      ['domain.record_missing', 'none'],
      ['domain.suspended', 'none'],
      ['domain.reactivated', 'user'],
      ['domain.removed', 'user'],
    ]);
    const suspended = seen.find((e) => e.type === 'domain.suspended');
    expect(suspended).toMatchObject({ name: 'secrets.acme.example', missingSince: T0 + 86_400_000 });
  });
});
