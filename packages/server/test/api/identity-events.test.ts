import { expect, test } from 'vitest';
import type { LifecycleEvent } from '../../src/service/events.js';
import { teamsApp } from './teams-support.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Issue 12, part 12: every identity change is a service event for the audit trail (key created and revoked,
 * member added, removed, role changed, signed out), carrying ids and never a key, token or email address.
 */
test('identity changes are emitted as events, without a key, token or email', async () => {
  const t = await teamsApp();
  const { app, people, member2 } = t;
  const seen: LifecycleEvent[] = [];
  const types = [
    'key.created',
    'key.revoked',
    'key.shortened',
    'member.role_changed',
    'member.removed',
    'invite.created',
    'team.created',
    'team.member_added',
    'session.signed_out',
  ] as const;
  for (const type of types) app.burnlinkEvents.on(type, (event) => void seen.push(event));

  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: people.member.headers,
    payload: { name: 'ci', scopes: ['secrets:create'] },
  });
  const key = created.json();
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/keys/${key.id}`,
    headers: people.member.headers,
    payload: { expires_in: 3600 },
  });
  await app.inject({ method: 'DELETE', url: `/api/v1/keys/${key.id}`, headers: people.member.headers });
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/members/${member2.userId}`,
    headers: people.admin.headers,
    payload: { role: 'auditor' },
  });
  const invite = await app.inject({
    method: 'POST',
    url: '/api/v1/invites',
    headers: people.admin.headers,
    payload: { email: 'new@acme.example', role: 'member' },
  });
  expect(invite.statusCode).toBe(201);
  const team = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: people.admin.headers,
      payload: { name: 'Ops' },
    })
  ).json();
  await app.inject({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members/${people.member.userId}`,
    headers: people.admin.headers,
  });
  await app.inject({
    method: 'DELETE',
    url: `/api/v1/members/${member2.userId}`,
    headers: people.owner.headers,
  });
  await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: people.member.headers });
  await settle();

  expect(seen.map((e) => e.type)).toEqual([
    'key.created',
    'key.shortened',
    'key.revoked',
    'member.role_changed',
    'invite.created',
    'team.created',
    'team.member_added',
    'member.removed',
    'session.signed_out',
  ]);
  expect(seen[0]).toMatchObject({
    orgId: t.orgId,
    keyId: key.id,
    scopes: ['secrets:create'],
    caller: { actor: { type: 'user', id: people.member.userId }, orgId: t.orgId },
  });
  expect(seen[3]).toMatchObject({
    userId: member2.userId,
    from: 'member',
    to: 'auditor',
    caller: { actor: { type: 'user', id: people.admin.userId }, orgId: t.orgId },
  });
  expect(seen[7]).toMatchObject({
    userId: member2.userId,
    caller: { actor: { type: 'user', id: people.owner.userId } },
  });
  expect(seen[8]).toMatchObject({ userId: people.member.userId, everywhere: false });
  const text = JSON.stringify(seen);
  for (const leak of [key.key, people.member.sessionToken, people.member.csrfToken, 'acme.example']) {
    expect(text).not.toContain(leak);
  }
});
