import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../support/dnsmasq.js';
import { domainsApp, published } from './domains-support.js';

const DAY = 86_400_000;

/**
 * Caddy's on-demand TLS `ask` (docs/domains.md): `GET /api/v1/domains/allowed?domain=` answers 200 only for an
 * active domain, so Caddy gets a certificate for nothing else. No authentication; never a 5xx for bad input.
 */
describe.runIf(await dnsmasqAvailable())('GET /api/v1/domains/allowed', () => {
  let dns: Dnsmasq;
  beforeAll(async () => {
    dns = await startDnsmasq();
  });
  afterAll(async () => await dns?.stop());

  test('200 {allowed: true} only for an active domain; pending, suspended, removed and unknown are 404', async () => {
    const t = await domainsApp(dns, { env: { BURNLINK_DOMAIN_GRACE: '1d' } });
    const active = await t.added('secrets.acme.example');
    const pending = await t.added('pending.acme.example');
    const suspended = await t.added('gone.acme.example');
    await dns.setRecords(published(active.txt_record, suspended.txt_record));
    expect((await t.verified(active.id)).state).toBe('active');
    expect((await t.verified(suspended.id)).state).toBe('active');
    // gone.acme.example's record disappears; a day later it is suspended.
    await dns.setRecords(published(active.txt_record));
    expect((await t.verified(suspended.id)).missing_since).not.toBeNull();
    t.clock.advance(DAY);
    expect((await t.verified(suspended.id)).state).toBe('suspended');

    const ok = await t.allowed('?domain=secrets.acme.example');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ allowed: true });
    // The same name as a client may send it: upper case, trailing dot.
    expect((await t.allowed('?domain=SECRETS.Acme.Example.')).statusCode).toBe(200);

    for (const name of ['pending.acme.example', 'gone.acme.example', 'unknown.example', 'burnlink.example']) {
      const res = await t.allowed(`?domain=${name}`);
      expect(res.statusCode, name).toBe(404);
      expect(res.json().error.code, name).toBe('domain_not_found');
    }
    expect(pending.state).toBe('pending');

    // Removed: no longer allowed, at once on this node.
    expect((await t.remove(active.id)).statusCode).toBe(204);
    expect((await t.allowed('?domain=secrets.acme.example')).statusCode).toBe(404);
    await t.app.close();
  });

  test('a domain verified on this node is allowed at once, though "no" was asked a moment before', async () => {
    const t = await domainsApp(dns);
    const domain = await t.added('fresh.acme.example');
    expect((await t.allowed('?domain=fresh.acme.example')).statusCode).toBe(404);
    await dns.setRecords(published(domain.txt_record));
    expect((await t.verified(domain.id)).state).toBe('active');
    expect((await t.allowed('?domain=fresh.acme.example')).statusCode).toBe(200);
    await t.app.close();
  });

  test('malformed or missing input is 404 too, never a 4xx of another kind or a 5xx', async () => {
    const t = await domainsApp(dns);
    const queries = [
      '',
      '?domain=',
      '?domain=127.0.0.1',
      '?domain=%5B%3A%3A1%5D',
      '?domain=localhost',
      '?domain=a..example',
      '?domain=secrets.acme.example:443',
      '?domain=secrets.acme.example%2Fpath',
      `?domain=${'a'.repeat(400)}.example`,
      '?domain=x.example&domain=y.example',
      '?domain=x.example&other=1',
      '?domain=%00',
      '?domain=%E2%80%AE.example',
    ];
    for (const query of queries) {
      const res = await t.allowed(query);
      expect(res.statusCode, query).toBe(404);
      expect(res.json().error.code, query).toBe('domain_not_found');
    }
    await t.app.close();
  });

  test('needs no authentication: a bad API key or cookie does not change the answer', async () => {
    const t = await domainsApp(dns);
    const res = await t.app.inject({
      url: '/api/v1/domains/allowed?domain=unknown.example',
      headers: { authorization: 'Bearer bl_nonsense', cookie: 'burnlink_session=nonsense' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('domain_not_found');
    await t.app.close();
  });
});
