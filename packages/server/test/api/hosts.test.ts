import { deriveAccess, toBase64Url } from '@burnlink/core';
import { describe, expect, test } from 'vitest';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { newApiKey } from '../../src/auth/api-key-format.js';
import { ACME, activeDomain, MAIN, suspend } from './hosts-support.js';
import { sendSecret, testApp } from './support.js';
import { linkParts, teamsApp } from './teams-support.js';

/**
 * The host check and link origins (docs/operations.md "Host names and custom domains"): Host-header injection
 * into server-encrypted links is refused, verified custom domains get their own links, secrets open on any
 * accepted host.
 */

const LISTED = { BURNLINK_ALLOWED_HOSTS: MAIN };

/** A server-encrypted create on `host`, with extra headers. */
const createOn = (app: Awaited<ReturnType<typeof testApp>>['app'], host: string, headers = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    headers: { host, ...headers },
    payload: { text: 'hunter2' },
  });

describe('Host-header injection', () => {
  test('with BURNLINK_ALLOWED_HOSTS, a create for another Host is 421 and stores nothing', async () => {
    const { app } = await testApp({ env: LISTED });
    const created: string[] = [];
    app.burnlinkEvents.on('secret.created', (event) => {
      created.push(event.secretId);
    });
    for (const host of ['evil.example', 'burnlink.example.evil.example', 'evil.example:80']) {
      const res = await createOn(app, host);
      expect(res.statusCode, host).toBe(421);
      expect(res.json().error.code).toBe('misdirected_request');
      expect(res.body).not.toContain('hunter2');
    }
    expect(created).toEqual([]);
    // Unknown routes and the web app's paths are refused the same way, not only the API.
    expect((await app.inject({ url: '/s/abc', headers: { host: 'evil.example' } })).statusCode).toBe(421);
    expect((await app.inject({ url: '/nope', headers: { host: 'evil.example' } })).statusCode).toBe(421);
    const ok = await createOn(app, `${MAIN}:8080`);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().link).toMatch(/^http:\/\/burnlink\.example:8080\/s\//);
    expect(created).toHaveLength(1);
    await app.close();
  });

  test('X-Forwarded-Host counts only from a trusted proxy', async () => {
    const untrusted = await testApp({ env: LISTED });
    const res = await createOn(untrusted.app, MAIN, {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().link).toMatch(/^http:\/\/burnlink\.example\/s\//);
    await untrusted.app.close();

    // inject's peer is 127.0.0.1: trusted here, so its X-Forwarded-Host is the host — and checked like one.
    const trusted = await testApp({ env: { ...LISTED, BURNLINK_TRUST_PROXY: '127.0.0.1' } });
    const refused = await createOn(trusted.app, MAIN, { 'x-forwarded-host': 'evil.example' });
    expect(refused.statusCode).toBe(421);
    const viaProxy = await createOn(trusted.app, 'node1.internal', {
      'x-forwarded-host': MAIN,
      'x-forwarded-proto': 'https',
    });
    expect(viaProxy.statusCode).toBe(201);
    expect(viaProxy.json().link).toMatch(/^https:\/\/burnlink\.example\/s\//);
    await trusted.app.close();
  });

  test('malformed Host headers are 400 invalid_host, with a list and with *', async () => {
    for (const env of [LISTED, {}]) {
      const { app } = await testApp({ env });
      const bad = ['user@burnlink.example', 'burnlink.example/x', 'a b.example', 'burnlink.example:80:81'];
      for (const host of [...bad, '[::g]:80', '[fe80::1', 'burnlink.example:99999', '..example']) {
        const res = await createOn(app, host);
        expect(res.statusCode, host).toBe(400);
        expect(res.json().error.code).toBe('invalid_host');
      }
      await app.close();
    }
  });

  test('with BURNLINK_PUBLIC_URL, links never follow the Host', async () => {
    const { app } = await testApp({ env: { BURNLINK_PUBLIC_URL: 'https://secrets.example.com' } });
    for (const host of ['evil.example', 'localhost', '127.0.0.1:8080']) {
      const res = await createOn(app, host);
      expect(res.statusCode, host).toBe(201);
      expect(res.json().link).toMatch(/^https:\/\/secrets\.example\.com\/s\//);
      expect(res.json().receipt_link).toMatch(/^https:\/\/secrets\.example\.com\/r\//);
    }
    await app.close();
  });

  test('probes, metrics and Caddy’s ask answer on any Host, even a malformed one', async () => {
    const { app } = await testApp({ env: LISTED });
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      for (const host of ['evil.example', '10.0.0.7:8080', 'a b']) {
        const res = await app.inject({ url, headers: { host } });
        expect(res.statusCode, `${url} on ${host}`).toBe(200);
      }
    }
    expect((await app.inject({ url: '/api/v1/config', headers: { host: '10.0.0.7' } })).statusCode).toBe(421);
    await app.close();
  });
});

describe('custom domains', () => {
  /** Acme (with its signed-in people) and its verified domain; the instance is `burnlink.example`. */
  async function acme(env: Record<string, string> = LISTED) {
    const accounts = new MemoryAccountsStore();
    const t = await teamsApp({ accounts, env });
    const domain = await activeDomain(accounts, t.orgId, ACME, t.clock.now());
    return { ...t, domain };
  }

  test('a server-encrypted create on the domain gets links on it, anonymous or a member', async () => {
    const t = await acme({ ...LISTED, BURNLINK_PUBLIC_URL: `https://${MAIN}` });
    const anonymous = await createOn(t.app, ACME);
    expect(anonymous.statusCode).toBe(201);
    expect(anonymous.json().link).toMatch(/^https:\/\/secrets\.acme\.example\/s\//);
    expect(anonymous.json().receipt_link).toMatch(/^https:\/\/secrets\.acme\.example\/r\//);
    const key = await t.keyFor(t.people.member, ['secrets:create']);
    const keyed = await createOn(t.app, ACME, key.headers);
    expect(keyed.json().link).toMatch(/^https:\/\/secrets\.acme\.example\/s\//);
    // On the main host a member's link still goes on the organisation's domain; an anonymous one does not.
    const onMain = await createOn(t.app, MAIN, key.headers);
    expect(onMain.json().link).toMatch(/^https:\/\/secrets\.acme\.example\/s\//);
    expect((await createOn(t.app, MAIN)).json().link).toMatch(/^https:\/\/burnlink\.example\/s\//);
    await t.app.close();
  });

  test('a client-encrypted create by a member on the main host answers link_origin; others none', async () => {
    const t = await acme();
    const key = await t.keyFor(t.people.member, ['secrets:create']);
    const body = {
      verifier: toBase64Url(new Uint8Array(32)),
      kdf: null,
      content: toBase64Url(new Uint8Array(40)),
    };
    const create = (host: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/secrets', headers: { host, ...headers }, payload: body });
    const member = await create(MAIN, key.headers);
    expect(member.statusCode).toBe(201);
    expect(member.json().link_origin).toBe(`https://${ACME}`);
    expect(member.json()).not.toHaveProperty('link');
    expect((await create(MAIN)).json()).not.toHaveProperty('link_origin');
    expect((await create(ACME)).json().link_origin).toBe(`http://${ACME}`);
    // Another organisation's member on Acme's domain: its own links, never Acme's.
    const otherOrg = newOrgId();
    await t.accounts.createOrg({ id: otherOrg, name: 'Bee', createdAt: t.clock.now(), joinDomains: [] });
    const bee = await keyOfOrg(t, otherOrg);
    const foreign = await create(ACME, bee);
    expect(foreign.statusCode).toBe(201);
    expect(foreign.json()).not.toHaveProperty('link_origin');
    const serverEncrypted = await createOn(t.app, ACME, bee);
    expect(serverEncrypted.json().link).toMatch(/^http:\/\/burnlink\.example\/s\//);
    await t.app.close();
  });

  test('a secret made on the domain opens on the main host, and one made on the main host on the domain', async () => {
    const t = await acme();
    const onDomain = await createOn(t.app, ACME);
    const { id, key } = linkParts(onDomain.json().link);
    const claim = (host: string, secretId: string, payload: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/secrets/${secretId}/claim`, headers: { host }, payload });
    const opened = await claim(MAIN, id, { key });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().text).toBe('hunter2');

    const sent = await sendSecret(t.app, { text: 'the other way' }, { host: MAIN });
    const { token } = await deriveAccess(sent.linkKey, null);
    expect(
      (await t.app.inject({ url: `/api/v1/secrets/${sent.id}`, headers: { host: ACME } })).statusCode,
    ).toBe(200);
    expect((await claim(ACME, sent.id, { token })).statusCode).toBe(200);
    await t.app.close();
  });

  test('a suspended domain is 421 with a list, and the main site with main links with *', async () => {
    const listed = await acme();
    await suspend(listed.accounts, listed.domain, listed.clock.now());
    expect((await createOn(listed.app, ACME)).statusCode).toBe(421);
    await listed.app.close();

    const open = await acme({ BURNLINK_PUBLIC_URL: `https://${MAIN}` });
    expect((await createOn(open.app, ACME)).json().link).toMatch(/^https:\/\/secrets\.acme\.example\/s\//);
    await suspend(open.accounts, open.domain, open.clock.now());
    // Each node keeps a name 5 seconds (the domain service invalidates its own node at once).
    open.clock.advance(5_001);
    const res = await createOn(open.app, ACME);
    expect(res.statusCode).toBe(201);
    expect(res.json().link).toMatch(/^https:\/\/burnlink\.example\/s\//);
    const branding = await open.app.inject({ url: '/api/v1/branding', headers: { host: ACME } });
    expect(branding.json()).toEqual({ branding: null });
    await open.app.close();
  });

  test('cookie-authenticated changes pass on the domain with its Origin, and fail with another', async () => {
    const t = await acme();
    const { cookie } = t.people.member.cookieOnly;
    const csrf = t.people.member.csrfToken;
    const change = (host: string, origin: string) =>
      createOn(t.app, host, { cookie, origin, 'x-csrf-token': csrf });
    expect((await change(ACME, `http://${ACME}`)).statusCode).toBe(201);
    expect((await change(MAIN, `http://${MAIN}`)).statusCode).toBe(201);
    for (const [host, origin] of [
      [ACME, `http://${MAIN}`],
      [MAIN, `http://${ACME}`],
      [ACME, `https://${ACME}`],
      [ACME, 'http://evil.example'],
    ] as const) {
      const res = await change(host, origin);
      expect(res.statusCode, `${origin} on ${host}`).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    await t.app.close();
  });
});

describe('links of the integrations', () => {
  test("Mattermost and the OTS API put links on the key's organisation's domain", async () => {
    const made = newApiKey();
    const accounts = new MemoryAccountsStore();
    const t = await teamsApp({
      accounts,
      env: { ...LISTED, BURNLINK_MATTERMOST_TOKEN: 'mm-token-5b1e', BURNLINK_MATTERMOST_API_KEY: made.key },
    });
    await accounts.createKey({
      id: made.id,
      orgId: t.orgId,
      createdBy: null,
      name: 'mattermost',
      scopes: ['secrets:create'],
      hash: made.hash,
      createdAt: t.clock.now(),
      expiresAt: t.clock.now() + 86_400_000,
      lastUsedAt: null,
      revokedAt: null,
    });
    await activeDomain(accounts, t.orgId, ACME, t.clock.now());
    const chat = await t.app.inject({
      method: 'POST',
      url: '/integrations/mattermost/command',
      headers: { host: MAIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        token: 'mm-token-5b1e',
        text: 'chat-secret',
        user_name: 'alice',
      }).toString(),
    });
    expect(chat.statusCode).toBe(200);
    expect(chat.json().text).toMatch(/https:\/\/secrets\.acme\.example\/s\/[\w-]{22}#/);
    expect(chat.json().text).toMatch(/https:\/\/secrets\.acme\.example\/r\//);

    const key = await t.keyFor(t.people.member, ['secrets:create']);
    const conceal = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/secret/conceal',
        headers: { host: MAIN, ...headers },
        payload: { secret: { secret: 'ots-secret' } },
      });
    const keyed = await conceal(key.headers);
    expect(keyed.statusCode).toBe(200);
    expect(keyed.json().record.share_domain).toBe(ACME);
    expect((await conceal({})).json().record.share_domain).toBe('');
    const v1 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/share',
      headers: { host: ACME },
      payload: { secret: 'ots-v1' },
    });
    expect(v1.json().share_domain).toBe(ACME);
    await t.app.close();
  });
});

const newOrgId = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/** An organisation key (no creator) of `orgId` with `secrets:create`, made in the store. */
async function keyOfOrg(
  t: Awaited<ReturnType<typeof teamsApp>>,
  orgId: string,
): Promise<Record<string, string>> {
  const made = newApiKey();
  await t.accounts.createKey({
    id: made.id,
    orgId,
    createdBy: null,
    name: 'bee',
    scopes: ['secrets:create'],
    hash: made.hash,
    createdAt: t.clock.now(),
    expiresAt: t.clock.now() + 86_400_000,
    lastUsedAt: null,
    revokedAt: null,
  });
  return { authorization: `Bearer ${made.key}` };
}
