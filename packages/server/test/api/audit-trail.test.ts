import { describe, expect, test } from 'vitest';
import { PUBLIC_ORG } from '../../src/audit/audit-types.js';
import { claimWithKey, recordsOf, recordsOfType } from './audit-support.js';
import {
  authApp,
  CookieJar,
  createInvite,
  joinWithPasskey,
  ORIGIN,
  SoftAuthenticator,
  signInWithPasskey,
} from './auth-support.js';
import { download, sendFiles, stageFiles, TUS } from './file-support.js';
import { claimBody } from './support.js';
import { createAs, keyThroughApi, linkParts, teamsApp } from './teams-support.js';

const anonymous = { type: 'anonymous', id: null };

/**
 * Issue 13, part 1: every lifecycle and identity event becomes exactly one audit record, in the right
 * organisation, naming who did it and what it was about — and never a token, receipt, key, passphrase,
 * email address or content.
 */
describe('the audit trail records', () => {
  test('an anonymous secret in the public organisation: created, viewed, failed claims, locked', async () => {
    const { app } = await teamsApp();
    const created = await createAs(app, {}, { text: 'plain words 1', max_views: 2, passphrase: 'pass 1' });
    expect(created.statusCode).toBe(201);
    const { id, key } = linkParts(created.json().link);
    const claim = (passphrase: string) =>
      app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: { key, passphrase } });
    expect((await claim('pass 1')).statusCode).toBe(200);

    const [made] = await recordsOfType(app, PUBLIC_ORG, 'secret.created');
    expect(await recordsOfType(app, PUBLIC_ORG, 'secret.created')).toHaveLength(1);
    expect(made).toMatchObject({
      org: PUBLIC_ORG,
      actor: anonymous,
      subject: { type: 'secret', id },
      outcome: 'ok',
      details: { files: 0, max_views: 2, expires_at: created.json().expires_at },
      ip: null,
    });
    const viewed = await recordsOfType(app, PUBLIC_ORG, 'secret.viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({
      actor: anonymous,
      subject: { id },
      details: { views_left: 1, files: 0 },
    });

    // Five wrong passphrases: four failed claims (4, 3, 2, 1 attempts left), then the lock.
    for (let i = 0; i < 5; i++) expect((await claim('wrong')).statusCode).toBe(403);
    const failed = await recordsOfType(app, PUBLIC_ORG, 'secret.claim_failed');
    expect(failed.map((r) => [r.outcome, r.details.attempts_left])).toEqual([
      ['failed', 4],
      ['failed', 3],
      ['failed', 2],
      ['failed', 1],
    ]);
    const locked = await recordsOfType(app, PUBLIC_ORG, 'secret.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ outcome: 'refused', subject: { type: 'secret', id } });
  });

  test("a key's secret in its organisation, with the key as actor; burned by receipt and by the owner", async () => {
    const t = await teamsApp();
    const { app, orgId, people } = t;
    const ci = await t.keyFor(people.member, ['secrets:create', 'secrets:burn']);
    const created = (await createAs(app, ci.headers, { text: 'plain words 2' })).json();
    const { id, key } = linkParts(created.link);
    // Viewed by an anonymous recipient: still the organisation's record (the secret is its).
    await claimWithKey(app, id, key);
    const records = await recordsOf(app, orgId);
    expect(records.filter((r) => r.type === 'secret.created')).toEqual([
      expect.objectContaining({ actor: { type: 'api_key', id: ci.id }, subject: { type: 'secret', id } }),
    ]);
    expect(records.filter((r) => r.type === 'secret.viewed')).toEqual([
      expect.objectContaining({ actor: anonymous, org: orgId, details: { views_left: 0, files: 0 } }),
    ]);
    expect((await recordsOf(app, PUBLIC_ORG)).filter((r) => r.subject?.id === id)).toEqual([]);

    const second = (await createAs(app, people.member.headers, { text: 'plain words 3' })).json();
    const byReceipt = await app.inject({ method: 'POST', url: `/api/v1/receipts/${second.receipt}/burn` });
    expect(byReceipt.statusCode).toBe(204);
    const third = (await createAs(app, people.member.headers, { text: 'plain words 4' })).json();
    const byOwner = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${third.id}/burn`,
      headers: people.admin.headers,
    });
    expect(byOwner.statusCode).toBe(204);
    const burned = await recordsOfType(app, orgId, 'secret.burned');
    expect(burned.map((r) => [r.subject?.id, r.actor])).toEqual([
      [second.id, anonymous],
      [third.id, { type: 'user', id: people.admin.userId }],
    ]);
  });

  test('an expiry by the sweeper, by the system', async () => {
    const { app, clock } = await teamsApp();
    const created = (await createAs(app, {}, { text: 'plain words 5', ttl: 300 })).json();
    clock.advance(301_000);
    await app.burnlinkService.sweep();
    const expired = await recordsOfType(app, PUBLIC_ORG, 'secret.expired');
    expect(expired).toEqual([
      expect.objectContaining({
        actor: { type: 'system', id: null },
        subject: { type: 'secret', id: created.id },
      }),
    ]);
  });

  test('a file download, with the file index', async () => {
    const { app } = await teamsApp();
    const sent = await sendFiles(app, [1000, 2000]);
    const { body } = await claimBody(sent.linkKey, null);
    const claimed = (
      await app.inject({ method: 'POST', url: `/api/v1/secrets/${sent.id}/claim`, payload: body })
    ).json();
    expect((await download(app, claimed.files[1].url, claimed.grant)).statusCode).toBe(200);
    const downloaded = await recordsOfType(app, PUBLIC_ORG, 'file.downloaded');
    expect(downloaded).toEqual([
      expect.objectContaining({
        subject: { type: 'secret', id: sent.id },
        details: { file: 1 },
        actor: anonymous,
      }),
    ]);
    expect(await recordsOfType(app, PUBLIC_ORG, 'secret.viewed')).toEqual([
      expect.objectContaining({ details: { views_left: 0, files: 2 } }),
    ]);
    // Byte counts are metrics, not records.
    expect((await recordsOf(app)).map((r) => r.type)).not.toContain('file.bytes');
  });

  test('an upload cancelled by its sender, with the reason', async () => {
    const { app } = await teamsApp();
    const staged = await stageFiles(app, [500]);
    const url = staged.uploads[0]?.url ?? '';
    expect((await app.inject({ method: 'DELETE', url, headers: TUS })).statusCode).toBe(204);
    expect(await recordsOfType(app, PUBLIC_ORG, 'upload.cancelled')).toEqual([
      expect.objectContaining({
        subject: { type: 'secret', id: staged.id },
        details: { reason: 'cancelled' },
        actor: anonymous,
      }),
    ]);
  });

  test('members, keys, invites and teams, each once, by the person who did it', async () => {
    const t = await teamsApp();
    const { app, orgId, people, member2 } = t;
    const key = await keyThroughApi(app, people.member, { scopes: ['secrets:create'] });
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

    const records = (await recordsOf(app, orgId)).filter((r) => !r.type.startsWith('secret.'));
    const user = (who: { userId: string }) => ({ type: 'user', id: who.userId });
    expect(records.map((r) => [r.type, r.actor, r.subject, r.details])).toEqual([
      ['key.created', user(people.member), { type: 'key', id: key.id }, { scopes: ['secrets:create'] }],
      ['key.shortened', user(people.member), { type: 'key', id: key.id }, { expires_at: expect.any(String) }],
      ['key.revoked', user(people.member), { type: 'key', id: key.id }, {}],
      [
        'member.role_changed',
        user(people.admin),
        { type: 'member', id: member2.userId },
        { from: 'member', to: 'auditor' },
      ],
      ['invite.created', user(people.admin), { type: 'invite', id: expect.any(String) }, { role: 'member' }],
      ['team.created', user(people.admin), { type: 'team', id: team.id }, {}],
      [
        'team.member_added',
        user(people.admin),
        { type: 'team', id: team.id },
        { user_id: people.member.userId },
      ],
      ['member.removed', user(people.owner), { type: 'member', id: member2.userId }, {}],
      [
        'session.signed_out',
        user(people.member),
        { type: 'member', id: people.member.userId },
        { everywhere: false },
      ],
    ]);
    expect(invite.statusCode).toBe(201);
    const text = JSON.stringify(await recordsOf(app, orgId));
    for (const leak of [key.key, people.member.sessionToken, people.member.csrfToken, 'acme.example']) {
      expect(text).not.toContain(leak);
    }
  });

  test('never a token, receipt, key, passphrase or content; an address only with BURNLINK_AUDIT_IPS=on', async () => {
    for (const ips of ['off', 'on'] as const) {
      const t = await teamsApp({ env: { BURNLINK_AUDIT_IPS: ips } });
      const { app, orgId, people } = t;
      const ci = await t.keyFor(people.owner, ['secrets:create']);
      const created = (
        await createAs(app, ci.headers, { text: 'the plaintext marker', passphrase: 'passphrase marker' })
      ).json();
      const { id, key } = linkParts(created.link);
      await claimWithKey(app, id, key); // no passphrase: refused before anything is consumed
      const wrong = await app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        payload: { key, passphrase: 'not the passphrase' },
      });
      expect(wrong.statusCode).toBe(403);
      const right = await app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        payload: { key, passphrase: 'passphrase marker' },
      });
      expect(right.statusCode).toBe(200);
      const anon = (await createAs(app, {}, { text: 'another plaintext marker' })).json();
      await app.inject({ method: 'POST', url: `/api/v1/receipts/${anon.receipt}/burn` });

      const records = [...(await recordsOf(app, orgId)), ...(await recordsOf(app, PUBLIC_ORG))];
      expect(records.map((r) => r.type).sort()).toEqual([
        'secret.burned',
        'secret.claim_failed',
        'secret.created',
        'secret.created',
        'secret.viewed',
      ]);
      const text = JSON.stringify(records);
      for (const leak of [
        ci.key,
        key,
        created.receipt,
        anon.receipt,
        linkParts(anon.link).key,
        'plaintext marker',
        'passphrase',
        Buffer.from('the plaintext marker').toString('base64url'),
      ]) {
        expect(text).not.toContain(leak);
      }
      expect(records.every((r) => r.ip === (ips === 'on' ? '127.0.0.1' : null))).toBe(true);
    }
  });

  test('joining with a passkey, signing in, a failed sign-in: by the person, in their organisation', async () => {
    const { app, store, org, clock } = await authApp();
    const invite = await createInvite(store, clock.now(), { orgId: org.id, email: 'alice@acme.test' });
    const laptop = new SoftAuthenticator(ORIGIN);
    const joined = await joinWithPasskey(app, new CookieJar(), laptop, invite);
    expect(joined.statusCode).toBe(200);
    const { user, passkey } = joined.json();
    expect((await signInWithPasskey(app, new CookieJar(), laptop)).statusCode).toBe(200);
    const stranger = new SoftAuthenticator(ORIGIN);
    stranger.register({ challenge: 'AAAA', rp: { id: 'burnlink.test' }, user: { id: 'AAAA' } } as never);
    await signInWithPasskey(app, new CookieJar(), stranger);

    const records = await recordsOf(app, org.id);
    const alice = { type: 'user', id: user.id };
    expect(records.map((r) => [r.type, r.actor, r.subject, r.details])).toEqual([
      ['member.added', { type: 'system', id: null }, { type: 'member', id: user.id }, { role: 'member' }],
      ['passkey.added', alice, { type: 'passkey', id: passkey.id }, {}],
      ['session.signed_in', alice, { type: 'member', id: user.id }, { method: 'passkey' }],
      ['session.signed_in', alice, { type: 'member', id: user.id }, { method: 'passkey' }],
    ]);
    expect(await recordsOfType(app, PUBLIC_ORG, 'session.sign_in_failed')).toEqual([
      expect.objectContaining({
        actor: anonymous,
        subject: null,
        outcome: 'failed',
        details: { method: 'passkey', reason: 'unknown_passkey' },
      }),
    ]);
    expect(JSON.stringify(records)).not.toContain(invite);
    expect(JSON.stringify(records)).not.toContain('alice@acme.test');
  });

  test('nothing with BURNLINK_AUDIT=off', async () => {
    const { app, people } = await teamsApp({ env: { BURNLINK_AUDIT: 'off' } });
    await createAs(app, {}, { text: 'plain words 6' });
    await createAs(app, people.owner.headers, { text: 'plain words 7' });
    await keyThroughApi(app, people.owner, { scopes: ['secrets:create'] });
    await app.burnlinkAudit.flush();
    expect(await app.burnlinkAudit.store.auditOrgs()).toEqual([]);
    expect(app.burnlinkAudit.recording).toBe(false);
    // The trail can still be read (it is empty), by those who may.
    const res = await app.inject({ url: '/api/v1/audit', headers: people.auditor.headers });
    expect(res.json()).toEqual({ events: [], next: null });
  });
});
