import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@burnlink/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsStore } from '../accounts/accounts-store.js';
import { MemoryAccountsStore } from '../accounts/memory-accounts-store.js';
import { openAccounts } from '../accounts/open-accounts.js';
import { parseApiKey } from '../auth/api-key-format.js';
import { loadConfig } from '../config.js';
import { type RunningServer, runServer } from '../run-server.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { ADMIN_EXIT, type AdminOptions, runAdmin } from './run-admin.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function admin(args: string[], env: Record<string, string>, options: AdminOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (t: string) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
      },
    },
  };
  const code = await runAdmin(args, env, io, options);
  return { code, stdout, stderr };
}

interface Backend {
  name: string;
  available: () => Promise<boolean>;
  /** The BURNLINK_* environment of a fresh install on this backend, and how to remove it. */
  install(): Promise<{ env: Record<string, string>; files: string | null; cleanup(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    available: async () => true,
    async install() {
      const dir = await mkdtemp(join(tmpdir(), 'burnlink-admin-'));
      return {
        env: { BURNLINK_DATA_DIR: dir, BURNLINK_STORE: 'sqlite:' },
        files: dir,
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: () => postgresAvailable(POSTGRES_URL),
    async install() {
      const schema = `bltest_${randomBytes(6).toString('hex')}`;
      return {
        env: { BURNLINK_STORE: `${POSTGRES_URL}?schema=${schema}` },
        files: null,
        cleanup: () => dropPostgresSchema(POSTGRES_URL, schema),
      };
    },
  },
];

for (const backend of BACKENDS) {
  describe.runIf(await backend.available())(`burnlink admin on ${backend.name}`, () => {
    let install: Awaited<ReturnType<Backend['install']>>;
    let server: RunningServer;
    let env: Record<string, string>;
    let accounts: AccountsStore;
    // Like an operator: the server running, each command a separate opening of the same stores.
    const run = (args: string[], extra: Record<string, string> = {}) => admin(args, { ...env, ...extra });

    beforeAll(async () => {
      install = await backend.install();
      server = await runServer(
        { ...install.env, BURNLINK_PORT: '0', BURNLINK_LOG_LEVEL: 'warn', BURNLINK_RATE_LIMITS: 'off' },
        { handleSignals: false, print: () => {} },
      );
      env = { ...install.env, BURNLINK_PUBLIC_URL: server.url };
      // A look into what the commands stored, through a connection of its own.
      const config = loadConfig(env);
      accounts = await openAccounts(config.accounts.storeUrl, { dataDir: config.dataDir });
    });

    afterAll(async () => {
      await accounts?.close();
      await server?.close();
      await install?.cleanup();
    });

    it('bootstraps a fresh install: organisation, owner invitation, API key, list, revoke', async () => {
      const org = await run(['create-org', 'Example Ltd', '--join-domain', 'Example.COM']);
      expect(org).toMatchObject({ code: ADMIN_EXIT.OK });
      expect(org.stdout).toMatch(/^[\w-]{22}\n$/);
      const orgId = org.stdout.trim();
      expect(await accounts.getOrg(orgId)).toMatchObject({
        name: 'Example Ltd',
        joinDomains: ['example.com'],
      });

      const orgs = await run(['list-orgs']);
      expect(orgs.stdout).toMatch(/^ID +NAME +CREATED +MEMBERS +JOIN DOMAINS\n/);
      expect(orgs.stdout).toMatch(
        new RegExp(`^${orgId} +Example Ltd +\\S+ +0 \\(0 owners\\) +example\\.com$`, 'm'),
      );
      expect(JSON.parse((await run(['list-orgs', '--json'])).stdout)).toEqual([
        expect.objectContaining({
          id: orgId,
          name: 'Example Ltd',
          members: 0,
          owners: 0,
          join_domains: ['example.com'],
        }),
      ]);

      const again = await run(['create-org', 'EXAMPLE ltd']);
      expect(again.code).toBe(ADMIN_EXIT.REFUSED);
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(/an organisation named "EXAMPLE ltd" already exists/);

      // The invitation: a real one-time link whose secret is the join URL with the invite's token.
      const invited = await run(['invite', 'Ada@Example.com', '--org', 'example ltd', '--role', 'owner']);
      expect(invited.code).toBe(ADMIN_EXIT.OK);
      expect(invited.stderr).not.toMatch(/warning/);
      expect(invited.stderr).toMatch(/ada@example\.com to join "Example Ltd" as owner/);
      const link = invited.stdout.trim();
      expect(invited.stdout).toBe(`${link}\n`);
      expect(link).toMatch(new RegExp(`^${server.url}/s/[\\w-]{22}#[\\w-]{43}$`));
      const client = createClient({ baseUrl: server.url });
      const opened = await client.reveal(link);
      if (!opened.ok) throw new Error(opened.message);
      const joinUrl = opened.payload.text;
      expect(joinUrl).toMatch(new RegExp(`^${server.url}/join#[\\w-]{43}$`));
      const token = joinUrl.split('#')[1]!;
      expect(await accounts.getInviteByToken(sha256(token))).toMatchObject({
        orgId,
        email: 'ada@example.com',
        role: 'owner',
        invitedBy: null,
        acceptedAt: null,
      });
      expect(`${invited.stdout}${invited.stderr}`).not.toContain(token);
      expect(await client.reveal(link)).toMatchObject({ ok: false, reason: 'not_found' });
      const [pending] = await accounts.listInvites(orgId, Date.now());
      const lifetime = pending!.expiresAt - pending!.createdAt;
      expect(lifetime).toBe(7 * 86_400_000);

      // The key: printed once, stored as the SHA-256 of the whole key only.
      const made = await run([
        'create-key',
        '--org',
        orgId,
        '--name',
        'ci',
        '--scopes',
        'secrets:list,secrets:create',
        '--expires',
        '90d',
      ]);
      expect(made.code).toBe(ADMIN_EXIT.OK);
      const key = made.stdout.trim();
      expect(made.stdout).toBe(`${key}\n`);
      expect(made.stderr).not.toContain(key);
      const keyId = parseApiKey(key)?.id;
      if (keyId === undefined) throw new Error(`not a key: ${made.stdout.length} characters`);
      const stored = await accounts.getKey(keyId);
      expect(stored).toMatchObject({
        orgId,
        name: 'ci',
        scopes: ['secrets:create', 'secrets:list'],
        createdBy: null,
        hash: sha256(key),
        revokedAt: null,
      });
      expect(stored!.expiresAt - stored!.createdAt).toBe(90 * 86_400_000);
      expect(JSON.stringify(stored)).not.toContain(key.slice(20));
      if (install.files !== null) {
        for (const file of await readdir(install.files, { recursive: true })) {
          const bytes = await readFile(join(install.files, file)).catch(() => null);
          if (bytes !== null) expect(bytes.includes(key.slice(20)), file).toBe(false);
        }
      }

      // The running server takes the key: it acts for the organisation with its scopes.
      const withKey = createClient({ baseUrl: server.url, apiKey: key });
      expect(await withKey.me()).toMatchObject({
        ok: true,
        auth: 'api_key',
        user: null,
        org: { id: orgId, name: 'Example Ltd' },
        scopes: ['secrets:create', 'secrets:list'],
        key: { id: keyId, name: 'ci' },
      });
      const sent = await withKey.send({ text: 'owned' });
      if (!sent.ok) throw new Error(sent.message);
      const owned = await withKey.listSecrets({ scope: 'own' });
      expect(owned).toMatchObject({ ok: true, secrets: [{ id: sent.id, state: 'pending' }] });
      expect(await withKey.burnSecret(sent.id)).toMatchObject({ ok: false, code: 'insufficient_scope' });

      const listed = await run(['list-keys', '--org', 'Example Ltd']);
      expect(listed.code).toBe(ADMIN_EXIT.OK);
      expect(listed.stdout).toMatch(/^ID +NAME +SCOPES +CREATED +EXPIRES +LAST USED +STATE\n/);
      expect(listed.stdout).toMatch(
        new RegExp(`^${keyId} +ci +secrets:create,secrets:list +\\S+ +\\S+ +\\d{4}-\\S+ +active$`, 'm'),
      );
      const json = JSON.parse((await run(['list-keys', '--org', orgId, '--json'])).stdout);
      expect(json).toEqual([
        expect.objectContaining({
          id: keyId,
          name: 'ci',
          state: 'active',
          revoked_at: null,
          created_by: null,
        }),
      ]);
      expect(JSON.stringify(json)).not.toContain(stored!.hash);

      const revoked = await run(['revoke-key', keyId]);
      expect(revoked).toMatchObject({ code: ADMIN_EXIT.OK, stdout: '' });
      expect(revoked.stderr).toMatch(`Revoked key ${keyId} "ci"`);
      expect((await accounts.getKey(keyId))!.revokedAt).not.toBeNull();
      expect((await run(['list-keys', '--org', orgId])).stdout).toMatch(/ revoked$/m);
      expect(await withKey.me()).toMatchObject({ ok: false, code: 'invalid_api_key' });
      const twice = await run(['revoke-key', key]);
      expect(twice.code).toBe(ADMIN_EXIT.OK);
      expect(twice.stderr).toMatch(/already revoked/);
      expect(twice.stderr).not.toContain(key);
      const unknown = await run(['revoke-key', 'AAAAAAAAAAAAAAAA']);
      expect(unknown.code).toBe(ADMIN_EXIT.REFUSED);
      expect(unknown.stderr).toMatch(/no API key AAAAAAAAAAAAAAAA/);
    });

    it('makes a keys:manage key with which the SDK rotates keys on the running server', async () => {
      const orgId = (await run(['create-org', 'Rotating'])).stdout.trim();
      const manager = (
        await run(['create-key', '--org', orgId, '--name', 'manager', '--scopes', 'keys:manage,secrets:list'])
      ).stdout.trim();
      const client = createClient({ baseUrl: server.url, apiKey: manager });
      const made = await client.createKey({ name: 'deploy', scopes: ['secrets:list'], expiresIn: 3600 });
      if (!made.ok) throw new Error(made.message);
      expect(made.key).toMatch(/^bl_[\w-]{16}_[\w-]{43}$/);
      expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(3_600_000);
      const listed = await client.listKeys();
      expect(listed.ok && listed.keys.map((k) => [k.name, k.state])).toEqual([
        ['deploy', 'active'],
        ['manager', 'active'],
      ]);
      const fresh = createClient({ baseUrl: server.url, apiKey: made.key });
      expect(await fresh.me()).toMatchObject({ ok: true, org: { id: orgId }, scopes: ['secrets:list'] });
      expect(await client.revokeKey(made.id)).toEqual({ ok: true });
      expect(await fresh.me()).toMatchObject({
        ok: false,
        reason: 'invalid_request',
        code: 'invalid_api_key',
      });
      const beyond = await client.createKey({ name: 'wide', scopes: ['secrets:burn'] });
      expect(beyond).toMatchObject({ ok: false, code: 'insufficient_scope' });
    });

    it('caps the key lifetime and the invitation link by the configured maxima, and warns without a public URL', async () => {
      const orgId = (await run(['create-org', 'Capped'])).stdout.trim();
      const capped = {
        BURNLINK_API_KEY_MAX_LIFETIME: '30d',
        BURNLINK_TTL_MAX: '1d',
        BURNLINK_TTL_DEFAULT: '1h',
      };
      const made = await run(
        ['create-key', '--org', orgId, '--name', 'k', '--scopes', 'secrets:list'],
        capped,
      );
      const stored = await accounts.getKey(parseApiKey(made.stdout.trim())!.id);
      expect(stored!.expiresAt - stored!.createdAt).toBe(30 * 86_400_000);
      const tooLong = await run(
        ['create-key', '--org', orgId, '--name', 'k', '--scopes', 'secrets:list', '--expires', '31d'],
        capped,
      );
      expect(tooLong.code).toBe(ADMIN_EXIT.USAGE);
      expect(tooLong.stderr).toMatch(/--expires must be from 1m to 30d \(BURNLINK_API_KEY_MAX_LIFETIME\)/);

      const { BURNLINK_PUBLIC_URL: _, ...withoutUrl } = env;
      const { code, stderr } = await admin(
        ['invite', 'bob@example.com', '--org', orgId, '--role', 'member'],
        { ...withoutUrl, ...capped, BURNLINK_PORT: '8123' },
      );
      expect(code).toBe(ADMIN_EXIT.OK);
      expect(stderr).toMatch(
        /warning: BURNLINK_PUBLIC_URL is not set; the link starts with http:\/\/127\.0\.0\.1:8123/,
      );
      const linkEnds = /opens once, until (\S+);/.exec(stderr)![1]!;
      expect(Date.parse(linkEnds) - Date.now()).toBeLessThanOrEqual(86_400_000);
      expect(Date.parse(linkEnds) - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    });
  });
}

describe('burnlink admin: usage and refusals', () => {
  const env = { BURNLINK_STORE: 'memory:', BURNLINK_ACCOUNTS_STORE: 'memory:' };
  let accounts: MemoryAccountsStore;
  let orgId: string;
  beforeAll(async () => {
    accounts = new MemoryAccountsStore();
    orgId = (await admin(['create-org', 'Acme'], env, { accounts })).stdout.trim();
  });
  const run = (args: string[]) => admin(args, env, { accounts });

  it('prints help: the overview, and each command on --help, without needing a store or a valid config', async () => {
    const none = await admin([], {});
    expect(none.code).toBe(ADMIN_EXIT.USAGE);
    expect(none.stderr).toMatch(/^Usage: burnlink admin COMMAND/);
    const help = await admin(['--help'], {});
    expect(help.code).toBe(ADMIN_EXIT.OK);
    expect(help.stdout).toMatch(/create-org NAME/);
    for (const command of ['create-org', 'list-orgs', 'invite', 'create-key', 'list-keys', 'revoke-key']) {
      const own = await admin([command, '--help'], { BURNLINK_PORT: 'not a port' });
      expect(own.code, command).toBe(ADMIN_EXIT.OK);
      expect(own.stdout, command).toMatch(new RegExp(`^Usage: burnlink admin ${command}`));
    }
  });

  it.each([
    [['nope'], /unknown command "nope"/],
    [['create-org'], /give exactly one NAME/],
    [['create-org', 'X', '--join-domain', 'not a domain'], /--join-domain must be a domain name/],
    [['create-org', 'X', '--bogus'], /Unknown option '--bogus' \(see: burnlink admin create-org --help\)/],
    [['invite', 'ada@example.com', '--role', 'owner'], /invite needs --org/],
    [
      ['invite', 'not-an-email', '--org', 'Acme', '--role', 'owner'],
      /"not-an-email" is not an email address/,
    ],
    [
      ['invite', 'ada@example.com', '--org', 'Acme', '--role', 'boss'],
      /--role must be one of owner, admin, auditor, member; got "boss"/,
    ],
    [['create-key', '--org', 'Acme', '--scopes', 'secrets:list'], /create-key needs --name/],
    [
      ['create-key', '--org', 'Acme', '--name', 'x', '--scopes', 'secrets:list,secrets:read'],
      /unknown scope "secrets:read": --scopes takes a comma-separated list of secrets:create, secrets:list, secrets:burn, audit:read, keys:manage, members:manage, policies:manage, webhooks:manage/,
    ],
    [['create-key', '--org', 'Acme', '--name', 'x', '--scopes', ' , '], /--scopes is empty/],
    [
      ['create-key', '--org', 'Acme', '--name', 'x', '--scopes', 'secrets:list', '--expires', '90'],
      /--expires: "90" has no unit/,
    ],
    [
      ['create-key', '--org', 'Acme', '--name', 'x', '--scopes', 'secrets:list', '--expires', '2y'],
      /--expires: "2y" is not a duration/,
    ],
    [['list-keys'], /list-keys needs --org/],
    [['revoke-key'], /give exactly one key ID/],
  ])('%j is bad usage (exit 2)', async (args, message) => {
    const result = await run(args);
    expect(result.stderr).toMatch(message);
    expect(result).toMatchObject({ code: ADMIN_EXIT.USAGE, stdout: '' });
  });

  it.each([
    [['invite', 'ada@example.com', '--org', 'Umbrella', '--role', 'member'], /no organisation "Umbrella"/],
    [
      ['create-key', '--org', 'nobody', '--name', 'x', '--scopes', 'secrets:list'],
      /no organisation "nobody"/,
    ],
    [['list-keys', '--org', 'nobody'], /no organisation "nobody"/],
    [['revoke-key', 'AAAAAAAAAAAAAAAA'], /no API key AAAAAAAAAAAAAAAA/],
  ])('%j is refused (exit 1)', async (args, message) => {
    const result = await run(args);
    expect(result.stderr).toMatch(message);
    expect(result).toMatchObject({ code: ADMIN_EXIT.REFUSED, stdout: '' });
  });

  it('takes ids that begin with a dash (base64url) as values and arguments', async () => {
    await accounts.createOrg({ id: '-dashedOrgIdAAAAAAAAAA', name: 'Dashed', createdAt: 0, joinDomains: [] });
    expect((await run(['list-keys', '--org', '-dashedOrgIdAAAAAAAAAA'])).stderr).toBe(
      '"Dashed" has no API keys.\n',
    );
    const revoke = await run(['revoke-key', '-dashedKeyIdAAAA']);
    expect(revoke).toMatchObject({
      code: ADMIN_EXIT.REFUSED,
      stderr: expect.stringMatching(/no API key -dashedKeyIdAAAA/),
    });
    expect((await run(['revoke-key', '--', '-dashedKeyIdAAAA'])).code).toBe(ADMIN_EXIT.REFUSED);
  });

  it('finds an organisation by its id as well as its name', async () => {
    expect((await run(['list-keys', '--org', orgId])).stderr).toBe('"Acme" has no API keys.\n');
    expect((await run(['list-keys', '--org', 'ACME'])).stderr).toBe('"Acme" has no API keys.\n');
  });

  it('refuses stores that live inside one server process, and bad configuration, naming the variable', async () => {
    const accountsInMemory = await admin(['create-org', 'X'], { BURNLINK_STORE: 'memory:' });
    expect(accountsInMemory.code).toBe(ADMIN_EXIT.USAGE);
    expect(accountsInMemory.stderr).toMatch(/BURNLINK_ACCOUNTS_STORE is memory: .* cannot reach it/);
    const ephemeral = await admin(['create-org', 'X'], { BURNLINK_MODE: 'ephemeral' });
    expect(ephemeral.code).toBe(ADMIN_EXIT.USAGE);
    expect(ephemeral.stderr).toMatch(
      /BURNLINK_ACCOUNTS_STORE is memory: .*BURNLINK_MODE=ephemeral.* cannot reach it/,
    );
    const secretsInMemory = await run(['invite', 'ada@example.com', '--org', 'Acme', '--role', 'owner']);
    expect(secretsInMemory.code).toBe(ADMIN_EXIT.USAGE);
    expect(secretsInMemory.stderr).toMatch(/BURNLINK_STORE is memory: .* cannot reach it/);
    expect(await accounts.listInvites(orgId, Date.now())).toEqual([]);
    const badConfig = await admin(['create-org', 'X'], { BURNLINK_PORT: 'eighty' });
    expect(badConfig.code).toBe(ADMIN_EXIT.USAGE);
    expect(badConfig.stderr).toMatch(/^burnlink admin: BURNLINK_PORT: /);
  });
});
