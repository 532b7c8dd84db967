import type { DomainInfo } from '@burnlink/wire';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../support/dnsmasq.js';
import { recordsOfType } from './audit-support.js';
import { domainsApp } from './domains-support.js';

/** 14 ideographs whose ASCII form has 46 characters: six of them make a name of 97 characters → 289. */
const CJK_LABEL = Array.from({ length: 14 }, (_, i) => String.fromCodePoint(0x4e00 + i * 997)).join('');

/**
 * Issue 18, part 1: an organisation's custom domains through the API — adding (names checked, stored in one
 * form), listing, removing, and who may do it (`domains:manage`: owners and admins, keys with the scope).
 */
describe.runIf(await dnsmasqAvailable())('custom domains: /api/v1/domains', () => {
  let dns: Dnsmasq;
  beforeAll(async () => {
    dns = await startDnsmasq();
  });
  afterAll(async () => await dns?.stop());

  test('an owner adds a domain: pending, with the TXT record to publish; the list shows it', async () => {
    const t = await domainsApp(dns);
    const res = await t.add('secrets.acme.example');
    expect(res.statusCode).toBe(201);
    const domain = res.json() as DomainInfo;
    expect(domain).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: 'secrets.acme.example',
      state: 'pending',
      txt_record: {
        name: '_burnlink.secrets.acme.example',
        value: expect.stringMatching(/^burnlink-verify=[A-Za-z0-9_-]{43}$/),
      },
      created_at: new Date(t.clock.now()).toISOString(),
      verified_at: null,
      last_check: null,
      missing_since: null,
      suspended_at: null,
    });
    t.clock.advance(1000);
    const second = await t.added('links.acme.example');
    // Each domain has its own token.
    expect(second.txt_record.value).not.toBe(domain.txt_record.value);
    const list = await t.list();
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ domains: [domain, second] });
    const [record] = await recordsOfType(t.app, t.orgId, 'domain.added');
    expect(record).toMatchObject({
      subject: { type: 'domain', id: domain.id },
      actor: { type: 'api_key' },
      details: { name: 'secrets.acme.example' },
    });
    await t.app.close();
  });

  test('names are stored lower case, ASCII (punycode), without a trailing dot', async () => {
    const t = await domainsApp(dns);
    expect((await t.added('Secrets.ACME.Example.')).name).toBe('secrets.acme.example');
    const unicode = await t.added('geheim.bücher.example');
    expect(unicode.name).toBe('geheim.xn--bcher-kva.example');
    expect(unicode.txt_record.name).toBe('_burnlink.geheim.xn--bcher-kva.example');
    // The same name in its other spellings is the same domain.
    for (const name of ['SECRETS.acme.example', 'geheim.xn--bcher-kva.example', 'GEHEIM.BÜCHER.example']) {
      const res = await t.add(name);
      expect(res.statusCode, name).toBe(409);
      expect(res.json().error.code, name).toBe('domain_taken');
    }
    await t.app.close();
  });

  test('bad names are refused with invalid_domain and a message saying why', async () => {
    const t = await domainsApp(dns, {
      env: {
        BURNLINK_PUBLIC_URL: 'https://burnlink.example',
        BURNLINK_ALLOWED_HOSTS: 'localhost,*.nodes.example',
      },
    });
    const bad = [
      '192.0.2.10',
      '2001:db8::1',
      '[2001:db8::1]',
      'intranet',
      'localhost',
      'app.localhost',
      // Too long: a label over 63 characters; a Unicode name whose ASCII form is over 253.
      `${'a'.repeat(64)}.example`,
      `${Array(6).fill(CJK_LABEL).join('.')}.example`,
      'secrets.acme.example:8443',
      'https://secrets.acme.example',
      'secrets.acme.example/path',
      '*.acme.example',
      'user@acme.example',
      '-bad.example',
      'a..example',
      'secrets.acme.123',
      ' ',
      'burnlink.example',
      'BURNLINK.example.',
      'node1.nodes.example',
    ];
    for (const name of bad) {
      const res = await t.add(name);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code, name).toBe('invalid_domain');
      expect(res.json().error.message.length, name).toBeGreaterThan(20);
    }
    expect((await t.add('burnlink.example')).json().error.message).toMatch(/own host/);
    expect((await t.add('node1.nodes.example')).json().error.message).toMatch(/own host/);
    expect((await t.add('app.localhost')).json().error.message).toMatch(/localhost/);
    // Names near the instance's own host are someone else's to verify.
    expect((await t.add('links.burnlink.example')).statusCode).toBe(201);
    expect((await t.add('nodes.example')).statusCode).toBe(201);
    // An empty name, one over 253 characters or a missing one fails the body's schema.
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}.example`;
    for (const payload of [{ name: '' }, { name: long }, {}, { name: 'x.example', extra: 1 }, { name: 42 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/domains', headers: t.owner, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.list()).json().domains).toHaveLength(2);
    await t.app.close();
  });

  test('at most 20 domains per organisation', async () => {
    const t = await domainsApp(dns);
    for (let i = 0; i < 20; i++) await t.added(`d${i}.acme.example`);
    const res = await t.add('d20.acme.example');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('too_many_domains');
    const first = (await t.list()).json().domains[0] as DomainInfo;
    expect((await t.remove(first.id)).statusCode).toBe(204);
    expect((await t.add('d20.acme.example')).statusCode).toBe(201);
    await t.app.close();
  });

  test('remove: 204, gone from the list, recorded; another organisation cannot see or remove it', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    const other = await t.otherOrg('Globex');
    expect((await t.list(other.headers)).json()).toEqual({ domains: [] });
    for (const res of [await t.remove(domain.id, other.headers), await t.verify(domain.id, other.headers)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('domain_not_found');
    }
    expect((await t.remove(domain.id, t.people.admin.headers)).statusCode).toBe(204);
    expect((await t.list()).json()).toEqual({ domains: [] });
    expect((await t.remove(domain.id)).json().error.code).toBe('domain_not_found');
    expect((await t.verify(domain.id)).json().error.code).toBe('domain_not_found');
    const [record] = await recordsOfType(t.app, t.orgId, 'domain.removed');
    expect(record).toMatchObject({
      subject: { type: 'domain', id: domain.id },
      actor: { type: 'user', id: t.people.admin.userId },
      details: { name: 'secrets.acme.example' },
    });
    // The name is free again.
    expect((await t.add('secrets.acme.example')).statusCode).toBe(201);
    await t.app.close();
  });

  test('domains:manage: owners, admins and keys with the scope; members, auditors and other keys 403', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('secrets.acme.example');
    const allowed = [
      t.people.owner.headers,
      t.people.admin.headers,
      (await t.keyFor(null, ['domains:manage'])).headers,
      (await t.keyFor(t.people.admin, ['domains:manage'])).headers,
    ];
    for (const headers of allowed) {
      expect((await t.list(headers)).statusCode).toBe(200);
    }
    const refused = [
      t.people.member.headers,
      t.people.auditor.headers,
      (await t.keyFor(null, ['secrets:create', 'secrets:list', 'webhooks:manage'])).headers,
      (await t.keyFor(t.people.owner, ['secrets:create'])).headers,
      // A member's key cannot carry a scope the member's role does not grant.
      (await t.keyFor(t.people.member, ['domains:manage'])).headers,
    ];
    for (const headers of refused) {
      for (const res of [
        await t.add('x.acme.example', headers),
        await t.list(headers),
        await t.verify(domain.id, headers),
        await t.remove(domain.id, headers),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('insufficient_scope');
      }
    }
    for (const res of [
      await t.add('x.acme.example', {}),
      await t.list({}),
      await t.verify(domain.id, {}),
      await t.remove(domain.id, {}),
    ]) {
      expect(res.statusCode).toBe(401);
    }
    // A cookie without its CSRF header changes nothing.
    const csrf = await t.add('x.acme.example', t.people.owner.cookieOnly);
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json().error.code).toBe('csrf_failed');
    expect((await t.list()).json().domains).toHaveLength(1);
    await t.app.close();
  });

  test('a malformed id answers as an unknown one: 404 domain_not_found', async () => {
    const t = await domainsApp(dns);
    for (const res of [
      await t.verify('not-an-id'),
      await t.remove('not-an-id'),
      await t.verify('AAAAAAAAAAAAAAAAAAAAAA'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('domain_not_found');
    }
    await t.app.close();
  });
});
