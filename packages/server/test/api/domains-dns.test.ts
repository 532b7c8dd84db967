import type { DomainInfo } from '@burnlink/wire';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../support/dnsmasq.js';
import { recordsOfType } from './audit-support.js';
import { domainsApp, published } from './domains-support.js';

const DAY = 86_400_000;

/**
 * Issue 18, part 2: verification by DNS against a real resolver (dnsmasq on loopback, as
 * BURNLINK_DNS_SERVERS), the daily re-check, suspension after the grace period and reactivation — with the
 * app's clock moved instead of waiting.
 */
describe.runIf(await dnsmasqAvailable())('custom domains: DNS verification', () => {
  let dns: Dnsmasq;
  beforeAll(async () => {
    dns = await startDnsmasq();
  });
  beforeEach(async () => await dns.setRecords({}));
  afterAll(async () => await dns?.stop());

  test('pending until the right record is published: no_record, wrong_record, then verified', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');

    const none = await t.verified(domain.id);
    expect(none).toMatchObject({ state: 'pending', verified_at: null });
    expect(none.last_check).toEqual({ at: new Date(t.clock.now()).toISOString(), result: 'no_record' });

    // A record at the name, but another token (say, another organisation's, or a typo).
    await dns.setRecords({
      '_burnlink.secrets.acme.example': ['burnlink-verify=not-this-one', 'v=spf1 -all'],
    });
    t.clock.advance(60_000);
    const wrong = await t.verified(domain.id);
    expect(wrong).toMatchObject({ state: 'pending', last_check: { result: 'wrong_record' } });
    // The record at the apex is not the one looked for.
    await dns.setRecords({ 'secrets.acme.example': [domain.txt_record.value] });
    expect((await t.verified(domain.id)).last_check?.result).toBe('no_record');
    expect(await recordsOfType(t.app, t.orgId, 'domain.verified')).toEqual([]);

    await dns.setRecords(published(domain.txt_record));
    t.clock.advance(60_000);
    const at = new Date(t.clock.now()).toISOString();
    const ok = await t.verified(domain.id);
    expect(ok).toMatchObject({
      state: 'active',
      verified_at: at,
      last_check: { at, result: 'verified' },
      missing_since: null,
      suspended_at: null,
    });
    expect(await t.shown(domain.id)).toEqual(ok);
    const [record] = await recordsOfType(t.app, t.orgId, 'domain.verified');
    expect(record).toMatchObject({
      subject: { type: 'domain', id: domain.id },
      actor: { type: 'api_key' },
      outcome: 'ok',
      details: { name: 'secrets.acme.example' },
    });
    // Verifying again changes nothing and records nothing.
    expect((await t.verified(domain.id)).verified_at).toBe(at);
    expect(await recordsOfType(t.app, t.orgId, 'domain.verified')).toHaveLength(1);
    await t.app.close();
  });

  test('the daily re-check: record removed → missing; still missing after the grace → suspended; back → active', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    const other = await t.added('links.acme.example');
    await dns.setRecords(published(domain.txt_record, other.txt_record));
    await t.verified(domain.id);
    await t.verified(other.id);
    const domains = t.app.burnlinkDomains;

    // Not due before a day has passed since the last check.
    t.clock.advance(DAY - 1000);
    expect(await domains.recheckDue()).toBe(0);

    await dns.setRecords(published(other.txt_record));
    t.clock.advance(1000);
    const missingAt = new Date(t.clock.now()).toISOString();
    expect(await domains.recheckDue()).toBe(2);
    expect(await t.shown(domain.id)).toMatchObject({
      state: 'active',
      missing_since: missingAt,
      last_check: { at: missingAt, result: 'no_record' },
    });
    expect(await t.shown(other.id)).toMatchObject({ state: 'active', missing_since: null });
    expect((await t.allowed('?domain=secrets.acme.example')).statusCode).toBe(200);
    const [missing] = await recordsOfType(t.app, t.orgId, 'domain.record_missing');
    expect(missing).toMatchObject({
      subject: { type: 'domain', id: domain.id },
      actor: { type: 'system', id: null },
      outcome: 'failed',
      details: { name: 'secrets.acme.example' },
    });

    // Within the grace period (7 days by default) it stays active, checked each day.
    for (let day = 1; day < 7; day++) {
      t.clock.advance(DAY);
      expect(await domains.recheckDue()).toBe(2);
      expect((await t.shown(domain.id))?.state, `day ${day}`).toBe('active');
    }
    expect(await recordsOfType(t.app, t.orgId, 'domain.record_missing')).toHaveLength(1);

    t.clock.advance(DAY);
    const suspendedAt = new Date(t.clock.now()).toISOString();
    await domains.recheckDue();
    expect(await t.shown(domain.id)).toMatchObject({
      state: 'suspended',
      suspended_at: suspendedAt,
      missing_since: missingAt,
    });
    expect((await t.allowed('?domain=secrets.acme.example')).statusCode).toBe(404);
    const [suspended] = await recordsOfType(t.app, t.orgId, 'domain.suspended');
    expect(suspended).toMatchObject({
      subject: { type: 'domain', id: domain.id },
      actor: { type: 'system', id: null },
      outcome: 'failed',
      details: { name: 'secrets.acme.example', missing_since: missingAt },
    });

    // Suspended domains are re-checked too: the record is back, the domain is served again.
    await dns.setRecords(published(domain.txt_record, other.txt_record));
    t.clock.advance(DAY);
    await domains.recheckDue();
    expect(await t.shown(domain.id)).toMatchObject({
      state: 'active',
      suspended_at: null,
      missing_since: null,
      last_check: { result: 'verified' },
    });
    expect((await t.allowed('?domain=secrets.acme.example')).statusCode).toBe(200);
    const [reactivated] = await recordsOfType(t.app, t.orgId, 'domain.reactivated');
    expect(reactivated).toMatchObject({ subject: { id: domain.id }, actor: { type: 'system' } });
    expect(await recordsOfType(t.app, t.orgId, 'domain.verified')).toHaveLength(2);
    await t.app.close();
  });

  test('a record found missing that comes back within the grace period clears missing_since', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    await dns.setRecords(published(domain.txt_record));
    await t.verified(domain.id);
    await dns.setRecords({});
    t.clock.advance(DAY);
    await t.app.burnlinkDomains.recheckDue();
    expect((await t.shown(domain.id))?.missing_since).not.toBeNull();
    await dns.setRecords(published(domain.txt_record));
    t.clock.advance(3 * DAY);
    await t.app.burnlinkDomains.recheckDue();
    expect(await t.shown(domain.id)).toMatchObject({ state: 'active', missing_since: null });
    // It takes a whole new grace period to suspend it now.
    await dns.setRecords({});
    t.clock.advance(DAY);
    await t.app.burnlinkDomains.recheckDue();
    t.clock.advance(5 * DAY);
    await t.app.burnlinkDomains.recheckDue();
    expect((await t.shown(domain.id))?.state).toBe('active');
    await t.app.close();
  });

  test('a pending domain is verified by the re-check as well (by the system)', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    await dns.setRecords(published(domain.txt_record));
    // Never checked: due at once.
    expect(await t.app.burnlinkDomains.recheckDue()).toBe(1);
    expect((await t.shown(domain.id))?.state).toBe('active');
    const [record] = await recordsOfType(t.app, t.orgId, 'domain.verified');
    expect(record).toMatchObject({ actor: { type: 'system' }, subject: { id: domain.id } });
    await t.app.close();
  });

  test('a resolver that does not answer decides nothing: dns_error, the domain keeps its state', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    const pending = await t.added('links.acme.example');
    await dns.setRecords(published(domain.txt_record));
    await t.verified(domain.id);

    await dns.stop();
    t.clock.advance(60_000);
    const failed = await t.verified(domain.id);
    expect(failed).toMatchObject({
      state: 'active',
      missing_since: null,
      last_check: { result: 'dns_error' },
    });
    expect((await t.verified(pending.id)).last_check?.result).toBe('dns_error');
    // Days of failing resolvers never suspend a domain.
    for (let day = 0; day < 10; day++) {
      t.clock.advance(DAY);
      await t.app.burnlinkDomains.recheckDue();
    }
    expect(await t.shown(domain.id)).toMatchObject({
      state: 'active',
      missing_since: null,
      suspended_at: null,
      last_check: { result: 'dns_error' },
    });
    expect((await t.shown(pending.id))?.state).toBe('pending');
    expect((await t.allowed('?domain=secrets.acme.example')).statusCode).toBe(200);
    for (const type of ['domain.record_missing', 'domain.suspended']) {
      expect(await recordsOfType(t.app, t.orgId, type), type).toEqual([]);
    }
    await dns.setRecords({});
    await t.app.close();
  });

  test('two organisations pending on one name: the first to verify holds it, the other gets taken', async () => {
    const t = await domainsApp(dns);
    const globex = await t.otherOrg('Globex');
    const acme = await t.added('shared.example');
    const theirs = await t.added('shared.example', globex.headers);
    expect(theirs.txt_record.value).not.toBe(acme.txt_record.value);
    // Both records are published at the name (as a DNS admin might, for a while).
    await dns.setRecords(published(theirs.txt_record, acme.txt_record));

    expect((await t.verified(theirs.id, globex.headers)).state).toBe('active');
    const lost = await t.verified(acme.id);
    expect(lost).toMatchObject({ state: 'pending', verified_at: null, last_check: { result: 'taken' } });
    expect(await recordsOfType(t.app, t.orgId, 'domain.verified')).toEqual([]);
    expect(await recordsOfType(t.app, globex.orgId, 'domain.verified')).toHaveLength(1);

    // Held active by Globex: nobody else may add it now.
    const initech = await t.otherOrg('Initech');
    const refused = await t.add('shared.example', initech.headers);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('domain_taken');

    // Once Globex removes it, Acme's pending domain can verify.
    expect((await t.remove(theirs.id, globex.headers)).statusCode).toBe(204);
    expect((await t.verified(acme.id)).state).toBe('active');
    const list = (await t.list()).json() as { domains: DomainInfo[] };
    expect(list.domains.map((d) => [d.name, d.state])).toEqual([['shared.example', 'active']]);
    await t.app.close();
  });
});
