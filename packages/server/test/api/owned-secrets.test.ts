import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { receiptHash } from '../../src/tokens.js';
import { createAs, linkParts, teamsApp, teamThroughApi } from './teams-support.js';

/**
 * What an organisation owns (docs/teams.md): GET /api/v1/secrets (reach, state, paging, metadata only), burning
 * by id, `team` on a create, and BURNLINK_ANONYMOUS_CREATE. Members, invites and teams: members-invites.test.ts.
 */

const list = async (app: FastifyInstance, headers: Record<string, string>, query = '') => {
  const res = await app.inject({ url: `/api/v1/secrets${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    secrets: { id: string; state: string; team: { id: string } | null }[];
    next: string | null;
  };
};
const ids = (page: { secrets: { id: string }[] }) => page.secrets.map((s) => s.id).sort();

describe('GET /api/v1/secrets', () => {
  test("own, team and org: a member sees their own and their teams'; org is for owner, admin and auditor", async () => {
    const { app, people, member2, person } = await teamsApp();
    const outsider = await person('member', 'outsider');
    const ops = await teamThroughApi(app, people.admin, 'Ops', [people.member, member2]);
    const mine = (await createAs(app, people.member.headers)).json().id;
    const theirsInTeam = (await createAs(app, member2.headers, { team: ops })).json().id;
    const theirsPrivate = (await createAs(app, member2.headers)).json().id;
    const outsiders = (await createAs(app, outsider.headers)).json().id;
    const anonymous = (await createAs(app, {})).json().id;

    expect(ids(await list(app, people.member.headers))).toEqual([mine]);
    expect(ids(await list(app, people.member.headers, '?scope=own'))).toEqual([mine]);
    const team = await list(app, people.member.headers, '?scope=team');
    expect(ids(team)).toEqual([theirsInTeam]);
    expect(team.secrets[0]?.team).toEqual({ id: ops, name: 'Ops' });
    expect(ids(await list(app, member2.headers))).toEqual([theirsInTeam, theirsPrivate].sort());
    expect((await list(app, outsider.headers, '?scope=team')).secrets).toEqual([]);

    const refused = await app.inject({ url: '/api/v1/secrets?scope=org', headers: people.member.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    for (const role of ['owner', 'admin', 'auditor'] as const) {
      const all = await list(app, people[role].headers, '?scope=org');
      // Every secret of the organisation, and never an anonymous one.
      expect(ids(all), role).toEqual([mine, theirsInTeam, theirsPrivate, outsiders].sort());
      expect(ids(all)).not.toContain(anonymous);
    }
  });

  test('state filter: pending, viewed, burned, expired', async () => {
    const { app, people, clock } = await teamsApp();
    const h = people.member.headers;
    const viewed = (await createAs(app, h)).json();
    const burned = (await createAs(app, h)).json();
    const expiring = (await createAs(app, h, { ttl: 60 })).json();
    const pending = (await createAs(app, h)).json();
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${viewed.id}/claim`,
      payload: { key: linkParts(viewed.link).key },
    });
    expect(claim.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/api/v1/receipts/${burned.receipt}/burn` });
    clock.advance(61_000);
    const byState = async (state: string) => ids(await list(app, h, `?state=${state}`));
    expect(await byState('pending')).toEqual([pending.id]);
    expect(await byState('viewed')).toEqual([viewed.id]);
    expect(await byState('burned')).toEqual([burned.id]);
    expect(await byState('expired')).toEqual([expiring.id]);
    const all = await list(app, h);
    expect(Object.fromEntries(all.secrets.map((s) => [s.id, s.state]))).toEqual({
      [viewed.id]: 'viewed',
      [burned.id]: 'burned',
      [expiring.id]: 'expired',
      [pending.id]: 'pending',
    });
    const viewedRow = all.secrets.find((s) => s.id === viewed.id) as unknown as Record<string, unknown>;
    expect(viewedRow).toMatchObject({ max_views: 1, views_left: 0, passphrase: false });
    expect(viewedRow.viewed_at).toEqual([new Date(clock.now() - 61_000).toISOString()]);
    const bad = await app.inject({ url: '/api/v1/secrets?state=lost', headers: h });
    expect(bad.statusCode).toBe(400);
  });

  test('cursor paging: 7 secrets at limit 3 are 3, 3, 1 pages, newest first, with no duplicates', async () => {
    const { app, people, clock } = await teamsApp();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Two share each instant, so the order needs the id as a tie-breaker.
      if (i % 2 === 1) clock.advance(1000);
      created.push((await createAs(app, people.member.headers)).json().id);
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await list(app, people.member.headers, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.secrets.map((s) => s.id));
      cursor = page.next;
    } while (cursor !== null && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...created].sort());
    // Newest first: the last made is on the first page, the first made on the last.
    expect(pages[0]).toContain(created[6]);
    expect(pages[2]).toEqual([created[0]]);
    // With a state filter, pages still fill up and end.
    const burnedIds = created.filter((_, i) => i % 2 === 1);
    for (const id of burnedIds) {
      await app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/burn`, headers: people.member.headers });
    }
    const first = await list(app, people.member.headers, '?limit=2&state=pending');
    expect(first.secrets.every((s) => s.state === 'pending')).toBe(true);
    expect(first.secrets).toHaveLength(2);
    const second = await list(app, people.member.headers, `?limit=2&state=pending&cursor=${first.next}`);
    expect(second.secrets).toHaveLength(2);
    expect(second.next).toBeNull();
    expect([...ids(first), ...ids(second)].sort()).toEqual(created.filter((_, i) => i % 2 === 0).sort());
    // A page that fills up in the middle of the store's last batch still leads on to the rest.
    const { app: app2, people: people2, clock: clock2 } = await teamsApp();
    const five: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock2.advance(1000);
      five.push((await createAs(app2, people2.member.headers)).json().id);
    }
    const burn3 = await app2.inject({
      method: 'POST',
      url: `/api/v1/secrets/${five[2]}/burn`,
      headers: people2.member.headers,
    });
    expect(burn3.statusCode).toBe(204);
    const pageA = await list(app2, people2.member.headers, '?limit=3&state=pending');
    expect(pageA.secrets.map((s) => s.id)).toEqual([five[4], five[3], five[1]]);
    expect(pageA.next).not.toBeNull();
    const pageB = await list(app2, people2.member.headers, `?limit=3&state=pending&cursor=${pageA.next}`);
    expect(pageB.secrets.map((s) => s.id)).toEqual([five[0]]);
    expect(pageB.next).toBeNull();
    // A page that ends exactly at the last secret is the last page: no empty one after it.
    const exact = await list(app2, people2.member.headers, '?limit=5');
    expect(exact.secrets).toHaveLength(5);
    expect(exact.next).toBeNull();
    const exactPending = await list(app2, people2.member.headers, '?limit=4&state=pending');
    expect(exactPending.secrets).toHaveLength(4);
    expect(exactPending.next).toBeNull();
    const forged = await app.inject({
      url: '/api/v1/secrets?cursor=bm90LWEtY3Vyc29y',
      headers: people.member.headers,
    });
    expect(forged.statusCode).toBe(400);
    for (const limit of ['0', '201', 'abc', '3.5', '-1', '3&limit=4']) {
      const res = await app.inject({ url: `/api/v1/secrets?limit=${limit}`, headers: people.member.headers });
      expect(res.statusCode, limit).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  test('metadata only: never the receipt, its hash, the link key or the text', async () => {
    const { app, people, keyFor } = await teamsApp();
    const key = await keyFor(people.member, ['secrets:create']);
    const made = [
      (
        await createAs(app, people.member.headers, { text: 'text-marker-one', passphrase: 'pass-marker' })
      ).json(),
      (await createAs(app, key.headers, { text: 'text-marker-two' })).json(),
    ];
    const bodies = [
      (await app.inject({ url: '/api/v1/secrets', headers: people.member.headers })).body,
      (await app.inject({ url: '/api/v1/secrets?scope=org', headers: people.owner.headers })).body,
    ];
    for (const body of bodies) {
      expect(JSON.parse(body).secrets).toHaveLength(2);
      for (const created of made) {
        const { key: linkKey } = linkParts(created.link);
        const receiptBytes = Buffer.from(created.receipt, 'base64url');
        for (const hidden of [
          created.receipt,
          receiptHash(created.receipt),
          createHash('sha256').update(receiptBytes).digest('hex'),
          receiptBytes.toString('hex'),
          linkKey,
          Buffer.from(linkKey, 'base64url').toString('hex'),
          created.link,
          created.receipt_link,
        ]) {
          expect(body).not.toContain(hidden);
        }
      }
      for (const text of [
        'text-marker-one',
        'text-marker-two',
        'pass-marker',
        'hunter2',
        'receipt',
        'link',
      ]) {
        expect(body).not.toContain(text);
      }
    }
  });
});

describe('POST /api/v1/secrets/:id/burn', () => {
  test('burns (the receipt says burned), is idempotent, and the link no longer opens', async () => {
    const { app, people } = await teamsApp();
    const created = (await createAs(app, people.member.headers)).json();
    const burn = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${created.id}/burn`,
        headers: people.member.headers,
      });
    expect((await burn()).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/receipts/${created.receipt}` })).json().state).toBe('burned');
    expect((await burn()).statusCode).toBe(204);
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${created.id}/claim`,
      payload: { key: linkParts(created.link).key },
    });
    expect(claim.statusCode).toBe(404);
    expect((await list(app, people.member.headers)).secrets[0]?.state).toBe('burned');
  });

  test('an anonymous secret is nobody’s: not listed, not burned by id', async () => {
    const { app, people } = await teamsApp();
    const anonymous = (await createAs(app, {})).json();
    expect((await list(app, people.owner.headers, '?scope=org')).secrets).toEqual([]);
    const burn = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${anonymous.id}/burn`,
      headers: people.owner.headers,
    });
    expect(burn.statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/receipts/${anonymous.receipt}` })).json().state).toBe('pending');
  });
});

describe('team on a create', () => {
  test('a team the member is not in is 403, an unknown one 404, anonymous with a team 400', async () => {
    const { app, people, member2 } = await teamsApp();
    const ops = await teamThroughApi(app, people.admin, 'Ops', [member2]);
    const notIn = await createAs(app, people.member.headers, { team: ops });
    expect(notIn.statusCode).toBe(403);
    expect(notIn.json().error.code).toBe('forbidden');
    const unknown = await createAs(app, people.member.headers, { team: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('team_not_found');
    const anonymous = await createAs(app, {}, { team: ops });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().error.code).toBe('invalid_request');
    // Nothing was created by the refusals; an admin (org-wide reach) may file into any team.
    expect((await list(app, people.owner.headers, '?scope=org')).secrets).toEqual([]);
    const byAdmin = await createAs(app, people.admin.headers, { team: ops });
    expect(byAdmin.statusCode).toBe(201);
    expect((await list(app, member2.headers, '?scope=team')).secrets.map((s) => s.id)).toEqual([
      byAdmin.json().id,
    ]);
  });
});

describe('BURNLINK_ANONYMOUS_CREATE=off', () => {
  test('anonymous creates are 401 sign_in_required; keys and sessions create; claims need no account', async () => {
    const { app, people, keyFor } = await teamsApp({ env: { BURNLINK_ANONYMOUS_CREATE: 'off' } });
    const anonymous = await createAs(app, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('sign_in_required');
    const key = await keyFor(people.member, ['secrets:create']);
    const byKey = await createAs(app, key.headers, { text: 'for the recipient' });
    expect(byKey.statusCode).toBe(201);
    expect((await createAs(app, people.member.headers)).statusCode).toBe(201);
    const { id, key: linkKey } = linkParts(byKey.json().link);
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { key: linkKey },
    });
    expect(claim.statusCode).toBe(200);
    expect(claim.json().text).toBe('for the recipient');
    expect((await app.inject({ url: `/api/v1/receipts/${byKey.json().receipt}` })).statusCode).toBe(200);
  });
});
