import { createHash, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import { Sessions } from '../../src/auth/sessions.js';
import { loadConfig } from '../../src/config.js';
import { newRandomId } from '../../src/tokens.js';
import type { TestClock } from './support.js';
import { createAs, ORIGIN, teamsApp } from './teams-support.js';

/** Sessions and CSRF (docs/teams.md, Sessions): cookie flags, the Origin + token check, timeouts, sign-out. */

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const HTTPS_ORIGIN = 'https://secrets.example.com';

/**
 * What a sign-in route does at its end: `Sessions.issue` on a tiny Fastify app that shares the accounts store
 * and the clock with the app under test. Answers the `Set-Cookie` lines and the cookies as a browser sends them.
 */
async function issueCookies(
  accounts: AccountsStore,
  clock: TestClock,
  who: { userId: string; orgId: string },
  env: Record<string, string> = {},
  carried: Record<string, string> = {},
) {
  const config = loadConfig({ BURNLINK_STORE: 'memory:', ...env });
  const sessions = new Sessions({
    accounts,
    config: config.accounts,
    publicUrl: config.publicUrl,
    now: clock.now,
  });
  const signIn = Fastify();
  signIn.post('/sign-in', async (request, reply) => {
    const { csrfToken } = await sessions.issue(request, reply, who);
    return { csrfToken };
  });
  const res = await signIn.inject({
    method: 'POST',
    url: '/sign-in',
    headers: {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ...carried,
    },
  });
  await signIn.close();
  const setCookie = [res.headers['set-cookie'] ?? []].flat();
  const cookie = setCookie.map((line) => line.split(';')[0]).join('; ');
  return { setCookie, cookie, csrfToken: res.json().csrfToken as string };
}

const attributes = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((part) => part.trim());

describe('cookies set by Sessions.issue', () => {
  test('over http: burnlink_session HttpOnly, SameSite=Lax, Path=/; the CSRF cookie readable by the page', async () => {
    const t = await teamsApp();
    const issued = await issueCookies(t.accounts, t.clock, { userId: t.member2.userId, orgId: t.orgId });
    expect(issued.setCookie).toHaveLength(2);
    const [session = '', csrf = ''] = issued.setCookie;
    const maxAge = `Max-Age=${7 * 86_400}`;
    expect(session).toMatch(/^burnlink_session=[A-Za-z0-9_-]{43};/);
    expect(attributes(session).sort()).toEqual(['HttpOnly', maxAge, 'Path=/', 'SameSite=Lax'].sort());
    expect(csrf).toMatch(/^burnlink_csrf=[A-Za-z0-9_-]{43};/);
    expect(attributes(csrf).sort()).toEqual([maxAge, 'Path=/', 'SameSite=Lax'].sort());
    expect(issued.csrfToken).toBe(csrf.split(';')[0]?.split('=')[1]);

    // The store keeps hashes of both tokens, and the cookies work against the app.
    const token = session.split(';')[0]?.split('=')[1] ?? '';
    const stored = await t.accounts.getSession(sha256Hex(token));
    expect(stored).toMatchObject({ userId: t.member2.userId, csrfHash: sha256Hex(issued.csrfToken) });
    expect(stored?.label).toBe('Firefox on Linux');
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(issued.csrfToken);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: issued.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ auth: 'session', user: { id: t.member2.userId } });
    const create = await createAs(t.app, {
      cookie: issued.cookie,
      origin: ORIGIN,
      'x-csrf-token': issued.csrfToken,
    });
    expect(create.statusCode).toBe(201);
  });

  test('signing in ends the session the browser still carried (one browser, one live session)', async () => {
    const t = await teamsApp();
    const before = t.people.member;
    expect((await t.app.inject({ url: '/api/v1/me', headers: before.cookieOnly })).statusCode).toBe(200);
    const issued = await issueCookies(
      t.accounts,
      t.clock,
      { userId: t.member2.userId, orgId: t.orgId },
      {},
      before.cookieOnly,
    );
    expect(await t.accounts.getSession(sha256Hex(before.sessionToken))).toBeNull();
    expect((await t.app.inject({ url: '/api/v1/me', headers: before.cookieOnly })).statusCode).toBe(401);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: issued.cookie } });
    expect(me.json()).toMatchObject({ user: { id: t.member2.userId } });
    // The person's other sessions (other browsers) are not touched.
    const elsewhere = await t.signIn(t.people.member.userId);
    await issueCookies(t.accounts, t.clock, { userId: t.people.member.userId, orgId: t.orgId });
    expect(await t.accounts.getSession(sha256Hex(elsewhere.sessionToken))).not.toBeNull();
  });

  test('behind https (BURNLINK_PUBLIC_URL): __Host- names and Secure on both, never a Domain', async () => {
    const env = { BURNLINK_PUBLIC_URL: HTTPS_ORIGIN };
    const t = await teamsApp({ env });
    const issued = await issueCookies(t.accounts, t.clock, { userId: t.member2.userId, orgId: t.orgId }, env);
    const [session = '', csrf = ''] = issued.setCookie;
    expect(session).toMatch(/^__Host-burnlink_session=[A-Za-z0-9_-]{43};/);
    expect(attributes(session)).toEqual(
      expect.arrayContaining(['HttpOnly', 'Secure', 'Path=/', 'SameSite=Lax']),
    );
    expect(csrf).toMatch(/^__Host-burnlink_csrf=[A-Za-z0-9_-]{43};/);
    expect(attributes(csrf)).toEqual(expect.arrayContaining(['Secure', 'Path=/', 'SameSite=Lax']));
    expect(attributes(csrf)).not.toContain('HttpOnly');
    for (const line of issued.setCookie) expect(line.toLowerCase()).not.toContain('domain=');

    const headers = { cookie: issued.cookie, origin: HTTPS_ORIGIN, 'x-csrf-token': issued.csrfToken };
    expect((await createAs(t.app, headers)).statusCode).toBe(201);
    // The instance's origin is the public URL, not the request's Host.
    const viaHost = await createAs(t.app, { ...headers, origin: ORIGIN });
    expect(viaHost.statusCode).toBe(403);
    // The unprefixed name (which a subdomain could plant) is not read behind https.
    const unprefixed = issued.cookie.replaceAll('__Host-', '');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: unprefixed } });
    expect(me.statusCode).toBe(401);
    // Sign-out clears them under the same names, with Secure (a browser ignores a __Host- cookie without it).
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
    expect(out.statusCode).toBe(204);
    const cleared = [out.headers['set-cookie'] ?? []].flat();
    expect(cleared.map((line) => line.split(';')[0])).toEqual([
      '__Host-burnlink_session=',
      '__Host-burnlink_csrf=',
    ]);
    for (const line of cleared)
      expect(attributes(line)).toEqual(expect.arrayContaining(['Max-Age=0', 'Secure', 'Path=/']));
  });
});

describe('CSRF: cookie-authenticated changes need the Origin and the token', () => {
  test('POST, PATCH, PUT and DELETE without the token, a wrong one, a cross-site Origin, or no Origin: 403', async () => {
    const t = await teamsApp();
    const { app, people, member2 } = t;
    const admin = people.admin;
    const key = await t.keyFor(admin, ['secrets:create']);
    const team = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: admin.headers,
        payload: { name: 'Ops' },
      })
    ).json();
    const changes = [
      { method: 'POST' as const, url: '/api/v1/secrets', payload: { text: 'x' } },
      { method: 'POST' as const, url: '/api/v1/keys', payload: { name: 'k', scopes: ['secrets:create'] } },
      { method: 'PATCH' as const, url: `/api/v1/keys/${key.id}`, payload: { expires_in: 60 } },
      { method: 'PUT' as const, url: `/api/v1/teams/${team.id}/members/${member2.userId}` },
      { method: 'DELETE' as const, url: `/api/v1/keys/${key.id}` },
      { method: 'POST' as const, url: '/api/v1/auth/sign-out' },
    ];
    const cookie = `burnlink_session=${admin.sessionToken}; burnlink_csrf=${admin.csrfToken}`;
    const wrongToken = randomBytes(32).toString('base64url');
    const attempts: Record<string, Record<string, string>> = {
      'no token': { cookie, origin: ORIGIN },
      'a wrong token': { cookie, origin: ORIGIN, 'x-csrf-token': wrongToken },
      "another person's token": { cookie, origin: ORIGIN, 'x-csrf-token': member2.csrfToken },
      'a short token': { cookie, origin: ORIGIN, 'x-csrf-token': admin.csrfToken.slice(1) },
      'a cross-site Origin': { cookie, origin: 'https://evil.example', 'x-csrf-token': admin.csrfToken },
      'Origin null': { cookie, origin: 'null', 'x-csrf-token': admin.csrfToken },
      'no Origin and no Referer': { cookie, 'x-csrf-token': admin.csrfToken },
      'a cross-site Referer': {
        cookie,
        referer: 'https://evil.example/page',
        'x-csrf-token': admin.csrfToken,
      },
    };
    for (const change of changes) {
      for (const [name, headers] of Object.entries(attempts)) {
        const res = await app.inject({ ...change, headers });
        expect(res.statusCode, `${change.method} ${change.url}: ${name}`).toBe(403);
        expect(res.json().error.code).toBe('csrf_failed');
      }
    }
    // Nothing happened: the key still works, the team is empty, the admin is still signed in.
    expect((await createAs(app, key.headers)).statusCode).toBe(201);
    const teams = (await app.inject({ url: '/api/v1/teams', headers: admin.headers })).json().teams;
    expect(teams[0].members).toEqual([]);
    expect((await app.inject({ url: '/api/v1/keys', headers: admin.headers })).json().keys).toHaveLength(1);

    // With both, each goes through; a same-origin Referer stands in for a missing Origin.
    const ok = await app.inject({ ...changes[3]!, headers: admin.headers });
    expect(ok.statusCode).toBe(204);
    const byReferer = await createAs(app, {
      cookie,
      referer: `${ORIGIN}/dashboard`,
      'x-csrf-token': admin.csrfToken,
    });
    expect(byReferer.statusCode).toBe(201);
  });

  test('without BURNLINK_PUBLIC_URL the origin is the request’s, as a browser writes it (no default port)', async () => {
    const t = await teamsApp({ env: { BURNLINK_TRUST_PROXY: '1' } });
    const { sessionToken, csrfToken: token } = t.people.member;
    // A proxy that forwards `Host: secrets.example.com:443` over https: the browser's Origin has no port.
    const behindProxy = {
      cookie: `__Host-burnlink_session=${sessionToken}`,
      host: 'secrets.example.com:443',
      'x-forwarded-proto': 'https',
      'x-csrf-token': token,
    };
    const me = await t.app.inject({ url: '/api/v1/me', headers: behindProxy });
    expect(me.json().user.id).toBe(t.people.member.userId);
    expect((await createAs(t.app, { ...behindProxy, origin: HTTPS_ORIGIN })).statusCode).toBe(201);
    expect((await createAs(t.app, { ...behindProxy, referer: `${HTTPS_ORIGIN}/settings` })).statusCode).toBe(
      201,
    );
    for (const origin of ['http://secrets.example.com', 'https://secrets.example.com:8443', ORIGIN]) {
      const res = await createAs(t.app, { ...behindProxy, origin });
      expect(res.statusCode, origin).toBe(403);
    }
  });

  test('reads need no token; API-key requests need no CSRF check', async () => {
    const t = await teamsApp();
    const { app, people } = t;
    for (const url of [
      '/api/v1/me',
      '/api/v1/keys',
      '/api/v1/secrets',
      '/api/v1/sessions',
      '/api/v1/members',
    ]) {
      const res = await app.inject({ url, headers: people.admin.cookieOnly });
      expect(res.statusCode, url).toBe(200);
    }
    const key = await t.keyFor(people.admin, ['secrets:create', 'keys:manage']);
    const create = await createAs(app, { ...key.headers, origin: 'https://evil.example' });
    expect(create.statusCode).toBe(201);
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/keys',
      headers: key.headers,
      payload: { name: 'k2', scopes: ['secrets:create'] },
    });
    expect(made.statusCode).toBe(201);
  });
});

describe('session lifetime', () => {
  test('idle timeout (BURNLINK_SESSION_IDLE): a session in use lives on, one left idle ends', async () => {
    const t = await teamsApp({ env: { BURNLINK_SESSION_IDLE: '1h' } });
    const { app, people, clock } = t;
    const me = (headers: Record<string, string>) => app.inject({ url: '/api/v1/me', headers });
    for (let i = 0; i < 4; i++) {
      clock.advance(59 * 60_000);
      expect((await me(people.member.cookieOnly)).statusCode, `round ${i}`).toBe(200);
    }
    clock.advance(60 * 60_000);
    const ended = await me(people.member.cookieOnly);
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('unauthenticated');
    expect(await t.accounts.getSession(sha256Hex(people.member.sessionToken))).toBeNull();
    // Going through no longer: a change with the old cookies and token is anonymous, so refused.
    const keys = await app.inject({
      method: 'POST',
      url: '/api/v1/keys',
      headers: people.member.headers,
      payload: { name: 'k', scopes: ['secrets:create'] },
    });
    expect(keys.statusCode).toBe(401);
  });

  test('absolute timeout (BURNLINK_SESSION_MAX): ends however active', async () => {
    const t = await teamsApp({ env: { BURNLINK_SESSION_MAX: '2h', BURNLINK_SESSION_IDLE: '1h' } });
    const { app, people, clock } = t;
    for (let i = 0; i < 3; i++) {
      clock.advance(39 * 60_000);
      expect((await app.inject({ url: '/api/v1/me', headers: people.owner.cookieOnly })).statusCode).toBe(
        200,
      );
    }
    clock.advance(3 * 60_000);
    const ended = await app.inject({ url: '/api/v1/me', headers: people.owner.cookieOnly });
    expect(ended.statusCode).toBe(401);
  });
});

describe('sign-out and my sessions', () => {
  test('sign-out clears both cookies (Max-Age=0) and ends the session', async () => {
    const t = await teamsApp();
    const { app, people, accounts } = t;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: people.member.headers,
    });
    expect(out.statusCode).toBe(204);
    const cleared = [out.headers['set-cookie'] ?? []].flat();
    expect(cleared.map((line) => line.split(';')[0])).toEqual(['burnlink_session=', 'burnlink_csrf=']);
    for (const line of cleared) expect(attributes(line)).toContain('Max-Age=0');
    expect(await accounts.getSession(sha256Hex(people.member.sessionToken))).toBeNull();
    const me = await app.inject({ url: '/api/v1/me', headers: people.member.cookieOnly });
    expect(me.statusCode).toBe(401);
    // Signing out needs a session: an API key has none to end.
    const key = await t.keyFor(people.admin, ['secrets:create']);
    const byKey = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: key.headers });
    expect(byKey.statusCode).toBe(401);
    expect(byKey.json().error.code).toBe('unauthenticated');
  });

  test('sign out everywhere ends every session of the person, and nobody else’s', async () => {
    const t = await teamsApp();
    const { app, people, member2 } = t;
    const laptop = await t.signIn(people.member.userId);
    const laptopCookie = { cookie: `burnlink_session=${laptop.sessionToken}` };
    expect((await app.inject({ url: '/api/v1/me', headers: laptopCookie })).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: people.member.headers,
    });
    expect(out.statusCode).toBe(204);
    expect([out.headers['set-cookie'] ?? []].flat().every((line) => line.includes('Max-Age=0'))).toBe(true);
    for (const headers of [people.member.cookieOnly, laptopCookie]) {
      expect((await app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(401);
    }
    for (const other of [member2, people.admin]) {
      expect((await app.inject({ url: '/api/v1/me', headers: other.cookieOnly })).statusCode).toBe(200);
    }
  });

  test('GET /api/v1/sessions lists mine with current; DELETE ends one by id', async () => {
    const t = await teamsApp();
    const { app, people, member2, clock } = t;
    clock.advance(60_000);
    const phone = await t.signIn(people.member.userId);
    const phoneCookie = { cookie: `burnlink_session=${phone.sessionToken}` };
    const list = await app.inject({ url: '/api/v1/sessions', headers: people.member.headers });
    expect(list.statusCode).toBe(200);
    const sessions = list.json().sessions as { id: string; current: boolean; label: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s) => s.current)).toEqual([false, true]);
    for (const s of sessions) {
      expect(s.id).toMatch(/^[0-9a-f]{16}$/);
      expect(s.label).toBe('Test on Linux');
    }
    expect(list.body).not.toContain(people.member.sessionToken);
    expect(list.body).not.toContain(phone.sessionToken);
    expect(list.body).not.toContain(sha256Hex(phone.sessionToken));
    const phoneId = sessions.find((s) => !s.current)?.id ?? '';

    // Someone else's session id is not found for me; an API key has no sessions.
    const theirs = (await app.inject({ url: '/api/v1/sessions', headers: member2.headers })).json()
      .sessions[0].id;
    const notMine = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${theirs}`,
      headers: people.member.headers,
    });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('session_not_found');
    const key = await t.keyFor(people.member, ['secrets:list']);
    expect((await app.inject({ url: '/api/v1/sessions', headers: key.headers })).statusCode).toBe(401);

    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${phoneId}`,
      headers: people.member.headers,
    });
    expect(ended.statusCode).toBe(204);
    expect(ended.headers['set-cookie']).toBeUndefined();
    expect((await app.inject({ url: '/api/v1/me', headers: phoneCookie })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: member2.cookieOnly })).statusCode).toBe(200);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${phoneId}`,
      headers: people.member.headers,
    });
    expect(again.statusCode).toBe(404);
    // Ending the current one signs this browser out.
    const currentId = sessions.find((s) => s.current)?.id ?? '';
    const self = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${currentId}`,
      headers: people.member.headers,
    });
    expect(self.statusCode).toBe(204);
    expect([self.headers['set-cookie'] ?? []].flat()).toHaveLength(2);
    expect((await app.inject({ url: '/api/v1/me', headers: people.member.cookieOnly })).statusCode).toBe(401);
  });

  test('removing a member ends their sessions in that organisation, not in another', async () => {
    const t = await teamsApp();
    const { app, people, member2, accounts, clock } = t;
    const otherOrg = newRandomId();
    await accounts.createOrg({ id: otherOrg, name: 'Other', createdAt: clock.now(), joinDomains: [] });
    await accounts.addMember({
      orgId: otherOrg,
      userId: member2.userId,
      role: 'member',
      createdAt: clock.now(),
    });
    const elsewhere = await t.signIn(member2.userId, otherOrg);
    const elsewhereCookie = { cookie: `burnlink_session=${elsewhere.sessionToken}` };
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member2.userId}`,
      headers: people.admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(await accounts.getSession(sha256Hex(member2.sessionToken))).toBeNull();
    expect((await app.inject({ url: '/api/v1/me', headers: member2.cookieOnly })).statusCode).toBe(401);
    const there = await app.inject({ url: '/api/v1/me', headers: elsewhereCookie });
    expect(there.statusCode).toBe(200);
    expect(there.json().org).toEqual({ id: otherOrg, name: 'Other' });
  });
});
