import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveAccess } from '@burnlink/core';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openAccounts } from '../../src/accounts/open-accounts.js';
import { loadConfig } from '../../src/config.js';
import { runServer } from '../../src/run-server.js';
import { dropPostgresSchema, postgresAvailable } from '../../src/stores/test-backends.js';
import { newRandomId } from '../../src/tokens.js';
import { TUS } from './file-support.js';
import { requestBody, responseBody } from './requests-support.js';
import { logCapture } from './support.js';

/**
 * Zero knowledge with accounts (SECURITY.md promise 1, issue 12): a real server on SQLite, used with sessions,
 * API keys and invites, leaves no API key, session token, CSRF token, invite token, link key, receipt or secret
 * text in any byte of its data directory (databases with their -wal and -shm files), in any log line (at
 * trace level), in GET /api/v1/config or in the loaded configuration. The same for a PostgreSQL accounts store,
 * dumped row by row. Requests for a secret and their responses too (issue 17): no request key, inbox key,
 * respond or inbox token, response key, description, passphrase or secret plaintext.
 */

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Unreachable PostgreSQL skips loudly on a laptop and fails when CI=true. */
const withPostgres = await postgresAvailable(POSTGRES_URL);
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A value that must appear nowhere, with the forms it could take: as text, and its bytes raw and in hex. */
interface Hidden {
  what: string;
  text: string;
  /** For base64url tokens: the decoded bytes (searched raw in files, and as hex everywhere). */
  bytes?: Buffer;
}

const token = (what: string, text: string): Hidden => ({ what, text, bytes: Buffer.from(text, 'base64url') });

/** Every form of every hidden value that a haystack of bytes must not hold. */
function needles(hidden: Hidden[]): { what: string; needle: Buffer }[] {
  return hidden.flatMap(({ what, text, bytes }) => [
    { what: `${what} (text)`, needle: Buffer.from(text) },
    ...(bytes === undefined
      ? []
      : [
          { what: `${what} (bytes)`, needle: bytes },
          { what: `${what} (hex)`, needle: Buffer.from(bytes.toString('hex')) },
          { what: `${what} (HEX)`, needle: Buffer.from(bytes.toString('hex').toUpperCase()) },
          { what: `${what} (base64)`, needle: Buffer.from(bytes.toString('base64').replace(/=+$/, '')) },
        ]),
  ]);
}

function expectNowhere(haystacks: Record<string, Buffer>, hidden: Hidden[]): void {
  const found: string[] = [];
  for (const [where, haystack] of Object.entries(haystacks)) {
    for (const { what, needle } of needles(hidden)) {
      if (haystack.includes(needle)) found.push(`${what} in ${where}`);
    }
  }
  expect(found).toEqual([]);
}

async function filesUnder(dir: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = await readFile(file);
  }
  return files;
}

/**
 * Bootstraps an organisation with an owner and a signed-in session directly in the accounts store (as the
 * sign-in routes would), starts the server, and uses it the way a team does. Answers what must stay hidden,
 * the log, the server's files while it ran and its config answer.
 */
async function exercise(env: Record<string, string>, dataDir: string) {
  const config = loadConfig(env);
  const bootstrap = await openAccounts(config.accounts.storeUrl, { dataDir });
  const now = Date.now();
  const orgId = newRandomId();
  const userId = newRandomId();
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await bootstrap.createOrg({ id: orgId, name: 'Acme', createdAt: now, joinDomains: [] });
  await bootstrap.createUser({ id: userId, email: 'owner@acme.example', name: 'Owner', createdAt: now });
  await bootstrap.addMember({ orgId, userId, role: 'owner', createdAt: now });
  await bootstrap.createSession({
    idHash: sha256Hex(sessionToken),
    userId,
    orgId,
    csrfHash: sha256Hex(csrfToken),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + config.accounts.sessionMaxMs,
    label: 'Firefox on Linux',
  });
  await bootstrap.close();

  const log = logCapture();
  const server = await runServer(env, { handleSignals: false, print: () => {}, logStream: log.stream });
  const origin = new URL(server.url).origin;
  const hidden: Hidden[] = [token('session token', sessionToken), token('CSRF token', csrfToken)];
  let files: Record<string, Buffer> = {};
  let configBody = '';
  let publicKey: Buffer = Buffer.alloc(0);
  try {
    const session = {
      cookie: `burnlink_session=${sessionToken}; burnlink_csrf=${csrfToken}`,
      origin,
      'x-csrf-token': csrfToken,
    };
    const call = async (
      method: string,
      url: string,
      headers: Record<string, string>,
      body?: unknown,
      expected?: number,
    ) => {
      const res = await fetch(`${server.url}${url}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (expected !== undefined) expect(res.status, `${method} ${url}: ${text}`).toBe(expected);
      return text === '' ? null : JSON.parse(text);
    };
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    const keyOf = (made: { key: string }) => {
      hidden.push({ what: 'API key', text: made.key });
      hidden.push(token('API key secret part', made.key.slice(20)));
      return made.key;
    };

    // Keys through the API, with the session (and its CSRF token).
    const ciKey = keyOf(
      await call(
        'POST',
        '/api/v1/keys',
        session,
        { name: 'ci', scopes: ['secrets:create', 'secrets:list', 'secrets:burn', 'keys:manage'] },
        201,
      ),
    );
    const oldKey = keyOf(
      await call('POST', '/api/v1/keys', session, { name: 'old', scopes: ['secrets:create'] }, 201),
    );
    const byKey = keyOf(
      await call('POST', '/api/v1/keys', bearer(ciKey), { name: 'by key', scopes: ['secrets:list'] }, 201),
    );
    // Secrets with the session and with keys, server-encrypted so that their text crosses the server.
    const created = [
      await call('POST', '/api/v1/secrets', session, { text: 'session-text-marker' }, 201),
      await call(
        'POST',
        '/api/v1/secrets',
        bearer(ciKey),
        { text: 'key-text-marker', passphrase: 'key-passphrase-marker' },
        201,
      ),
      await call('POST', '/api/v1/secrets', bearer(oldKey), { text: 'old-key-text-marker' }, 201),
    ];
    hidden.push(
      { what: 'secret text', text: 'session-text-marker' },
      { what: 'secret text', text: 'key-text-marker' },
      { what: 'secret text', text: 'old-key-text-marker' },
      { what: 'passphrase', text: 'key-passphrase-marker' },
    );
    for (const secret of created) {
      hidden.push(token('receipt', secret.receipt));
      hidden.push(token('link key', secret.link.split('#')[1]));
    }
    // Use, list, claim one, burn one by id.
    await call('GET', '/api/v1/me', bearer(ciKey), undefined, 200);
    await call('GET', '/api/v1/me', session, undefined, 200);
    expect(
      (await call('GET', '/api/v1/secrets?scope=org', bearer(ciKey), undefined, 200)).secrets,
    ).toHaveLength(3);
    await call('GET', '/api/v1/secrets', bearer(byKey), undefined, 200);
    await call('GET', '/api/v1/keys', session, undefined, 200);
    const [first, second] = created;
    await call('POST', `/api/v1/secrets/${first.id}/claim`, {}, { key: first.link.split('#')[1] }, 200);
    await call('POST', `/api/v1/secrets/${second.id}/burn`, bearer(ciKey), undefined, 204);
    // Refusals log nothing of what was presented either.
    const typo = `${ciKey.slice(0, -1)}${ciKey.endsWith('A') ? 'B' : 'A'}`;
    hidden.push({ what: 'mistyped API key', text: typo });
    await call('GET', '/api/v1/me', bearer(typo), undefined, 401);
    await call(
      'POST',
      '/api/v1/keys',
      { ...session, 'x-csrf-token': typo.slice(20) },
      { name: 'x', scopes: ['secrets:list'] },
      403,
    );
    // Rotation and revocation.
    const oldId = oldKey.slice(3, 19);
    await call('PATCH', `/api/v1/keys/${oldId}`, session, { expires_in: 60 }, 200);
    await call('DELETE', `/api/v1/keys/${byKey.slice(3, 19)}`, session, undefined, 204);
    await call('GET', '/api/v1/secrets', bearer(byKey), undefined, 401);
    // An invite: its link is a one-time secret whose text is the join link.
    const invite = await call(
      'POST',
      '/api/v1/invites',
      session,
      { email: 'new@acme.example', role: 'member' },
      201,
    );
    const inviteKey = invite.link.split('#')[1];
    hidden.push(token('invite link key', inviteKey));
    const join = await call(
      'POST',
      `/api/v1/secrets/${invite.link.split('/s/')[1].split('#')[0]}/claim`,
      {},
      { key: inviteKey },
      200,
    );
    const inviteToken = String(join.text).split('#')[1] ?? '';
    expect(inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    hidden.push(token('invite token', inviteToken));
    const pending = await call(
      'POST',
      '/api/v1/invites',
      session,
      { email: 'later@acme.example', role: 'admin' },
      201,
    );
    hidden.push(token('unclaimed invite link key', pending.link.split('#')[1]));
    await call('GET', '/api/v1/invites', session, undefined, 200);
    await call('GET', '/api/v1/sessions', session, undefined, 200);

    publicKey = await requestsAndResponses(server.url, call, session, bearer(ciKey), hidden);

    configBody = JSON.stringify(await call('GET', '/api/v1/config', {}, undefined, 200));
    // The files while the server runs (with their -wal and -shm), then after sign-out and close.
    files = await filesUnder(dataDir);
    await call('POST', '/api/v1/auth/sign-out', session, undefined, 204);
    await call('GET', '/api/v1/me', session, undefined, 401);
  } finally {
    await server.close();
  }
  // What the stores do keep: hashes. Finding them shows the search reads the bytes where a token would be.
  const kept = {
    keyHash: sha256Hex(hidden.find((h) => h.what === 'API key')?.text ?? ''),
    sessionHash: sha256Hex(sessionToken),
    requestPublicKey: publicKey,
  };
  return { hidden, log, files, configBody, config: JSON.stringify(config), kept };
}

type Call = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
  expected?: number,
) => Promise<ReturnType<typeof JSON.parse>>;

/**
 * Requests for a secret (issue 17): made with a session, an API key and anonymously; answered with text, a
 * passphrase and a file; read, burned by inbox token and by receipt, one left answered and one waiting. Hides
 * the request key Q, the inbox key S, both tokens, the response key K, the description, the passphrase, the
 * secret text and the file's plaintext, and the receipts.
 */
async function requestsAndResponses(
  base: string,
  call: Call,
  session: Record<string, string>,
  key: Record<string, string>,
  hidden: Hidden[],
): Promise<Buffer> {
  const make = async (headers: Record<string, string>, marker: string) => {
    const made = await requestBody(`description-${marker}-marker`);
    const created = await call('POST', '/api/v1/requests', headers, made.body, 201);
    hidden.push(
      token(`request key Q (${marker})`, toB64u(made.requestKey)),
      token(`inbox key S (${marker})`, toB64u(made.inboxKey)),
      token(`respond token (${marker})`, made.respondToken),
      token(`inbox token (${marker})`, made.inboxToken),
      token(`request receipt (${marker})`, created.receipt),
      { what: `description (${marker})`, text: made.description },
    );
    return { ...made, id: created.id as string, receipt: created.receipt as string };
  };
  const answer = async (
    request: Awaited<ReturnType<typeof make>>,
    marker: string,
    extra: { passphrase?: string; file?: string } = {},
  ) => {
    const text = `response-${marker}-marker`;
    const response = await responseBody(request.respondToken, {
      text,
      ...(extra.passphrase ? { passphrase: extra.passphrase } : {}),
      ...(extra.file ? { files: [new TextEncoder().encode(extra.file)] } : {}),
    });
    hidden.push(token(`response key K (${marker})`, toB64u(response.linkKey)), {
      what: 'response text',
      text,
    });
    if (extra.passphrase) hidden.push({ what: 'response passphrase', text: extra.passphrase });
    if (extra.file) hidden.push({ what: 'response file', text: extra.file });
    const answered = await call('POST', `/api/v1/requests/${request.id}/respond`, {}, response.body, 201);
    for (const [i, upload] of ((answered.uploads ?? []) as { url: string }[]).entries()) {
      const put = await fetch(`${base}${upload.url}`, {
        method: 'PATCH',
        headers: { ...TUS, 'upload-offset': '0' },
        body: Buffer.from(response.ciphertexts[i] as Uint8Array),
      });
      expect(put.status).toBe(204);
    }
    return response;
  };
  const inboxOf = (request: Awaited<ReturnType<typeof make>>) =>
    call('POST', `/api/v1/requests/${request.id}/inbox`, {}, { inbox_token: request.inboxToken }, 200);

  const bySession = await make(session, 'session');
  const byKey = await make(key, 'key');
  const anonymous = await make({}, 'anonymous');
  const waiting = await make({}, 'waiting');
  const burned = await make(key, 'burned');
  await call('GET', `/api/v1/requests/${bySession.id}`, {}, undefined, 200);
  const read = await answer(bySession, 'session', {
    passphrase: 'response-passphrase-marker',
    file: 'response-file-plaintext-marker',
  });
  await answer(byKey, 'key');
  await answer(anonymous, 'anonymous');
  // A leaked request link fills once; the second answer is refused.
  await call(
    'POST',
    `/api/v1/requests/${byKey.id}/respond`,
    {},
    (await responseBody(byKey.respondToken)).body,
    409,
  );
  expect((await inboxOf(bySession)).state).toBe('answered');
  await inboxOf(waiting);
  // The requester reads the passphrase response and downloads its file, as a secret's recipient does.
  const access = await deriveAccess(read.linkKey, read.kdf, 'response-passphrase-marker');
  const claimed = await call(
    'POST',
    `/api/v1/secrets/${bySession.id}/claim`,
    {},
    { token: access.token, link_token: access.linkToken },
    200,
  );
  const file = await fetch(`${base}${claimed.files[0].url}`, {
    headers: { authorization: `Bearer ${claimed.grant}` },
  });
  expect(file.status).toBe(200);
  await file.arrayBuffer();
  expect((await inboxOf(bySession)).state).toBe('read');
  await call('POST', `/api/v1/requests/${anonymous.id}/burn`, {}, { inbox_token: anonymous.inboxToken }, 204);
  await call('POST', `/api/v1/request-receipts/${burned.receipt}/burn`, {}, undefined, 204);
  await call('GET', `/api/v1/request-receipts/${byKey.receipt}`, {}, undefined, 200);
  // Wrong tokens are refused and leave no trace either.
  const wrong = randomBytes(32).toString('base64url');
  hidden.push(token('wrong inbox token', wrong));
  await call('POST', `/api/v1/requests/${waiting.id}/inbox`, {}, { inbox_token: wrong }, 404);
  // What the store does keep of a request: its public key, found by the test as proof it searched the records.
  return Buffer.from(waiting.body.public_key, 'base64url');
}

const toB64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-zk-'));
  dirs.push(dir);
  return dir;
}

const baseEnv = (dir: string) => ({
  BURNLINK_PORT: '0',
  BURNLINK_HOST: '127.0.0.1',
  BURNLINK_DATA_DIR: dir,
  BURNLINK_STORE: 'sqlite:',
  BURNLINK_LOG_LEVEL: 'trace',
  BURNLINK_RATE_LIMITS: 'off',
  BURNLINK_WEB_DIR: '/nonexistent-burnlink-web',
});

describe('zero knowledge with sessions and API keys', () => {
  test('SQLite: no key or token in the data directory, the logs, GET /api/v1/config or the config', async () => {
    const dir = await dataDir();
    const run = await exercise(baseEnv(dir), dir);
    const after = await filesUnder(dir);
    const names = Object.keys(run.files);
    // Both databases are there, with their write-ahead logs while running.
    for (const name of ['burnlink.db', 'accounts.db', 'accounts.db-wal', 'burnlink.db-wal']) {
      expect(names).toContain(name);
    }
    expect(run.log.lines.length).toBeGreaterThan(20);
    const accounts = after['accounts.db'] ?? Buffer.alloc(0);
    // The accounts database does hold what it should (so the search looks in the right place).
    expect(accounts.includes(Buffer.from('owner@acme.example'))).toBe(true);
    expect(accounts.includes(Buffer.from(run.kept.keyHash))).toBe(true);
    const running = Buffer.concat(
      names.filter((n) => n.startsWith('accounts.db')).map((n) => run.files[n] as Buffer),
    );
    expect(running.includes(Buffer.from(run.kept.sessionHash))).toBe(true);
    const secrets = Buffer.concat(
      names.filter((n) => n.startsWith('burnlink.db')).map((n) => run.files[n] as Buffer),
    );
    expect(secrets.includes(run.kept.requestPublicKey)).toBe(true);
    expectNowhere(
      {
        ...Object.fromEntries(Object.entries(run.files).map(([name, bytes]) => [`${name} (running)`, bytes])),
        ...Object.fromEntries(Object.entries(after).map(([name, bytes]) => [`${name} (closed)`, bytes])),
        log: Buffer.from(run.log.text()),
        'GET /api/v1/config': Buffer.from(run.configBody),
        'loadConfig(env)': Buffer.from(run.config),
      },
      run.hidden,
    );
  });

  describe.runIf(withPostgres)('PostgreSQL accounts store', () => {
    test('no key or token in any row of any burnlink_acc_ table, the logs or the config', async () => {
      const dir = await dataDir();
      const schema = `bltest_zk_${randomBytes(6).toString('hex')}`;
      const accountsUrl = `${POSTGRES_URL}?schema=${schema}`;
      try {
        const run = await exercise({ ...baseEnv(dir), BURNLINK_ACCOUNTS_STORE: accountsUrl }, dir);
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        const dump: Record<string, Buffer> = {};
        try {
          const tables = await client.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [schema],
          );
          const names = tables.rows.map((row) => row.table_name);
          for (const name of ['burnlink_acc_sessions', 'burnlink_acc_api_keys', 'burnlink_acc_invites']) {
            expect(names.some((table) => table.startsWith(name.slice(0, -1)))).toBe(true);
          }
          for (const table of names) {
            expect(table.startsWith('burnlink_acc_')).toBe(true);
            const rows = await client.query<{ row: string }>(
              `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`,
            );
            dump[table] = Buffer.from(rows.rows.map((r) => r.row).join('\n'));
          }
        } finally {
          await client.end();
        }
        const everything = Buffer.concat(Object.values(dump)).toString();
        expect(everything).toContain('owner@acme.example');
        expect(everything).toContain(run.kept.keyHash);
        expectNowhere(
          {
            ...dump,
            ...(await filesUnder(dir)),
            log: Buffer.from(run.log.text()),
            'GET /api/v1/config': Buffer.from(run.configBody),
            'loadConfig(env)': Buffer.from(run.config),
          },
          run.hidden,
        );
      } finally {
        await dropPostgresSchema(POSTGRES_URL, schema);
      }
    });
  });
});
