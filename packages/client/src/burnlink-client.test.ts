import { KDF_MIN_ITERATIONS, parseSecretLink, toBase64Url } from '@burnlink/core';
import { describe, expect, it, vi } from 'vitest';
import { BurnlinkClient, createClient } from './burnlink-client.js';
import type { FetchLike } from './http.js';
import { createFakeApi } from './test-fake-api.js';

const BASE = 'https://burn.example.com';
// Unit tests use the lowest accepted PBKDF2 count to stay fast; users get the 600 000 default.
const iterations = KDF_MIN_ITERATIONS;

const answering =
  (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers });

async function sendOne(options: { passphrase?: string; maxViews?: number } = {}) {
  const api = createFakeApi();
  const client = createClient({ baseUrl: `${BASE}/`, fetch: api.fetch });
  const sent = await client.send({ text: 'hunter2', context: { username: 'ada' }, iterations, ...options });
  if (!sent.ok) throw new Error(`send failed: ${sent.message}`);
  return { api, client, sent };
}

describe('BurnlinkClient.send', () => {
  it('builds the link client-side and never sends the key', async () => {
    const { api, sent } = await sendOne();
    expect(sent.link).toMatch(/^https:\/\/burn\.example\.com\/s\/[\w-]{22}#[\w-]{43}$/);
    expect(sent.receiptLink).toBe(`${BASE}/r/${sent.receipt}`);
    const key = sent.link.split('#')[1]!;
    expect(api.requests).toHaveLength(1);
    const [create] = api.requests;
    expect(create!.url).toBe(`${BASE}/api/v1/secrets`);
    expect(create!.body).not.toContain(key);
    expect(create!.body).not.toContain('hunter2');
    const body = JSON.parse(create!.body);
    expect(Object.keys(body).sort()).toEqual(['content', 'kdf', 'verifier']);
    expect(body.kdf).toBeNull();
  });

  it('sends ttl, max_views, kdf and link_verifier when asked, never the passphrase', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const sent = await client.send({
      text: 'x',
      ttl: 600,
      maxViews: 3,
      passphrase: 'correct horse',
      iterations,
    });
    expect(sent.ok).toBe(true);
    const body = JSON.parse(api.requests[0]!.body);
    expect(body).toMatchObject({ ttl: 600, max_views: 3, kdf: { name: 'PBKDF2-SHA-256', iterations } });
    expect(body.link_verifier).toMatch(/^[\w-]{43}$/);
    expect(api.requests[0]!.body).not.toContain('correct horse');
  });

  it('leaves out empty context fields', async () => {
    const api = createFakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
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

  it('maps a 400 with an API error body to invalid_request with its code and message', async () => {
    const client = createClient({
      baseUrl: BASE,
      fetch: answering(400, {
        error: { code: 'invalid_ttl', message: 'ttl must be between 60 and 2592000' },
      }),
    });
    expect(await client.send({ text: 'x', ttl: 1 })).toEqual({
      ok: false,
      reason: 'invalid_request',
      code: 'invalid_ttl',
      message: 'ttl must be between 60 and 2592000',
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
    const { api, client, sent } = await sendOne();
    api.requests.length = 0;
    await client.reveal(sent.link);
    const key = sent.link.split('#')[1]!;
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/api/v1/secrets/${sent.id}`,
      `POST ${BASE}/api/v1/secrets/${sent.id}/claim`,
    ]);
    for (const r of api.requests) expect(`${r.url} ${r.body}`).not.toContain(key);
    expect(Object.keys(JSON.parse(api.requests[1]!.body))).toEqual(['token']);
  });

  it('asks for a passphrase only when needed and consumes nothing without one', async () => {
    const { api, client, sent } = await sendOne({ passphrase: 'pw' });
    const missing = await client.reveal(sent.link, { passphrase: async () => undefined });
    expect(missing).toMatchObject({ ok: false, reason: 'passphrase_required' });
    expect(api.requests.some((r) => r.url.endsWith('/claim'))).toBe(false);

    const wrong = await client.reveal(sent.link, { passphrase: 'nope' });
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_passphrase', attemptsLeft: 4 });
    if (!wrong.ok) expect(wrong.message).not.toContain('nope');

    const asked = vi.fn(async () => 'pw');
    const right = await client.reveal(sent.link, { passphrase: asked });
    expect(right).toMatchObject({ ok: true, payload: { text: 'hunter2' } });
    expect(asked).toHaveBeenCalledOnce();
    const claim = api.requests.findLast((r) => r.url.endsWith('/claim'))!;
    expect(Object.keys(JSON.parse(claim.body)).sort()).toEqual(['link_token', 'token']);
  });

  it('does not call the passphrase function for a secret without passphrase', async () => {
    const { client, sent } = await sendOne();
    const asked = vi.fn(async () => 'pw');
    expect((await client.reveal(sent.link, { passphrase: asked })).ok).toBe(true);
    expect(asked).not.toHaveBeenCalled();
  });

  it('reports locked after the last wrong passphrase', async () => {
    const api = createFakeApi(2);
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const sent = await client.send({ text: 'x', passphrase: 'pw', iterations });
    if (!sent.ok) throw new Error(sent.message);
    expect(await client.reveal(sent.link, { passphrase: 'a' })).toMatchObject({ attemptsLeft: 1 });
    expect(await client.reveal(sent.link, { passphrase: 'b' })).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    expect(await client.reveal(sent.link, { passphrase: 'pw' })).toMatchObject({ reason: 'not_found' });
  });

  it('reports a wrong link key as not_found (the server cannot tell it from an unknown id)', async () => {
    const { client, sent } = await sendOne();
    const { origin, id } = parseSecretLink(sent.link);
    const other = `${origin}/s/${id}#${toBase64Url(new Uint8Array(32))}`;
    expect(await client.reveal(other)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('reports content that does not decrypt as decrypt_failed', async () => {
    const { api, client, sent } = await sendOne();
    const row = api.rows.get(sent.id)!;
    row.content = `${row.content.slice(0, -4)}AAAA`;
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
    expect(await client.receipt(sent.receiptLink)).toMatchObject({ ok: true, state: 'pending' });
    expect(await client.burn(sent.receipt)).toEqual({ ok: true });
    expect(await client.reveal(sent.link)).toMatchObject({ reason: 'not_found' });
    expect(await client.burn(sent.receiptLink)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('rejects a malformed receipt link', async () => {
    const client = createClient({ baseUrl: BASE, fetch: vi.fn<FetchLike>() });
    expect(await client.receipt('https://x/r/short')).toMatchObject({ reason: 'bad_link' });
  });

  it('decodes the configuration into camelCase', async () => {
    const fetch = answering(200, {
      ttl: { min: 60, max: 2_592_000, default: 86_400, choices: [300, 3600] },
      max_views: { max: 100, default: 1 },
      max_attempts: 5,
      max_content_bytes: 262_144,
      kdf_iterations: 600_000,
      server_encryption: true,
      key_claim: false,
      files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
    });
    expect(await createClient({ baseUrl: BASE, fetch }).config()).toEqual({
      ok: true,
      ttl: { min: 60, max: 2_592_000, default: 86_400, choices: [300, 3600] },
      maxViews: { max: 100, default: 1 },
      maxAttempts: 5,
      maxContentBytes: 262_144,
      kdfIterations: 600_000,
      serverEncryption: true,
      keyClaim: false,
      files: { maxFiles: 0, maxFileBytes: 0, maxSecretBytes: 0 },
    });
  });
});
