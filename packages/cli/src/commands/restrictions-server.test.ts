import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../client/test/support/test-server.js';
import { COUNTRIES, codeOf, countryDatabase } from '../../../server/test/api/restrictions-support.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../../server/test/support/smtp-receiver.js';
import { EXIT } from '../exit-codes.js';
import { type FakeContextOptions, runFake } from '../test-context.js';

// `burnlink send` with restriction flags and `burnlink get` of what it sent, against the real app (in process,
// behind the recording proxy: requests reach it from 127.0.0.1), with a real SMTP receiver for the codes and
// a real MaxMind-format country database.

let server: TestServer;
let bare: TestServer;
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
  bare = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await bare?.close();
  await smtp?.close();
  await geoip?.cleanup();
});

/** Runs the CLI with a real `fetch`. */
const cli = (argv: string[], options: FakeContextOptions = {}) =>
  runFake(argv, { fetch: (input, init) => fetch(input, init), ...options });

async function send(flags: string[], text = 'the launch codes', on = server) {
  const sent = await cli(['send', '--server', on.url, '--json', ...flags, text]);
  expect(sent.stderr).toBe('');
  expect(sent.code).toBe(EXIT.OK);
  return JSON.parse(sent.stdout) as { link: string; receipt_link: string };
}

const viewsLeft = async (receiptLink: string) =>
  JSON.parse((await cli(['status', '--json', receiptLink])).stdout).views_left as number;

/** Office hours that are closed now (every day, one hour that is not this one, in UTC) and when they open. */
function closedNow(): { hours: string; opens: RegExp } {
  const hour = new Date().getUTCHours();
  return hour < 12
    ? { hours: 'mon-sun 20:00-21:00 UTC', opens: /it opens next on \w{3} \d{1,2} \w{3} \d{4}, 20:00 UTC/ }
    : { hours: 'mon-sun 02:00-03:00 UTC', opens: /it opens next on \w{3} \d{1,2} \w{3} \d{4}, 02:00 UTC/ };
}

describe('office hours', () => {
  it('outside them, get says when the secret opens (local time), exits 13 and consumes nothing', async () => {
    const { hours, opens } = closedNow();
    const { link, receipt_link } = await send(['--office-hours', hours]);
    const got = await cli(['get', link], { env: { TZ: 'UTC' } });
    expect(got).toMatchObject({ code: EXIT.RESTRICTED, stdout: '' });
    expect(got.stderr).toMatch(opens);
    expect(got.stderr).toMatch(/\(in \d+h \d+m\)\. Nothing was consumed\.\n$/);
    expect(await viewsLeft(receipt_link)).toBe(1);
  });

  it('inside them, get opens the secret', async () => {
    const { link } = await send(['--office-hours', 'mon-sun 00:00-24:00 Europe/Amsterdam']);
    expect(await cli(['get', link])).toMatchObject({ code: EXIT.OK, stdout: 'the launch codes' });
  });
});

describe('networks', () => {
  it('from an address outside the allowed networks, get is refused with exit 13 and nothing consumed', async () => {
    const { link, receipt_link } = await send(['--allow-network', '10.0.0.0/8,2001:db8::/32']);
    const got = await cli(['get', link]);
    expect(got).toMatchObject({
      code: EXIT.RESTRICTED,
      stdout: '',
      stderr:
        'burnlink: this secret cannot be opened from your network: the sender allowed other networks only (nothing was consumed)\n',
    });
    expect(await viewsLeft(receipt_link)).toBe(1);
  });

  it('from an allowed network, get opens the secret', async () => {
    const { link } = await send(['--allow-network', '10.0.0.0/8', '--allow-network', '127.0.0.0/8']);
    expect(await cli(['get', link])).toMatchObject({ code: EXIT.OK, stdout: 'the launch codes' });
  });
});

describe('countries', () => {
  it('an address the database does not know is refused by an allow list (exit 13), allowed by a deny list', async () => {
    const allowed = await send(['--allow-country', 'nl,be']);
    const refused = await cli(['get', allowed.link]);
    expect(refused).toMatchObject({ code: EXIT.RESTRICTED, stdout: '' });
    expect(refused.stderr).toMatch(/^burnlink: this secret cannot be opened from where you are/);
    expect(await viewsLeft(allowed.receipt_link)).toBe(1);

    const denied = await send(['--deny-country', 'US']);
    expect(await cli(['get', denied.link])).toMatchObject({ code: EXIT.OK, stdout: 'the launch codes' });
  });

  it('a server without a GeoIP database: send refuses the flag before anything is created', async () => {
    const run = await cli(['send', '--server', bare.url, '--allow-country', 'NL', 'x']);
    expect(run).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('BURNLINK_GEOIP_DB') });
    expect(bare.proxy.seen.some((r) => r.method === 'POST')).toBe(false);
  });
});

describe('recipient verification by email', () => {
  const mailTo = async (address: string, after: number) => {
    const mails = await smtp.waitFor(after + 1);
    const mail = mails[after]!;
    expect(mail.to).toEqual([address]);
    return codeOf(mail.text);
  };

  it('without a terminal: --recipient N mails the code (exit 14), --verification-code opens the secret', async () => {
    const { link, receipt_link } = await send([
      '--verify-email',
      'ada@example.com',
      '--verify-email',
      'bob@example.org',
    ]);
    const none = await cli(['get', link]);
    expect(none.code).toBe(EXIT.VERIFICATION);
    expect(none.stderr).toMatch(/ {2}1 {2}a\S*@e\S*\.com\n {2}2 {2}b\S*@e\S*\.org\n/);
    expect(none.stderr).not.toContain('ada@example.com');

    const before = smtp.received.length;
    const asked = await cli(['get', '--recipient', '2', link]);
    expect(asked.code).toBe(EXIT.VERIFICATION);
    expect(asked.stderr).toMatch(/^A code was sent to b\S*@e\S*\.org; it works until .* for 5 tries\.\n/);
    expect(asked.stderr).toContain('run again with --verification-code CODE');
    const code = await mailTo('bob@example.org', before);
    expect(asked.stderr).not.toContain(code);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await cli(['get', '--verification-code', wrong, link])).toMatchObject({
      code: EXIT.VERIFICATION,
      stderr: expect.stringContaining('4 tries left for this code'),
    });
    expect(await viewsLeft(receipt_link)).toBe(1);
    expect(await cli(['get', '--verification-code', code, link])).toMatchObject({
      code: EXIT.OK,
      stdout: 'the launch codes',
    });
  });

  it('on a terminal: picks the address, asks for the code and takes a retyped one after a typo', async () => {
    const { link } = await send(['--verify-email', 'ada@example.com'], 'for ada only');
    const before = smtp.received.length;
    let codes = 0;
    const got = await cli(['get', link], {
      answer: async (question) => {
        if (question.startsWith('Send the code?')) return '';
        codes += 1;
        const code = await mailTo('ada@example.com', before);
        return codes === 1 ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : code;
      },
    });
    expect(got).toMatchObject({ code: EXIT.OK, stdout: 'for ada only' });
    expect(got.asked).toEqual([
      '(visible) Send the code? [1]: ',
      '(visible) Verification code: ',
      '(visible) Verification code: ',
    ]);
    expect(got.stderr).toContain('4 tries left for this code');
  });

  it('with a passphrase too: a mistyped passphrase is retried with the same code', async () => {
    const sent = await cli(
      [
        'send',
        '--server',
        server.url,
        '--json',
        '--verify-email',
        'ada@example.com',
        '--passphrase',
        'two keys',
      ],
      { prompts: ['horse battery', 'horse battery'] },
    );
    expect(sent.code).toBe(EXIT.OK);
    const { link } = JSON.parse(sent.stdout) as { link: string };
    const before = smtp.received.length;
    expect((await cli(['get', '--recipient', '1', link])).code).toBe(EXIT.VERIFICATION);
    const code = await mailTo('ada@example.com', before);
    const got = await cli(['get', '--verification-code', code, link], {
      prompts: ['horse', 'horse battery'],
    });
    expect(got).toMatchObject({ code: EXIT.OK, stdout: 'two keys' });
    expect(got.stderr).toContain('wrong passphrase: 4 attempts left');
    expect(got.asked).toEqual(['Passphrase: ', 'Passphrase: ']);
  });

  it('a server without SMTP: send refuses --verify-email before anything is created', async () => {
    const run = await cli(['send', '--server', bare.url, '--verify-email', 'ada@example.com', 'x']);
    expect(run).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('BURNLINK_SMTP_URL') });
  });

  it('outside office hours no code is mailed: get says when it opens', async () => {
    const { hours, opens } = closedNow();
    const { link } = await send(['--verify-email', 'ada@example.com', '--office-hours', hours]);
    const before = smtp.received.length;
    const got = await cli(['get', '--recipient', '1', link], { env: { TZ: 'UTC' } });
    expect(got.code).toBe(EXIT.RESTRICTED);
    expect(got.stderr).toMatch(opens);
    expect(smtp.received.length).toBe(before);
  });
});
