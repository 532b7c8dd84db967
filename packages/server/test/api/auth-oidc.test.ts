import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LifecycleEvent } from '../../src/service/events.js';
import { startProvider, type TestProvider } from '../support/oidc-provider.js';
import { authApp, CookieJar, createInvite, createOrg, ORIGIN } from './auth-support.js';

const CALLBACK = `${ORIGIN}/api/v1/auth/oidc/callback`;
let provider: TestProvider;

beforeAll(async () => {
  provider = await startProvider({
    redirectUris: [CALLBACK],
    accounts: {
      'alice-sub': { email: 'Alice@Acme.test', email_verified: true, name: 'Alice Example' },
      'bob-sub': { email: 'bob@elsewhere.test', email_verified: true, name: 'Bob' },
      'mallory-sub': { email: 'mallory@acme.test', email_verified: false, name: 'Mallory' },
      'carol-sub': { email: 'carol@personal.test', email_verified: true, name: 'Carol' },
    },
  });
});
afterAll(() => provider.close());

async function oidcApp(issuer = provider.issuer) {
  const built = await authApp({
    env: {
      BURNLINK_OIDC_ISSUER: issuer,
      BURNLINK_OIDC_CLIENT_ID: provider.clientId,
      BURNLINK_OIDC_CLIENT_SECRET: provider.clientSecret,
      BURNLINK_OIDC_NAME: 'Acme SSO',
    },
  });
  const events: LifecycleEvent[] = [];
  for (const type of ['session.signed_in', 'session.sign_in_failed', 'member.added'] as const) {
    built.app.burnlinkEvents.on(type, (event) => {
      events.push(event);
    });
  }
  return { ...built, events };
}

async function get(app: FastifyInstance, jar: CookieJar, url: string) {
  return jar.take(await app.inject({ url, headers: { cookie: jar.header() } }));
}

/** Start → the provider's login as `account` → the callback; answers the final redirect. */
async function signIn(app: FastifyInstance, jar: CookieJar, account: string, query = '') {
  const start = await get(app, jar, `/api/v1/auth/oidc/start${query}`);
  expect(start.statusCode, start.body).toBe(302);
  const location = start.headers.location as string;
  if (!location.startsWith(provider.issuer)) return start;
  const back = await provider.login(location, account);
  expect(back.origin + back.pathname).toBe(CALLBACK);
  return get(app, jar, back.pathname + back.search);
}

const signedIn = async (app: FastifyInstance, jar: CookieJar) =>
  (await app.inject({ url: '/api/v1/passkeys', headers: { cookie: jar.header() } })).statusCode === 200;

describe('OpenID Connect sign-in against a real provider', () => {
  test('start redirects with PKCE S256, state and nonce; the ceremony cookie is HttpOnly and Lax', async () => {
    const { app } = await oidcApp();
    const jar = new CookieJar();
    const start = await get(app, jar, '/api/v1/auth/oidc/start?return_to=/settings');
    expect(start.statusCode).toBe(302);
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(jar.line('burnlink_oidc')).toMatch(
      /^burnlink_oidc=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=600; SameSite=Lax; HttpOnly$/,
    );
  });

  test('a verified email whose domain an organisation accepts joins it as member, then signs in again', async () => {
    const { app, store, clock, events } = await oidcApp();
    const org = await createOrg(store, clock.now(), 'Acme Corp', ['acme.test']);
    const jar = new CookieJar();
    const done = await signIn(app, jar, 'alice-sub', '?return_to=%2Fsettings%3Ftab%3Dkeys');
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/settings?tab=keys');
    expect(jar.cookies.has('burnlink_session')).toBe(true);
    expect(jar.cookies.has('burnlink_oidc')).toBe(false);
    expect(await signedIn(app, jar)).toBe(true);

    const user = await store.findUserByEmail('alice@acme.test');
    expect(user).toMatchObject({ email: 'alice@acme.test', name: 'Alice Example' });
    expect(await store.getMember(org.id, user!.id)).toMatchObject({ role: 'member' });
    expect(await store.findIdentity(provider.issuer, 'alice-sub')).toEqual({
      issuer: provider.issuer,
      subject: 'alice-sub',
      userId: user!.id,
    });
    expect(events.map((e) => e.type)).toEqual(['member.added', 'session.signed_in']);
    expect(events[1]).toMatchObject({ orgId: org.id, userId: user!.id, method: 'oidc' });

    // Again, in a new browser: the linked identity finds the same person; nobody is added twice.
    const again = new CookieJar();
    const second = await signIn(app, again, 'alice-sub');
    expect(second.headers.location).toBe('/dashboard');
    expect(await signedIn(app, again)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['member.added', 'session.signed_in', 'session.signed_in']);
  });

  test('no account: an unknown domain, or an unverified email, creates nobody', async () => {
    const { app, store, clock, events } = await oidcApp();
    await createOrg(store, clock.now(), 'Acme Corp', ['acme.test']);
    for (const account of ['bob-sub', 'mallory-sub']) {
      const jar = new CookieJar();
      const done = await signIn(app, jar, account);
      expect(done.statusCode).toBe(302);
      expect(done.headers.location).toBe('/sign-in?error=no_account');
      expect(jar.cookies.has('burnlink_session')).toBe(false);
    }
    expect(await store.findUserByEmail('bob@elsewhere.test')).toBeNull();
    expect(await store.findUserByEmail('mallory@acme.test')).toBeNull();
    expect(await store.findIdentity(provider.issuer, 'bob-sub')).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['session.sign_in_failed', 'session.sign_in_failed']);
  });

  test('with an invite: the invite is used, its role granted, and the identity linked', async () => {
    const { app, store, clock } = await oidcApp();
    const org = await createOrg(store, clock.now(), 'Carol Co');
    const invite = await createInvite(store, clock.now(), {
      orgId: org.id,
      email: 'carol@carol.test',
      role: 'admin',
    });
    const jar = new CookieJar();
    const done = await signIn(app, jar, 'carol-sub', `?invite=${invite}`);
    expect(done.headers.location).toBe('/dashboard');
    expect(await signedIn(app, jar)).toBe(true);
    const identity = await store.findIdentity(provider.issuer, 'carol-sub');
    expect(await store.getUser(identity!.userId)).toMatchObject({ email: 'carol@carol.test', name: 'Carol' });
    expect(await store.getMember(org.id, identity!.userId)).toMatchObject({ role: 'admin' });

    // The invite is spent: starting with it again goes nowhere near the provider.
    const reused = await get(app, new CookieJar(), `/api/v1/auth/oidc/start?invite=${invite}`);
    expect(reused.headers.location).toBe('/sign-in?error=invite_not_found');
  });

  test("an invite to someone who already signs in does not hand their account to the invite's holder", async () => {
    const { app, store, clock } = await oidcApp();
    const org = await createOrg(store, clock.now(), 'Carol Co');
    // Dave already signs in (a passkey, modelled by an identity link at another provider).
    const dave = {
      id: 'daveDaveDaveDaveDave00',
      email: 'dave@acme.test',
      name: 'Dave',
      createdAt: clock.now(),
    };
    await store.createUser(dave);
    await store.linkIdentity({ issuer: 'https://elsewhere.test', subject: 'dave', userId: dave.id });
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'dave@acme.test' });
    const done = await signIn(app, new CookieJar(), 'carol-sub', `?invite=${invite}`);
    expect(done.headers.location).toBe('/sign-in?error=account_exists');
    expect(await store.findIdentity(provider.issuer, 'carol-sub')).toBeNull();
    expect(await store.getMember(org.id, dave.id)).toBeNull();
  });

  test('the state must match the ceremony: a callback for another ceremony, or without one, fails', async () => {
    const { app } = await oidcApp();
    const victim = new CookieJar();
    const attacker = new CookieJar();
    await get(app, victim, '/api/v1/auth/oidc/start');
    const start = await get(app, attacker, '/api/v1/auth/oidc/start');
    const back = await provider.login(start.headers.location as string, 'alice-sub');
    // The attacker's code and state, delivered to the victim's browser (login CSRF): refused.
    const mixed = await get(app, victim, back.pathname + back.search);
    expect(mixed.headers.location).toBe('/sign-in?error=sign_in_failed');
    expect(victim.cookies.has('burnlink_session')).toBe(false);
    // No ceremony cookie at all.
    const none = await get(app, new CookieJar(), back.pathname + back.search);
    expect(none.headers.location).toBe('/sign-in?error=sign_in_failed');
    // The right browser, but the state changed on the way.
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'not-the-state');
    const wrong = await get(app, attacker, tampered.pathname + tampered.search);
    expect(wrong.headers.location).toBe('/sign-in?error=sign_in_failed');
    // And the ceremony was used by that attempt: the genuine callback cannot finish it afterwards.
    const late = await get(app, attacker, back.pathname + back.search);
    expect(late.headers.location).toBe('/sign-in?error=sign_in_failed');
  });

  test('return_to is a path of this site only', async () => {
    const { app, store, clock } = await oidcApp();
    await createOrg(store, clock.now(), 'Acme Corp', ['acme.test']);
    for (const [given, kept] of [
      ['//evil.example/x', '/dashboard'],
      ['https://evil.example/', '/dashboard'],
      ['/\\evil.example', '/dashboard'],
      ['settings', '/dashboard'],
      ['/settings#keys', '/settings#keys'],
    ]) {
      const done = await signIn(
        app,
        new CookieJar(),
        'alice-sub',
        `?return_to=${encodeURIComponent(given as string)}`,
      );
      expect(done.headers.location, given).toBe(kept);
    }
  });

  test('a provider that is down: a clear redirect, never a 500; it is asked again next time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { app } = await oidcApp(`http://127.0.0.1:${port}`);
    for (let i = 0; i < 2; i++) {
      const start = await get(app, new CookieJar(), '/api/v1/auth/oidc/start');
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/sign-in?error=provider_unavailable');
    }
  });

  test('an issuer with a trailing slash (Authentik, Auth0) works, though the configuration drops the slash', async () => {
    const slashed = await startProvider({
      redirectUris: [CALLBACK],
      accounts: { 'alice-sub': { email: 'alice@acme.test', email_verified: true } },
      path: '/application/o/burnlink/',
    });
    try {
      expect(slashed.issuer.endsWith('/')).toBe(true);
      const { app, store, clock } = await oidcApp(slashed.issuer);
      await createOrg(store, clock.now(), 'Acme Corp', ['acme.test']);
      const jar = new CookieJar();
      const start = await get(app, jar, '/api/v1/auth/oidc/start');
      expect(new URL(start.headers.location as string).origin).toBe(new URL(slashed.issuer).origin);
      const back = await slashed.login(start.headers.location as string, 'alice-sub');
      expect((await get(app, jar, back.pathname + back.search)).headers.location).toBe('/dashboard');
      expect(await store.findIdentity(slashed.issuer, 'alice-sub')).not.toBeNull();
    } finally {
      await slashed.close();
    }
  });

  test('a person who cancels at the provider comes back to the sign-in page', async () => {
    const { app } = await oidcApp();
    const jar = new CookieJar();
    const start = await get(app, jar, '/api/v1/auth/oidc/start');
    const state = new URL(start.headers.location as string).searchParams.get('state') as string;
    const query = new URLSearchParams({ error: 'access_denied', state, iss: provider.issuer });
    const back = await get(app, jar, `/api/v1/auth/oidc/callback?${query}`);
    expect(back.headers.location).toBe('/sign-in?error=sign_in_failed');
    expect(jar.cookies.has('burnlink_session')).toBe(false);
  });

  test('a provider that goes down mid-flow: provider_unavailable, and nobody is throttled for it', async () => {
    const flaky = await startProvider({
      redirectUris: [CALLBACK],
      accounts: { 'alice-sub': { email: 'alice@acme.test', email_verified: true } },
    });
    const { app } = await oidcApp(flaky.issuer);
    const backs: URL[] = [];
    const jars: CookieJar[] = [];
    for (let i = 0; i < 6; i++) {
      const jar = new CookieJar();
      const start = await get(app, jar, '/api/v1/auth/oidc/start');
      backs.push(await flaky.login(start.headers.location as string, 'alice-sub'));
      jars.push(jar);
    }
    await flaky.close();
    for (const [i, back] of backs.entries()) {
      const res = await get(app, jars[i] as CookieJar, back.pathname + back.search);
      expect(res.headers.location).toBe('/sign-in?error=provider_unavailable');
    }
    // Six outages later, a sign-in is still allowed to start (it is sent to the provider, known from before).
    const again = await get(app, new CookieJar(), '/api/v1/auth/oidc/start');
    expect(again.headers.location?.startsWith(flaky.issuer)).toBe(true);
  });

  test('failed callbacks count towards the per-address throttle', async () => {
    const { app } = await oidcApp();
    for (let i = 0; i < 5; i++) {
      const res = await get(app, new CookieJar(), '/api/v1/auth/oidc/callback?code=x&state=y');
      expect(res.headers.location).toBe('/sign-in?error=sign_in_failed');
    }
    const blocked = await get(app, new CookieJar(), '/api/v1/auth/oidc/start');
    expect(blocked.headers.location).toBe('/sign-in?error=rate_limited');
    // A passkey attempt from the same address is refused too.
    const passkey = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/sign-in',
      payload: {
        response: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'e30' } },
      },
    });
    expect(passkey.statusCode).toBe(429);
    expect(passkey.headers['retry-after']).toBeDefined();
  });
});
