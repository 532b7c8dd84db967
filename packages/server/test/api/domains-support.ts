import { randomBytes } from 'node:crypto';
import type { DomainInfo } from '@burnlink/wire';
import type { Dnsmasq } from '../support/dnsmasq.js';
import type { TestAppOptions } from './support.js';
import { ORIGIN, teamsApp } from './teams-support.js';

type Headers = Record<string, string>;

/**
 * `teamsApp` whose domains are verified against `dns` (a real dnsmasq), with helpers that go through the API
 * with Acme's owner's API key unless told otherwise.
 */
export async function domainsApp(dns: Dnsmasq, options: TestAppOptions = {}) {
  const t = await teamsApp({
    ...options,
    env: { BURNLINK_DNS_SERVERS: dns.address, ...options.env },
  });
  const { app } = t;
  // The owner's API key, which (unlike a session) outlives the days the re-check tests move the clock by.
  const owner: Headers = (await t.keyFor(t.people.owner, ['domains:manage'], 365 * 86_400_000)).headers;

  const add = (name: string, headers = owner) =>
    app.inject({ method: 'POST', url: '/api/v1/domains', headers, payload: { name } });
  const list = (headers = owner) => app.inject({ url: '/api/v1/domains', headers });
  const verify = (id: string, headers = owner) =>
    app.inject({ method: 'POST', url: `/api/v1/domains/${id}/verify`, headers });
  const remove = (id: string, headers = owner) =>
    app.inject({ method: 'DELETE', url: `/api/v1/domains/${id}`, headers });
  const allowed = (query: string) => app.inject({ url: `/api/v1/domains/allowed${query}` });

  /** Adds `name`, answering the domain; throws unless 201. */
  const added = async (name: string, headers = owner): Promise<DomainInfo> => {
    const res = await add(name, headers);
    if (res.statusCode !== 201)
      throw new Error(`POST /api/v1/domains answered ${res.statusCode}: ${res.body}`);
    return res.json() as DomainInfo;
  };

  /** Verifies a domain now, answering it after the check; throws unless 200. */
  const verified = async (id: string, headers = owner): Promise<DomainInfo> => {
    const res = await verify(id, headers);
    if (res.statusCode !== 200) throw new Error(`verify answered ${res.statusCode}: ${res.body}`);
    return res.json() as DomainInfo;
  };

  /** The domain as its organisation's list shows it. */
  const shown = async (id: string, headers = owner): Promise<DomainInfo | undefined> =>
    ((await list(headers)).json() as { domains: DomainInfo[] }).domains.find((d) => d.id === id);

  /** A second organisation with a signed-in owner, made in the store. */
  const otherOrg = async (name: string) => {
    const orgId = randomBytes(16).toString('base64url');
    const now = t.clock.now();
    await t.accounts.createOrg({ id: orgId, name, createdAt: now, joinDomains: [] });
    const userId = randomBytes(16).toString('base64url');
    await t.accounts.createUser({
      id: userId,
      email: `owner@${name.toLowerCase()}.example`,
      name,
      createdAt: now,
    });
    await t.accounts.addMember({ orgId, userId, role: 'owner', createdAt: now });
    const { sessionToken, csrfToken } = await t.signIn(userId, orgId);
    return {
      orgId,
      headers: {
        cookie: `burnlink_session=${sessionToken}; burnlink_csrf=${csrfToken}`,
        origin: ORIGIN,
        'x-csrf-token': csrfToken,
      },
    };
  };

  return { ...t, owner, add, list, verify, remove, allowed, added, verified, shown, otherOrg };
}

/** dnsmasq records that publish these domains' `txt_record`s. */
export function published(...records: { name: string; value: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name, value } of records) out[name] = [...(out[name] ?? []), value];
  return out;
}
