import { KDF_MIN_ITERATIONS } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES, codeOf, countryDatabase } from '../../server/test/api/restrictions-support.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../server/test/support/smtp-receiver.js';
import { startTestServer, type TestServer } from '../test/support/test-server.js';
import { createClient } from './burnlink-client.js';
import type { Restrictions } from './results.js';

// The SDK's restrictions against the real app (requests reach it from 127.0.0.1 through the proxy), with a
// real SMTP receiver and a real country database.

const iterations = KDF_MIN_ITERATIONS;
let server: TestServer;
let smtp: SmtpReceiver;
let geoip: Awaited<ReturnType<typeof countryDatabase>>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  geoip = await countryDatabase(COUNTRIES);
  server = await startTestServer({
    BURNLINK_SMTP_URL: smtp.url,
    BURNLINK_MAIL_FROM: 'burnlink@acme.example',
    BURNLINK_GEOIP_DB: geoip.path,
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await geoip?.cleanup();
});

async function sendWith(restrictions: Restrictions, passphrase?: string) {
  const client = createClient({ baseUrl: server.url });
  const sent = await client.send({
    text: 'the launch codes',
    iterations,
    restrictions,
    ...(passphrase ? { passphrase } : {}),
  });
  if (!sent.ok) throw new Error(sent.message);
  return { client, sent };
}

describe('restrictions through the SDK', () => {
  it('the server announces what it can enforce', async () => {
    expect(await createClient({ baseUrl: server.url }).config()).toMatchObject({
      restrictions: { verification: true, countries: true },
      policy: null,
    });
  });

  it('a peek says which checks apply, never their values', async () => {
    const { client, sent } = await sendWith({
      recipients: ['ada@example.com'],
      networks: ['127.0.0.0/8'],
      office_hours: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '00:00',
        end: '24:00',
        time_zone: 'UTC',
      },
      countries: { deny: ['US'] },
    });
    const info = await client.peek(sent.link);
    expect(info).toMatchObject({
      ok: true,
      requires: {
        network: true,
        officeHours: true,
        country: true,
        verification: { recipients: [expect.any(String)] },
      },
    });
    expect(JSON.stringify(info)).not.toContain('ada@example.com');
  });

  it('a network refusal is `restricted` and consumes nothing', async () => {
    const { client, sent } = await sendWith({ networks: ['10.0.0.0/8'] });
    expect(await client.reveal(sent.link)).toMatchObject({
      ok: false,
      reason: 'restricted',
      code: 'network_not_allowed',
      opensAt: null,
    });
    expect(await client.receipt(sent.receiptLink)).toMatchObject({ viewsLeft: 1, failedAttempts: 0 });
  });

  it('outside office hours the refusal carries the next opening', async () => {
    const hour = new Date().getUTCHours();
    const start = hour < 12 ? '20:00' : '02:00';
    const { client, sent } = await sendWith({
      office_hours: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start,
        end: hour < 12 ? '21:00' : '03:00',
        time_zone: 'UTC',
      },
    });
    const refused = await client.reveal(sent.link);
    expect(refused).toMatchObject({ ok: false, reason: 'restricted', code: 'outside_office_hours' });
    if (refused.ok || refused.reason !== 'restricted') throw new Error('not refused');
    expect(new Date(refused.opensAt!).toISOString().slice(11, 16)).toBe(start);
    expect(Date.parse(refused.opensAt!)).toBeGreaterThan(Date.now());
  });

  it.each([
    ['without a passphrase', undefined],
    ['with a passphrase (the link token proves the link)', 'correct horse'],
  ])(
    'verification %s: a mailed code opens the secret, a wrong one says the tries left',
    async (_name, passphrase) => {
      const { client, sent } = await sendWith(
        { recipients: ['ada@example.com', 'bob@example.org'] },
        passphrase,
      );
      const options = passphrase ? { passphrase } : {};
      expect(await client.reveal(sent.link, options)).toMatchObject({
        ok: false,
        reason: 'verification_required',
      });

      const before = smtp.received.length;
      const asked = await client.requestVerificationCode(sent.link, 1, { language: 'sv-SE' });
      expect(asked).toMatchObject({ ok: true, tries: 5, sentTo: expect.stringMatching(/^b.*@e.*\.org$/) });
      const mail = (await smtp.waitFor(before + 1))[before]!;
      expect(mail.to).toEqual(['bob@example.org']);
      // Written in the language the client asked for.
      expect(mail.subject).toContain('verifieringskod');
      const code = codeOf(mail.text);
      expect(server.proxy.transcript()).not.toContain(sent.link.split('#')[1]);

      const wrong = code === '000000' ? '111111' : '000000';
      expect(await client.reveal(sent.link, { ...options, verificationCode: wrong })).toMatchObject({
        ok: false,
        reason: 'verification_code_invalid',
        attemptsLeft: 4,
      });
      expect(await client.reveal(sent.link, { ...options, verificationCode: code })).toMatchObject({
        ok: true,
        payload: { text: 'the launch codes' },
      });
    },
  );
});
