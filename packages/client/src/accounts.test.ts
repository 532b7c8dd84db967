import { describe, expect, it } from 'vitest';
import { createClient } from './burnlink-client.js';
import type { FetchLike } from './http.js';

// The account calls against stub answers shaped as docs/teams.md describes them; the SDK against the real
// routes runs in the CLI's tests.

const BASE = 'https://burn.example.com';
const KEY = `bl_${'A'.repeat(16)}_${'k'.repeat(42)}A`;
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

/** A fetch that records each request and answers `reply(url, method)` (status and JSON body). */
function stub(reply: (url: string, method: string) => [number, unknown]) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({
      method: init?.method ?? 'GET',
      url: input,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const [status, body] = reply(input, init?.method ?? 'GET');
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { fetch, seen };
}

const error = (code: string, message: string) => ({ error: { code, message } });

describe('BurnlinkClient with an API key', () => {
  it('sends the key as a Bearer token to its own server and reads /me', async () => {
    const { fetch, seen } = stub(() => [
      200,
      {
        user: null,
        org: { id: 'o1', name: 'Acme' },
        role: null,
        scopes: ['secrets:create', 'secrets:list'],
        reach: 'org',
        teams: [],
        auth: 'api_key',
        orgs: [],
        key: { id: 'AAAAAAAAAAAAAAAA', name: 'ci', expires_at: '2027-12-01T10:00:00.000Z' },
      },
    ]);
    const me = await createClient({ baseUrl: `${BASE}/`, apiKey: KEY, fetch }).me();
    expect(me).toEqual({
      ok: true,
      user: null,
      org: { id: 'o1', name: 'Acme' },
      role: null,
      scopes: ['secrets:create', 'secrets:list'],
      reach: 'org',
      teams: [],
      orgs: [],
      auth: 'api_key',
      key: { id: 'AAAAAAAAAAAAAAAA', name: 'ci', expiresAt: '2027-12-01T10:00:00.000Z' },
    });
    expect(seen).toEqual([
      { method: 'GET', url: `${BASE}/api/v1/me`, authorization: `Bearer ${KEY}`, body: undefined },
    ]);
  });

  it('never sends the key to a server named by a link, nor without one', async () => {
    const { fetch, seen } = stub(() => [404, error('secret_not_found', 'gone')]);
    const client = createClient({ baseUrl: BASE, apiKey: KEY, fetch });
    await client.reveal(`https://elsewhere.example/s/${ID}#${'k'.repeat(43)}`);
    await client.burn(`https://elsewhere.example/r/${ID}`);
    await client.peek(ID);
    await createClient({ baseUrl: BASE, fetch }).me();
    expect(seen.map((r) => [r.url.split('/api')[0], r.authorization])).toEqual([
      ['https://elsewhere.example', null],
      ['https://elsewhere.example', null],
      [BASE, `Bearer ${KEY}`],
      [BASE, null],
    ]);
  });

  it('lists secrets with scope, state, cursor and limit, metadata only', async () => {
    const { fetch, seen } = stub(() => [
      200,
      {
        secrets: [
          {
            id: ID,
            state: 'pending',
            created_at: '2026-12-01T10:00:00.000Z',
            expires_at: '2026-12-02T10:00:00.000Z',
            max_views: 1,
            views_left: 1,
            viewed_at: [],
            passphrase: false,
            creator: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
            key: null,
            team: { id: 't1', name: 'ops' },
          },
        ],
        next: 'CURSOR2',
      },
    ]);
    const client = createClient({ baseUrl: BASE, apiKey: KEY, fetch });
    const page = await client.listSecrets({ scope: 'team', state: 'pending', cursor: 'CURSOR1', limit: 10 });
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/secrets?scope=team&state=pending&cursor=CURSOR1&limit=10`);
    expect(page).toEqual({
      ok: true,
      secrets: [
        {
          id: ID,
          state: 'pending',
          createdAt: '2026-12-01T10:00:00.000Z',
          expiresAt: '2026-12-02T10:00:00.000Z',
          maxViews: 1,
          viewsLeft: 1,
          viewedAt: [],
          passphrase: false,
          creator: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
          key: null,
          team: { id: 't1', name: 'ops' },
        },
      ],
      next: 'CURSOR2',
    });
    await client.listSecrets();
    expect(seen[1]!.url).toBe(`${BASE}/api/v1/secrets`);
  });

  it('burns an owned secret by id, and maps 404 and a bad id', async () => {
    const { fetch, seen } = stub((url) =>
      url.includes(ID) ? [204, undefined] : [404, error('secret_not_found', 'x')],
    );
    const client = createClient({ baseUrl: BASE, apiKey: KEY, fetch });
    expect(await client.burnSecret(ID)).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${BASE}/api/v1/secrets/${ID}/burn` });
    expect(await client.burnSecret('BBBBBBBBBBBBBBBBBBBBBA')).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(await client.burnSecret('../keys')).toMatchObject({ ok: false, reason: 'bad_link' });
    expect(seen).toHaveLength(2);
  });

  it('creates, lists and revokes keys', async () => {
    const made = {
      id: 'BBBBBBBBBBBBBBBB',
      key: `bl_BBBBBBBBBBBBBBBB_${'s'.repeat(42)}A`,
      name: 'deploy',
      scopes: ['secrets:create'],
      created_at: '2026-12-01T10:00:00.000Z',
      expires_at: '2027-03-01T10:00:00.000Z',
    };
    const { fetch, seen } = stub((_url, method) =>
      method === 'POST'
        ? [201, made]
        : method === 'GET'
          ? [
              200,
              {
                keys: [
                  {
                    ...made,
                    key: undefined,
                    last_used_at: null,
                    revoked_at: null,
                    state: 'active',
                    created_by: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
                  },
                ],
              },
            ]
          : [204, undefined],
    );
    const client = createClient({ baseUrl: BASE, apiKey: KEY, fetch });
    const created = await client.createKey({
      name: 'deploy',
      scopes: ['secrets:create'],
      expiresIn: 7_776_000,
    });
    expect(created).toEqual({
      ok: true,
      id: made.id,
      key: made.key,
      name: 'deploy',
      scopes: ['secrets:create'],
      createdAt: made.created_at,
      expiresAt: made.expires_at,
    });
    expect(seen[0]!.body).toEqual({ name: 'deploy', scopes: ['secrets:create'], expires_in: 7_776_000 });
    const listed = await client.listKeys();
    expect(listed).toEqual({
      ok: true,
      keys: [
        {
          id: made.id,
          name: 'deploy',
          scopes: ['secrets:create'],
          createdAt: made.created_at,
          expiresAt: made.expires_at,
          lastUsedAt: null,
          revokedAt: null,
          state: 'active',
          createdBy: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
        },
      ],
    });
    expect(await client.revokeKey(made.id)).toEqual({ ok: true });
    expect(seen[2]).toMatchObject({ method: 'DELETE', url: `${BASE}/api/v1/keys/${made.id}` });
    expect(await client.revokeKey('not/a/key')).toMatchObject({ ok: false, reason: 'bad_link' });
  });

  it('maps 401 invalid_api_key and 403 insufficient_scope to refusals with their code and message', async () => {
    const invalid = stub(() => [
      401,
      error('invalid_api_key', 'The API key is unknown, revoked or expired.'),
    ]);
    expect(await createClient({ baseUrl: BASE, apiKey: KEY, fetch: invalid.fetch }).me()).toEqual({
      ok: false,
      reason: 'invalid_request',
      code: 'invalid_api_key',
      message: 'The API key is unknown, revoked or expired.',
    });
    const scope = stub(() => [403, error('insufficient_scope', 'This needs the scope secrets:list.')]);
    expect(
      await createClient({ baseUrl: BASE, apiKey: KEY, fetch: scope.fetch }).listSecrets({ scope: 'org' }),
    ).toMatchObject({ ok: false, reason: 'invalid_request', code: 'insufficient_scope' });
  });

  it('treats answers without the documented shape as server failures', async () => {
    const odd = stub(() => [200, { secrets: [{ id: 'x' }] }]);
    const client = createClient({ baseUrl: BASE, apiKey: KEY, fetch: odd.fetch });
    expect(await client.listSecrets()).toMatchObject({ ok: false, reason: 'server' });
    expect(await client.me()).toMatchObject({ ok: false, reason: 'server' });
    expect(await client.listKeys()).toMatchObject({ ok: false, reason: 'server' });
  });

  it('refuses an API key with spaces or line breaks (a header it would inject)', () => {
    expect(() => createClient({ baseUrl: BASE, apiKey: `${KEY}\r\nX-Evil: 1` })).toThrow(TypeError);
    expect(() => createClient({ baseUrl: BASE, apiKey: '' })).toThrow(TypeError);
    expect(() => createClient({ baseUrl: BASE, apiKey: KEY })).not.toThrow();
  });
});
