import { KDF_MIN_ITERATIONS, parseSecretLink, toBase64Url } from '@burnlink/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/test-server.js';
import { BurnlinkClient, createClient } from './burnlink-client.js';
import type { FetchLike } from './http.js';

// The SDK against the real app (buildApp on a MemoryStore, behind a recording fault proxy); a few stub
// `fetch` functions below test how answers no server of ours sends are mapped.

/** For stubbed answers only: no request reaches it. */
const BASE = 'https://burn.example.com';
// The lowest accepted PBKDF2 count keeps the tests fast; users get the 600 000 default.
const iterations = KDF_MIN_ITERATIONS;

const answering =
  (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.proxy.seen.length = 0;
});

/** The requests the server received since the test began, as `METHOD path`. */
const requests = () => server.proxy.seen.map((r) => `${r.method} ${r.url}`);

async function sendOne(options: { passphrase?: string; maxViews?: number } = {}) {
  const client = createClient({ baseUrl: `${server.url}/` });
  const sent = await client.send({ text: 'hunter2', context: { username: 'ada' }, iterations, ...options });
  if (!sent.ok) throw new Error(`send failed: ${sent.message}`);
  return { client, sent };
}

describe('BurnlinkClient.send', () => {
  it('builds the link client-side and never sends the key', async () => {
    const { sent } = await sendOne();
    expect(sent.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{22}#[\w-]{43}$/);
    expect(sent.link.startsWith(`${server.url}/s/${sent.id}#`)).toBe(true);
    expect(sent.receiptLink).toBe(`${server.url}/r/${sent.receipt}`);
    const key = sent.link.split('#')[1]!;
    expect(requests()).toEqual(['POST /api/v1/secrets']);
    const [create] = server.proxy.seen;
    expect(create!.body).not.toContain(key);
    expect(create!.body).not.toContain('hunter2');
    const body = JSON.parse(create!.body);
    expect(Object.keys(body).sort()).toEqual(['content', 'kdf', 'verifier']);
    expect(body.kdf).toBeNull();
  });

  it('sends ttl, max_views, kdf and link_verifier when asked, never the passphrase', async () => {
    const client = createClient({ baseUrl: server.url });
    const sent = await client.send({
      text: 'x',
      ttl: 600,
      maxViews: 3,
      passphrase: 'correct horse',
      iterations,
    });
    if (!sent.ok) throw new Error(sent.message);
    const body = JSON.parse(server.proxy.seen[0]!.body);
    expect(body).toMatchObject({ ttl: 600, max_views: 3, kdf: { name: 'PBKDF2-SHA-256', iterations } });
    expect(body.link_verifier).toMatch(/^[\w-]{43}$/);
    expect(server.proxy.transcript()).not.toContain('correct horse');
    expect(await client.peek(sent.link)).toMatchObject({ maxViews: 3, passphrase: true });
  });

  it('leaves out empty context fields', async () => {
    const client = createClient({ baseUrl: server.url });
    const sent = await client.send({ text: 'x', context: { label: '', username: undefined, note: 'n' } });
    if (!sent.ok) throw new Error(sent.message);
    expect(await client.reveal(sent.link)).toMatchObject({
      payload: { v: 1, text: 'x', context: { note: 'n' } },
    });
    const bare = await client.send({ text: 'y', context: { label: '' } });
    if (!bare.ok) throw new Error(bare.message);
    const got = await client.reveal(bare.link);
    expect(got.ok && got.payload).toEqual({ v: 1, text: 'y' });
  });

  it('refuses an empty passphrase before sending anything', async () => {
    const fetch = vi.fn<FetchLike>();
    const result = await createClient({ baseUrl: BASE, fetch }).send({ text: 'x', passphrase: '' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_request', code: 'empty_passphrase' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("maps a refused create to invalid_request with the server's code and message", async () => {
    const client = createClient({ baseUrl: server.url });
    expect(await client.send({ text: 'x', ttl: 1 })).toEqual({
      ok: false,
      reason: 'invalid_request',
      code: 'invalid_ttl',
      message: 'ttl must be a whole number of seconds from 60 (1m) to 2592000 (30d)',
    });
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() => new BurnlinkClient({ baseUrl: 'ftp://x' })).toThrow(TypeError);
  });
});

describe('BurnlinkClient.reveal', () => {
  it('decrypts the payload once; the second reveal is not_found', async () => {
    const { client, sent } = await sendOne();
    const first = await client.reveal(sent.link);
    expect(first).toEqual({
      ok: true,
      payload: { v: 1, text: 'hunter2', context: { username: 'ada' } },
      viewsLeft: 0,
      files: [],
      grantExpiresAt: null,
    });
    const second = await client.reveal(sent.link);
    expect(second).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('talks to the server named by the link, sending the token but never the key', async () => {
    const { sent } = await sendOne();
    server.proxy.seen.length = 0;
    // The client's own base URL points nowhere: the link decides.
    await createClient({ baseUrl: 'http://127.0.0.1:9' }).reveal(sent.link);
    const key = sent.link.split('#')[1]!;
    expect(requests()).toEqual([`GET /api/v1/secrets/${sent.id}`, `POST /api/v1/secrets/${sent.id}/claim`]);
    expect(server.proxy.transcript()).not.toContain(key);
    expect(Object.keys(JSON.parse(server.proxy.seen[1]!.body))).toEqual(['token']);
  });

  it('asks for a passphrase only when needed and consumes nothing without one', async () => {
    const { client, sent } = await sendOne({ passphrase: 'pw' });
    const missing = await client.reveal(sent.link, { passphrase: async () => undefined });
    expect(missing).toMatchObject({ ok: false, reason: 'passphrase_required' });
    expect(requests().some((r) => r.endsWith('/claim'))).toBe(false);

    const wrong = await client.reveal(sent.link, { passphrase: 'nope' });
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_passphrase', attemptsLeft: 4 });
    if (!wrong.ok) expect(wrong.message).not.toContain('nope');

    const asked = vi.fn(async () => 'pw');
    const right = await client.reveal(sent.link, { passphrase: asked });
    expect(right).toMatchObject({ ok: true, payload: { text: 'hunter2' } });
    expect(asked).toHaveBeenCalledOnce();
    const claim = server.proxy.seen.findLast((r) => r.url.endsWith('/claim'))!;
    expect(Object.keys(JSON.parse(claim.body)).sort()).toEqual(['link_token', 'token']);
    expect(server.proxy.transcript()).not.toContain('"pw"');
  });

  it('does not call the passphrase function for a secret without passphrase', async () => {
    const { client, sent } = await sendOne();
    const asked = vi.fn(async () => 'pw');
    expect((await client.reveal(sent.link, { passphrase: asked })).ok).toBe(true);
    expect(asked).not.toHaveBeenCalled();
  });

  it('reports locked after the last wrong passphrase', async () => {
    const strict = await startTestServer({ BURNLINK_MAX_ATTEMPTS: '2' });
    try {
      const client = createClient({ baseUrl: strict.url });
      const sent = await client.send({ text: 'x', passphrase: 'pw', iterations });
      if (!sent.ok) throw new Error(sent.message);
      expect(await client.reveal(sent.link, { passphrase: 'a' })).toMatchObject({ attemptsLeft: 1 });
      expect(await client.reveal(sent.link, { passphrase: 'b' })).toMatchObject({
        ok: false,
        reason: 'locked',
      });
      expect(await client.reveal(sent.link, { passphrase: 'pw' })).toMatchObject({ reason: 'not_found' });
      expect(await client.receipt(sent.receiptLink)).toMatchObject({ state: 'locked', failedAttempts: 2 });
    } finally {
      await strict.close();
    }
  });

  it('reports a wrong link key as not_found (the server cannot tell it from an unknown id)', async () => {
    const { client, sent } = await sendOne();
    const { origin, id } = parseSecretLink(sent.link);
    const other = `${origin}/s/${id}#${toBase64Url(new Uint8Array(32))}`;
    expect(await client.reveal(other)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('reports content that does not decrypt as decrypt_failed', async () => {
    const { client, sent } = await sendOne();
    server.proxy.next({
      when: { method: 'POST', path: /\/claim$/ },
      rewrite: (body) => {
        const reply = JSON.parse(body.toString());
        return Buffer.from(JSON.stringify({ ...reply, content: `${reply.content.slice(0, -4)}AAAA` }));
      },
    });
    expect(await client.reveal(sent.link)).toMatchObject({ ok: false, reason: 'decrypt_failed' });
  });

  it('rejects a malformed link without any request', async () => {
    const fetch = vi.fn<FetchLike>();
    const client = createClient({ baseUrl: BASE, fetch });
    for (const link of ['', 'hello', `${BASE}/s/short#key`, `${BASE}/x/${'A'.repeat(22)}`]) {
      expect(await client.reveal(link)).toMatchObject({ ok: false, reason: 'bad_link' });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('failure mapping', () => {
  const id = 'A'.repeat(22);

  it('maps 429 with Retry-After to rate_limited', async () => {
    const fetch = answering(
      429,
      { error: { code: 'rate_limited', message: 'slow down' } },
      { 'retry-after': '7' },
    );
    expect(await createClient({ baseUrl: BASE, fetch }).peek(id)).toMatchObject({
      ok: false,
      reason: 'rate_limited',
      retryAfter: 7,
    });
  });

  it('maps 5xx and malformed answers to server', async () => {
    const failing = answering(503, { error: { code: 'store_unavailable', message: 'store down' } });
    expect(await createClient({ baseUrl: BASE, fetch: failing }).peek(id)).toEqual({
      ok: false,
      reason: 'server',
      status: 503,
      message: 'the server answered 503: store down',
    });
    const odd = answering(200, { nothing: true });
    expect(await createClient({ baseUrl: BASE, fetch: odd }).peek(id)).toMatchObject({ reason: 'server' });
    expect(await createClient({ baseUrl: BASE, fetch: odd }).config()).toMatchObject({ reason: 'server' });
  });

  it('maps an answer without a field of the wire contract to server', async () => {
    const peek = {
      expires_at: '2026-11-21T10:00:00.000Z',
      max_views: 1,
      views_left: 1,
      kdf: null,
      size: 100,
      files: 0,
    };
    expect(await createClient({ baseUrl: BASE, fetch: answering(200, peek) }).peek(id)).toMatchObject({
      ok: true,
      files: 0,
    });
    const { files: _files, ...withoutFiles } = peek;
    const partial = answering(200, withoutFiles);
    expect(await createClient({ baseUrl: BASE, fetch: partial }).peek(id)).toEqual({
      ok: false,
      reason: 'server',
      message: 'the server sent an unexpected answer to peek',
    });
    const noMessage = answering(400, { error: { code: 'invalid_ttl' } });
    expect(await createClient({ baseUrl: BASE, fetch: noMessage }).peek(id)).toMatchObject({
      reason: 'server',
      status: 400,
    });
  });

  it('maps a fetch that throws to network, naming only the origin', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    const result = await createClient({ baseUrl: BASE, fetch }).peek(id);
    expect(result).toEqual({
      ok: false,
      reason: 'network',
      message: `cannot reach the server at ${BASE} (ECONNREFUSED)`,
    });
  });

  it('maps a timeout to network', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const result = await createClient({ baseUrl: BASE, fetch, timeoutMs: 50 }).peek(id);
    expect(result).toMatchObject({ reason: 'network', message: expect.stringContaining('did not answer') });
  });
});

describe('receipts, burn and config', () => {
  it('reads the receipt and burns through the receipt link', async () => {
    const { client, sent } = await sendOne();
    expect(await client.receipt(sent.receiptLink)).toEqual({
      ok: true,
      state: 'pending',
      createdAt: expect.any(String),
      expiresAt: sent.expiresAt,
      maxViews: 1,
      viewsLeft: 1,
      viewedAt: [],
      failedAttempts: 0,
      maxAttempts: 5,
      passphrase: false,
      endedAt: null,
      downloads: [],
    });
    expect(await client.burn(sent.receipt)).toEqual({ ok: true });
    expect(await client.reveal(sent.link)).toMatchObject({ reason: 'not_found' });
    expect(await client.receipt(sent.receipt)).toMatchObject({
      state: 'burned',
      endedAt: expect.any(String),
    });
    // Burning is idempotent while the receipt is kept; an unknown receipt is not_found.
    expect(await client.burn(sent.receiptLink)).toEqual({ ok: true });
    expect(await client.burn(toBase64Url(new Uint8Array(16)))).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });

  it('rejects a malformed receipt link', async () => {
    const client = createClient({ baseUrl: BASE, fetch: vi.fn<FetchLike>() });
    expect(await client.receipt('https://x/r/short')).toMatchObject({ reason: 'bad_link' });
  });

  it('reads the configuration in camelCase', async () => {
    const configured = await startTestServer({
      BURNLINK_TTL_CHOICES: '5m,1h',
      BURNLINK_MAX_VIEWS: '7',
      BURNLINK_KEY_CLAIM: 'off',
      BURNLINK_MAX_FILES: '3',
      BURNLINK_MAX_FILE_SIZE: '1MiB',
      BURNLINK_MAX_SECRET_SIZE: '2MiB',
    });
    try {
      const config = await createClient({ baseUrl: configured.url }).config();
      // Anyone may create unless BURNLINK_ANONYMOUS_CREATE=off (null: a server that does not say).
      expect(config.ok && (config.auth === null || config.auth.anonymousCreate)).toBe(true);
      expect({ ...config, auth: null }).toEqual({
        ok: true,
        ttl: { min: 60, max: 2_592_000, default: 86_400, choices: [300, 3600, 86_400] },
        maxViews: { max: 7, default: 1 },
        maxAttempts: 5,
        maxContentBytes: 262_144,
        kdfIterations: 600_000,
        serverEncryption: true,
        keyClaim: false,
        files: { maxFiles: 3, maxFileBytes: 1_048_576, maxSecretBytes: 2_097_152 },
        auth: null,
        // No SMTP and no GeoIP database here: networks and office hours only. No key: no policy.
        restrictions: { verification: false, countries: false },
        policy: null,
      });
    } finally {
      await configured.close();
    }
  });

  it('reads the accounts block of the configuration, and its absence as null', async () => {
    const base = {
      ttl: { min: 60, max: 3600, default: 600, choices: [600] },
      max_views: { max: 5, default: 1 },
      max_attempts: 5,
      max_content_bytes: 1024,
      kdf_iterations: 600_000,
      server_encryption: false,
      key_claim: true,
      files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
    };
    const auth = { anonymous_create: false, oidc: { name: 'Keycloak' }, passkeys: true };
    expect(
      await createClient({ baseUrl: BASE, fetch: answering(200, { ...base, auth }) }).config(),
    ).toMatchObject({
      ok: true,
      auth: { anonymousCreate: false, oidc: { name: 'Keycloak' }, passkeys: true },
    });
    expect(await createClient({ baseUrl: BASE, fetch: answering(200, base) }).config()).toMatchObject({
      ok: true,
      auth: null,
    });
    const broken = { ...base, auth: { anonymous_create: 'no', oidc: null, passkeys: true } };
    expect(await createClient({ baseUrl: BASE, fetch: answering(200, broken) }).config()).toMatchObject({
      reason: 'server',
    });
  });

  it('sends the chosen team with the create body', async () => {
    let sent: unknown;
    const fetch: FetchLike = async (_url, init) => {
      sent = JSON.parse(String(init?.body));
      return new Response(JSON.stringify({ error: { code: 'team_not_found', message: 'no' } }), {
        status: 404,
      });
    };
    await createClient({ baseUrl: BASE, fetch }).send({ text: 'x', team: 'team-1' });
    expect(sent).toMatchObject({ team: 'team-1' });
  });

  it('asks for notify only when told to', async () => {
    const sent: Record<string, unknown>[] = [];
    const fetch: FetchLike = async (_url, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ error: { code: 'notify_needs_owner', message: 'no' } }), {
        status: 400,
      });
    };
    const client = createClient({ baseUrl: BASE, fetch });
    const refused = await client.send({ text: 'x', notify: true });
    await client.send({ text: 'x' });
    expect(sent[0]).toMatchObject({ notify: true });
    expect(sent[1]).not.toHaveProperty('notify');
    expect(refused).toMatchObject({ ok: false, code: 'notify_needs_owner' });
  });
});
