import { describe, expect, it } from 'vitest';
// The client's in-memory API fake: the CLI's unit tests exercise the CLI's logic, not the server.
import { createFakeApi } from '../../client/src/test-fake-api.js';
import { EXIT } from './exit-codes.js';
import { runFake } from './test-context.js';

const SERVER = 'https://burn.example.com';

describe('burnlink (global)', () => {
  it('prints help, version, and refuses unknown commands', async () => {
    expect(await runFake(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Exit codes:'),
    });
    expect(await runFake(['--version'])).toMatchObject({ code: 0, stdout: 'burnlink 9.9.9\n' });
    expect(await runFake([])).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('Usage:') });
    expect(await runFake(['explode'])).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: unknown command "explode" (see: burnlink --help)\n',
    });
  });

  it('does not echo a link or secret given in place of a command', async () => {
    const link = `${SERVER}/s/${'A'.repeat(22)}#${'k'.repeat(43)}`;
    const run = await runFake([link]);
    expect(run).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: unknown command; to open a link: burnlink get LINK\n',
    });
    expect((await runFake(['Hunter2!'])).stderr).not.toContain('Hunter2');
  });

  it.each(['send', 'get', 'status', 'burn', 'generate', 'serve'])(
    '%s --help prints its usage',
    async (cmd) => {
      const run = await runFake([cmd, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: burnlink ${cmd}`));
    },
  );

  it('refuses a passphrase value on the command line without echoing it', async () => {
    const run = await runFake(['send', '--passphrase=hunter2', 'text']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain("Option '--passphrase' does not take an argument");
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('send and get', () => {
  it('round-trips a secret from stdin, removing one trailing newline', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--username', 'ada'], {
      stdin: 'line 1\nline 2\n\n',
      fetch: api.fetch,
    });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^https:\/\/burn\.example\.com\/s\/[\w-]{22}#[\w-]{43}\n$/);
    expect(sent.stderr).toMatch(/^Receipt: https:\/\/burn\.example\.com\/r\/[\w-]{22}\nExpires: /);

    const got = await runFake(['get', sent.stdout.trim()], { fetch: api.fetch });
    expect(got).toMatchObject({ code: 0, stdout: 'line 1\nline 2\n', stderr: 'username: ada\n' });
    const again = await runFake(['get', sent.stdout.trim()], { fetch: api.fetch });
    expect(again.code).toBe(EXIT.NOT_FOUND);
    expect(again.stderr).toMatch(/^burnlink: unknown secret: .*already viewed/);
  });

  it('adds a line break after the secret only on a terminal', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--views', '2', 'abc'], { fetch: api.fetch });
    const link = sent.stdout.trim();
    expect((await runFake(['get', link], { fetch: api.fetch })).stdout).toBe('abc');
    const tty = await runFake(['get', link], { fetch: api.fetch, ttyOutput: true });
    expect(tty.stdout).toBe('abc\n');
    expect(tty.stderr).toContain('this secret is now gone');
  });

  it('prints JSON with --json for send and get', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--json', '--ttl', '1h', '--note', 'n', 'x'], {
      fetch: api.fetch,
    });
    const out = JSON.parse(sent.stdout);
    expect(out).toMatchObject({ max_views: 1, passphrase: false, id: expect.any(String) });
    expect(out.link).toContain('#');
    expect(out.receipt_link).toContain('/r/');
    expect(Date.parse(out.expires_at)).toBeGreaterThan(Date.now());
    expect(JSON.parse(api.requests.find((r) => r.method === 'POST')!.body).ttl).toBe(3600);

    const got = await runFake(['get', '--json', out.link], { fetch: api.fetch });
    expect(JSON.parse(got.stdout)).toEqual({ text: 'x', context: { note: 'n' }, files: [], views_left: 0 });
  });

  it('sends a generated password and shows it once on stderr', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--generate', '--length', '12', '--no-symbols'], {
      fetch: api.fetch,
    });
    const password = /Password \(shown once\): (\S+)/.exec(sent.stderr)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    const got = await runFake(['get', sent.stdout.trim()], { fetch: api.fetch });
    expect(got.stdout).toBe(password);
  });

  it('validates --ttl and --views, naming what is allowed', async () => {
    const api = createFakeApi();
    const bad = await runFake(['send', '--server', SERVER, '--ttl', '10', 'x'], { fetch: api.fetch });
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('from 1m to 30d');
    expect(api.requests).toHaveLength(0);
    const long = await runFake(['send', '--server', SERVER, '--ttl', '31d', 'x'], { fetch: api.fetch });
    expect(long).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('out of range') });
    expect(long.stderr).toContain('5m, 1h, 1d');
    const views = await runFake(['send', '--server', SERVER, '--views', '0', 'x'], { fetch: api.fetch });
    expect(views.code).toBe(EXIT.USAGE);
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('refuses an empty secret and a bad server URL', async () => {
    expect(await runFake(['send', '--server', SERVER], { stdin: '\n' })).toMatchObject({ code: EXIT.USAGE });
    expect(await runFake(['send', '--server', 'ftp://x', 'a'])).toMatchObject({ code: EXIT.USAGE });
    expect(await runFake(['send', 'a'], { env: { BURNLINK_URL: 'nope' } })).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('BURNLINK_URL must be'),
    });
  });

  it('exits 6 when the server cannot be reached', async () => {
    const run = await runFake(['send', '--server', SERVER, 'x']);
    expect(run).toMatchObject({
      code: EXIT.NETWORK,
      stderr: `burnlink: cannot reach the server at ${SERVER}\n`,
    });
  });

  it('maps rate limiting to exit 8 and server failures to exit 7', async () => {
    const answer =
      (status: number, headers: Record<string, string> = {}) =>
      async () =>
        new Response(JSON.stringify({ error: { code: 'x', message: 'nope' } }), { status, headers });
    const limited = await runFake(['status', 'A'.repeat(22)], {
      fetch: answer(429, { 'retry-after': '30' }),
    });
    expect(limited).toMatchObject({
      code: EXIT.RATE_LIMITED,
      stderr: 'burnlink: too many requests: try again in 30 s\n',
    });
    const broken = await runFake(['burn', 'A'.repeat(22)], { fetch: answer(503) });
    expect(broken).toMatchObject({ code: EXIT.SERVER, stderr: 'burnlink: the server answered 503: nope\n' });
  });

  it('refuses a malformed link with exit 2 before any request', async () => {
    const run = await runFake(['get', `${SERVER}/s/abc#def`]);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('bad secret id');
  });
});

describe('passphrases', () => {
  it('takes the passphrase from a file or the environment, never echoing it', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--passphrase-file', 'pw.txt', 'x'], {
      fetch: api.fetch,
      files: { 'pw.txt': 'horse battery\n' },
    });
    expect(sent.code).toBe(0);
    const link = sent.stdout.trim();

    const none = await runFake(['get', link], { fetch: api.fetch });
    expect(none.code).toBe(EXIT.PASSPHRASE_REQUIRED);
    expect(none.stderr).toContain('BURNLINK_PASSPHRASE');

    const wrong = await runFake(['get', link], { fetch: api.fetch, env: { BURNLINK_PASSPHRASE: 'horse' } });
    expect(wrong).toMatchObject({
      code: EXIT.WRONG_PASSPHRASE,
      stderr: expect.stringContaining('4 attempts left'),
    });
    expect(wrong.stderr).not.toContain('horse');

    const right = await runFake(['get', link], {
      fetch: api.fetch,
      env: { BURNLINK_PASSPHRASE: 'horse battery' },
    });
    expect(right).toMatchObject({ code: 0, stdout: 'x' });
  });

  it('prompts twice on a terminal when sending, and retries a mistyped passphrase when getting', async () => {
    const api = createFakeApi();
    const mismatch = await runFake(['send', '--server', SERVER, '--passphrase', 'x'], {
      fetch: api.fetch,
      prompts: ['one', 'two'],
    });
    expect(mismatch).toMatchObject({ code: EXIT.USAGE, stderr: 'burnlink: the two passphrases differ\n' });

    const sent = await runFake(['send', '--server', SERVER, '--passphrase', 'x'], {
      fetch: api.fetch,
      prompts: ['pw', 'pw'],
    });
    expect(sent.asked).toEqual(['Passphrase: ', 'Passphrase (again): ']);
    const got = await runFake(['get', sent.stdout.trim()], { fetch: api.fetch, prompts: ['typo', 'pw'] });
    expect(got).toMatchObject({ code: 0, stdout: 'x' });
    expect(got.stderr).toContain('wrong passphrase: 4 attempts left');
  });

  it('asks for a passphrase source when --passphrase has no terminal, and warns about an unused env value', async () => {
    const run = await runFake(['send', '--server', SERVER, '--passphrase', 'x']);
    expect(run).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('--passphrase-file') });
    const api = createFakeApi();
    const warned = await runFake(['send', '--server', SERVER, 'x'], {
      fetch: api.fetch,
      env: { BURNLINK_PASSPHRASE: 'pw' },
    });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('sending without a passphrase');
  });
});

describe('status, burn and generate', () => {
  it('shows the receipt and burns the secret', async () => {
    const api = createFakeApi();
    const sent = await runFake(['send', '--server', SERVER, '--json', 'x'], { fetch: api.fetch });
    const { receipt_link: receiptLink, link } = JSON.parse(sent.stdout);
    const status = await runFake(['status', receiptLink], { fetch: api.fetch });
    expect(status).toMatchObject({ code: 0, stdout: expect.stringMatching(/^State: +pending\n/) });
    const json = await runFake(['status', '--json', receiptLink], { fetch: api.fetch });
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'pending' });
    expect(await runFake(['burn', receiptLink], { fetch: api.fetch })).toMatchObject({ code: 0 });
    expect((await runFake(['get', link], { fetch: api.fetch })).code).toBe(EXIT.NOT_FOUND);
    expect((await runFake(['status', 'nope'], { fetch: api.fetch })).code).toBe(EXIT.USAGE);
  });

  it('generates passwords with the chosen length and sets', async () => {
    const run = await runFake(['generate', '--length', '40', '--no-symbols', '--no-uppercase']);
    expect(run.stdout).toMatch(/^[a-z0-9]{40}\n$/);
    expect((await runFake(['generate'])).stdout).toMatch(/^\S{20}\n$/);
    expect(await runFake(['generate', '--length', '3'])).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('from 4 to 128'),
    });
    const none = await runFake([
      'generate',
      '--no-lowercase',
      '--no-uppercase',
      '--no-digits',
      '--no-symbols',
    ]);
    expect(none.code).toBe(EXIT.USAGE);
  });
});
