import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '@burnlink/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { type FakeContextOptions, runFake } from '../test-context.js';

// The CLI's account commands against stub answers shaped as docs/teams.md describes them (the real routes are
// exercised end to end in test/accounts-e2e.test.ts).

const SERVER = 'https://secrets.example.com';
const OTHER = 'https://other.example.com';
const KEY = `bl_${'A'.repeat(16)}_${'k'.repeat(42)}A`;
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const LINK_KEY = `${'K'.repeat(42)}A`;

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
}

type Reply = [number, unknown?];

/** Records requests and answers from `routes` ("METHOD /path" → reply), else 404. */
function stubServer(routes: Record<string, Reply>) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const method = init?.method ?? 'GET';
    const url = new URL(input);
    seen.push({ method, url: input, authorization: new Headers(init?.headers).get('authorization') });
    const [status, body] = routes[`${method} ${url.pathname}${url.search}`] ??
      routes[`${method} ${url.pathname}`] ?? [404, { error: { code: 'secret_not_found', message: 'gone' } }];
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { fetch, seen };
}

const ME = {
  user: null,
  org: { id: 'o1', name: 'Acme' },
  role: null,
  scopes: ['secrets:create', 'secrets:list', 'secrets:burn'],
  reach: 'org',
  teams: [],
  auth: 'api_key',
  orgs: [],
  key: { id: 'AAAAAAAAAAAAAAAA', name: 'ci', expires_at: '2027-12-01T10:00:00.000Z' },
};

const SECRET = {
  id: ID,
  state: 'pending',
  created_at: '2026-12-01T10:00:00.000Z',
  expires_at: '2026-12-02T10:00:00.000Z',
  max_views: 2,
  views_left: 1,
  viewed_at: ['2026-12-01T11:00:00.000Z'],
  passphrase: false,
  creator: null,
  key: { id: 'AAAAAAAAAAAAAAAA', name: 'ci' },
  team: { id: 't1', name: 'ops' },
};

let config: string;
beforeEach(async () => {
  config = await mkdtemp(join(tmpdir(), 'burnlink-config-'));
});
afterEach(() => rm(config, { recursive: true, force: true }));

const credentials = () => join(config, 'burnlink', 'credentials.json');
const run = (argv: string[], options: FakeContextOptions = {}) =>
  runFake(argv, { ...options, env: { XDG_CONFIG_HOME: config, ...options.env } });
const noKeyIn = (...texts: string[]) => {
  for (const text of texts) expect(text).not.toContain(KEY.slice(20));
};

describe('burnlink login and logout', () => {
  it('checks the key with /me, stores {server, key} readable by the user only, and never prints the key', async () => {
    const { fetch, seen } = stubServer({ 'GET /api/v1/me': [200, ME] });
    const result = await run(['login', '--server', `${SERVER}/`, '--key-stdin'], {
      stdin: `${KEY}\n`,
      fetch,
    });
    expect(result.code).toBe(EXIT.OK);
    expect(result.stderr).toMatch(
      `Logged in to ${SERVER} as organisation "Acme", key "ci"; scopes: secrets:create, secrets:list, secrets:burn.`,
    );
    noKeyIn(result.stdout, result.stderr);
    expect(seen).toEqual([{ method: 'GET', url: `${SERVER}/api/v1/me`, authorization: `Bearer ${KEY}` }]);
    expect(JSON.parse(await readFile(credentials(), 'utf8'))).toEqual({ server: SERVER, key: KEY });
    expect((await stat(credentials())).mode & 0o777).toBe(0o600);
    expect((await stat(join(config, 'burnlink'))).mode & 0o777).toBe(0o700);

    const out = await run(['logout']);
    expect(out).toMatchObject({ code: EXIT.OK, stderr: expect.stringMatching(/^Logged out/) });
    await expect(stat(credentials())).rejects.toThrow();
    expect((await run(['logout'])).stderr).toBe('Not logged in: no stored key.\n');
  });

  it('asks on a terminal without echo, and stores nothing when the server refuses the key', async () => {
    const { fetch } = stubServer({
      'GET /api/v1/me': [
        401,
        { error: { code: 'invalid_api_key', message: 'The API key is unknown, revoked or expired.' } },
      ],
    });
    const result = await run(['login', '--server', SERVER], { stdinIsTTY: true, prompts: [KEY], fetch });
    expect(result.asked).toEqual(['API key (hidden): ']);
    expect(result.code).toBe(EXIT.NOT_AUTHENTICATED);
    expect(result.stderr).toMatch(
      /^burnlink: The API key is unknown, revoked or expired\. \(set BURNLINK_API_KEY/,
    );
    noKeyIn(result.stderr);
    await expect(stat(credentials())).rejects.toThrow();
  });

  it('warns before sending a key over plain http to another machine', async () => {
    const { fetch } = stubServer({ 'GET /api/v1/me': [200, ME] });
    const plain = await run(['login', '--server', 'http://secrets.internal', '--key-stdin'], {
      stdin: KEY,
      fetch,
    });
    expect(plain.stderr).toMatch(/^burnlink: warning: http:\/\/secrets\.internal is plain http/);
    const local = await run(['login', '--server', 'http://127.0.0.1:8080', '--key-stdin'], {
      stdin: KEY,
      fetch,
    });
    expect(local.stderr).not.toMatch(/warning/);
  });

  it('refuses a key on the command line, a malformed key, and no terminal to ask on, without echoing them', async () => {
    const asArgument = await run(['login', KEY]);
    expect(asArgument.code).toBe(EXIT.USAGE);
    expect(asArgument.stderr).toMatch(/never as an argument/);
    const malformed = await run(['login', '--key-stdin'], { stdin: 'bl_hunter2' });
    expect(malformed).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringMatching(/not an API key/) });
    expect(malformed.stderr).not.toContain('hunter2');
    const noTerminal = await run(['login'], { stdinIsTTY: true });
    expect(noTerminal.stderr).toMatch(/no terminal to ask on: pipe the key in with --key-stdin/);
    noKeyIn(asArgument.stderr);
  });
});

describe('burnlink list', () => {
  it('uses the stored key for its server (the default server after login), and prints a table', async () => {
    const { fetch, seen } = stubServer({
      'GET /api/v1/me': [200, ME],
      'GET /api/v1/secrets?scope=team&state=pending': [200, { secrets: [SECRET], next: null }],
    });
    await run(['login', '--server', SERVER, '--key-stdin'], { stdin: KEY, fetch });
    const listed = await run(['list', '--scope', 'team', '--state', 'pending'], { fetch });
    expect(listed.code).toBe(EXIT.OK);
    expect(listed.stdout).toBe(
      'ID                      STATE    CREATED               EXPIRES               VIEWS  BY      TEAM\n' +
        `${ID}  pending  2026-12-01T10:00:00Z  2026-12-02T10:00:00Z  1/2    key ci  ops\n`,
    );
    expect(seen.at(-1)).toMatchObject({ authorization: `Bearer ${KEY}` });

    // Another server never gets the stored key.
    const elsewhere = await run(['list', '--server', OTHER], { fetch });
    expect(elsewhere.code).toBe(EXIT.NOT_AUTHENTICATED);
    expect(elsewhere.stderr).toBe(
      `burnlink: list needs an API key for ${OTHER}: set BURNLINK_API_KEY, or run: burnlink login --server ${OTHER}\n`,
    );
    expect(seen.some((r) => r.url.startsWith(OTHER))).toBe(false);
  });

  it('takes BURNLINK_API_KEY, follows pages up to --limit, and prints JSON', async () => {
    const second = {
      ...SECRET,
      id: 'BBBBBBBBBBBBBBBBBBBBBA',
      creator: { id: 'u', email: 'ada@example.com', name: 'Ada' },
    };
    const { fetch, seen } = stubServer({
      'GET /api/v1/secrets?scope=own': [200, { secrets: [SECRET], next: 'C1' }],
      'GET /api/v1/secrets?scope=own&cursor=C1': [200, { secrets: [second], next: 'C2' }],
    });
    const env = { BURNLINK_API_KEY: KEY, BURNLINK_URL: SERVER };
    const listed = await run(['list', '--limit', '2', '--json'], { fetch, env });
    expect(listed.code).toBe(EXIT.OK);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: ID, state: 'pending', views_left: 1, team: { id: 't1', name: 'ops' } }),
      expect.objectContaining({ id: second.id, creator: second.creator }),
    ]);
    expect(seen).toHaveLength(2);
    expect(seen.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('exits 11 without a key or with a refused one, 12 without the scope, 2 for a malformed BURNLINK_API_KEY', async () => {
    const none = await run(['list'], { env: { BURNLINK_URL: SERVER } });
    expect(none.code).toBe(EXIT.NOT_AUTHENTICATED);
    const refused = stubServer({
      'GET /api/v1/secrets?scope=own': [401, { error: { code: 'invalid_api_key', message: 'revoked' } }],
    });
    const env = { BURNLINK_API_KEY: KEY, BURNLINK_URL: SERVER };
    expect((await run(['list'], { env, fetch: refused.fetch })).code).toBe(EXIT.NOT_AUTHENTICATED);
    const scope = stubServer({
      'GET /api/v1/secrets?scope=org': [
        403,
        { error: { code: 'insufficient_scope', message: 'This needs the scope secrets:list.' } },
      ],
    });
    const denied = await run(['list', '--scope', 'org'], { env, fetch: scope.fetch });
    expect(denied.code).toBe(EXIT.FORBIDDEN);
    expect(denied.stderr).toMatch(
      /This needs the scope secrets:list\. \(ask an admin for a key with that scope\)/,
    );
    const bad = await run(['list'], { env: { BURNLINK_API_KEY: 'bl_oops hunter2' } });
    expect(bad).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringMatching(/BURNLINK_API_KEY is not an API key/),
    });
    expect(bad.stderr).not.toContain('hunter2');
    expect((await run(['list', '--scope', 'all'], { env })).stderr).toMatch(
      /--scope must be own, team or org/,
    );
  });
});

describe('burnlink burn with an API key', () => {
  const env = { BURNLINK_API_KEY: KEY, BURNLINK_URL: SERVER };

  it('burns by secret link through the id route, never sending the link key', async () => {
    const { fetch, seen } = stubServer({ [`POST /api/v1/secrets/${ID}/burn`]: [204] });
    const burned = await run(['burn', `${SERVER}/s/${ID}#${LINK_KEY}`], { env, fetch });
    expect(burned).toMatchObject({ code: EXIT.OK, stderr: 'Burned: the link no longer works.\n' });
    expect(seen).toEqual([
      { method: 'POST', url: `${SERVER}/api/v1/secrets/${ID}/burn`, authorization: `Bearer ${KEY}` },
    ]);
    expect(JSON.stringify(seen)).not.toContain(LINK_KEY);
  });

  it('tries a bare value as a receipt first, then as a secret id', async () => {
    const { fetch, seen } = stubServer({ [`POST /api/v1/secrets/${ID}/burn`]: [204] });
    expect((await run(['burn', ID], { env, fetch })).code).toBe(EXIT.OK);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `POST /api/v1/receipts/${ID}/burn`,
      `POST /api/v1/secrets/${ID}/burn`,
    ]);
  });

  it('takes an id that begins with a dash as the argument', async () => {
    const dashed = '-AAAAAAAAAAAAAAAAAAAAA';
    const { fetch, seen } = stubServer({ [`POST /api/v1/secrets/${dashed}/burn`]: [204] });
    expect((await run(['burn', dashed], { env, fetch })).code).toBe(EXIT.OK);
    expect(seen.at(-1)!.url).toBe(`${SERVER}/api/v1/secrets/${dashed}/burn`);
  });

  it('keeps burning by receipt link without a key, and explains what a secret link needs', async () => {
    const { fetch, seen } = stubServer({ [`POST /api/v1/receipts/${ID}/burn`]: [204] });
    expect((await run(['burn', `${OTHER}/r/${ID}`], { env, fetch })).code).toBe(EXIT.OK);
    // A receipt link names its own server, which does not get the key.
    expect(seen).toEqual([
      { method: 'POST', url: `${OTHER}/api/v1/receipts/${ID}/burn`, authorization: null },
    ]);

    const noKey = await run(['burn', `${SERVER}/s/${ID}#${LINK_KEY}`], {
      env: { BURNLINK_URL: SERVER },
      fetch,
    });
    expect(noKey.code).toBe(EXIT.NOT_AUTHENTICATED);
    expect(noKey.stderr).toMatch(/burn SECRET_LINK needs an API key/);
    expect(noKey.stderr).toMatch(/burn with the receipt link/);
    const foreign = await run(['burn', `${OTHER}/s/${ID}#${LINK_KEY}`], { env, fetch });
    expect(foreign.code).toBe(EXIT.USAGE);
    expect(foreign.stderr).toMatch(`the link is from ${OTHER}, not ${SERVER}`);
    expect(foreign.stderr + noKey.stderr).not.toContain(LINK_KEY);
  });

  it("maps a secret outside the key's reach to exit 12", async () => {
    const { fetch } = stubServer({
      [`POST /api/v1/secrets/${ID}/burn`]: [
        403,
        { error: { code: 'forbidden', message: "A member burns only their own and their teams' secrets." } },
      ],
    });
    const denied = await run(['burn', `${SERVER}/s/${ID}#${LINK_KEY}`], { env, fetch });
    expect(denied.code).toBe(EXIT.FORBIDDEN);
  });
});

const CONFIG = {
  ttl: { min: 60, max: 604800, default: 86400, choices: [3600, 86400] },
  max_views: { max: 10, default: 1 },
  max_attempts: 5,
  max_content_bytes: 65536,
  kdf_iterations: 600000,
  server_encryption: true,
  key_claim: true,
  files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
};

describe('burnlink send with an API key', () => {
  it('sends the key with the create, so the secret belongs to its organisation', async () => {
    const { fetch, seen } = stubServer({
      'GET /api/v1/config': [200, CONFIG],
      'POST /api/v1/secrets': [201, { id: ID, receipt: ID, expires_at: '2026-12-02T10:00:00.000Z' }],
    });
    const sent = await run(['send', 's3cret'], {
      env: { BURNLINK_API_KEY: KEY, BURNLINK_URL: SERVER },
      fetch,
    });
    expect(sent.code).toBe(EXIT.OK);
    expect(seen.find((r) => r.method === 'POST')).toMatchObject({ authorization: `Bearer ${KEY}` });
    noKeyIn(sent.stdout, sent.stderr);
  });

  it('asks to be notified with --notify, which needs a key', async () => {
    const { fetch: stub } = stubServer({
      'GET /api/v1/config': [200, CONFIG],
      'POST /api/v1/secrets': [201, { id: ID, receipt: ID, expires_at: '2026-12-02T10:00:00.000Z' }],
    });
    const bodies: unknown[] = [];
    const fetch: FetchLike = async (input, init) => {
      if (init?.method === 'POST') bodies.push(JSON.parse(String(init.body)));
      return stub(input, init);
    };
    const sent = await run(['send', '--notify', 's3cret'], {
      env: { BURNLINK_API_KEY: KEY, BURNLINK_URL: SERVER },
      fetch,
    });
    expect(sent.code).toBe(EXIT.OK);
    expect(bodies).toEqual([expect.objectContaining({ notify: true })]);

    const anonymous = await run(['send', '--notify', 's3cret'], { env: { BURNLINK_URL: SERVER }, fetch });
    expect(anonymous.code).toBe(EXIT.USAGE);
    expect(anonymous.stderr).toMatch(/--notify needs an API key for https:\/\/secrets\.example\.com/);
    expect(bodies).toHaveLength(1);
  });
});
