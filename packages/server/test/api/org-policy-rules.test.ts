import { type OfficeHours, OPEN_POLICY, type OrgPolicy } from '@burnlink/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { recordsOfType } from './audit-support.js';
import { COUNTRIES, countryDatabase, sendRestricted } from './restrictions-support.js';
import { createAs, linkParts, teamsApp } from './teams-support.js';

const HOURS: OfficeHours = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '18:00',
  time_zone: 'Europe/Amsterdam',
};

/**
 * Every rule of an organisation's policy (docs/policies.md), allowed and refused, through the API: the owner
 * sets the policy, a member creates with a session or a key.
 */
describe('organisation policy rules', () => {
  let smtp: SmtpReceiver;
  let db: Awaited<ReturnType<typeof countryDatabase>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    db = await countryDatabase(COUNTRIES);
  });
  afterAll(async () => {
    await smtp.close();
    await db.cleanup();
  });

  async function withPolicy(rules: Partial<OrgPolicy>) {
    const team = await teamsApp({ env: { BURNLINK_SMTP_URL: smtp.url, BURNLINK_GEOIP_DB: db.path } });
    const put = await team.app.inject({
      method: 'PUT',
      url: '/api/v1/org/policy',
      headers: team.people.owner.headers,
      payload: { ...OPEN_POLICY, ...rules },
    });
    expect(put.statusCode, put.body).toBe(200);
    const key = await team.keyFor(team.people.member, ['secrets:create']);
    const refusedWith = async (res: {
      statusCode: number;
      json(): { error: { code: string; rule?: string } };
    }) => {
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('policy_violation');
      return res.json().error.rule;
    };
    return { ...team, key, refusedWith };
  }

  it('max_ttl and max_views: a longer lifetime or more views is refused; unset ones take the policy limit', async () => {
    const t = await withPolicy({ max_ttl: 3600, max_views: 2 });
    expect(await t.refusedWith(await createAs(t.app, t.key.headers, { ttl: 7200 }))).toBe('max_ttl');
    expect(await t.refusedWith(await createAs(t.app, t.key.headers, { max_views: 3 }))).toBe('max_views');
    const ok = await createAs(t.app, t.key.headers, { ttl: 3600, max_views: 2 });
    expect(ok.statusCode).toBe(201);
    const defaulted = await createAs(t.app, t.key.headers);
    expect(defaulted.statusCode).toBe(201);
    expect(Date.parse(defaulted.json().expires_at) - t.clock.now()).toBe(3600 * 1000);
  });

  it('passphrase_required and passphrase_min_length', async () => {
    const t = await withPolicy({ passphrase_required: true, passphrase_min_length: 12 });
    expect(await t.refusedWith(await createAs(t.app, t.key.headers))).toBe('passphrase_required');
    expect(await t.refusedWith(await createAs(t.app, t.key.headers, { passphrase: 'short' }))).toBe(
      'passphrase_min_length',
    );
    expect((await createAs(t.app, t.key.headers, { passphrase: 'long enough pass' })).statusCode).toBe(201);
    const clientNoPass = await sendRestricted(t.app, {}, { headers: t.key.headers });
    expect(await t.refusedWith(clientNoPass.res)).toBe('passphrase_required');
    // The server cannot see a client-encrypted passphrase's length: clients enforce it (GET /api/v1/config).
    const clientPass = await sendRestricted(t.app, {}, { headers: t.key.headers, passphrase: 'x' });
    expect(clientPass.res.statusCode).toBe(201);
  });

  it('verification_required and recipient_domains', async () => {
    const t = await withPolicy({ verification_required: true, recipient_domains: ['acme.example'] });
    expect(await t.refusedWith(await createAs(t.app, t.key.headers))).toBe('verification_required');
    const outside = await createAs(t.app, t.key.headers, {
      restrictions: { recipients: ['eve@evil.example'] },
    });
    expect(await t.refusedWith(outside)).toBe('recipient_domains');
    const inside = await createAs(t.app, t.key.headers, {
      restrictions: { recipients: ['ada@acme.example'] },
    });
    expect(inside.statusCode).toBe(201);
  });

  it('networks: a default is applied when none is given; required refuses a wider network', async () => {
    const byDefault = await withPolicy({ networks: { cidrs: ['10.0.0.0/8'], enforce: 'default' } });
    const filled = await createAs(byDefault.app, byDefault.key.headers);
    const { id } = linkParts(filled.json().link);
    expect((await byDefault.app.inject({ url: `/api/v1/secrets/${id}` })).json().requires).toEqual({
      network: true,
    });
    const own = await createAs(byDefault.app, byDefault.key.headers, {
      restrictions: { networks: ['192.0.2.0/24'] },
    });
    expect(own.statusCode).toBe(201);

    const required = await withPolicy({ networks: { cidrs: ['10.0.0.0/8'], enforce: 'required' } });
    const wider = await createAs(required.app, required.key.headers, {
      restrictions: { networks: ['0.0.0.0/0'] },
    });
    expect(await required.refusedWith(wider)).toBe('networks');
    const narrower = await createAs(required.app, required.key.headers, {
      restrictions: { networks: ['10.1.0.0/16'] },
    });
    expect(narrower.statusCode).toBe(201);
  });

  it('countries: required allow lists must stay inside the policy', async () => {
    const t = await withPolicy({ countries: { allow: ['NL', 'SE'], enforce: 'required' } });
    const outside = await createAs(t.app, t.key.headers, { restrictions: { countries: { allow: ['US'] } } });
    expect(await t.refusedWith(outside)).toBe('countries');
    const inside = await createAs(t.app, t.key.headers, { restrictions: { countries: { allow: ['NL'] } } });
    expect(inside.statusCode).toBe(201);
    const applied = await createAs(t.app, t.key.headers);
    const { id } = linkParts(applied.json().link);
    expect((await t.app.inject({ url: `/api/v1/secrets/${id}` })).json().requires).toEqual({ country: true });
  });

  it('office_hours: required hours are applied, and other hours are refused', async () => {
    const t = await withPolicy({ office_hours: { hours: HOURS, enforce: 'required' } });
    const other = await createAs(t.app, t.key.headers, {
      restrictions: { office_hours: { ...HOURS, end: '22:00' } },
    });
    expect(await t.refusedWith(other)).toBe('office_hours');
    const applied = await createAs(t.app, t.key.headers);
    expect(applied.statusCode).toBe(201);
    const { id } = linkParts(applied.json().link);
    expect((await t.app.inject({ url: `/api/v1/secrets/${id}` })).json().requires).toEqual({
      office_hours: true,
    });
  });

  it('server_encryption off: text creates are refused, client-encrypted ones pass', async () => {
    const t = await withPolicy({ server_encryption: false });
    expect(await t.refusedWith(await createAs(t.app, t.key.headers))).toBe('server_encryption');
    expect((await sendRestricted(t.app, {}, { headers: t.key.headers })).res.statusCode).toBe(201);
  });

  it("key_claim off: the organisation's secrets cannot be claimed with the link key", async () => {
    const t = await withPolicy({ key_claim: false });
    const created = await createAs(t.app, t.key.headers);
    const { id, key } = linkParts(created.json().link);
    const claimed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { key },
    });
    expect(claimed.statusCode).toBe(403);
    expect(claimed.json().error.code).toBe('key_claim_disabled');
    expect((await t.app.inject({ url: `/api/v1/secrets/${id}` })).json().views_left).toBe(1);
  });

  it('members_only: a key without a member behind it is refused, a member key is not', async () => {
    const t = await withPolicy({ members_only: true });
    const orgKey = await t.keyFor(null, ['secrets:create']);
    expect(await t.refusedWith(await createAs(t.app, orgKey.headers))).toBe('members_only');
    expect((await createAs(t.app, t.key.headers)).statusCode).toBe(201);
    expect((await createAs(t.app, t.people.member.headers)).statusCode).toBe(201);
  });

  it('anonymous creates carry no organisation and no policy; violations are in the trail', async () => {
    const t = await withPolicy({ max_ttl: 60 });
    expect((await createAs(t.app, {}, { ttl: 7200 })).statusCode).toBe(201);
    await createAs(t.app, t.key.headers, { ttl: 7200 });
    const records = await recordsOfType(t.app, t.orgId, 'policy.violated');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', details: { rule: 'max_ttl' } });
  });

  it('GET /api/v1/config shows the policy to a key of the organisation, not to anonymous clients', async () => {
    const t = await withPolicy({ max_views: 2, passphrase_required: true });
    const withKey = (await t.app.inject({ url: '/api/v1/config', headers: t.key.headers })).json();
    expect(withKey.policy).toMatchObject({ max_views: 2, passphrase_required: true });
    expect((await t.app.inject({ url: '/api/v1/config' })).json().policy).toBeUndefined();
  });
});
