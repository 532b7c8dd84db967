import { toBase64Url } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PUBLIC_ORG } from '../../src/audit/audit-types.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { recordsOfType } from './audit-support.js';
import { COUNTRIES, codeOf, countryDatabase, sendRestricted } from './restrictions-support.js';
import { claimBody, sendSecret, testApp, testClock } from './support.js';
import { linkParts } from './teams-support.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const AMSTERDAM = { days: [...WEEKDAYS], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' };

async function receiptOf(app: Awaited<ReturnType<typeof testApp>>['app'], receipt: string) {
  return (await app.inject({ url: `/api/v1/receipts/${receipt}` })).json();
}

describe('network restrictions', () => {
  it('opens from an allowed IPv4 network only; a refusal uses no view and counts no attempt', async () => {
    const { app } = await testApp();
    const secret = await sendRestricted(app, { networks: ['10.0.0.0/8'] }, { passphrase: 'pw' });
    const refused = await secret.claim({ remoteAddress: '192.0.2.1' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('network_not_allowed');
    expect(await receiptOf(app, secret.receipt)).toMatchObject({
      state: 'pending',
      views_left: 1,
      failed_attempts: 0,
    });
    const opened = await secret.claim({ remoteAddress: '10.20.30.40' });
    expect(opened.statusCode).toBe(200);
  });

  it('matches IPv6 networks, and IPv4-mapped IPv6 client addresses against IPv4 networks', async () => {
    const { app } = await testApp();
    const v6 = await sendRestricted(app, { networks: ['2001:db8::/32'] });
    expect((await v6.claim({ remoteAddress: '2001:db9::1' })).json().error.code).toBe('network_not_allowed');
    expect((await v6.claim({ remoteAddress: '2001:db8:ffff::5' })).statusCode).toBe(200);
    const mapped = await sendRestricted(app, { networks: ['10.0.0.0/8', '2001:db8::/32'] });
    expect((await mapped.claim({ remoteAddress: '::ffff:10.9.9.9' })).statusCode).toBe(200);
  });

  it('uses the client address as BURNLINK_TRUST_PROXY resolves it', async () => {
    const trusting = await testApp({ env: { BURNLINK_TRUST_PROXY: '127.0.0.1' } });
    const behindProxy = await sendRestricted(trusting.app, { networks: ['10.0.0.0/8'] });
    const claimVia = (app: typeof trusting.app, id: string, body: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '10.1.1.1' },
        payload: body as Record<string, unknown>,
      });
    // The forwarded address counts only from a trusted proxy.
    const direct = await testApp();
    const notTrusted = await sendRestricted(direct.app, { networks: ['10.0.0.0/8'] });
    const peekBody = (await trusting.app.inject({ url: `/api/v1/secrets/${behindProxy.id}` })).json();
    expect(peekBody.requires).toEqual({ network: true });
    expect(JSON.stringify(peekBody)).not.toContain('10.0.0.0');
    // Same claim body, from 127.0.0.1 with X-Forwarded-For: 10.1.1.1.
    const ok = await claimVia(trusting.app, behindProxy.id, await behindProxy.claimPayload());
    expect(ok.statusCode).toBe(200);
    const refused = await claimVia(direct.app, notTrusted.id, await notTrusted.claimPayload());
    expect(refused.json().error.code).toBe('network_not_allowed');
  });

  it('refuses a malformed network at create, naming it', async () => {
    const { app } = await testApp();
    for (const bad of ['10.0.0.0/33', 'not-a-network', '10.0.0.1/8']) {
      const { res } = await sendRestricted(app, { networks: [bad] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_restrictions');
      expect(res.json().error.message).toContain(bad);
    }
  });
});

describe('office hours', () => {
  it('opens inside the window in summer time (Monday 08:30 CEST = 06:30 UTC)', async () => {
    const { app } = await testApp({ clock: testClock(Date.UTC(2026, 2, 30, 6, 30)) });
    const secret = await sendRestricted(app, { office_hours: AMSTERDAM });
    expect((await secret.claim()).statusCode).toBe(200);
  });

  it('is closed at the same UTC time in winter time (07:30 CET), and says when it opens', async () => {
    const { app } = await testApp({ clock: testClock(Date.UTC(2026, 9, 26, 6, 30)) });
    const secret = await sendRestricted(app, { office_hours: AMSTERDAM });
    const refused = await secret.claim();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'outside_office_hours',
      opens_at: '2026-10-26T07:00:00.000Z',
    });
  });

  it('on a Saturday names Monday morning, across the clock change', async () => {
    // Saturday 24 October 2026, 12:00 UTC (14:00 CEST); clocks go back on Sunday the 25th.
    const clock = testClock(Date.UTC(2026, 9, 24, 12, 0));
    const { app, store } = await testApp({ clock });
    const secret = await sendRestricted(
      app,
      { office_hours: AMSTERDAM, networks: ['127.0.0.0/8'] },
      { ttl: 7 * 86_400 },
    );
    const refused = await secret.claim();
    expect(refused.json().error.opens_at).toBe('2026-10-26T07:00:00.000Z');
    expect(await store.peek(secret.id, clock.now())).toMatchObject({ viewsLeft: 1 });
    clock.advance(Date.UTC(2026, 9, 26, 7, 0) - clock.now());
    expect((await secret.claim()).statusCode).toBe(200);
  });

  it('refuses an unknown time zone or an empty window at create', async () => {
    const { app } = await testApp();
    const zone = await sendRestricted(app, { office_hours: { ...AMSTERDAM, time_zone: 'Mars/Olympus' } });
    expect(zone.res.statusCode).toBe(400);
    expect(zone.res.json().error.message).toContain('Mars/Olympus');
    const backwards = await sendRestricted(app, {
      office_hours: { ...AMSTERDAM, start: '18:00', end: '08:00' },
    });
    expect(backwards.res.json().error.code).toBe('invalid_restrictions');
  });
});

describe('country restrictions', () => {
  let db: Awaited<ReturnType<typeof countryDatabase>>;
  beforeAll(async () => {
    db = await countryDatabase(COUNTRIES);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('are refused at create without a GeoIP database, and config says so', async () => {
    const { app } = await testApp();
    expect((await app.inject({ url: '/api/v1/config' })).json().restrictions).toEqual({
      verification: false,
      countries: false,
    });
    const { res } = await sendRestricted(app, { countries: { allow: ['NL'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('restriction_unavailable');
    expect(res.json().error.message).toContain('BURNLINK_GEOIP_DB');
  });

  it('allow: opens from an allowed country only (IPv4 and IPv6); an unknown address is refused', async () => {
    const { app } = await testApp({ env: { BURNLINK_GEOIP_DB: db.path } });
    expect((await app.inject({ url: '/api/v1/config' })).json().restrictions.countries).toBe(true);
    const secret = await sendRestricted(app, { countries: { allow: ['NL', 'SE'] } }, { max_views: 3 });
    expect((await secret.claim({ remoteAddress: '198.51.100.7' })).json().error.code).toBe(
      'country_not_allowed',
    );
    expect((await secret.claim({ remoteAddress: '203.0.113.9' })).json().error.code).toBe(
      'country_not_allowed',
    );
    expect((await secret.claim({ remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
    expect((await secret.claim({ remoteAddress: '2001:db8:1::77' })).statusCode).toBe(200);
    const peek = (await app.inject({ url: `/api/v1/secrets/${secret.id}` })).json();
    expect(peek.requires).toEqual({ country: true });
  });

  it('deny: refuses a denied country, lets an unknown address through', async () => {
    const { app } = await testApp({ env: { BURNLINK_GEOIP_DB: db.path } });
    const secret = await sendRestricted(app, { countries: { deny: ['US'] } }, { max_views: 2 });
    expect((await secret.claim({ remoteAddress: '198.51.100.7' })).json().error.code).toBe(
      'country_not_allowed',
    );
    expect((await secret.claim({ remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
  });
});

describe('recipient verification by email', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.close();
  });
  const mailEnv = () => ({ BURNLINK_SMTP_URL: smtp.url, BURNLINK_MAIL_FROM: 'burnlink@acme.example' });
  async function codeFrom(count: number) {
    const mails = await smtp.waitFor(count);
    return codeOf((mails.at(-1) as { text: string }).text);
  }

  it('is refused at create when the server cannot send mail', async () => {
    const { app } = await testApp();
    const { res } = await sendRestricted(app, { recipients: ['ada@example.com'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('restriction_unavailable');
    expect(res.json().error.message).toContain('BURNLINK_SMTP_URL');
  });

  it('walks through pick, mail, code and claim; the peek shows masked hints only', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const before = smtp.received.length;
    const secret = await sendRestricted(app, { recipients: ['Ada@Example.com', 'bob@corp.example'] });
    const peek = (await app.inject({ url: `/api/v1/secrets/${secret.id}` })).json();
    expect(peek.requires).toEqual({ verification: { recipients: ['a•••@e•••.com', 'b•••@c•••.example'] } });
    expect(JSON.stringify(peek)).not.toMatch(/ada|bob|corp|Example/);

    const withoutCode = await secret.claim();
    expect(withoutCode.statusCode).toBe(403);
    expect(withoutCode.json().error.code).toBe('recipient_verification_required');

    const sent = await secret.askCode(0, { 'accept-language': 'nl-NL,nl;q=0.9' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ sent_to: 'a•••@e•••.com', tries: 5 });
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.at(-1) as { to: string[]; text: string; subject: string };
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.subject).toContain('verificatiecode');
    expect(mail.text).not.toContain(secret.id);

    const opened = await secret.claim({ verification_code: codeOf(mail.text) });
    expect(opened.statusCode).toBe(200);
    expect(await secret.open(opened.json().content)).toBe('the launch codes');
    expect(await receiptOf(app, secret.receipt)).toMatchObject({ state: 'viewed' });
  });

  it('locks a code after 5 wrong tries (brute force), then a new code works', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] });
    await secret.askCode();
    const code = await codeFrom(smtp.received.length);
    const wrong = code === '000000' ? '000001' : '000000';
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await secret.claim({ verification_code: wrong });
      expect(res.json().error.code).toBe('verification_code_invalid');
      left.push(res.json().error.attempts_left);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    // Guessing codes raises the same alert as guessing passphrases (docs/alerts.md).
    expect(await recordsOfType(app, PUBLIC_ORG, 'alert.failed_claims_per_secret')).toHaveLength(1);
    const locked = await secret.claim({ verification_code: code });
    expect(locked.json().error).toMatchObject({ code: 'verification_code_invalid', attempts_left: 0 });
    expect(await receiptOf(app, secret.receipt)).toMatchObject({ state: 'pending', views_left: 1 });

    await secret.askCode();
    const fresh = await codeFrom(smtp.received.length);
    expect((await secret.claim({ verification_code: fresh })).statusCode).toBe(200);
  });

  it('the secret id alone gets no code mailed and spends no tries; the link key (curl) does', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const before = smtp.received.length;
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] }, { passphrase: 'pw' });
    const idOnly = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/verification`,
      payload: { recipient: 0, link_token: toBase64Url(new Uint8Array(32).fill(7)) },
    });
    expect(idOnly.statusCode, idOnly.body).toBe(404);
    expect(smtp.received.length).toBe(before);
    const withKey = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/verification`,
      payload: { recipient: 0, key: toBase64Url(secret.linkKey) },
    });
    expect(withKey.statusCode).toBe(200);
    const code = await codeFrom(before + 1);
    // A wrong token with the right code: not found, and the code keeps all its tries.
    const wrongLink = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/claim`,
      payload: { token: 'A'.repeat(43), link_token: 'A'.repeat(43), verification_code: '000000' },
    });
    expect(wrongLink.statusCode).toBe(404);
    expect((await secret.claim({ verification_code: code })).statusCode).toBe(200);
  });

  it('sends at most 5 codes for a secret', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] });
    for (let i = 0; i < 5; i++) expect((await secret.askCode()).statusCode).toBe(200);
    const sixth = await secret.askCode();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('verification_code_limit');
  });

  it('a code expires after 10 minutes and is single-use across views', async () => {
    const clock = testClock();
    const { app } = await testApp({ env: mailEnv(), clock });
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] }, { max_views: 2 });
    await secret.askCode();
    const first = await codeFrom(smtp.received.length);
    clock.advance(10 * 60_000);
    expect((await secret.claim({ verification_code: first })).json().error.code).toBe(
      'verification_code_invalid',
    );
    await secret.askCode();
    const second = await codeFrom(smtp.received.length);
    expect((await secret.claim({ verification_code: second })).statusCode).toBe(200);
    expect((await secret.claim({ verification_code: second })).json().error.code).toBe(
      'verification_code_invalid',
    );
  });

  it('a right code with a wrong passphrase counts the passphrase attempt and keeps the code', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] }, { passphrase: 'right' });
    await secret.askCode();
    const code = await codeFrom(smtp.received.length);
    const wrong = await secret.claim({ verification_code: code, passphrase: 'wrong' });
    expect(wrong.json().error).toMatchObject({ code: 'wrong_passphrase', attempts_left: 4 });
    const right = await secret.claim({ verification_code: code });
    expect(right.statusCode).toBe(200);
    expect(await secret.open(right.json().content)).toBe('the launch codes');
  });

  it('answers bad code requests clearly', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'] });
    const outOfRange = await secret.askCode(3);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.message).toContain('0 to 0');
    const plain = await sendRestricted(app, {});
    expect((await plain.askCode()).statusCode).toBe(409);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets/AAAAAAAAAAAAAAAAAAAAAA/verification',
      payload: { recipient: 0, token: 'A'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(404);
    const noProof = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/verification`,
      payload: { recipient: 0 },
    });
    expect(noProof.statusCode).toBe(400);
    expect(noProof.json().error.message).toContain('token');
    const badCode = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/claim`,
      payload: { token: 'A'.repeat(43), verification_code: '12345' },
    });
    expect(badCode.statusCode).toBe(400);
  });

  it('mails no code outside office hours', async () => {
    const { app } = await testApp({ env: mailEnv() });
    const before = smtp.received.length;
    // T0 is a Saturday.
    const secret = await sendRestricted(app, { recipients: ['ada@example.com'], office_hours: AMSTERDAM });
    const refused = await secret.askCode();
    expect(refused.json().error.code).toBe('outside_office_hours');
    expect(smtp.received.length).toBe(before);
  });
});

describe('claims and events', () => {
  it('records every refusal in the audit trail with its reason', async () => {
    const { app } = await testApp();
    const secret = await sendRestricted(app, { networks: ['10.0.0.0/8'] });
    await secret.claim({ remoteAddress: '192.0.2.1' });
    const records = await recordsOfType(app, PUBLIC_ORG, 'secret.claim_refused');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: 'refused',
      subject: { type: 'secret', id: secret.id },
      details: { reason: 'network_not_allowed' },
    });
  });

  it('a secret without restrictions is claimed in one store call, as before', async () => {
    const store = new MemoryStore();
    const { app } = await testApp({ store });
    const plain = await sendSecret(app);
    const spy = vi.spyOn(store, 'claim');
    const { body } = await claimBody(plain.linkKey, null);
    const res = await app.inject({ method: 'POST', url: `/api/v1/secrets/${plain.id}/claim`, payload: body });
    expect(res.statusCode).toBe(200);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a key claim (curl) passes the same checks before the server derives anything', async () => {
    const { app } = await testApp();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'hunter2', restrictions: { networks: ['10.0.0.0/8'] } },
    });
    expect(created.statusCode).toBe(201);
    const { id, key } = linkParts(created.json().link);
    const claimAs = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, remoteAddress, payload: { key } });
    expect((await claimAs('192.0.2.1')).json().error.code).toBe('network_not_allowed');
    const ok = await claimAs('10.0.0.1');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().text).toBe('hunter2');
  });
});
