import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { EXIT } from '../src/exit-codes.js';
import { assertCliBuilt, runBurnlink } from './support/run-burnlink.js';

// A fresh install bootstrapped and used as an operator and a team would: the built server on SQLite in a temp
// directory, `burnlink admin` on the same stores from another process, then the CLI with the key it printed.

let server: SpawnedServer;
let data: string;
let home: string;
let storeEnv: Record<string, string>;

beforeAll(async () => {
  assertCliBuilt();
  data = await mkdtemp(join(tmpdir(), 'burnlink-teams-'));
  home = await mkdtemp(join(tmpdir(), 'burnlink-home-'));
  storeEnv = { BURNLINK_DATA_DIR: data, BURNLINK_STORE: 'sqlite:' };
  server = await spawnServer({ env: storeEnv });
});

afterAll(async () => {
  await server?.stop();
  await rm(data, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

const admin = (args: string[]) =>
  runBurnlink(['admin', ...args], { env: { ...storeEnv, BURNLINK_PUBLIC_URL: server.url } });
/** The CLI as a team member: no store variables, its own config directory. */
const burnlink = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runBurnlink(args, { ...options, env: { XDG_CONFIG_HOME: home, ...options.env } });

describe('teams from the command line', { timeout: 60_000 }, () => {
  it('bootstraps with burnlink admin, logs in with the key, sends, lists and burns by id', async () => {
    const org = await admin(['create-org', 'Example Ltd']);
    expect(org.code).toBe(EXIT.OK);
    // The owner's invitation is a one-time link: opened once, it holds the personal join link.
    const invite = await admin(['invite', 'ada@example.com', '--org', 'Example Ltd', '--role', 'owner']);
    expect(invite.code).toBe(EXIT.OK);
    const opened = await runBurnlink(['get', invite.stdout.trim()]);
    expect(opened.code).toBe(EXIT.OK);
    expect(opened.stdout).toMatch(new RegExp(`^${server.url}/join#[\\w-]{43}$`));
    expect((await runBurnlink(['get', invite.stdout.trim()])).code).toBe(EXIT.NOT_FOUND);
    const made = await admin([
      'create-key',
      '--org',
      'example ltd',
      '--name',
      'deploy',
      '--scopes',
      'secrets:create,secrets:list,secrets:burn',
    ]);
    expect(made.code).toBe(EXIT.OK);
    const key = made.stdout.trim();
    expect(key).toMatch(/^bl_[\w-]{16}_[\w-]{43}$/);

    const login = await burnlink(['login', '--server', server.url, '--key-stdin'], { input: `${key}\n` });
    expect(login.code).toBe(EXIT.OK);
    expect(login.stderr).toMatch(`Logged in to ${server.url} as organisation "Example Ltd", key "deploy"`);
    const file = join(home, 'burnlink', 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ server: server.url, key });

    // After login the server and key are implied.
    const sent = await burnlink(['send', '--json', 'for the team']);
    expect(sent.code).toBe(EXIT.OK);
    const { id, link } = JSON.parse(sent.stdout) as { id: string; link: string };
    const listed = await burnlink(['list']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(EXIT.OK);
    expect(listed.stdout).toMatch(
      new RegExp(`^${id.replace(/[-]/g, '\\-')} +pending .* 0/1 +key deploy +-$`, 'm'),
    );

    const burned = await burnlink(['burn', link]);
    expect(burned).toMatchObject({ code: EXIT.OK, stderr: 'Burned: the link no longer works.\n' });
    const after = JSON.parse((await burnlink(['list', '--json', '--state', 'burned'])).stdout);
    expect(after).toEqual([expect.objectContaining({ id, state: 'burned' })]);
    expect((await runBurnlink(['get', link])).code).toBe(EXIT.NOT_FOUND);
    for (const run of [login, sent, listed, burned]) expect(run.stdout + run.stderr).not.toContain(key);

    // A revoked key: 401, exit 11; the stored one is dropped by logout.
    expect((await admin(['revoke-key', key.slice(3, 19)])).code).toBe(EXIT.OK);
    const refused = await burnlink(['list']);
    expect(refused.code).toBe(EXIT.NOT_AUTHENTICATED);
    expect(refused.stderr).toMatch(/invalid|revoked/i);
    expect((await burnlink(['logout'])).code).toBe(EXIT.OK);
  });

  it("follows the organisation's policy: the passphrase rules before sending, the others as the server names them", async () => {
    await admin(['create-org', 'Policed']);
    const key = (
      await admin([
        'create-key',
        '--org',
        'Policed',
        '--name',
        'ci',
        '--scopes',
        'secrets:create,policies:manage',
      ])
    ).stdout.trim();
    const policy = {
      members_only: false,
      max_ttl: 3600,
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
    const put = await fetch(`${server.url}/api/v1/org/policy`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(policy),
    });
    expect(put.status).toBe(200);
    const env = { BURNLINK_API_KEY: key, BURNLINK_URL: server.url };

    const none = await burnlink(['send', 'x'], { env });
    expect(none).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('requires a passphrase'),
    });
    const short = await burnlink(['send', '--passphrase', 'x'], {
      env: { ...env, BURNLINK_PASSPHRASE: 'too short' },
    });
    expect(short).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('at least 12 characters'),
    });
    const long = { ...env, BURNLINK_PASSPHRASE: 'long enough passphrase' };
    const tooLong = await burnlink(['send', '--passphrase', '--ttl', '2h', 'x'], { env: long });
    expect(tooLong).toMatchObject({
      code: EXIT.USAGE,
      stderr:
        "burnlink: your organisation's policy refuses this secret (rule max_ttl): choose a shorter --ttl\n",
    });
    const sent = await burnlink(['send', '--passphrase', '--ttl', '1h', 'x'], { env: long });
    expect(sent.code).toBe(EXIT.OK);
    for (const run of [none, short, tooLong, sent]) expect(run.stdout + run.stderr).not.toContain(key);
  });

  it('exits 12 when BURNLINK_API_KEY lacks the scope, naming it', async () => {
    await admin(['create-org', 'Narrow']);
    const key = (
      await admin(['create-key', '--org', 'Narrow', '--name', 'ci', '--scopes', 'secrets:create'])
    ).stdout.trim();
    const denied = await burnlink(['list'], { env: { BURNLINK_API_KEY: key, BURNLINK_URL: server.url } });
    expect(denied.code).toBe(EXIT.FORBIDDEN);
    expect(denied.stderr).toMatch(/secrets:list/);
    expect(denied.stderr).not.toContain(key);
  });
});
