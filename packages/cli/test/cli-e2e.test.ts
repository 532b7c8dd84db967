import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../client/test/support/fault-proxy.js';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { EXIT } from '../src/exit-codes.js';
import { assertCliBuilt, BURNLINK_BIN, runBurnlink } from './support/run-burnlink.js';
import { hasScript, runInTerminal } from './support/run-in-terminal.js';

// The built `burnlink` command against the built server process (SQLite in a temp dir), as a user runs them.
// Passphrase cases use the real PBKDF2 cost (600 000 iterations), so there are few of them.

let server: SpawnedServer;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'burnlink-cli-'));
  server = await spawnServer({ env: { BURNLINK_STORE: `sqlite:${join(dir, 'cli.db')}` } });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs burnlink with BURNLINK_URL pointing at the server through the recording proxy. */
const burnlink = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runBurnlink(args, { ...options, env: { BURNLINK_URL: proxy.url, ...options.env } });

async function sendJson(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = await burnlink(['send', '--json', ...args], options);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { link: string; receipt_link: string; expires_at: string };
}

// The cases are independent (each makes its own secrets), so they run concurrently: the time goes to process
// start-up and PBKDF2, and the machine has two cores.
describe.concurrent('burnlink CLI end to end', { timeout: 60_000 }, () => {
  it('echo s3cret | burnlink send, then get prints it exactly once', async () => {
    const sent = await burnlink(['send'], { input: 's3cret\n' });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{22}#[\w-]{43}\n$/);
    expect(sent.stderr).toMatch(/Receipt: http:\/\/127\.0\.0\.1:\d+\/r\/[\w-]{22}\n/);
    expect(sent.stderr).toMatch(/Expires: \d{4}-\d\d-\d\dT/);
    const link = sent.stdout.trim();

    const got = await runBurnlink(['get', link]);
    expect(got).toMatchObject({ code: 0, stdout: 's3cret', stderr: '' });

    const again = await runBurnlink(['get', link]);
    expect(again.code).toBe(EXIT.NOT_FOUND);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/unknown secret: it never existed, has expired, was already viewed/);

    // What the server received: never the key, never the plaintext.
    expect(proxy.transcript()).not.toContain(link.split('#')[1]);
    expect(proxy.transcript()).not.toContain('s3cret');
  });

  it('keeps stdin byte for byte apart from one trailing newline, and prints context on stderr', async () => {
    const text = 'multi\nline\tsecret ✓ \n';
    const { link } = await sendJson(['--username', 'ada', '--env', 'prod'], { input: `${text}\n` });
    const got = await runBurnlink(['get', link]);
    expect(got).toMatchObject({ code: 0, stdout: text, stderr: 'username: ada\nenvironment: prod\n' });
  });

  it('prints parseable JSON for send, get and status', async () => {
    const sent = await sendJson(['--ttl', '30m', '--views', '2', '--label', 'api key', 'abc']);
    expect(Object.keys(sent)).toEqual(
      expect.arrayContaining([
        'link',
        'receipt_link',
        'id',
        'receipt',
        'expires_at',
        'max_views',
        'passphrase',
      ]),
    );
    const lifetime = Date.parse(sent.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(25 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);

    const before = await burnlink(['status', '--json', sent.receipt_link]);
    expect(JSON.parse(before.stdout)).toMatchObject({
      state: 'pending',
      max_views: 2,
      views_left: 2,
      viewed_at: [],
    });

    const got = await runBurnlink(['get', '--json', sent.link]);
    expect(JSON.parse(got.stdout)).toEqual({
      text: 'abc',
      context: { label: 'api key' },
      files: [],
      views_left: 1,
    });

    const after = JSON.parse((await burnlink(['status', '--json', sent.receipt_link])).stdout);
    expect(after).toMatchObject({ views_left: 1 });
    expect(after.viewed_at).toHaveLength(1);

    const text = await burnlink(['status', sent.receipt_link]);
    expect(text.stdout).toMatch(/^State: +(pending|viewed)\n/m);
    expect(text.stdout).toMatch(/^Views: +1 of 2 used$/m);
  });

  it('opens a link made by the server-encrypted mode (curl), and the server opens what the CLI made', async () => {
    const created = await fetch(`${server.url}/api/v1/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'from curl', context: { username: 'bob' } }),
    });
    expect(created.status).toBe(201);
    const { link, receipt_link: receiptLink } = (await created.json()) as {
      link: string;
      receipt_link: string;
    };
    const got = await runBurnlink(['get', link]);
    expect(got).toMatchObject({ code: 0, stdout: 'from curl', stderr: 'username: bob\n' });
    const status = JSON.parse((await runBurnlink(['status', '--json', receiptLink])).stdout);
    expect(status).toMatchObject({ views_left: 0 });

    const sent = await sendJson(['--label', 'cli', 'from the cli']);
    const id = new URL(sent.link).pathname.split('/').pop();
    const claimed = await fetch(`${server.url}/api/v1/secrets/${id}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: sent.link.split('#')[1] }),
    });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({
      text: 'from the cli',
      context: { label: 'cli' },
      views_left: 0,
    });
  });

  it('burn makes the link stop working (exit 3)', async () => {
    const sent = await sendJson(['x']);
    expect(await burnlink(['burn', sent.receipt_link])).toMatchObject({ code: 0 });
    expect((await runBurnlink(['get', sent.link])).code).toBe(EXIT.NOT_FOUND);
    const status = JSON.parse((await burnlink(['status', '--json', sent.receipt_link])).stdout);
    expect(status.state).toBe('burned');
  });

  it('passphrase: --passphrase-file to send, BURNLINK_PASSPHRASE to get, exit 9 without, 4 when wrong', async () => {
    const file = join(dir, 'passphrase.txt');
    await writeFile(file, 'correct horse\n');
    const { link } = await sendJson(['--passphrase-file', file, 'guarded']);

    const none = await runBurnlink(['get', link]);
    expect(none.code).toBe(EXIT.PASSPHRASE_REQUIRED);
    expect(none.stderr).toContain('needs a passphrase');

    const wrong = await runBurnlink(['get', link], { env: { BURNLINK_PASSPHRASE: 'wrong horse' } });
    expect(wrong.code).toBe(EXIT.WRONG_PASSPHRASE);
    expect(wrong.stderr).toContain('4 attempts left');
    expect(wrong.stderr).not.toContain('horse');

    const right = await runBurnlink(['get', link], { env: { BURNLINK_PASSPHRASE: 'correct horse' } });
    expect(right).toMatchObject({ code: 0, stdout: 'guarded' });
    expect(proxy.transcript()).not.toContain('correct horse');
  }, 60_000);

  it('locks after five wrong passphrases (exit 5), then the link is unknown (exit 3)', async () => {
    const { link } = await sendJson(['--passphrase', 'x'], { env: { BURNLINK_PASSPHRASE: 'right' } });
    const codes: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await runBurnlink(['get', link], { env: { BURNLINK_PASSPHRASE: `wrong ${i}` } })).code);
    }
    expect(codes).toEqual([4, 4, 4, 4, EXIT.LOCKED]);
    const after = await runBurnlink(['get', link], { env: { BURNLINK_PASSPHRASE: 'right' } });
    expect(after.code).toBe(EXIT.NOT_FOUND);
  }, 90_000);

  it('on a terminal, asks for the secret and passphrases without echoing them and lets a mistyped one be retried', async () => {
    if (!hasScript()) {
      if (process.env.CI === 'true')
        throw new Error('util-linux `script` is needed for the terminal test in CI');
      console.warn('SKIPPING the terminal prompt test: util-linux `script` is not installed');
      return;
    }
    const sent = await runInTerminal(
      ['send', '--passphrase', '--server', proxy.url],
      [
        { waitFor: /Secret \(hidden\): $/, type: 'typed secret\r' },
        { waitFor: /Passphrase: $/, type: 'tulip garden\r' },
        { waitFor: /Passphrase \(again\): $/, type: 'tulip garden\r' },
      ],
    );
    expect(sent.code).toBe(0);
    expect(sent.screen).not.toContain('typed secret');
    const link = /(http:\/\/\S+\/s\/\S+)/.exec(sent.screen)?.[1];
    expect(link).toBeDefined();

    const got = await runInTerminal(
      ['get', link!],
      [
        { waitFor: /Passphrase: $/, type: 'tulip gardne\r' },
        { waitFor: /4 attempts left[\s\S]*Passphrase: $/, type: 'tulip garden\r' },
      ],
    );
    expect(got.code).toBe(0);
    expect(got.screen).toContain('typed secret');
    expect(sent.screen + got.screen).not.toMatch(/tulip/);
  });

  it('on a real terminal, escape sequences from a sender are shown, not run; piped, the text is byte-exact', async () => {
    if (!hasScript()) {
      if (process.env.CI === 'true')
        throw new Error('util-linux `script` is needed for the terminal test in CI');
      console.warn('SKIPPING the terminal escape test: util-linux `script` is not installed');
      return;
    }
    /** Which of the planted characters (ESC, BEL, RLO, ZWSP) reached the output as they are. */
    const planted = (out: string) => ['\u001b', '\u0007', '\u202e', '\u200b'].filter((c) => out.includes(c));
    const osc = '\u001b]0;pwned\u0007\u001b[2K\u001b]52;c;BASE64\u0007';
    const text = `key ${osc} \u202eend`;
    const sent = await burnlink(['send', '--views', '2', '--label', osc, '--note', `n\u200b${osc}`], {
      input: `${text}\n`,
    });
    expect(sent.code).toBe(0);
    const link = sent.stdout.trim();
    const tty = await runInTerminal(['get', link], []);
    expect(tty.code).toBe(0);
    expect(planted(tty.screen)).toEqual([]);
    expect(tty.screen).toContain('key \\x1b]0;pwned\\x07\\x1b[2K\\x1b]52;c;BASE64\\x07 \\u202eend');
    expect(tty.screen).toContain('label: \\x1b]0;pwned\\x07');
    const piped = await runBurnlink(['get', link]);
    expect(piped.stdout).toBe(text);
    expect(planted(piped.stderr)).toEqual([]);
  });

  it('generate honours length and character sets', async () => {
    const run = await runBurnlink(['generate', '--length', '64', '--no-symbols', '--no-digits']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[A-Za-z]{64}\n$/);
    const bad = await runBurnlink(['generate', '--length', '500']);
    expect(bad).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining('from 4 to 128') });
  });

  it('refuses a bad --ttl with exit 2, naming the allowed values', async () => {
    const run = await burnlink(['send', '--ttl', '45d', 'x']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toContain('from 1m to 30d');
    expect(run.stderr).toContain('1h');
    const malformed = await burnlink(['send', '--ttl', 'tomorrow', 'x']);
    expect(malformed.code).toBe(EXIT.USAGE);
  });

  it('refuses a malformed link with exit 2', async () => {
    const run = await runBurnlink(['get', `${proxy.url}/s/not-an-id#abc`]);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toMatch(/^burnlink: .*secret id/);
  });

  it('exits 6 when the server is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runBurnlink(['send', '--server', `http://127.0.0.1:${port}`, 'x']);
    expect(run.code).toBe(EXIT.NETWORK);
    expect(run.stderr).toBe(`burnlink: cannot reach the server at http://127.0.0.1:${port} (ECONNREFUSED)\n`);
  });

  it('prints help and version', async () => {
    const help = await runBurnlink(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes:') });
    const sendHelp = await runBurnlink(['send', '--help']);
    expect(sendHelp.stdout).toMatch(/^Usage: burnlink send/);
    expect((await runBurnlink(['--version'])).stdout).toMatch(/^burnlink \d+\.\d+\.\d+\n$/);
  });

  it('serve starts a server that answers /healthz and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BURNLINK_BIN, 'serve', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', BURNLINK_STORE: 'memory:', BURNLINK_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 15_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
