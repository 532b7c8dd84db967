import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../support/dnsmasq.js';
import { domainsApp, published } from './domains-support.js';

/**
 * The domain service and the host check together: a change of a domain's state through the API reaches this
 * node's host check at once (the resolver's cache of names is told), not after its cache time.
 */
describe.runIf(await dnsmasqAvailable())('custom domains as the host check sees them', () => {
  let dns: Dnsmasq;
  beforeAll(async () => {
    dns = await startDnsmasq();
  });
  afterAll(async () => await dns?.stop());

  test('verified → served at once; removed → 421 at once, though the resolver caches names for seconds', async () => {
    const name = 'secrets.cached.example';
    // localhost: the test's API calls (app.inject) come in on it.
    const t = await domainsApp(dns, { env: { BURNLINK_ALLOWED_HOSTS: 'localhost' } });
    const onDomain = () => t.app.inject({ url: '/api/v1/branding', headers: { host: name } });
    try {
      const domain = await t.added(name);
      // Asked while pending: 421, and the answer is now cached.
      expect((await onDomain()).statusCode).toBe(421);
      await dns.setRecords(published(domain.txt_record));
      expect((await t.verified(domain.id)).state).toBe('active');
      // The clock has not moved: only the domain service's word can have cleared the cached refusal.
      const served = await onDomain();
      expect(served.statusCode).toBe(200);
      expect(served.json().branding).toMatchObject({ domain: name });
      expect((await t.remove(domain.id)).statusCode).toBe(204);
      expect((await onDomain()).statusCode).toBe(421);
    } finally {
      await t.app.close();
    }
  });
});
