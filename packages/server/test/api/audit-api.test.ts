import { AuditEvent, AuditListReply } from '@burnlink/wire';
import { Value } from 'typebox/value';
import { describe, expect, test } from 'vitest';
import { ChainWalk } from '../../src/audit/chain.js';
import { recordsOf } from './audit-support.js';
import { createAs, teamsApp } from './teams-support.js';

/** An organisation with a few records: three secrets made by the owner, one by a key, one burned. */
async function trail() {
  const t = await teamsApp();
  const { app, people, clock } = t;
  const ci = await t.keyFor(null, ['secrets:create', 'audit:read']);
  const made: { id: string; receipt: string }[] = [];
  for (let i = 0; i < 3; i++) {
    made.push((await createAs(app, people.owner.headers, { text: `one ${i}` })).json());
    clock.advance(60_000);
  }
  made.push((await createAs(app, ci.headers, { text: '=HYPERLINK("x")' })).json());
  clock.advance(60_000);
  await app.inject({ method: 'POST', url: `/api/v1/receipts/${made[0]?.receipt}/burn` });
  const records = await recordsOf(app, t.orgId);
  return { ...t, ci, made, records };
}

const get = (
  app: Awaited<ReturnType<typeof teamsApp>>['app'],
  url: string,
  headers: Record<string, string>,
) => app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/audit', () => {
  test('needs audit:read in the organisation: auditor, owner and a key with the scope yes; member no', async () => {
    const { app, people, ci, records } = await trail();
    expect(records).toHaveLength(5);
    for (const who of [people.auditor, people.owner, people.admin]) {
      const res = await get(app, '/api/v1/audit', who.headers);
      expect(res.statusCode).toBe(200);
      expect(Value.Check(AuditListReply, res.json())).toBe(true);
      expect(res.json().events.map((e: { id: number }) => e.id)).toEqual(records.map((r) => r.id));
    }
    expect((await get(app, '/api/v1/audit', ci.headers)).statusCode).toBe(200);
    const member = await get(app, '/api/v1/audit', people.member.headers);
    expect(member.statusCode).toBe(403);
    expect(member.json().error.code).toBe('insufficient_scope');
    expect((await get(app, '/api/v1/audit', {})).statusCode).toBe(401);
  });

  test('an event as the wire says, with the chain fields, verifiable from the answer', async () => {
    const { app, people, records } = await trail();
    const events = (await get(app, '/api/v1/audit', people.auditor.headers)).json().events;
    expect(events[0]).toEqual({
      id: records[0]?.id,
      at: new Date(records[0]?.at ?? 0).toISOString(),
      type: 'secret.created',
      org: records[0]?.org,
      actor: { type: 'user', id: people.owner.userId },
      subject: { type: 'secret', id: records[0]?.subject?.id },
      outcome: 'ok',
      details: records[0]?.details,
      ip: null,
      prev_hash: '0'.repeat(64),
      hash: records[0]?.hash,
    });
    for (const event of events) expect(Value.Check(AuditEvent, event)).toBe(true);
    const walk = new ChainWalk(null);
    walk.feed(records);
    expect(
      walk.finish({ org: records[0]?.org ?? '', id: records[4]?.id ?? 0, hash: records[4]?.hash ?? '' }),
    ).toBeNull();
  });

  test('filters: type (exact and prefix.*), actor, since and until; pages by after and next, both orders', async () => {
    const { app, people, ci, records } = await trail();
    const ids = async (query: string) => {
      const res = await get(app, `/api/v1/audit?${query}`, people.auditor.headers);
      expect(res.statusCode).toBe(200);
      return res.json().events.map((e: { id: number }) => e.id) as number[];
    };
    const id = (i: number) => records[i]?.id as number;
    expect(await ids('type=secret.burned')).toEqual([id(4)]);
    expect(await ids('type=secret.*')).toEqual(records.map((r) => r.id));
    expect(await ids('type=member.*,secret.burned')).toEqual([id(4)]);
    expect(await ids(`actor=${ci.id}`)).toEqual([id(3)]);
    expect(await ids(`actor=${people.owner.userId}`)).toEqual([id(0), id(1), id(2)]);
    expect(await ids('actor=anonymous')).toEqual([id(4)]);
    const at = (i: number) => encodeURIComponent(new Date(records[i]?.at ?? 0).toISOString());
    expect(await ids(`since=${at(1)}&until=${at(3)}`)).toEqual([id(1), id(2)]);

    const first = (await get(app, '/api/v1/audit?limit=2', people.auditor.headers)).json();
    expect(first.events.map((e: { id: number }) => e.id)).toEqual([id(0), id(1)]);
    expect(first.next).toBe(id(1));
    expect(await ids(`limit=2&after=${first.next}`)).toEqual([id(2), id(3)]);
    const last = (await get(app, `/api/v1/audit?limit=2&after=${id(3)}`, people.auditor.headers)).json();
    expect(last).toMatchObject({ events: [{ id: id(4) }], next: null });
    expect(await ids('order=desc&limit=2')).toEqual([id(4), id(3)]);
    expect(await ids(`order=desc&after=${id(3)}`)).toEqual([id(2), id(1), id(0)]);
  });

  test('every bad parameter is a 400 naming it and what is allowed', async () => {
    const { app, people } = await trail();
    const cases: [string, RegExp][] = [
      ['limit=0', /limit must be a whole number from 1 to 500/],
      ['limit=501', /limit must be a whole number from 1 to 500/],
      ['limit=ten', /limit must be/],
      ['after=-1', /after must be a whole number/],
      ['order=newest', /order must be asc or desc/],
      ['type=secret.opened', /type has "secret.opened", which is not an event type.*secret\.\*/],
      ['type=nope.*', /not an event type/],
      ['actor=a%20b', /actor must be a user id, an API key id, anonymous or system/],
      ['since=yesterday', /since must be an ISO 8601 time/],
      ['until=2026-13-45T99:00:00Z', /until must be an ISO 8601 time/],
      ['since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z', /since must be before until/],
      ['limit=1&limit=2', /limit is given more than once/],
      [
        'colour=red',
        /Unknown query parameter "colour"; allowed: after, limit, order, type, actor, since, until/,
      ],
    ];
    for (const [query, message] of cases) {
      const res = await get(app, `/api/v1/audit?${query}`, people.auditor.headers);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
      expect(res.json().error.message, query).toMatch(message);
    }
    const bad = await get(app, '/api/v1/audit/export?format=xml', people.auditor.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('format must be jsonl or csv.');
  });
});

describe('GET /api/v1/audit/export', () => {
  test('JSON Lines: one event per line, as the listing has them, as an attachment', async () => {
    const { app, people, orgId } = await trail();
    const res = await get(app, '/api/v1/audit/export?type=secret.created', people.auditor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="burnlink-audit-${orgId}-\\d{4}-\\d{2}-\\d{2}\\.jsonl"$`),
    );
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const listed = (await get(app, '/api/v1/audit?type=secret.created', people.auditor.headers)).json()
      .events;
    expect(lines).toEqual(listed);
    expect(lines).toHaveLength(4);
  });

  test('CSV: the header, RFC 4180 quoting, details as JSON, nothing a spreadsheet would run', async () => {
    const { app, people, records } = await trail();
    const res = await get(app, '/api/v1/audit/export?format=csv&order=desc', people.auditor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.csv"$/);
    const rows = res.body.split('\r\n');
    expect(rows[0]).toBe(
      'id,at,type,org,actor_type,actor_id,subject_type,subject_id,outcome,details,ip,prev_hash,hash',
    );
    expect(rows).toHaveLength(records.length + 2); // header, records, and the empty string after the last CRLF
    const burned = records[4];
    expect(rows[1]).toBe(
      [
        burned?.id,
        new Date(burned?.at ?? 0).toISOString(),
        'secret.burned',
        burned?.org,
        'anonymous',
        '',
        'secret',
        burned?.subject?.id,
        'ok',
        '{}',
        '',
        burned?.prevHash,
        burned?.hash,
      ].join(','),
    );
    const created = records[0];
    expect(rows[5]).toContain(`"${JSON.stringify(created?.details).replaceAll('"', '""')}"`);
  });

  test('needs audit:read', async () => {
    const { app, people } = await trail();
    expect((await get(app, '/api/v1/audit/export', people.member.headers)).statusCode).toBe(403);
    expect((await get(app, '/api/v1/audit/export', {})).statusCode).toBe(401);
  });

  test('reads page by page: more records than a store page come out whole and in order', async () => {
    const t = await teamsApp();
    const { app, people, orgId } = t;
    const drafts = Array.from({ length: 1234 }, (_, i) => ({
      at: i,
      type: 'team.created',
      org: orgId,
      actor: { type: 'system' as const, id: null },
      subject: { type: 'team' as const, id: `t${i}` },
      outcome: 'ok' as const,
      details: {},
      ip: null,
    }));
    await app.burnlinkAudit.store.appendAudit(drafts);
    const res = await get(app, '/api/v1/audit/export', people.auditor.headers);
    const ids = res.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    expect(ids).toHaveLength(1234);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
