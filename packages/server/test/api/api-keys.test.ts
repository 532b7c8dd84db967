import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { createAs, keyThroughApi as madeKey, type SignedIn, teamsApp } from './teams-support.js';

/** The API key lifecycle of docs/teams.md through HTTP: create, use, missing scope, expiry, rotation, revocation. */

const KEY_FORMAT = /^bl_[A-Za-z0-9_-]{16}_[A-Za-z0-9_-]{43}$/;

const createKey = (
  app: FastifyInstance,
  who: { headers: Record<string, string> },
  body: Record<string, unknown>,
) => app.inject({ method: 'POST', url: '/api/v1/keys', headers: who.headers, payload: body });

const listKeys = async (app: FastifyInstance, who: SignedIn) =>
  (await app.inject({ url: '/api/v1/keys', headers: who.headers })).json().keys as {
    id: string;
    state: string;
    expires_at: string;
    last_used_at: string | null;
  }[];

describe('API keys through HTTP', () => {
  test('created with a session: 201, shown once in the bl_<16>_<43> form, never listed again', async () => {
    const { app, people, member2, clock } = await teamsApp();
    const res = await createKey(app, people.member, {
      name: 'deploy bot',
      scopes: ['secrets:create', 'secrets:list'],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(KEY_FORMAT),
      name: 'deploy bot',
      scopes: ['secrets:create', 'secrets:list'],
      created_at: new Date(clock.now()).toISOString(),
      expires_at: new Date(clock.now() + 365 * 86_400_000).toISOString(),
    });
    expect(created.key.slice(3, 19)).toBe(created.id);

    const list = await app.inject({ url: '/api/v1/keys', headers: people.member.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().keys).toEqual([
      {
        id: created.id,
        name: 'deploy bot',
        scopes: ['secrets:create', 'secrets:list'],
        created_at: created.created_at,
        expires_at: created.expires_at,
        last_used_at: null,
        revoked_at: null,
        state: 'active',
        created_by: { id: people.member.userId, email: people.member.email, name: 'member' },
      },
    ]);
    const secretPart = created.key.slice(20);
    const hash = createHash('sha256').update(created.key).digest();
    for (const shown of [created.key, secretPart, hash.toString('hex'), hash.toString('base64url')]) {
      expect(list.body).not.toContain(shown);
    }
    // Another member does not see it; an admin (keys:manage) does, without the key either.
    expect(await listKeys(app, member2)).toEqual([]);
    const byAdmin = await app.inject({ url: '/api/v1/keys', headers: people.admin.headers });
    expect(byAdmin.json().keys.map((k: { id: string }) => k.id)).toEqual([created.id]);
    expect(byAdmin.body).not.toContain(secretPart);
  });

  test("a key's secrets are the organisation's: created with it, listed with it", async () => {
    const { app, people } = await teamsApp();
    const key = await madeKey(app, people.member, { scopes: ['secrets:create', 'secrets:list'] });
    const created = await createAs(app, key.headers);
    expect(created.statusCode).toBe(201);
    const anonymous = await createAs(app, {});
    expect(anonymous.statusCode).toBe(201);
    const list = await app.inject({ url: '/api/v1/secrets', headers: key.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().secrets).toEqual([
      expect.objectContaining({
        id: created.json().id,
        state: 'pending',
        creator: { id: people.member.userId, email: people.member.email, name: 'member' },
        key: { id: key.id, name: 'ci' },
        team: null,
      }),
    ]);
    // The creator sees it with their session too: a person's key acts as that person.
    const mine = await app.inject({ url: '/api/v1/secrets', headers: people.member.headers });
    expect(mine.json().secrets.map((s: { id: string }) => s.id)).toEqual([created.json().id]);
  });

  test('a missing scope is 403 insufficient_scope naming the scope', async () => {
    const { app, people } = await teamsApp();
    const listOnly = await madeKey(app, people.member, { scopes: ['secrets:list'] });
    const create = await createAs(app, listOnly.headers);
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('insufficient_scope');
    expect(create.json().error.message).toContain('secrets:create');
    const createOnly = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const list = await app.inject({ url: '/api/v1/secrets', headers: createOnly.headers });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.message).toContain('secrets:list');
    const { id } = (await createAs(app, createOnly.headers)).json();
    const burn = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/burn`,
      headers: createOnly.headers,
    });
    expect(burn.statusCode).toBe(403);
    expect(burn.json().error.message).toContain('secrets:burn');
    // A key without keys:manage makes no keys.
    const another = await createKey(app, createOnly, { name: 'x', scopes: ['secrets:create'] });
    expect(another.statusCode).toBe(403);
    expect(another.json().error).toMatchObject({ code: 'insufficient_scope' });
    expect(another.json().error.message).toContain('keys:manage');
  });

  test("scopes beyond the creator's role are refused (403) and nothing is made", async () => {
    const { app, people } = await teamsApp();
    for (const [who, scope] of [
      [people.member, 'members:manage'],
      [people.member, 'audit:read'],
      [people.auditor, 'secrets:create'],
      [people.auditor, 'keys:manage'],
    ] as const) {
      const res = await createKey(app, who, { name: 'too much', scopes: ['secrets:list', scope] });
      expect(res.statusCode, `${who.role} ${scope}`).toBe(403);
      expect(res.json().error.code).toBe('insufficient_scope');
      expect(res.json().error.message).toContain(scope);
    }
    expect(await listKeys(app, people.owner)).toEqual([]);
  });

  test('expiry: a key past expires_at is 401 invalid_api_key', async () => {
    const { app, people, clock } = await teamsApp();
    const key = await madeKey(app, people.member, { scopes: ['secrets:create'], expires_in: 3600 });
    expect(key.expires_at).toBe(new Date(clock.now() + 3_600_000).toISOString());
    expect((await createAs(app, key.headers)).statusCode).toBe(201);
    clock.advance(3_599_000);
    expect((await createAs(app, key.headers)).statusCode).toBe(201);
    clock.advance(1000);
    const expired = await createAs(app, key.headers);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('invalid_api_key');
    expect((await listKeys(app, people.member))[0]?.state).toBe('expired');
  });

  test('expires_in above BURNLINK_API_KEY_MAX_LIFETIME is 400; the default is capped by it', async () => {
    const { app, people, clock } = await teamsApp({ env: { BURNLINK_API_KEY_MAX_LIFETIME: '30d' } });
    const tooLong = await createKey(app, people.member, {
      name: 'x',
      scopes: ['secrets:create'],
      expires_in: 30 * 86_400 + 1,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('invalid_request');
    expect(tooLong.json().error.message).toContain(String(30 * 86_400));
    const longest = await madeKey(app, people.member, {
      scopes: ['secrets:create'],
      expires_in: 30 * 86_400,
    });
    expect(longest.expires_at).toBe(new Date(clock.now() + 30 * 86_400_000).toISOString());
    const byDefault = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    expect(byDefault.expires_at).toBe(longest.expires_at);
    expect(await listKeys(app, people.member)).toHaveLength(2);
  });

  test('rotation: a new key, the old one shortened; both work, then only the new one', async () => {
    const { app, people, clock } = await teamsApp();
    const old = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const fresh = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    // Shortening cannot lengthen: not past the current expiry, whoever asks.
    const longer = await app.inject({
      method: 'PATCH',
      url: `/api/v1/keys/${old.id}`,
      headers: people.member.headers,
      payload: { expires_in: 366 * 86_400 },
    });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error.code).toBe('invalid_request');
    const shortened = await app.inject({
      method: 'PATCH',
      url: `/api/v1/keys/${old.id}`,
      headers: people.member.headers,
      payload: { expires_in: 60 },
    });
    expect(shortened.statusCode).toBe(200);
    expect(shortened.json()).toMatchObject({
      id: old.id,
      state: 'active',
      expires_at: new Date(clock.now() + 60_000).toISOString(),
    });
    expect(shortened.body).not.toContain(old.key);
    expect((await createAs(app, old.headers)).statusCode).toBe(201);
    expect((await createAs(app, fresh.headers)).statusCode).toBe(201);
    // Once shortened, it cannot be lengthened back.
    const back = await app.inject({
      method: 'PATCH',
      url: `/api/v1/keys/${old.id}`,
      headers: people.member.headers,
      payload: { expires_in: 3600 },
    });
    expect(back.statusCode).toBe(400);
    clock.advance(61_000);
    const gone = await createAs(app, old.headers);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('invalid_api_key');
    expect((await createAs(app, fresh.headers)).statusCode).toBe(201);
  });

  test("revocation: 401 at once; another person's key is 404 without keys:manage", async () => {
    const { app, people, member2 } = await teamsApp();
    const key = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const theirs = await madeKey(app, member2, { scopes: ['secrets:create'] });
    const notMine = await app.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${theirs.id}`,
      headers: people.member.headers,
    });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('key_not_found');
    const shortenTheirs = await app.inject({
      method: 'PATCH',
      url: `/api/v1/keys/${theirs.id}`,
      headers: people.member.headers,
      payload: { expires_in: 60 },
    });
    expect(shortenTheirs.statusCode).toBe(404);
    expect((await createAs(app, theirs.headers)).statusCode).toBe(201);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${key.id}`,
      headers: people.member.headers,
    });
    expect(revoked.statusCode).toBe(204);
    const use = await createAs(app, key.headers);
    expect(use.statusCode).toBe(401);
    expect(use.json().error.code).toBe('invalid_api_key');
    const listed = (await listKeys(app, people.member)).find((k) => k.id === key.id);
    expect(listed?.state).toBe('revoked');
    // Revoking again is still 204 (idempotent); a key that never existed is 404.
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${key.id}`,
      headers: people.member.headers,
    });
    expect(again.statusCode).toBe(204);
    const unknown = await app.inject({
      method: 'DELETE',
      url: '/api/v1/keys/AAAAAAAAAAAAAAAA',
      headers: people.member.headers,
    });
    expect(unknown.statusCode).toBe(404);
    // An admin (keys:manage) revokes anyone's.
    const byAdmin = await app.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${theirs.id}`,
      headers: people.admin.headers,
    });
    expect(byAdmin.statusCode).toBe(204);
    expect((await createAs(app, theirs.headers)).statusCode).toBe(401);
  });

  test('a key without keys:manage sees and manages only itself, never its creator’s other keys', async () => {
    const { app, people } = await teamsApp();
    const ci = await madeKey(app, people.admin, { scopes: ['secrets:create'] });
    const other = await madeKey(app, people.admin, { scopes: ['secrets:list'] });
    const listed = await app.inject({ url: '/api/v1/keys', headers: ci.headers });
    expect(listed.json().keys.map((k: { id: string }) => k.id)).toEqual([ci.id]);
    for (const request of [
      { method: 'DELETE' as const, url: `/api/v1/keys/${other.id}` },
      { method: 'PATCH' as const, url: `/api/v1/keys/${other.id}`, payload: { expires_in: 60 } },
    ]) {
      const res = await app.inject({ ...request, headers: ci.headers });
      expect(res.statusCode, request.method).toBe(404);
      expect(res.json().error.code).toBe('key_not_found');
    }
    expect((await app.inject({ url: '/api/v1/secrets', headers: other.headers })).statusCode).toBe(200);
    // It may shorten or revoke itself (rotation from the machine that holds it).
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/v1/keys/${ci.id}`,
      headers: ci.headers,
      payload: { expires_in: 60 },
    });
    expect(self.statusCode).toBe(200);
    // A key with keys:manage makes keys with at most its own scopes, though its creator could grant more.
    const manager = await madeKey(app, people.admin, { scopes: ['keys:manage', 'secrets:list'] });
    const wider = await createKey(app, manager, { name: 'x', scopes: ['secrets:create'] });
    expect(wider.statusCode).toBe(403);
    expect(wider.json().error.message).toContain('secrets:create');
    const narrower = await createKey(app, manager, { name: 'y', scopes: ['secrets:list'] });
    expect(narrower.statusCode).toBe(201);
    const all = await app.inject({ url: '/api/v1/keys', headers: manager.headers });
    expect(all.json().keys).toHaveLength(4);
    const revokeOther = await app.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${other.id}`,
      headers: manager.headers,
    });
    expect(revokeOther.statusCode).toBe(204);
  });

  test('a key of a removed member stops working (401)', async () => {
    const { app, people, member2 } = await teamsApp();
    const key = await madeKey(app, member2, { scopes: ['secrets:create', 'secrets:list'] });
    expect((await createAs(app, key.headers)).statusCode).toBe(201);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member2.userId}`,
      headers: people.admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    const use = await createAs(app, key.headers);
    expect(use.statusCode).toBe(401);
    expect(use.json().error.code).toBe('invalid_api_key');
  });

  test("a key acts with its scopes and its creator's current role", async () => {
    const { app, people, member2 } = await teamsApp();
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member2.userId}`,
      headers: people.owner.headers,
      payload: { role: 'admin' },
    });
    const key = await madeKey(app, member2, { scopes: ['secrets:create', 'secrets:list'] });
    expect((await app.inject({ url: '/api/v1/secrets?scope=org', headers: key.headers })).statusCode).toBe(
      200,
    );
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member2.userId}`,
      headers: people.owner.headers,
      payload: { role: 'auditor' },
    });
    // Still listing (auditors list org-wide), no longer creating: the role took secrets:create away.
    expect((await app.inject({ url: '/api/v1/secrets?scope=org', headers: key.headers })).statusCode).toBe(
      200,
    );
    const create = await createAs(app, key.headers);
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('insufficient_scope');
  });

  test('an organisation key (no creator) acts with its scopes over the whole organisation', async () => {
    const { app, people, member2, keyFor } = await teamsApp();
    const orgKey = await keyFor(null, ['secrets:create', 'secrets:list', 'secrets:burn']);
    const bySomeone = (await createAs(app, member2.headers)).json();
    const byKey = await createAs(app, orgKey.headers);
    expect(byKey.statusCode).toBe(201);
    const me = (await app.inject({ url: '/api/v1/me', headers: orgKey.headers })).json();
    expect(me).toMatchObject({ auth: 'api_key', user: null, role: null, reach: 'org' });
    const org = await app.inject({ url: '/api/v1/secrets?scope=org', headers: orgKey.headers });
    expect(org.statusCode).toBe(200);
    const ids = org.json().secrets.map((s: { id: string }) => s.id);
    expect(ids.sort()).toEqual([bySomeone.id, byKey.json().id].sort());
    // Its own secrets: those it created, with no person as creator.
    const own = (await app.inject({ url: '/api/v1/secrets', headers: orgKey.headers })).json().secrets;
    expect(own).toEqual([
      expect.objectContaining({ id: byKey.json().id, creator: null, key: { id: orgKey.id, name: 'test' } }),
    ]);
    const burn = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${bySomeone.id}/burn`,
      headers: orgKey.headers,
    });
    expect(burn.statusCode).toBe(204);
    const receipt = await app.inject({ url: `/api/v1/receipts/${bySomeone.receipt}` });
    expect(receipt.json().state).toBe('burned');
    // It appears in the admins' list with no creator.
    const listed = (await listKeys(app, people.admin)).find((k) => k.id === orgKey.id);
    expect(listed).toMatchObject({ state: 'active', created_by: null });
  });

  test('last_used_at is set on first use and rewritten at most once an hour', async () => {
    const { app, people, clock } = await teamsApp();
    const key = await madeKey(app, people.member, { scopes: ['secrets:create'] });
    const lastUsed = async () => (await listKeys(app, people.member))[0]?.last_used_at;
    expect(await lastUsed()).toBeNull();
    const first = new Date(clock.now()).toISOString();
    await createAs(app, key.headers);
    expect(await lastUsed()).toBe(first);
    clock.advance(59 * 60_000);
    await createAs(app, key.headers);
    expect(await lastUsed()).toBe(first);
    clock.advance(60_000);
    const later = new Date(clock.now()).toISOString();
    await createAs(app, key.headers);
    expect(await lastUsed()).toBe(later);
  });
});
