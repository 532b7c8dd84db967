import type { OfficeHours, OrgPolicy } from '@burnlink/wire';
import { afterEach, describe, expect, test } from 'vitest';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { OPEN_POLICY } from '../../src/wire.js';
import { recordsOfType } from './audit-support.js';
import { teamsApp } from './teams-support.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

async function setup(env: Record<string, string> = {}, accounts = new MemoryAccountsStore()) {
  const t = await teamsApp({ env, accounts, webhooks: { autoStart: false } });
  cleanups.push(() => t.app.close());
  const get = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/v1/org/policy', headers });
  const put = (headers: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/org/policy', headers, payload: payload as object });
  const config = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/v1/config', headers });
  return { ...t, get, put, config };
}

const STRICT: OrgPolicy = {
  members_only: true,
  max_ttl: 3600,
  max_views: 1,
  passphrase_required: true,
  passphrase_min_length: 12,
  verification_required: false,
  recipient_domains: ['acme.example'],
  networks: { cidrs: ['10.0.0.0/8', '2001:db8::/32'], enforce: 'required' },
  countries: null,
  office_hours: {
    hours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as OfficeHours['days'],
      start: '08:00',
      end: '18:00',
      time_zone: 'Europe/Amsterdam',
    },
    enforce: 'default',
  },
  server_encryption: false,
  key_claim: false,
  requests: 'members',
};

describe('organisation policy (docs/teams.md, "Policies")', () => {
  test('an organisation that set none has the open policy, for any member', async () => {
    const { get, people } = await setup();
    for (const who of [people.owner, people.admin, people.member]) {
      const res = await get(who.cookieOnly);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ policy: OPEN_POLICY, updated_at: null });
    }
  });

  test('an owner sets it; everyone creating for the organisation reads it, normalised, with its time', async () => {
    const { put, get, people, keyFor, clock } = await setup();
    const res = await put(people.owner.headers, {
      ...STRICT,
      recipient_domains: ['ACME.example'],
    });
    expect(res.statusCode).toBe(200);
    const expected = {
      policy: STRICT,
      updated_at: new Date(clock.now()).toISOString(),
    };
    expect(res.json()).toEqual(expected);
    expect((await get(people.member.cookieOnly)).json()).toEqual(expected);
    const key = await keyFor(people.member, ['secrets:create']);
    expect((await get(key.headers)).json()).toEqual(expected);

    // Replaced whole: a second PUT is the policy, nothing of the first remains.
    const open = await put(people.admin.headers, OPEN_POLICY);
    expect(open.statusCode).toBe(200);
    expect((await get(people.member.cookieOnly)).json().policy).toEqual(OPEN_POLICY);
  });

  test('setting it needs policies:manage; reading it, secrets:create or policies:manage', async () => {
    const { put, get, people, keyFor } = await setup();
    for (const who of [people.member, people.auditor]) {
      const res = await put(who.headers, STRICT);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('insufficient_scope');
      expect(res.json().error.message).toContain('policies:manage');
    }
    const createOnly = await keyFor(people.owner, ['secrets:create']);
    expect((await put(createOnly.headers, STRICT)).statusCode).toBe(403);
    const manager = await keyFor(null, ['policies:manage']);
    expect((await put(manager.headers, STRICT)).statusCode).toBe(200);
    expect((await get(manager.headers)).statusCode).toBe(200);

    // An auditor neither creates nor manages policies; nor does a list-only key.
    expect((await get(people.auditor.cookieOnly)).statusCode).toBe(403);
    const listOnly = await keyFor(people.owner, ['secrets:list']);
    expect((await get(listOnly.headers)).json().error.code).toBe('insufficient_scope');
    expect((await get(people.member.cookieOnly)).json().policy).toEqual(STRICT);
  });

  test('anonymous callers are 401; a cookie PUT without the CSRF pair is 403 and changes nothing', async () => {
    const { put, get, people } = await setup();
    expect((await get()).statusCode).toBe(401);
    expect((await get()).json().error.code).toBe('unauthenticated');
    expect((await put({}, STRICT)).statusCode).toBe(401);
    const csrf = await put(people.owner.cookieOnly, STRICT);
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json().error.code).toBe('csrf_failed');
    expect((await get(people.owner.cookieOnly)).json().updated_at).toBeNull();
  });

  test('a policy that is not whole or not valid is 400 and changes nothing', async () => {
    const { put, get, people } = await setup();
    const { key_claim: _, ...partial } = STRICT;
    const cases: [unknown, string][] = [
      [partial, 'invalid_request'],
      [{ ...STRICT, extra: true }, 'invalid_request'],
      [{ ...STRICT, max_ttl: 0 }, 'invalid_request'],
      [{ ...STRICT, networks: { cidrs: ['10.0.0.0/33'], enforce: 'required' } }, 'invalid_restrictions'],
      [{ ...STRICT, networks: { cidrs: ['10.0.0.0/8'], enforce: 'always' } }, 'invalid_request'],
      [
        {
          ...STRICT,
          office_hours: { hours: { ...STRICT.office_hours!.hours, end: '07:00' }, enforce: 'default' },
        },
        'invalid_restrictions',
      ],
      [
        {
          ...STRICT,
          office_hours: {
            hours: { ...STRICT.office_hours!.hours, time_zone: 'Mars/Olympus' },
            enforce: 'default',
          },
        },
        'invalid_restrictions',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await put(people.owner.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await get(people.owner.cookieOnly)).json()).toEqual({ policy: OPEN_POLICY, updated_at: null });
  });

  test('country rules need the GeoIP database: without one the policy is refused, naming why', async () => {
    const { put, people } = await setup();
    const res = await put(people.owner.headers, {
      ...STRICT,
      countries: { allow: ['NL'], enforce: 'required' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('restriction_unavailable');
  });

  test('GET /api/v1/config adds the policy for a key or a session, and nothing for anonymous callers', async () => {
    const { put, config, people, keyFor } = await setup();
    const key = await keyFor(people.member, ['secrets:create']);
    const anonymous = await config();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).not.toHaveProperty('policy');
    expect((await config(key.headers)).json().policy).toBeNull();

    expect((await put(people.owner.headers, STRICT)).statusCode).toBe(200);
    // The node that changed it serves the new policy at once (its cache is replaced, not waited out).
    expect((await config(key.headers)).json().policy).toEqual(STRICT);
    expect((await config(people.member.cookieOnly)).json().policy).toEqual(STRICT);
    const withoutPolicy = (await config(key.headers)).json();
    delete withoutPolicy.policy;
    expect(withoutPolicy).toEqual(anonymous.json());
    // A browser's unrelated cookie is still anonymous; a bad key is refused, never anonymous.
    expect((await config({ cookie: 'theme=dark' })).json()).not.toHaveProperty('policy');
    expect((await config({ authorization: 'Bearer bl_nonsense' })).statusCode).toBe(401);
  });

  test('an anonymous config reads nothing of the accounts store; a key’s resolves the key and reads the policy', async () => {
    const accounts = new MemoryAccountsStore();
    const reads = { policy: 0, session: 0, key: 0 };
    const { getPolicy, sessionWithRole, keyWithRole } = accounts;
    accounts.getPolicy = (orgId) => {
      reads.policy++;
      return getPolicy.call(accounts, orgId);
    };
    accounts.sessionWithRole = (idHash) => {
      reads.session++;
      return sessionWithRole.call(accounts, idHash);
    };
    accounts.keyWithRole = (id) => {
      reads.key++;
      return keyWithRole.call(accounts, id);
    };
    const { config, people, keyFor } = await setup({}, accounts);
    const key = await keyFor(people.member, ['secrets:create']);
    for (let i = 0; i < 5; i++) expect((await config()).statusCode).toBe(200);
    expect(reads).toEqual({ policy: 0, session: 0, key: 0 });
    for (let i = 0; i < 5; i++) expect((await config(key.headers)).json().policy).toBeNull();
    // How often the policy is read again is the cache's (policies.test.ts, on a clock the test moves).
    expect(reads).toMatchObject({ session: 0, key: 5 });
    expect(reads.policy).toBeGreaterThanOrEqual(1);
  });

  test('each change is in the audit trail as policy.updated, by whoever made it', async () => {
    const { app, put, people, orgId, keyFor } = await setup();
    expect((await put(people.owner.headers, STRICT)).statusCode).toBe(200);
    const manager = await keyFor(null, ['policies:manage']);
    expect((await put(manager.headers, OPEN_POLICY)).statusCode).toBe(200);
    // Refused changes are not recorded as changes.
    await put(people.member.headers, STRICT);
    await put(people.owner.headers, { ...STRICT, max_views: -1 });
    const records = await recordsOfType(app, orgId, 'policy.updated');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      org: orgId,
      actor: { type: 'user', id: people.owner.userId },
      subject: { type: 'org', id: orgId },
      outcome: 'ok',
      details: {},
    });
    expect(records[1]).toMatchObject({ actor: { type: 'api_key', id: manager.id } });
  });
});
