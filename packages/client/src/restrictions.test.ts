import { deriveKeys, fromBase64Url, KDF_MIN_ITERATIONS, toBase64Url } from '@burnlink/core';
import { describe, expect, it } from 'vitest';
import { createClient } from './burnlink-client.js';
import type { FetchLike } from './http.js';
import type { Restrictions } from './results.js';

// Restrictions and recipient verification in the SDK: what it sends and how it reads the answers. Stub
// `fetch` functions stand in for the server (the server's own checks are tested in @burnlink/server).

const BASE = 'https://burn.example.com';
const ID = 'A'.repeat(22);
const LINK = `${BASE}/s/${ID}#${'k'.repeat(43)}`;
const iterations = KDF_MIN_ITERATIONS;

interface Seen {
  method: string;
  url: string;
  body: Record<string, unknown> | undefined;
}

/** A fetch answering from `routes` (`METHOD /path` → [status, body]) and recording every request. */
function stub(routes: Record<string, [number, unknown]>) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    seen.push({
      method,
      url: url.pathname,
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return new Response(null, { status: 599 });
    const [status, body] = route;
    return new Response(JSON.stringify(body), { status });
  };
  return { fetch, seen };
}

const PEEK = {
  expires_at: '2026-12-05T10:00:00.000Z',
  max_views: 1,
  views_left: 1,
  kdf: null,
  size: 100,
  files: 0,
};

const refusal = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: `server words for ${code}`, ...extra },
});

describe('send with restrictions', () => {
  it('sends the restrictions as they are, and none when not given', async () => {
    const { fetch, seen } = stub({
      'POST /api/v1/secrets': [201, { id: ID, receipt: ID, expires_at: PEEK.expires_at }],
    });
    const restrictions: Restrictions = {
      recipients: ['ada@example.com'],
      networks: ['10.0.0.0/8', '2001:db8::/32'],
      office_hours: { days: ['mon', 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
      countries: { allow: ['NL', 'BE'] },
    };
    const client = createClient({ baseUrl: BASE, fetch });
    expect(await client.send({ text: 'x', iterations, restrictions })).toMatchObject({ ok: true });
    await client.send({ text: 'x', iterations });
    expect(seen[0]!.body!.restrictions).toEqual(restrictions);
    expect(seen[1]!.body).not.toHaveProperty('restrictions');
  });

  it("reports a policy violation as invalid_request naming the organisation's rule", async () => {
    const { fetch } = stub({
      'POST /api/v1/secrets': [422, refusal('policy_violation', { rule: 'passphrase_required' })],
    });
    expect(await createClient({ baseUrl: BASE, fetch }).send({ text: 'x' })).toEqual({
      ok: false,
      reason: 'invalid_request',
      code: 'policy_violation',
      rule: 'passphrase_required',
      message: 'server words for policy_violation',
    });
  });
});

describe("the organisation's passphrase rules", () => {
  const KEY = `bl_${'a'.repeat(16)}_${'b'.repeat(43)}`;
  const CONFIG = {
    ttl: { min: 60, max: 3600, default: 600, choices: [600] },
    max_views: { max: 5, default: 1 },
    max_attempts: 5,
    max_content_bytes: 1024,
    kdf_iterations: 600_000,
    server_encryption: true,
    key_claim: true,
    files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
  };
  const POLICY = {
    members_only: false,
    max_ttl: null,
    max_views: null,
    passphrase_required: true,
    passphrase_min_length: 8,
    verification_required: false,
    recipient_domains: [],
    networks: null,
    countries: null,
    office_hours: null,
    server_encryption: true,
    key_claim: true,
  };
  const created: [number, unknown] = [201, { id: ID, receipt: ID, expires_at: PEEK.expires_at }];

  it('with an API key, send checks them before creating, reading the policy at most once a minute', async () => {
    const { fetch, seen } = stub({
      'GET /api/v1/config': [200, { ...CONFIG, policy: POLICY }],
      'POST /api/v1/secrets': created,
    });
    const client = createClient({ baseUrl: BASE, fetch, apiKey: KEY });
    expect(await client.send({ text: 'x' })).toEqual({
      ok: false,
      reason: 'invalid_request',
      code: 'policy_violation',
      rule: 'passphrase_required',
      message: "your organisation's policy requires a passphrase",
    });
    expect(await client.send({ text: 'x', passphrase: 'seven77', iterations })).toMatchObject({
      code: 'policy_violation',
      rule: 'passphrase_min_length',
      message: "your organisation's policy requires a passphrase of at least 8 characters",
    });
    expect(await client.send({ text: 'x', passphrase: 'eight888', iterations })).toMatchObject({ ok: true });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/config', 'POST /api/v1/secrets']);
  });

  it('without a key (no organisation), or without a policy, nothing is checked', async () => {
    const anonymous = stub({ 'POST /api/v1/secrets': created });
    expect(await createClient({ baseUrl: BASE, fetch: anonymous.fetch }).send({ text: 'x' })).toMatchObject({
      ok: true,
    });
    expect(anonymous.seen.map((r) => r.url)).toEqual(['/api/v1/secrets']);
    const open = stub({
      'GET /api/v1/config': [200, { ...CONFIG, policy: null }],
      'POST /api/v1/secrets': created,
    });
    expect(
      await createClient({ baseUrl: BASE, fetch: open.fetch, apiKey: KEY }).send({ text: 'x' }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('peek requires', () => {
  it('reads which checks a claim must pass', async () => {
    const requires = {
      verification: { recipients: ['a•••@e•••.com', 'b•••@e•••.org'] },
      network: true,
      office_hours: true,
      country: true,
    };
    const { fetch } = stub({ [`GET /api/v1/secrets/${ID}`]: [200, { ...PEEK, requires }] });
    expect(await createClient({ baseUrl: BASE, fetch }).peek(ID)).toMatchObject({
      ok: true,
      requires: {
        verification: { recipients: ['a•••@e•••.com', 'b•••@e•••.org'] },
        network: true,
        officeHours: true,
        country: true,
      },
    });
  });

  it('reads no requires (an unrestricted secret, an older server) as nothing required', async () => {
    const { fetch } = stub({ [`GET /api/v1/secrets/${ID}`]: [200, PEEK] });
    expect(await createClient({ baseUrl: BASE, fetch }).peek(ID)).toMatchObject({
      ok: true,
      requires: { verification: null, network: false, officeHours: false, country: false },
    });
  });

  it('refuses a requires block outside the contract', async () => {
    for (const requires of [
      { network: 'yes' },
      { verification: { recipients: [1] } },
      { office_hours: false },
    ]) {
      const { fetch } = stub({ [`GET /api/v1/secrets/${ID}`]: [200, { ...PEEK, requires }] });
      expect(await createClient({ baseUrl: BASE, fetch }).peek(ID)).toMatchObject({ reason: 'server' });
    }
  });
});

describe('requestVerificationCode', () => {
  const REPLY = { sent_to: 'a•••@e•••.com', expires_at: '2026-12-05T10:10:00.000Z', tries: 5 };
  const peek = `GET /api/v1/secrets/${ID}`;
  const path = `POST /api/v1/secrets/${ID}/verification`;
  const keys = () => deriveKeys(fromBase64Url('k'.repeat(43)), null);

  it('proves it holds the link with the access token, to the server the link names, never sending the key', async () => {
    const { fetch, seen } = stub({ [peek]: [200, PEEK], [path]: [200, REPLY] });
    // The client's own base URL points elsewhere: the link decides.
    const client = createClient({ baseUrl: 'https://other.example.com', fetch });
    expect(await client.requestVerificationCode(LINK, 1)).toEqual({
      ok: true,
      sentTo: 'a•••@e•••.com',
      expiresAt: '2026-12-05T10:10:00.000Z',
      tries: 5,
    });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([peek, path]);
    expect(seen[1]!.body).toEqual({ recipient: 1, token: toBase64Url((await keys()).token) });
    expect(JSON.stringify(seen)).not.toContain('k'.repeat(43));
  });

  it('sends the link token for a passphrase secret: no passphrase needed', async () => {
    const kdf = { name: 'PBKDF2-SHA-256', salt: 'A'.repeat(22), iterations };
    const { fetch, seen } = stub({ [peek]: [200, { ...PEEK, kdf }], [path]: [200, REPLY] });
    expect(await createClient({ baseUrl: BASE, fetch }).requestVerificationCode(LINK, 0)).toMatchObject({
      ok: true,
    });
    expect(seen[1]!.body).toEqual({ recipient: 0, link_token: toBase64Url((await keys()).linkToken) });
  });

  it('needs the whole link, and a recipient that is an index, before sending anything', async () => {
    const { fetch, seen } = stub({});
    const client = createClient({ baseUrl: BASE, fetch });
    expect(await client.requestVerificationCode(ID, 0)).toMatchObject({ reason: 'bad_link' });
    for (const recipient of [-1, 0.5, Number.NaN]) {
      expect(await client.requestVerificationCode(LINK, recipient)).toMatchObject({
        reason: 'invalid_request',
        code: 'invalid_recipient',
      });
    }
    expect(seen).toEqual([]);
  });

  it('reports a refusal by the other restrictions, the code limit, a gone secret and a malformed reply', async () => {
    const opensAt = '2026-12-07T07:00:00.000Z';
    const request = async (answer: [number, unknown]) =>
      createClient({
        baseUrl: BASE,
        fetch: stub({ [peek]: [200, PEEK], [path]: answer }).fetch,
      }).requestVerificationCode(LINK, 0);
    expect(await request([403, refusal('outside_office_hours', { opens_at: opensAt })])).toEqual({
      ok: false,
      reason: 'restricted',
      code: 'outside_office_hours',
      opensAt,
      message: `this secret opens only during office hours; it opens next at ${opensAt} (nothing was consumed)`,
    });
    expect(await request([429, refusal('verification_code_limit')])).toMatchObject({
      reason: 'invalid_request',
      code: 'verification_code_limit',
    });
    expect(await request([404, refusal('secret_not_found')])).toMatchObject({ reason: 'not_found' });
    expect(await request([200, { sent_to: 'x' }])).toMatchObject({ reason: 'server' });
    const gone = stub({ [peek]: [404, refusal('secret_not_found')] });
    expect(
      await createClient({ baseUrl: BASE, fetch: gone.fetch }).requestVerificationCode(LINK, 0),
    ).toMatchObject({
      reason: 'not_found',
    });
    expect(gone.seen).toHaveLength(1);
  });
});

describe('reveal with restrictions', () => {
  const claim = `POST /api/v1/secrets/${ID}/claim`;
  const peek = `GET /api/v1/secrets/${ID}`;

  it('sends the verification code with the claim, and none when not given', async () => {
    const { fetch, seen } = stub({
      [peek]: [200, PEEK],
      [claim]: [403, refusal('recipient_verification_required')],
    });
    const client = createClient({ baseUrl: BASE, fetch });
    expect(await client.reveal(LINK, { verificationCode: '123456' })).toMatchObject({
      ok: false,
      reason: 'verification_required',
    });
    await client.reveal(LINK);
    const claims = seen.filter((r) => r.url.endsWith('/claim')).map((r) => r.body);
    expect(claims[0]).toMatchObject({ verification_code: '123456' });
    expect(claims[1]).not.toHaveProperty('verification_code');
  });

  it('answers verification_required without a code when the peek asks for one, before the passphrase', async () => {
    const kdf = { name: 'PBKDF2-SHA-256', salt: 'A'.repeat(22), iterations };
    const requires = { verification: { recipients: ['a•••@e•••.com'] } };
    const { fetch, seen } = stub({ [peek]: [200, { ...PEEK, kdf, requires }] });
    let asked = 0;
    const passphrase = async () => {
      asked += 1;
      return 'pw';
    };
    expect(await createClient({ baseUrl: BASE, fetch }).reveal(LINK, { passphrase })).toMatchObject({
      ok: false,
      reason: 'verification_required',
    });
    expect(asked).toBe(0);
    expect(seen.map((r) => r.url)).toEqual([`/api/v1/secrets/${ID}`]);
  });

  it('maps each refusal to its reason, with the opening time and the tries left', async () => {
    const cases: [unknown, unknown][] = [
      [
        refusal('outside_office_hours', { opens_at: '2026-12-07T07:00:00.000Z' }),
        { reason: 'restricted', code: 'outside_office_hours', opensAt: '2026-12-07T07:00:00.000Z' },
      ],
      [
        refusal('outside_office_hours'),
        { reason: 'restricted', code: 'outside_office_hours', opensAt: null },
      ],
      [refusal('network_not_allowed'), { reason: 'restricted', code: 'network_not_allowed', opensAt: null }],
      [refusal('country_not_allowed'), { reason: 'restricted', code: 'country_not_allowed', opensAt: null }],
      [refusal('recipient_verification_required'), { reason: 'verification_required' }],
      [
        refusal('verification_code_invalid', { attempts_left: 3 }),
        {
          reason: 'verification_code_invalid',
          attemptsLeft: 3,
          message:
            'the verification code is wrong, used or expired: 3 tries left for this code (nothing was consumed)',
        },
      ],
      [
        refusal('verification_code_invalid', { attempts_left: 0 }),
        {
          reason: 'verification_code_invalid',
          attemptsLeft: 0,
          message: expect.stringContaining('new code'),
        },
      ],
      [refusal('key_claim_disabled'), { reason: 'invalid_request', code: 'key_claim_disabled' }],
    ];
    for (const [body, expected] of cases) {
      const { fetch } = stub({ [peek]: [200, PEEK], [claim]: [403, body] });
      expect(
        await createClient({ baseUrl: BASE, fetch }).reveal(LINK, { verificationCode: '000000' }),
      ).toMatchObject({ ok: false, ...(expected as object) });
    }
  });

  it('treats an error body with a malformed opens_at as having none', async () => {
    const { fetch } = stub({
      [peek]: [200, PEEK],
      [claim]: [403, refusal('outside_office_hours', { opens_at: 'soon' })],
    });
    expect(await createClient({ baseUrl: BASE, fetch }).reveal(LINK)).toMatchObject({
      reason: 'restricted',
      opensAt: null,
    });
  });
});

describe('config: restrictions and policy', () => {
  const base = {
    ttl: { min: 60, max: 3600, default: 600, choices: [600] },
    max_views: { max: 5, default: 1 },
    max_attempts: 5,
    max_content_bytes: 1024,
    kdf_iterations: 600_000,
    server_encryption: true,
    key_claim: true,
    files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 },
  };
  const policy = {
    members_only: true,
    max_ttl: 3600,
    max_views: 2,
    passphrase_required: true,
    passphrase_min_length: 12,
    verification_required: false,
    recipient_domains: ['example.com'],
    networks: { cidrs: ['10.0.0.0/8'], enforce: 'required' },
    countries: { allow: ['NL'], enforce: 'default' },
    office_hours: {
      hours: { days: ['mon', 'tue'], start: '09:00', end: '17:00', time_zone: 'Europe/Amsterdam' },
      enforce: 'required',
    },
    server_encryption: false,
    key_claim: false,
  };
  const config = async (body: unknown) =>
    createClient({ baseUrl: BASE, fetch: stub({ 'GET /api/v1/config': [200, body] }).fetch }).config();

  it("reads the server's restriction capabilities and the organisation's policy", async () => {
    expect(
      await config({ ...base, restrictions: { verification: true, countries: false }, policy }),
    ).toMatchObject({ ok: true, restrictions: { verification: true, countries: false }, policy });
    expect(
      await config({ ...base, restrictions: { verification: false, countries: true }, policy: null }),
    ).toMatchObject({ ok: true, restrictions: { verification: false, countries: true }, policy: null });
  });

  it('reads their absence (an older server) as null', async () => {
    expect(await config(base)).toMatchObject({ ok: true, restrictions: null, policy: null });
  });

  it('refuses a policy outside the contract', async () => {
    for (const broken of [
      { ...policy, max_ttl: 0 },
      { ...policy, networks: { cidrs: ['10.0.0.0/8'], enforce: 'always' } },
      {
        ...policy,
        office_hours: { hours: { ...policy.office_hours.hours, days: ['monday'] }, enforce: 'default' },
      },
      { members_only: true },
    ]) {
      expect(await config({ ...base, policy: broken })).toMatchObject({ reason: 'server' });
    }
  });
});
