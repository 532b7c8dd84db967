import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The real app on a MemoryStore behind a recording proxy: the CLI runs in-process against what it talks to.
import { startTestServer, type TestServer } from '../../client/test/support/test-server.js';
import { EXIT } from './exit-codes.js';
import { type FakeContextOptions, runFake } from './test-context.js';

/** Nothing listens there: the default fetch of `runFake` fails like an unreachable server. */
const UNREACHABLE = 'https://burn.example.com';

let server: TestServer;
let SERVER: string;
beforeAll(async () => {
  server = await startTestServer();
  SERVER = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  server.proxy.seen.length = 0;
});

/** Runs the CLI with a real `fetch` (to the test server). */
const cli = (argv: string[], options: FakeContextOptions = {}) =>
  runFake(argv, { fetch: (input, init) => fetch(input, init), ...options });
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('burnlink (global)', () => {
  it('prints help, version, and refuses unknown commands', async () => {
    expect(await cli(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Exit codes:'),
    });
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: 'burnlink 9.9.9\n' });
    expect(await cli([])).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('Usage:') });
    expect(await cli(['explode'])).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: unknown command "explode" (see: burnlink --help)\n',
    });
  });

  it('does not echo a link or secret given in place of a command', async () => {
    const link = `${SERVER}/s/${'A'.repeat(22)}#${'k'.repeat(43)}`;
    const run = await cli([link]);
    expect(run).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: unknown command; to open a link: burnlink get LINK\n',
    });
    expect((await cli(['Hunter2!'])).stderr).not.toContain('Hunter2');
  });

  it.each(['send', 'get', 'status', 'burn', 'list', 'login', 'logout', 'generate', 'serve', 'admin'])(
    '%s --help prints its usage',
    async (cmd) => {
      const run = await cli([cmd, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: burnlink ${cmd}`));
    },
  );

  it('hands `admin` to the server package: its commands, help and refusals', async () => {
    const help = await cli(['admin', 'create-key', '--help']);
    expect(help).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Usage: burnlink admin create-key/),
    });
    const memory = await cli(['admin', 'create-org', 'Acme'], { env: { BURNLINK_STORE: 'memory:' } });
    expect(memory.code).toBe(EXIT.USAGE);
    expect(memory.stderr).toMatch(/^burnlink admin: BURNLINK_ACCOUNTS_STORE is memory: /);
  });

  it('refuses a passphrase value on the command line without echoing it', async () => {
    const run = await cli(['send', '--passphrase=hunter2', 'text']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain("Option '--passphrase' does not take an argument");
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('send and get', () => {
  it('round-trips a secret from stdin, removing one trailing newline', async () => {
    const sent = await cli(['send', '--server', SERVER, '--username', 'ada'], {
      stdin: 'line 1\nline 2\n\n',
    });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(new RegExp(`^${escaped(SERVER)}/s/[\\w-]{22}#[\\w-]{43}\n$`));
    expect(sent.stderr).toMatch(new RegExp(`^Receipt: ${escaped(SERVER)}/r/[\\w-]{22}\nExpires: `));

    const got = await cli(['get', sent.stdout.trim()]);
    expect(got).toMatchObject({ code: 0, stdout: 'line 1\nline 2\n', stderr: 'username: ada\n' });
    const again = await cli(['get', sent.stdout.trim()]);
    expect(again.code).toBe(EXIT.NOT_FOUND);
    expect(again.stderr).toMatch(/^burnlink: unknown secret: .*already viewed/);
  });

  it('adds a line break after the secret only on a terminal', async () => {
    const sent = await cli(['send', '--server', SERVER, '--views', '2', 'abc']);
    const link = sent.stdout.trim();
    expect((await cli(['get', link])).stdout).toBe('abc');
    const tty = await cli(['get', link], { ttyOutput: true });
    expect(tty.stdout).toBe('abc\n');
    expect(tty.stderr).toContain('this secret is now gone');
  });

  it('prints JSON with --json for send and get', async () => {
    const sent = await cli(['send', '--server', SERVER, '--json', '--ttl', '1h', '--note', 'n', 'x']);
    const out = JSON.parse(sent.stdout);
    expect(out).toMatchObject({ max_views: 1, passphrase: false, id: expect.any(String) });
    expect(out.link).toContain('#');
    expect(out.receipt_link).toContain('/r/');
    expect(Date.parse(out.expires_at)).toBeGreaterThan(Date.now());
    expect(JSON.parse(server.proxy.seen.find((r) => r.method === 'POST')!.body).ttl).toBe(3600);

    const got = await cli(['get', '--json', out.link]);
    expect(JSON.parse(got.stdout)).toEqual({ text: 'x', context: { note: 'n' }, files: [], views_left: 0 });
  });

  it('sends a generated password and shows it once on stderr', async () => {
    const sent = await cli(['send', '--server', SERVER, '--generate', '--length', '12', '--no-symbols']);
    const password = /Password \(shown once\): (\S+)/.exec(sent.stderr)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    const got = await cli(['get', sent.stdout.trim()]);
    expect(got.stdout).toBe(password);
  });

  it('validates --ttl and --views, naming what is allowed', async () => {
    const bad = await cli(['send', '--server', SERVER, '--ttl', '10', 'x']);
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('from 1m to 30d');
    expect(server.proxy.seen).toHaveLength(0);
    const long = await cli(['send', '--server', SERVER, '--ttl', '31d', 'x']);
    expect(long).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('out of range') });
    expect(long.stderr).toContain('5m, 1h, 4h, 1d, 3d, 7d, 30d');
    const views = await cli(['send', '--server', SERVER, '--views', '0', 'x']);
    expect(views.code).toBe(EXIT.USAGE);
    expect(server.proxy.seen.some((r) => r.method === 'POST')).toBe(false);
  });

  it('refuses an empty secret and a bad server URL', async () => {
    expect(await cli(['send', '--server', SERVER], { stdin: '\n' })).toMatchObject({ code: EXIT.USAGE });
    expect(await cli(['send', '--server', 'ftp://x', 'a'])).toMatchObject({ code: EXIT.USAGE });
    expect(await cli(['send', 'a'], { env: { BURNLINK_URL: 'nope' } })).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('BURNLINK_URL must be'),
    });
  });

  it('exits 6 when the server cannot be reached', async () => {
    const run = await runFake(['send', '--server', UNREACHABLE, 'x']);
    expect(run).toMatchObject({
      code: EXIT.NETWORK,
      stderr: `burnlink: cannot reach the server at ${UNREACHABLE}\n`,
    });
  });

  it('maps rate limiting to exit 8 and server failures to exit 7', async () => {
    const answer =
      (status: number, headers: Record<string, string> = {}) =>
      async () =>
        new Response(JSON.stringify({ error: { code: 'x', message: 'nope' } }), { status, headers });
    const limited = await cli(['status', 'A'.repeat(22)], {
      fetch: answer(429, { 'retry-after': '30' }),
    });
    expect(limited).toMatchObject({
      code: EXIT.RATE_LIMITED,
      stderr: 'burnlink: too many requests: try again in 30 s\n',
    });
    const broken = await cli(['burn', 'A'.repeat(22)], { fetch: answer(503) });
    expect(broken).toMatchObject({ code: EXIT.SERVER, stderr: 'burnlink: the server answered 503: nope\n' });
  });

  it('refuses a malformed link with exit 2 before any request', async () => {
    const run = await cli(['get', `${SERVER}/s/abc#def`]);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('bad secret id');
  });
});

describe('passphrases', () => {
  it('takes the passphrase from a file or the environment, never echoing it', async () => {
    const sent = await cli(['send', '--server', SERVER, '--passphrase-file', 'pw.txt', 'x'], {
      files: { 'pw.txt': 'horse battery\n' },
    });
    expect(sent.code).toBe(0);
    const link = sent.stdout.trim();

    const none = await cli(['get', link]);
    expect(none.code).toBe(EXIT.PASSPHRASE_REQUIRED);
    expect(none.stderr).toContain('BURNLINK_PASSPHRASE');

    const wrong = await cli(['get', link], { env: { BURNLINK_PASSPHRASE: 'horse' } });
    expect(wrong).toMatchObject({
      code: EXIT.WRONG_PASSPHRASE,
      stderr: expect.stringContaining('4 attempts left'),
    });
    expect(wrong.stderr).not.toContain('horse');

    const right = await cli(['get', link], {
      env: { BURNLINK_PASSPHRASE: 'horse battery' },
    });
    expect(right).toMatchObject({ code: 0, stdout: 'x' });
  });

  it('prompts twice on a terminal when sending, and retries a mistyped passphrase when getting', async () => {
    const mismatch = await cli(['send', '--server', SERVER, '--passphrase', 'x'], {
      prompts: ['one', 'two'],
    });
    expect(mismatch).toMatchObject({ code: EXIT.USAGE, stderr: 'burnlink: the two passphrases differ\n' });

    const sent = await cli(['send', '--server', SERVER, '--passphrase', 'x'], {
      prompts: ['pw', 'pw'],
    });
    expect(sent.asked).toEqual(['Passphrase: ', 'Passphrase (again): ']);
    const got = await cli(['get', sent.stdout.trim()], { prompts: ['typo', 'pw'] });
    expect(got).toMatchObject({ code: 0, stdout: 'x' });
    expect(got.stderr).toContain('wrong passphrase: 4 attempts left');
  });

  it('asks for a passphrase source when --passphrase has no terminal, and warns about an unused env value', async () => {
    const run = await cli(['send', '--server', SERVER, '--passphrase', 'x']);
    expect(run).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('--passphrase-file') });
    const warned = await cli(['send', '--server', SERVER, 'x'], {
      env: { BURNLINK_PASSPHRASE: 'pw' },
    });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('sending without a passphrase');
  });
});

describe('status, burn and generate', () => {
  it('shows the receipt and burns the secret', async () => {
    const sent = await cli(['send', '--server', SERVER, '--json', 'x']);
    const { receipt_link: receiptLink, link } = JSON.parse(sent.stdout);
    const status = await cli(['status', receiptLink]);
    expect(status).toMatchObject({ code: 0, stdout: expect.stringMatching(/^State: +pending\n/) });
    const json = await cli(['status', '--json', receiptLink]);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'pending' });
    expect(await cli(['burn', receiptLink])).toMatchObject({ code: 0 });
    expect((await cli(['get', link])).code).toBe(EXIT.NOT_FOUND);
    expect((await cli(['status', 'nope'])).code).toBe(EXIT.USAGE);
  });

  it('generates passwords with the chosen length and sets', async () => {
    const run = await cli(['generate', '--length', '40', '--no-symbols', '--no-uppercase']);
    expect(run.stdout).toMatch(/^[a-z0-9]{40}\n$/);
    expect((await cli(['generate'])).stdout).toMatch(/^\S{20}\n$/);
    expect(await cli(['generate', '--length', '3'])).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('from 4 to 128'),
    });
    const none = await cli(['generate', '--no-lowercase', '--no-uppercase', '--no-digits', '--no-symbols']);
    expect(none.code).toBe(EXIT.USAGE);
  });
});
