import { describe, expect, test } from 'vitest';
import type { Role } from '../../src/accounts/roles.js';
import { createAs, teamsApp } from './teams-support.js';

/**
 * The role matrix of docs/teams.md, written out here (not read from the code), tried through the HTTP API for
 * every role and every permission: allowed gets the route's success, denied its refusal.
 */
const MATRIX: Record<Role, Record<string, boolean>> = {
  owner: {
    'secrets:create': true,
    'secrets:list': true,
    'secrets:list org-wide': true,
    "secrets:burn another member's secret": true,
    'audit:read': true,
    'keys:manage': true,
    'members:manage': true,
    'policies:manage': true,
    'webhooks:manage': true,
    'grant owner': true,
  },
  admin: {
    'secrets:create': true,
    'secrets:list': true,
    'secrets:list org-wide': true,
    "secrets:burn another member's secret": true,
    'audit:read': true,
    'keys:manage': true,
    'members:manage': true,
    'policies:manage': true,
    'webhooks:manage': true,
    'grant owner': false,
  },
  auditor: {
    'secrets:create': false,
    'secrets:list': true,
    'secrets:list org-wide': true,
    "secrets:burn another member's secret": false,
    'audit:read': true,
    'keys:manage': false,
    'members:manage': false,
    'policies:manage': false,
    'webhooks:manage': false,
    'grant owner': false,
  },
  member: {
    'secrets:create': true,
    'secrets:list': true,
    'secrets:list org-wide': false,
    "secrets:burn another member's secret": false,
    'audit:read': false,
    'keys:manage': false,
    'members:manage': false,
    'policies:manage': false,
    'webhooks:manage': false,
    'grant owner': false,
  },
};

const cases = Object.entries(MATRIX).flatMap(([role, permissions]) =>
  Object.entries(permissions).map(([permission, allowed]) => ({ role: role as Role, permission, allowed })),
);

describe('the role matrix, through the HTTP API', () => {
  test.each(cases)('$role: $permission → allowed $allowed', async ({ role, permission, allowed }) => {
    const t = await teamsApp();
    const who = t.people[role];
    const { app } = t;
    let status: number;
    let code: string | undefined;
    const run = async (response: Awaited<ReturnType<typeof app.inject>>) => {
      status = response.statusCode;
      code = status >= 400 ? response.json().error.code : undefined;
    };
    switch (permission) {
      case 'secrets:create':
        await run(await createAs(app, who.headers));
        expect(status!).toBe(allowed ? 201 : 403);
        break;
      case 'secrets:list':
        await run(await app.inject({ url: '/api/v1/secrets?scope=own', headers: who.headers }));
        expect(status!).toBe(allowed ? 200 : 403);
        break;
      case 'secrets:list org-wide':
        await run(await app.inject({ url: '/api/v1/secrets?scope=org', headers: who.headers }));
        expect(status!).toBe(allowed ? 200 : 403);
        break;
      case "secrets:burn another member's secret": {
        const created = (await createAs(app, t.member2.headers)).json();
        await run(
          await app.inject({
            method: 'POST',
            url: `/api/v1/secrets/${created.id}/burn`,
            headers: who.headers,
          }),
        );
        expect(status!).toBe(allowed ? 204 : 403);
        const receipt = await app.inject({ url: `/api/v1/receipts/${created.receipt}` });
        expect(receipt.json().state).toBe(allowed ? 'burned' : 'pending');
        break;
      }
      case 'keys:manage': {
        // Someone else's key: a manager revokes it; anyone else cannot even see it.
        const other = await t.keyFor(t.member2, ['secrets:create']);
        await run(
          await app.inject({ method: 'DELETE', url: `/api/v1/keys/${other.id}`, headers: who.headers }),
        );
        expect(status!).toBe(allowed ? 204 : 404);
        const use = await createAs(app, other.headers);
        expect(use.statusCode).toBe(allowed ? 401 : 201);
        break;
      }
      case 'members:manage':
        await run(
          await app.inject({
            method: 'POST',
            url: '/api/v1/invites',
            headers: who.headers,
            payload: { email: 'new@acme.example', role: 'member' },
          }),
        );
        expect(status!).toBe(allowed ? 201 : 403);
        break;
      case 'grant owner':
        await run(
          await app.inject({
            method: 'PATCH',
            url: `/api/v1/members/${t.member2.userId}`,
            headers: who.headers,
            payload: { role: 'owner' },
          }),
        );
        expect(status!).toBe(allowed ? 200 : 403);
        break;
      default: {
        // audit:read, policies:manage, webhooks:manage: their routes come with later issues; a role holds the
        // scope exactly when it may hand it to a key of its own.
        await run(
          await app.inject({
            method: 'POST',
            url: '/api/v1/keys',
            headers: who.headers,
            payload: { name: 'k', scopes: [permission] },
          }),
        );
        expect(status!).toBe(allowed ? 201 : 403);
        const me = (await app.inject({ url: '/api/v1/me', headers: who.headers })).json();
        expect(me.scopes.includes(permission)).toBe(allowed);
      }
    }
    if (!allowed && status! === 403) {
      expect(['insufficient_scope', 'forbidden']).toContain(code);
    }
  });

  test('a refusal for a missing scope names the scope', async () => {
    const t = await teamsApp();
    const res = await createAs(t.app, t.people.auditor.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'insufficient_scope' });
    expect(res.json().error.message).toContain('secrets:create');
  });

  test("a member burns their own and their team's secrets, not another member's", async () => {
    const t = await teamsApp();
    const { app, people, member2 } = t;
    const team = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: people.admin.headers,
        payload: { name: 'Ops' },
      })
    ).json();
    for (const who of [people.member, member2]) {
      const added = await app.inject({
        method: 'PUT',
        url: `/api/v1/teams/${team.id}/members/${who.userId}`,
        headers: people.admin.headers,
      });
      expect(added.statusCode).toBe(204);
    }
    const own = (await createAs(app, people.member.headers)).json();
    const teamSecret = (await createAs(app, member2.headers, { team: team.id })).json();
    const private2 = (await createAs(app, member2.headers)).json();
    const burn = (id: string) =>
      app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/burn`, headers: people.member.headers });
    expect((await burn(own.id)).statusCode).toBe(204);
    expect((await burn(teamSecret.id)).statusCode).toBe(204);
    const refused = await burn(private2.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
  });

  test('anyone outside the organisation is refused: anonymous 401, another organisation 404', async () => {
    const t = await teamsApp();
    const created = (await createAs(t.app, t.people.member.headers)).json();
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/secrets/${created.id}/burn` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    await t.accounts.createOrg({
      id: 'other-org-id-xxxxxxxxx',
      name: 'Other',
      createdAt: t.clock.now(),
      joinDomains: [],
    });
    const stranger = await t.keyFor(null, ['secrets:burn']);
    // A key of Acme cannot reach into Other; a key of Other would not find Acme's secret.
    const otherKey = await t.accounts.getKey(stranger.id);
    await t.accounts.revokeKey(stranger.id, t.clock.now());
    expect(otherKey?.orgId).toBe(t.orgId);
    const made = await import('../../src/auth/api-key-format.js').then((m) => m.newApiKey());
    await t.accounts.createKey({
      id: made.id,
      orgId: 'other-org-id-xxxxxxxxx',
      createdBy: null,
      name: 'other',
      scopes: ['secrets:burn', 'secrets:list'],
      hash: made.hash,
      createdAt: t.clock.now(),
      expiresAt: t.clock.now() + 60_000,
      lastUsedAt: null,
      revokedAt: null,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${created.id}/burn`,
      headers: { authorization: `Bearer ${made.key}` },
    });
    expect(res.statusCode).toBe(404);
    const list = await t.app.inject({
      url: '/api/v1/secrets?scope=org',
      headers: { authorization: `Bearer ${made.key}` },
    });
    expect(list.json().secrets).toEqual([]);
  });
});
