import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../client/test/support/fault-proxy.js';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { EXIT } from '../src/exit-codes.js';
import { assertCliBuilt, runBurnlink } from './support/run-burnlink.js';

// Request a secret with the built `burnlink` against the built server process (SQLite in a temp dir):
// request → respond (text; files; passphrase) → get the inbox link, as users run them.

let server: SpawnedServer;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'burnlink-requests-'));
  server = await spawnServer({ env: { BURNLINK_STORE: `sqlite:${join(dir, 'requests.db')}` } });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const burnlink = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runBurnlink(args, { ...options, env: { BURNLINK_URL: proxy.url, ...options.env } });

interface Made {
  request_link: string;
  inbox_link: string;
  receipt_link: string;
  id: string;
  receipt: string;
  expires_at: string;
}

async function request(description: string, extra: string[] = []): Promise<Made> {
  const run = await burnlink(['request', '--json', ...extra, description]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as Made;
}

describe.concurrent('burnlink request, respond and get INBOX_LINK end to end', { timeout: 60_000 }, () => {
  it('request prints the request link on stdout and the inbox and receipt links on stderr', async () => {
    const run = await burnlink(['request', '--ttl', '2h', '--response-ttl', '1h', 'the staging DB password']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/q\/[\w-]{22}#[\w-]{43}\n$/);
    expect(run.stderr).toMatch(/Inbox .*: http:\/\/127\.0\.0\.1:\d+\/i\/[\w-]{22}#[\w-]{43}\n/);
    expect(run.stderr).toMatch(/Receipt: http:\/\/127\.0\.0\.1:\d+\/rq\/[\w-]{22}\n/);
    expect(run.stderr).toMatch(/Expires: \d{4}-\d\d-\d\dT/);
    const made = await request('as JSON');
    expect(Object.keys(made).sort()).toEqual(
      ['expires_at', 'id', 'inbox_link', 'receipt', 'receipt_link', 'request_link'].sort(),
    );
  });

  it('text: waiting → respond → get prints it once; a second respond and a second get are refused', async () => {
    const made = await request('the staging DB password, please');
    const waiting = await runBurnlink(['get', made.inbox_link]);
    expect(waiting.code).toBe(EXIT.WAITING);
    expect(waiting.stdout).toBe('');
    expect(waiting.stderr).toMatch(/no answer yet: the request is waiting until/);

    const answered = await runBurnlink(['respond', made.request_link], { input: 'hunter2 ✓\n' });
    expect(answered.code).toBe(0);
    expect(answered.stderr).toMatch(/^Request: the staging DB password, please\n/);
    expect(answered.stderr).toMatch(/Answered: the requester can read it once until/);

    const again = await runBurnlink(['respond', made.request_link], { input: 'second' });
    expect(again.code).toBe(EXIT.NOT_FOUND);
    expect(again.stderr).toBe(
      'burnlink: this request has already been answered: it takes one response only\n',
    );

    const got = await runBurnlink(['get', made.inbox_link]);
    expect(got).toMatchObject({ code: 0, stdout: 'hunter2 ✓', stderr: '' });
    const gone = await runBurnlink(['get', made.inbox_link]);
    expect(gone.code).toBe(EXIT.NOT_FOUND);
    expect(gone.stderr).toMatch(/already read/);

    // The server never saw the keys, the description or the answer.
    const transcript = proxy.transcript();
    expect(transcript).not.toContain(made.request_link.split('#')[1]);
    expect(transcript).not.toContain(made.inbox_link.split('#')[1]);
    expect(transcript).not.toContain('hunter2');
    expect(transcript).not.toContain('staging DB');
  });

  it('files and a passphrase: respond --file, get --output saves them with the passphrase', async () => {
    const made = await request('the deploy key and its config');
    const work = await mkdtemp(join(dir, 'files-'));
    const key = join(work, 'id_ed25519');
    await writeFile(key, Buffer.alloc(150_000, 7));
    await writeFile(join(work, 'pass'), 'correct horse\n');
    const answered = await runBurnlink(
      ['respond', '--json', '--file', key, '--passphrase-file', join(work, 'pass'), made.request_link],
      { input: 'see the file' },
    );
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout)).toMatchObject({ passphrase: true, files: 1 });

    const out = join(work, 'out');
    const noPassphrase = await runBurnlink(['get', '--output', out, made.inbox_link]);
    expect(noPassphrase.code).toBe(EXIT.PASSPHRASE_REQUIRED);

    const got = await runBurnlink([
      'get',
      '--json',
      '--output',
      out,
      '--passphrase-file',
      join(work, 'pass'),
      made.inbox_link,
    ]);
    expect(got.code).toBe(0);
    const json = JSON.parse(got.stdout) as { text: string; files: Array<{ name: string; path: string }> };
    expect(json.text).toBe('see the file');
    expect(json.files.map((f) => f.name)).toEqual(['id_ed25519']);
    expect(await readFile(json.files[0]!.path)).toEqual(Buffer.alloc(150_000, 7));
  });

  it('a cut request link, an inbox link used as a secret link and an empty answer are refused', async () => {
    const made = await request('burn me');
    const cut = await runBurnlink(['respond', made.request_link.split('#')[0]!], { input: 'x' });
    expect(cut.code).toBe(EXIT.USAGE);
    expect(cut.stderr).toMatch(/no key/);
    const burned = await burnlink(['get', made.inbox_link.replace('/i/', '/s/')]);
    expect(burned.code).toBe(EXIT.NOT_FOUND);
    expect((await runBurnlink(['respond', made.request_link], { input: '' })).code).toBe(EXIT.USAGE);
  });

  it('help lists the commands and the waiting exit code', async () => {
    const help = await runBurnlink(['--help']);
    expect(help.stdout).toMatch(/request \[DESCRIPTION\]/);
    expect(help.stdout).toMatch(/respond REQUEST_LINK/);
    expect(help.stdout).toMatch(/15 the request has no/);
    expect((await runBurnlink(['request', '--help'])).stdout).toMatch(/Usage: burnlink request/);
    expect((await runBurnlink(['respond', '--help'])).stdout).toMatch(/Usage: burnlink respond/);
  });
});
