import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { linkParts, ORIGIN, type SignedIn, teamsApp, teamThroughApi } from './teams-support.js';

/** Members, invites and teams of an organisation through HTTP (docs/teams.md). */

describe('members, invites and teams', () => {
  test('an invite answers a one-time link whose secret is ORIGIN/join#TOKEN', async () => {
    const { app, people, accounts } = await teamsApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/invites',
      headers: people.admin.headers,
      payload: { email: 'New.Person@Acme.example', role: 'member' },
    });
    expect(res.statusCode).toBe(201);
    const invite = res.json();
    expect(invite).toMatchObject({ email: 'new.person@acme.example', role: 'member' });
    const { id, key } = linkParts(invite.link);
    expect(invite.link.startsWith(`${ORIGIN}/s/`)).toBe(true);
    const claim = () => app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: { key } });
    const first = await claim();
    expect(first.statusCode).toBe(200);
    const joinLink: string = first.json().text;
    const token = joinLink.slice(`${ORIGIN}/join#`.length);
    expect(joinLink).toBe(`${ORIGIN}/join#${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await claim()).statusCode).toBe(404);
    // The store knows the invite by the token's hash; the list shows it without any link or token.
    const stored = await accounts.getInviteByToken(createHash('sha256').update(token).digest('hex'));
    expect(stored?.id).toBe(invite.id);
    const pending = await app.inject({ url: '/api/v1/invites', headers: people.admin.headers });
    expect(pending.json().invites.map((i: { id: string }) => i.id)).toEqual([invite.id]);
    expect(pending.body).not.toContain(token);
    expect(pending.body).not.toContain(key);
    // Withdrawn, it is gone.
    const withdrawn = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invites/${invite.id}`,
      headers: people.admin.headers,
    });
    expect(withdrawn.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/api/v1/invites', headers: people.admin.headers })).json().invites,
    ).toEqual([]);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invites/${invite.id}`,
      headers: people.admin.headers,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('invite_not_found');
  });

  test('an admin cannot invite an owner; an owner can', async () => {
    const { app, people } = await teamsApp();
    const invite = (who: SignedIn) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invites',
        headers: who.headers,
        payload: { email: 'boss@acme.example', role: 'owner' },
      });
    const byAdmin = await invite(people.admin);
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.code).toBe('forbidden');
    expect(
      (await app.inject({ url: '/api/v1/invites', headers: people.owner.headers })).json().invites,
    ).toEqual([]);
    expect((await invite(people.owner)).statusCode).toBe(201);
  });

  test('the last owner cannot be demoted or removed (409 last_owner); with a second owner they can', async () => {
    const { app, people, member2 } = await teamsApp();
    const owner = people.owner;
    const demote = (userId: string, by: SignedIn) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/members/${userId}`,
        headers: by.headers,
        payload: { role: 'admin' },
      });
    const remove = (userId: string, by: SignedIn) =>
      app.inject({ method: 'DELETE', url: `/api/v1/members/${userId}`, headers: by.headers });
    for (const res of [await demote(owner.userId, owner), await remove(owner.userId, owner)]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('last_owner');
    }
    // An admin may not touch an owner at all.
    expect((await remove(owner.userId, people.admin)).statusCode).toBe(403);
    const promoted = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member2.userId}`,
      headers: owner.headers,
      payload: { role: 'owner' },
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ user_id: member2.userId, role: 'owner' });
    expect((await demote(owner.userId, owner)).statusCode).toBe(200);
    const members = (await app.inject({ url: '/api/v1/members', headers: member2.headers })).json().members;
    expect(
      members.filter((m: { role: string }) => m.role === 'owner').map((m: { user_id: string }) => m.user_id),
    ).toEqual([member2.userId]);
    const unknown = await remove('AAAAAAAAAAAAAAAAAAAAAA', member2);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('member_not_found');
  });

  test('teams: a name clash is 409 already_exists; deleting a team', async () => {
    const { app, people, member2 } = await teamsApp();
    const ops = await teamThroughApi(app, people.admin, 'Ops', [member2]);
    const clash = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: people.admin.headers,
      payload: { name: 'Ops' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('already_exists');
    const teams = (await app.inject({ url: '/api/v1/teams', headers: member2.headers })).json().teams;
    expect(teams).toEqual([
      { id: ops, name: 'Ops', members: [member2.userId], created_at: expect.any(String) },
    ]);
    const byMember = await app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${ops}`,
      headers: member2.headers,
    });
    expect(byMember.statusCode).toBe(403);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${ops}`,
      headers: people.admin.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/teams', headers: member2.headers })).json().teams).toEqual([]);
    const gone = await app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${ops}`,
      headers: people.admin.headers,
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('team_not_found');
  });
});
