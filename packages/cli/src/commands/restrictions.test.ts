import type { FetchLike } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { type FakeContextOptions, runFake } from '../test-context.js';
import { mailLanguage } from './get.js';

// `send` restriction flags and `get` on a restricted secret, against a stub server: what the CLI sends,
// asks and prints. (The server's checks run in the end-to-end tests of restrictions-e2e.test.ts.)

const SERVER = 'https://burn.example.com';
const ID = 'A'.repeat(22);
const LINK = `${SERVER}/s/${ID}#${'k'.repeat(43)}`;

const CONFIG = {
  ttl: { min: 60, max: 2_592_000, default: 86_400, choices: [3600, 86_400] },
  max_views: { max: 100, default: 1 },
  max_attempts: 5,
  max_content_bytes: 262_144,
  kdf_iterations: 100_000,
  server_encryption: true,
  key_claim: true,
  files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
  restrictions: { verification: true, countries: true },
};
const PEEK = {
  expires_at: '2026-12-08T10:00:00.000Z',
  max_views: 1,
  views_left: 1,
  kdf: null,
  size: 90,
  files: 0,
};
const CREATED = { id: ID, receipt: `${'B'.repeat(21)}A`, expires_at: '2026-12-08T10:00:00.000Z' };
const VERIFICATION_SENT = {
  sent_to: 'b•••@e•••.org',
  expires_at: '2026-12-04T22:10:00.000Z',
  tries: 5,
};

type Answer = [number, unknown];

/** A stub server: each route answers its list of answers in turn (the last one again and again). */
function stub(routes: Record<string, Answer | Answer[]>) {
  const seen: { route: string; body: Record<string, unknown> | undefined }[] = [];
  const counts = new Map<string, number>();
  const fetch: FetchLike = async (input, init) => {
    const route = `${init?.method ?? 'GET'} ${new URL(input).pathname}`;
    seen.push({ route, body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
    const planned = routes[route];
    if (planned === undefined) return new Response(null, { status: 599 });
    const list = (Array.isArray(planned[0]) ? planned : [planned]) as Answer[];
    const n = counts.get(route) ?? 0;
    counts.set(route, n + 1);
    const [status, body] = list[Math.min(n, list.length - 1)]!;
    return new Response(JSON.stringify(body), { status });
  };
  return { fetch, seen, routes: () => seen.map((r) => r.route) };
}

const refusal = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: `server words for ${code}`, ...extra },
});

const run = (argv: string[], fetch: FetchLike, options: FakeContextOptions = {}) =>
  runFake(argv, { fetch, ...options });

describe('send with restriction flags', () => {
  it('sends the restrictions the flags describe', async () => {
    const server = stub({ 'GET /api/v1/config': [200, CONFIG], 'POST /api/v1/secrets': [201, CREATED] });
    const sent = await run(
      [
        'send',
        '--server',
        SERVER,
        '--verify-email',
        'ada@example.com',
        '--verify-email',
        'bob@example.org',
        '--allow-network',
        '10.0.0.0/8,2001:db8::/32',
        '--allow-network',
        '192.168.1.7',
        '--office-hours',
        'mon-fri 08:00-18:00 Europe/Amsterdam',
        '--allow-country',
        'nl,be',
        's3cret',
      ],
      server.fetch,
    );
    expect(sent).toMatchObject({ code: EXIT.OK, stderr: expect.stringMatching(/^Receipt: /) });
    const create = server.seen.find((r) => r.route === 'POST /api/v1/secrets')!;
    expect(create.body!.restrictions).toEqual({
      recipients: ['ada@example.com', 'bob@example.org'],
      networks: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.7/32'],
      office_hours: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '08:00',
        end: '18:00',
        time_zone: 'Europe/Amsterdam',
      },
      countries: { allow: ['NL', 'BE'] },
    });
  });

  it('sends no restrictions without the flags, and a deny list with --deny-country', async () => {
    const server = stub({ 'GET /api/v1/config': [200, CONFIG], 'POST /api/v1/secrets': [201, CREATED] });
    await run(['send', '--server', SERVER, 'x'], server.fetch);
    await run(
      ['send', '--server', SERVER, '--deny-country', 'RU', '--deny-country', 'by', 'x'],
      server.fetch,
    );
    const creates = server.seen.filter((r) => r.route === 'POST /api/v1/secrets');
    expect(creates[0]!.body).not.toHaveProperty('restrictions');
    expect(creates[1]!.body!.restrictions).toEqual({ countries: { deny: ['RU', 'BY'] } });
  });

  it('refuses a malformed flag before reading the secret or asking the server', async () => {
    const server = stub({});
    const bad = await run(
      ['send', '--server', SERVER, '--office-hours', 'mon-fri 08:00-18:00', 'x'],
      server.fetch,
    );
    expect(bad).toMatchObject({
      code: EXIT.USAGE,
      stderr:
        'burnlink: --office-hours needs a time zone, such as "DAYS HH:MM-HH:MM ZONE", e.g. "mon-fri 08:00-18:00 Europe/Amsterdam"\n',
    });
    const both = await run(
      ['send', '--server', SERVER, '--allow-country', 'NL', '--deny-country', 'RU'],
      server.fetch,
    );
    expect(both).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('not both') });
    expect(server.seen).toEqual([]);
  });

  it("refuses what the server cannot enforce, naming the flag and the operator's setting", async () => {
    const noMail = stub({
      'GET /api/v1/config': [200, { ...CONFIG, restrictions: { verification: false, countries: false } }],
    });
    const mail = await run(
      ['send', '--server', SERVER, '--verify-email', 'ada@example.com', 'x'],
      noMail.fetch,
    );
    expect(mail).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('BURNLINK_SMTP_URL') });
    const geo = await run(['send', '--server', SERVER, '--deny-country', 'RU', 'x'], noMail.fetch);
    expect(geo).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringMatching(/^burnlink: --deny-country needs a server with a GeoIP database/),
    });
    const old = stub({ 'GET /api/v1/config': [200, { ...CONFIG, restrictions: undefined }] });
    expect(
      await run(['send', '--server', SERVER, '--allow-network', '10.0.0.0/8', 'x'], old.fetch),
    ).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('does not support restrictions'),
    });
    expect([...noMail.routes(), ...old.routes()].every((r) => r === 'GET /api/v1/config')).toBe(true);
  });

  it("checks the organisation's passphrase rules, which the server cannot check for the length", async () => {
    const policy = {
      members_only: false,
      max_ttl: null,
      max_views: null,
      passphrase_required: true,
      passphrase_min_length: 12,
      verification_required: false,
      recipient_domains: [],
      networks: null,
      countries: null,
      office_hours: null,
      server_encryption: true,
      key_claim: true,
    };
    const server = stub({
      'GET /api/v1/config': [200, { ...CONFIG, policy }],
      'POST /api/v1/secrets': [201, CREATED],
    });
    const env = { BURNLINK_API_KEY: `bl_${'a'.repeat(16)}_${'b'.repeat(43)}` };
    expect(await run(['send', '--server', SERVER, 'x'], server.fetch, { env })).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('policy requires a passphrase: add --passphrase'),
    });
    const short = await run(['send', '--server', SERVER, '--passphrase', 'x'], server.fetch, {
      env: { ...env, BURNLINK_PASSPHRASE: 'too short' },
    });
    expect(short).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('at least 12 characters'),
    });
    expect(short.stderr).not.toContain('too short');
    expect(server.routes()).not.toContain('POST /api/v1/secrets');
  });

  it('reports a policy violation with the rule the server names', async () => {
    const server = stub({
      'GET /api/v1/config': [200, CONFIG],
      'POST /api/v1/secrets': [422, refusal('policy_violation', { rule: 'max_ttl' })],
    });
    expect(await run(['send', '--server', SERVER, 'x'], server.fetch)).toMatchObject({
      code: EXIT.USAGE,
      stderr:
        "burnlink: your organisation's policy refuses this secret (rule max_ttl): choose a shorter --ttl\n",
    });
  });

  it('documents the flags in --help', async () => {
    const help = (await run(['send', '--help'], stub({}).fetch)).stdout;
    for (const flag of [
      '--verify-email ADDRESS',
      '--allow-network CIDR',
      '--office-hours',
      '--allow-country',
      '--deny-country',
    ]) {
      expect(help).toContain(flag);
    }
  });
});

describe('get of a secret for verified recipients', () => {
  const requiresVerification = {
    ...PEEK,
    requires: { verification: { recipients: ['a•••@e•••.com', 'b•••@e•••.org'] } },
  };
  const routes = (claim: Answer | Answer[]) => ({
    [`GET /api/v1/secrets/${ID}`]: [200, requiresVerification] as Answer,
    [`POST /api/v1/secrets/${ID}/verification`]: [200, VERIFICATION_SENT] as Answer,
    [`POST /api/v1/secrets/${ID}/claim`]: claim,
  });

  it('without a terminal or flags: exit 14 with what to do, and nothing sent but the peek', async () => {
    const server = stub(routes([500, {}]));
    const got = await run(['get', LINK], server.fetch);
    expect(got.code).toBe(EXIT.VERIFICATION);
    expect(got.stderr).toContain('  1  a•••@e•••.com\n  2  b•••@e•••.org\n');
    expect(got.stderr).toContain('burnlink: no terminal to ask on: give --recipient N');
    expect(server.routes()).toEqual([`GET /api/v1/secrets/${ID}`]);
  });

  it('with --recipient N and no terminal: mails the code to the Nth address and says how to go on', async () => {
    const server = stub(routes([500, {}]));
    const got = await run(['get', '--recipient', '2', LINK], server.fetch, { env: { TZ: 'UTC' } });
    expect(got.code).toBe(EXIT.VERIFICATION);
    const request = server.seen.find((r) => r.route.endsWith('/verification'))!;
    expect(request.body).toEqual({ recipient: 1, token: expect.stringMatching(/^[\w-]{43}$/) });
    expect(got.stderr).toContain(
      'A code was sent to b•••@e•••.org; it works until Fri 4 Dec 2026, 22:10 UTC for 5 tries.',
    );
    expect(got.stderr).toContain('run again with --verification-code CODE');
    expect(server.routes()).not.toContain(`POST /api/v1/secrets/${ID}/claim`);
  });

  it('with --verification-code: claims with it at once, sending no new code', async () => {
    const server = stub(routes([403, refusal('verification_code_invalid', { attempts_left: 2 })]));
    const got = await run(['get', '--verification-code', '123456', LINK], server.fetch);
    expect(got).toMatchObject({
      code: EXIT.VERIFICATION,
      stderr:
        'burnlink: the verification code is wrong, used or expired: 2 tries left for this code (nothing was consumed)\n',
    });
    expect(server.routes()).toEqual([
      `GET /api/v1/secrets/${ID}`,
      `GET /api/v1/secrets/${ID}`,
      `POST /api/v1/secrets/${ID}/claim`,
    ]);
    expect(server.seen[2]!.body).toMatchObject({ verification_code: '123456' });
  });

  it('on a terminal: lists the addresses, asks which, asks for the code and again after a wrong one', async () => {
    const server = stub(
      routes([
        [403, refusal('verification_code_invalid', { attempts_left: 4 })],
        [403, refusal('verification_code_invalid', { attempts_left: 0 })],
      ]),
    );
    const got = await run(['get', LINK], server.fetch, {
      prompts: ['3', '2', '12345', '111111', '222 222'],
      env: { TZ: 'UTC' },
    });
    expect(got.asked).toEqual([
      '(visible) Your address [1-2]: ',
      '(visible) Your address [1-2]: ',
      '(visible) Verification code: ',
      '(visible) Verification code: ',
      '(visible) Verification code: ',
    ]);
    expect(got.stderr).toContain('answer with a number from 1 to 2');
    expect(got.stderr).toContain('the code is the 6 digits from the mail');
    expect(got.stderr).toContain('4 tries left for this code');
    expect(got.stderr).toContain('request a new code');
    expect(got.code).toBe(EXIT.VERIFICATION);
    const claims = server.seen
      .filter((r) => r.route.endsWith('/claim'))
      .map((r) => r.body!.verification_code);
    expect(claims).toEqual(['111111', '222222']);
  });

  it('refuses --recipient past the list, and a malformed --verification-code before any request', async () => {
    const server = stub(routes([500, {}]));
    const past = await run(['get', '--recipient', '3', LINK], server.fetch);
    expect(past).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('this secret names 2 addresses'),
    });
    const zero = await run(['get', '--recipient', '0', LINK], server.fetch);
    expect(zero).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('1 = first') });
    const code = await run(['get', '--verification-code', '12ab56', LINK], server.fetch);
    expect(code).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: --verification-code needs the 6 digits from the mail\n',
    });
    expect(server.routes()).toEqual([`GET /api/v1/secrets/${ID}`]);
  });

  it('exits 14 when the secret may be sent no more codes', async () => {
    const server = stub({
      ...routes([500, {}]),
      [`POST /api/v1/secrets/${ID}/verification`]: [429, refusal('verification_code_limit')],
    });
    expect(await run(['get', '--recipient', '1', LINK], server.fetch)).toMatchObject({
      code: EXIT.VERIFICATION,
      stderr: 'burnlink: server words for verification_code_limit\n',
    });
  });

  it('shows a refusal of the code request by office hours with the opening time, exit 13', async () => {
    const server = stub({
      ...routes([500, {}]),
      [`POST /api/v1/secrets/${ID}/verification`]: [
        403,
        refusal('outside_office_hours', { opens_at: '2026-12-07T07:00:00.000Z' }),
      ],
    });
    const got = await run(['get', '--recipient', '1', LINK], server.fetch, {
      env: { TZ: 'Europe/Amsterdam' },
    });
    expect(got.code).toBe(EXIT.RESTRICTED);
    expect(got.stderr).toMatch(
      /^burnlink: this secret opens only during office hours; it opens next on Mon 7 Dec 2026, 08:00 CET \(in \d+d \d+h\)\. Nothing was consumed\.\n$/,
    );
  });
});

describe('get refused by restrictions', () => {
  const claimed = (answer: Answer) =>
    stub({
      [`GET /api/v1/secrets/${ID}`]: [200, { ...PEEK, requires: { office_hours: true, network: true } }],
      [`POST /api/v1/secrets/${ID}/claim`]: answer,
    });

  it('outside office hours: the next opening in local time, exit 13', async () => {
    const server = claimed([403, refusal('outside_office_hours', { opens_at: '2026-12-07T07:00:00.000Z' })]);
    const got = await run(['get', LINK], server.fetch, { env: { TZ: 'America/New_York' } });
    expect(got).toMatchObject({ code: EXIT.RESTRICTED, stdout: '' });
    expect(got.stderr).toContain('it opens next on Mon 7 Dec 2026, 02:00 GMT-5');
  });

  it.each([
    ['network_not_allowed', 'cannot be opened from your network'],
    ['country_not_allowed', 'cannot be opened from where you are'],
  ])('%s: says so plainly, exit 13', async (code, words) => {
    const got = await run(['get', LINK], claimed([403, refusal(code)]).fetch);
    expect(got).toMatchObject({ code: EXIT.RESTRICTED, stdout: '' });
    expect(got.stderr).toMatch(new RegExp(`^burnlink: this secret ${words}.*nothing was consumed\\)\\n$`));
  });

  it('documents the verification flags and exit codes in --help', async () => {
    const help = (await run(['get', '--help'], stub({}).fetch)).stdout;
    expect(help).toContain('--recipient N');
    expect(help).toContain('--verification-code C');
    const main = (await run(['--help'], stub({}).fetch)).stdout;
    expect(main).toContain('13 refused by the secret');
    expect(main).toContain('14 recipient verification');
  });
});

describe('mailLanguage', () => {
  it('takes the language of the POSIX locale for the verification mail', () => {
    expect(mailLanguage({ LANG: 'nl_NL.UTF-8' })).toEqual({ language: 'nl-NL' });
    expect(mailLanguage({ LC_ALL: 'sv_SE', LANG: 'en_US.UTF-8' })).toEqual({ language: 'sv-SE' });
    expect(mailLanguage({ LANG: 'de' })).toEqual({ language: 'de' });
    expect(mailLanguage({ LANG: 'C.UTF-8' })).toEqual({});
    expect(mailLanguage({})).toEqual({});
  });
});
