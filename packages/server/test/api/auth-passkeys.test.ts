import { PasskeyList, SignedInReply } from '@burnlink/wire';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, test } from 'vitest';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { LifecycleEvent } from '../../src/service/events.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import {
  authApp,
  CookieJar,
  createInvite,
  createOrg,
  joinWithPasskey,
  ORIGIN,
  post,
  SoftAuthenticator,
  signInWithPasskey,
} from './auth-support.js';
import { T0, testClock } from './support.js';

/** Every way the body departs from the wire contract (empty when it follows it). */
const violations = (schema: TSchema, value: unknown) =>
  [...Value.Errors(schema, value)].map((e) => `${e.instancePath || '/'} ${e.message}`);

const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

function recordEvents(app: Awaited<ReturnType<typeof authApp>>['app']) {
  const seen: LifecycleEvent[] = [];
  for (const type of [
    'session.signed_in',
    'session.sign_in_failed',
    'passkey.added',
    'passkey.removed',
    'member.added',
  ] as const) {
    app.burnlinkEvents.on(type, (event) => {
      seen.push(event);
    });
  }
  return seen;
}

describe('passkeys: registration from an invite, then sign-in', () => {
  test('an invited person registers a passkey, is signed in, and later signs in with it', async () => {
    const { app, store, org, clock } = await authApp();
    const events = recordEvents(app);
    const invite = await createInvite(store, clock.now(), {
      orgId: org.id,
      email: 'alice@acme.test',
      role: 'admin',
    });
    const laptop = new SoftAuthenticator(ORIGIN);
    const jar = new CookieJar();

    const joined = await joinWithPasskey(app, jar, laptop, invite, 'Alice Example');
    expect(joined.statusCode, joined.body).toBe(200);
    const body = joined.json();
    expect(body).toMatchObject({
      user: { email: 'alice@acme.test', name: 'Alice Example' },
      org: { id: org.id, name: 'Acme' },
      role: 'admin',
      passkey: { name: 'Laptop', last_used_at: null },
    });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jar.cookies.get('burnlink_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jar.cookies.get('burnlink_csrf')).toBe(body.csrf_token);
    // The ceremony's cookie is gone once it is finished.
    expect(jar.cookies.has('burnlink_passkey')).toBe(false);

    expect(violations(SignedInReply, body)).toEqual([]);
    const mine = await app.inject({ url: '/api/v1/passkeys', headers: { cookie: jar.header() } });
    expect(mine.statusCode).toBe(200);
    expect(violations(PasskeyList, mine.json())).toEqual([]);
    expect(mine.json().passkeys).toEqual([
      { id: body.passkey.id, name: 'Laptop', created_at: body.passkey.created_at, last_used_at: null },
    ]);
    const stored = await store.getPasskey(body.passkey.id);
    expect(stored?.userId).toBe(body.user.id);
    expect(stored?.publicKey.length).toBeGreaterThan(60);

    // A new browser: sign in with the discoverable passkey alone.
    clock.advance(60_000);
    const other = new CookieJar();
    const options = await post(app, other, '/api/v1/auth/passkey/sign-in/options', {});
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({ rpId: 'burnlink.test', allowCredentials: [] });
    const signedIn = await post(app, other, '/api/v1/auth/passkey/sign-in', {
      response: laptop.assert(options.json()),
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { id: body.user.id }, org: { id: org.id }, role: 'admin' });
    expect(other.cookies.get('burnlink_session')).not.toBe(jar.cookies.get('burnlink_session'));
    const used = await store.getPasskey(body.passkey.id);
    expect(used?.counter).toBe(1);
    expect(used?.lastUsedAt).toBe(clock.now());

    expect(events.map((e) => e.type)).toEqual([
      'member.added',
      'passkey.added',
      'session.signed_in',
      'session.signed_in',
    ]);
    expect(events.at(-1)).toMatchObject({ orgId: org.id, userId: body.user.id, method: 'passkey' });
    expect(JSON.stringify(events)).not.toContain(invite);
  });

  test('a challenge is used once: replaying a response, or finishing twice, fails', async () => {
    const { app, store, org, clock } = await authApp();
    const laptop = new SoftAuthenticator(ORIGIN);
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    expect((await joinWithPasskey(app, new CookieJar(), laptop, invite)).statusCode).toBe(200);

    const jar = new CookieJar();
    const options = await post(app, jar, '/api/v1/auth/passkey/sign-in/options', {});
    const ceremony = jar.header();
    const response = laptop.assert(options.json());
    expect((await post(app, jar, '/api/v1/auth/passkey/sign-in', { response })).statusCode).toBe(200);

    // The same answer with the same ceremony cookie: the challenge is gone.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/sign-in',
      payload: { response },
      headers: { cookie: ceremony },
    });
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('sign_in_failed');

    // The same answer in a fresh ceremony: it signed another challenge.
    const fresh = new CookieJar();
    await post(app, fresh, '/api/v1/auth/passkey/sign-in/options', {});
    const replayed = await post(app, fresh, '/api/v1/auth/passkey/sign-in', { response });
    expect(replayed.statusCode).toBe(401);
    expect(errorCode(replayed)).toBe('sign_in_failed');
    expect(fresh.cookies.has('burnlink_session')).toBe(false);
  });

  test('an answer made for another origin fails, at registration and at sign-in', async () => {
    const { app, store, org, clock } = await authApp();
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    const phished = new SoftAuthenticator('http://burnlink.test.evil.example');
    const refused = await joinWithPasskey(app, new CookieJar(), phished, invite);
    expect(refused.statusCode).toBe(401);
    expect(errorCode(refused)).toBe('sign_in_failed');
    // Nothing was used: the invite still works from the right origin.
    const laptop = new SoftAuthenticator(ORIGIN);
    expect((await joinWithPasskey(app, new CookieJar(), laptop, invite)).statusCode).toBe(200);

    laptop.origin = 'https://burnlink.test';
    const wrong = await signInWithPasskey(app, new CookieJar(), laptop);
    expect(wrong.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('sign_in_failed');
  });

  test('an invite is used once; an unknown or expired one is refused before any ceremony', async () => {
    const { app, store, org, clock } = await authApp();
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'b@acme.test' });
    // Two ceremonies started with the same invite: the first to finish uses it.
    const first = new CookieJar();
    const second = new CookieJar();
    const a = new SoftAuthenticator(ORIGIN);
    const b = new SoftAuthenticator(ORIGIN);
    const optionsA = await post(app, first, '/api/v1/auth/passkey/register/options', { invite, name: 'B' });
    const optionsB = await post(app, second, '/api/v1/auth/passkey/register/options', { invite, name: 'B' });
    expect(optionsA.statusCode).toBe(200);
    expect(optionsB.statusCode).toBe(200);
    const done = await post(app, first, '/api/v1/auth/passkey/register', {
      response: a.register(optionsA.json()),
      name: 'A',
    });
    expect(done.statusCode).toBe(200);
    const late = await post(app, second, '/api/v1/auth/passkey/register', {
      response: b.register(optionsB.json()),
      name: 'B',
    });
    expect(late.statusCode).toBe(404);
    expect(errorCode(late)).toBe('invite_not_found');
    expect(second.cookies.has('burnlink_session')).toBe(false);

    const used = await post(app, new CookieJar(), '/api/v1/auth/passkey/register/options', { invite });
    expect(used.statusCode).toBe(404);
    expect(errorCode(used)).toBe('invite_not_found');
    const unknown = await post(app, new CookieJar(), '/api/v1/auth/passkey/register/options', {
      invite: 'x'.repeat(43),
    });
    expect(errorCode(unknown)).toBe('invite_not_found');
    const expiring = await createInvite(store, clock.now(), {
      orgId: org.id,
      email: 'c@acme.test',
      lifetimeMs: 1000,
    });
    clock.advance(1000);
    const expired = await post(app, new CookieJar(), '/api/v1/auth/passkey/register/options', {
      invite: expiring,
    });
    expect(errorCode(expired)).toBe('invite_not_found');
    // Without an invite, registering needs a session.
    const anonymous = await post(app, new CookieJar(), '/api/v1/auth/passkey/register/options', {});
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
  });

  test('bad input is a 4xx from the catalogue, never a 500', async () => {
    const { app } = await authApp();
    const jar = new CookieJar();
    const cases: [string, object, number, string][] = [
      ['/api/v1/auth/passkey/register', {}, 400, 'invalid_request'],
      ['/api/v1/auth/passkey/register', { response: { id: 'AA' }, name: 'x' }, 400, 'invalid_request'],
      ['/api/v1/auth/passkey/register/options', { invite: 5 }, 400, 'invalid_request'],
      ['/api/v1/auth/passkey/sign-in', { response: 'nope' }, 400, 'invalid_request'],
    ];
    for (const [url, payload, status, code] of cases) {
      const res = await post(app, jar, url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      expect(errorCode(res)).toBe(code);
    }
    // Well-formed but nonsense answers, with and without a ceremony: 401 sign_in_failed.
    const nonsense = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'e30', attestationObject: '', authenticatorData: 'AA', signature: 'AA' },
    };
    const noCeremony = await post(app, jar, '/api/v1/auth/passkey/sign-in', { response: nonsense });
    expect(errorCode(noCeremony)).toBe('sign_in_failed');
    await post(app, jar, '/api/v1/auth/passkey/sign-in/options', {});
    const garbage = await post(app, jar, '/api/v1/auth/passkey/sign-in', { response: nonsense });
    expect(garbage.statusCode).toBe(401);
    expect(errorCode(garbage)).toBe('sign_in_failed');
  });
});

test('a ceremony started on one node finishes on another, once', async () => {
  const accounts = new MemoryAccountsStore();
  const node = async () =>
    buildApp({
      config: loadConfig({
        BURNLINK_STORE: 'memory:',
        BURNLINK_RATE_LIMITS: 'off',
        BURNLINK_WEB_DIR: '/nonexistent-burnlink-web',
        BURNLINK_PUBLIC_URL: ORIGIN,
      }),
      store: new MemoryStore(),
      accounts,
      now: () => T0,
      logger: false,
    });
  const [a, b] = [await node(), await node()];
  const org = await createOrg(accounts, T0, 'Acme');
  const invite = await createInvite(accounts, T0, { orgId: org.id, email: 'n@acme.test' });
  const laptop = new SoftAuthenticator(ORIGIN);
  const jar = new CookieJar();
  const options = await post(a, jar, '/api/v1/auth/passkey/register/options', { invite, name: 'N' });
  const response = laptop.register(options.json());
  const ceremony = jar.header();
  expect((await post(b, jar, '/api/v1/auth/passkey/register', { response, name: 'L' })).statusCode).toBe(200);
  const again = await a.inject({
    method: 'POST',
    url: '/api/v1/auth/passkey/register',
    payload: { response, name: 'L' },
    headers: { cookie: ceremony },
  });
  expect(errorCode(again)).toBe('sign_in_failed');
  const signIn = new CookieJar();
  const request = await post(b, signIn, '/api/v1/auth/passkey/sign-in/options', {});
  const done = await post(a, signIn, '/api/v1/auth/passkey/sign-in', {
    response: laptop.assert(request.json()),
  });
  expect(done.statusCode).toBe(200);
});

describe('an invite to someone who already has an account', () => {
  test("its holder cannot add a passkey to that person's account; the person, signed in, can use it", async () => {
    const { app, store, org, clock } = await authApp();
    const victim = new SoftAuthenticator(ORIGIN);
    const jar = new CookieJar();
    const first = await createInvite(store, clock.now(), {
      orgId: org.id,
      email: 'vic@acme.test',
      role: 'owner',
    });
    const joined = (await joinWithPasskey(app, jar, victim, first)).json();
    // Another organisation's admin invites the same address and opens the invite themselves.
    const other = await createOrg(store, clock.now(), 'Other');
    const second = await createInvite(store, clock.now(), { orgId: other.id, email: 'vic@acme.test' });
    const attacker = new SoftAuthenticator(ORIGIN);
    const refused = await joinWithPasskey(app, new CookieJar(), attacker, second);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('forbidden');
    expect(await store.listPasskeys(joined.user.id)).toHaveLength(1);
    // Vic, signed in, accepts it with another passkey and lands in the new organisation.
    const csrf = { origin: ORIGIN, token: joined.csrf_token };
    const options = await post(app, jar, '/api/v1/auth/passkey/register/options', { invite: second }, csrf);
    expect(options.statusCode, options.body).toBe(200);
    const accepted = await post(app, jar, '/api/v1/auth/passkey/register', {
      response: new SoftAuthenticator(ORIGIN).register(options.json()),
      name: 'Phone',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { id: joined.user.id }, org: { id: other.id } });
  });
});

describe('throttling failed sign-ins', () => {
  test('after 5 failures in 15 minutes every attempt from the address gets 429, a correct one too', async () => {
    const clock = testClock();
    const { app, store, org } = await authApp({ clock });
    const events = recordEvents(app);
    const laptop = new SoftAuthenticator(ORIGIN);
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    expect((await joinWithPasskey(app, new CookieJar(), laptop, invite)).statusCode).toBe(200);
    const thief = new SoftAuthenticator(ORIGIN);
    thief.register({ challenge: 'AAAA', rp: { id: 'burnlink.test' }, user: { id: 'AAAA' } });

    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      const res = await signInWithPasskey(app, new CookieJar(), thief);
      expect(res.statusCode).toBe(401);
    }
    const blocked = await signInWithPasskey(app, new CookieJar(), laptop);
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe('rate_limited');
    // The first failure was 4 minutes ago: it leaves the 15-minute window in 11 minutes.
    expect(Number(blocked.headers['retry-after'])).toBe(660);
    expect(events.filter((e) => e.type === 'session.sign_in_failed')).toHaveLength(5);
    expect(
      events.filter((e) => e.type === 'session.sign_in_failed').map((e) => 'reason' in e && e.reason),
    ).toEqual(Array(5).fill('unknown_passkey'));

    // Another address is not affected.
    const elsewhere = new CookieJar();
    const options = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/sign-in/options',
      payload: {},
      remoteAddress: '192.0.2.7',
    });
    elsewhere.take(options);
    const fine = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/sign-in',
      payload: { response: laptop.assert(options.json()) },
      headers: { cookie: elsewhere.header() },
      remoteAddress: '192.0.2.7',
    });
    expect(fine.statusCode).toBe(200);

    clock.advance(660_000 - 1000);
    expect((await signInWithPasskey(app, new CookieJar(), laptop)).statusCode).toBe(429);
    clock.advance(1000);
    const again = await signInWithPasskey(app, new CookieJar(), laptop);
    expect(again.statusCode, again.body).toBe(200);
  });
});

test('starting ceremonies is rate-limited per address (the claim bucket): each one stores a challenge', async () => {
  const { app } = await authApp({ env: { BURNLINK_RATE_LIMITS: 'claim=3/1m' } });
  const starts = [];
  for (let i = 0; i < 4; i++)
    starts.push(await post(app, new CookieJar(), '/api/v1/auth/passkey/sign-in/options', {}));
  expect(starts.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
  expect(errorCode(starts[3] as (typeof starts)[number])).toBe('rate_limited');
});

describe('cookies', () => {
  test('behind https: __Host- names, HttpOnly session, SameSite=Lax, Secure; the ceremony cookie too', async () => {
    const { app, store, org, clock } = await authApp({
      env: { BURNLINK_PUBLIC_URL: 'https://burnlink.test' },
    });
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    const jar = new CookieJar();
    const joined = await joinWithPasskey(app, jar, new SoftAuthenticator('https://burnlink.test'), invite);
    expect(joined.statusCode, joined.body).toBe(200);
    const attributes = (line: string | undefined) =>
      (line ?? '')
        .split(';')
        .slice(1)
        .map((a) => a.trim())
        .sort();
    expect(attributes(jar.line('__Host-burnlink_session'))).toEqual(
      ['HttpOnly', 'Max-Age=604800', 'Path=/', 'SameSite=Lax', 'Secure'].sort(),
    );
    expect(attributes(jar.line('__Host-burnlink_csrf'))).toEqual(
      ['Max-Age=604800', 'Path=/', 'SameSite=Lax', 'Secure'].sort(),
    );
    const ceremony = jar.lines.find(
      (line) => line.startsWith('__Host-burnlink_passkey=') && !line.includes('Max-Age=0'),
    );
    expect(attributes(ceremony)).toEqual(
      ['HttpOnly', 'Max-Age=300', 'Path=/', 'SameSite=Lax', 'Secure'].sort(),
    );
  });

  test('over plain http: no Secure, no __Host- prefix; still HttpOnly and SameSite=Lax', async () => {
    const { app, store, org, clock } = await authApp();
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    const jar = new CookieJar();
    expect((await joinWithPasskey(app, jar, new SoftAuthenticator(ORIGIN), invite)).statusCode).toBe(200);
    expect(jar.line('burnlink_session')).toMatch(/; HttpOnly/);
    expect(jar.line('burnlink_session')).toMatch(/; SameSite=Lax/);
    expect(jar.line('burnlink_session')).not.toMatch(/Secure/);
  });
});

describe('my passkeys', () => {
  test('a signed-in person adds another passkey, lists and removes them, but keeps the last one', async () => {
    const { app, store, org, clock } = await authApp();
    const events = recordEvents(app);
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'a@acme.test' });
    const jar = new CookieJar();
    const laptop = new SoftAuthenticator(ORIGIN);
    const joined = (await joinWithPasskey(app, jar, laptop, invite)).json();
    const csrf = { origin: ORIGIN, token: joined.csrf_token };

    // Adding one needs the session and its CSRF pair.
    const noCsrf = await post(app, jar, '/api/v1/auth/passkey/register/options', {});
    expect(noCsrf.statusCode).toBe(403);
    expect(errorCode(noCsrf)).toBe('csrf_failed');
    const phone = new SoftAuthenticator(ORIGIN);
    const options = await post(app, jar, '/api/v1/auth/passkey/register/options', {}, csrf);
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().excludeCredentials).toEqual([
      expect.objectContaining({ id: joined.passkey.id, type: 'public-key' }),
    ]);
    const added = await post(
      app,
      jar,
      '/api/v1/auth/passkey/register',
      { response: phone.register(options.json()), name: 'Phone' },
      csrf,
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      user: { id: joined.user.id },
      csrf_token: null,
      passkey: { name: 'Phone' },
    });
    const list = await app.inject({ url: '/api/v1/passkeys', headers: { cookie: jar.header() } });
    expect(
      list
        .json()
        .passkeys.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['Laptop', 'Phone']);
    // The phone signs in too.
    expect((await signInWithPasskey(app, new CookieJar(), phone)).statusCode).toBe(200);

    const remove = (
      id: string,
      headers: Record<string, string> = { origin: ORIGIN, 'x-csrf-token': csrf.token },
    ) =>
      app.inject({
        method: 'DELETE',
        url: `/api/v1/passkeys/${id}`,
        headers: { cookie: jar.header(), ...headers },
      });
    expect((await remove(joined.passkey.id, {})).statusCode).toBe(403);
    expect((await remove(joined.passkey.id)).statusCode).toBe(204);
    const last = await remove(added.json().passkey.id);
    expect(last.statusCode).toBe(409);
    expect(errorCode(last)).toBe('last_passkey');
    expect(errorCode(await remove(joined.passkey.id))).toBe('passkey_not_found');
    // With an identity provider to sign in with, the last one may go.
    await store.linkIdentity({ issuer: 'https://idp.test', subject: 'alice', userId: joined.user.id });
    expect((await remove(added.json().passkey.id)).statusCode).toBe(204);
    expect(events.filter((e) => e.type === 'passkey.removed')).toHaveLength(2);
    // The removed laptop passkey no longer signs in.
    expect((await signInWithPasskey(app, new CookieJar(), laptop)).statusCode).toBe(401);

    // Someone else's passkey is not mine to remove; anonymous callers get 401.
    expect((await app.inject({ url: '/api/v1/passkeys' })).statusCode).toBe(401);
  });
});

test('GET /api/v1/config says how one signs in', async () => {
  const { app } = await authApp();
  expect((await app.inject({ url: '/api/v1/config' })).json().auth).toEqual({
    anonymous_create: true,
    oidc: null,
    passkeys: true,
  });
  const { app: withIdp } = await authApp({
    env: {
      BURNLINK_ANONYMOUS_CREATE: 'off',
      BURNLINK_OIDC_ISSUER: 'https://login.example.com',
      BURNLINK_OIDC_CLIENT_ID: 'burnlink',
      BURNLINK_OIDC_CLIENT_SECRET: 'secret',
      BURNLINK_OIDC_NAME: 'Acme SSO',
    },
  });
  expect((await withIdp.inject({ url: '/api/v1/config' })).json().auth).toEqual({
    anonymous_create: false,
    oidc: { name: 'Acme SSO' },
    passkeys: true,
  });
});
