import { crc32, deflateSync } from 'node:zlib';
import type { BrandingBody } from '@burnlink/wire';
import { afterEach, describe, expect, test } from 'vitest';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { LOGO_BODY_LIMIT } from '../../src/routes/branding.js';
import { newRandomId } from '../../src/tokens.js';
import { recordsOfType } from './audit-support.js';
import { ORIGIN, teamsApp } from './teams-support.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

type Headers = Record<string, string>;

async function setup(env: Record<string, string> = {}) {
  const accounts = new MemoryAccountsStore();
  const t = await teamsApp({ env, accounts, webhooks: { autoStart: false } });
  cleanups.push(() => t.app.close());
  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    ...t,
    get: (headers: Headers) => call('GET', '/api/v1/org/branding', headers),
    put: (headers: Headers, body: unknown) => call('PUT', '/api/v1/org/branding', headers, body),
    putLogo: (headers: Headers, body: unknown) => call('PUT', '/api/v1/org/branding/logo', headers, body),
    deleteLogo: (headers: Headers) => call('DELETE', '/api/v1/org/branding/logo', headers),
  };
}

const ACME: BrandingBody = {
  name: 'Acme Secrets',
  accent: '#0066cc',
  support: 'help@acme.example',
  language: 'nl',
};

const SVG_LOGO = {
  type: 'image/svg+xml',
  data: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><path d="M0 0h10v10z" fill="#0066cc"/></svg>',
  ).toString('base64'),
};

describe('organisation branding (docs/api.md, "Branding")', () => {
  test('an organisation without branding answers nulls; an owner sets it and reads it back, normalised', async () => {
    const { get, put, people, clock } = await setup();
    expect((await get(people.owner.cookieOnly)).json()).toEqual({
      branding: null,
      logo: null,
      updated_at: null,
    });

    const res = await put(people.owner.headers, {
      name: '  Acme Secrets ',
      accent: '#0066CC',
      support: ' https://help.acme.example/secrets ',
      language: 'pt-BR',
    });
    expect(res.statusCode).toBe(200);
    const expected = {
      branding: {
        name: 'Acme Secrets',
        accent: '#0066cc',
        support: 'https://help.acme.example/secrets',
        language: 'pt-BR',
      },
      logo: null,
      updated_at: new Date(clock.now()).toISOString(),
    };
    expect(res.json()).toEqual(expected);
    expect((await get(people.admin.cookieOnly)).json()).toEqual(expected);

    // Replaced whole; nulls clear the optional fields.
    clock.advance(1000);
    const plain = await put(people.admin.headers, {
      name: 'Acme',
      accent: null,
      support: null,
      language: null,
    });
    expect(plain.json()).toEqual({
      branding: { name: 'Acme', accent: null, support: null, language: null },
      logo: null,
      updated_at: new Date(clock.now()).toISOString(),
    });
  });

  test('the logo is sanitised, stored, reported by type, and removed', async () => {
    const { app, get, put, putLogo, deleteLogo, people, clock, accounts, orgId } = await setup();
    await put(people.owner.headers, ACME);
    clock.advance(5000);
    const set = await putLogo(people.owner.headers, SVG_LOGO);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      branding: ACME,
      logo: 'image/svg+xml',
      updated_at: new Date(clock.now()).toISOString(),
    });
    const stored = await accounts.domains.getLogo(orgId);
    const text = new TextDecoder().decode(stored?.bytes);
    expect(text).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h10v10z" fill="#0066cc"/></svg>',
    );

    // A PNG replaces it.
    const png = tinyPng();
    const replaced = await putLogo(people.admin.headers, {
      type: 'image/png',
      data: png.toString('base64url'),
    });
    expect(replaced.json().logo).toBe('image/png');
    expect(Buffer.from((await accounts.domains.getLogo(orgId))?.bytes ?? [])).toEqual(png);
    // The form's preview reads it back, sandboxed and never cached; a member may not.
    const preview = await app.inject({
      method: 'GET',
      url: '/api/v1/org/branding/logo',
      headers: people.owner.headers,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect(preview.headers['content-security-policy']).toContain('sandbox');
    expect(preview.rawPayload).toEqual(png);
    const asMember = await app.inject({
      method: 'GET',
      url: '/api/v1/org/branding/logo',
      headers: people.member.headers,
    });
    expect(asMember.statusCode).toBe(403);

    clock.advance(5000);
    const removed = await deleteLogo(people.owner.headers);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().logo).toBeNull();
    expect(await accounts.domains.getLogo(orgId)).toBeNull();
    expect((await get(people.owner.cookieOnly)).json().logo).toBeNull();
    const gone = await app.inject({
      method: 'GET',
      url: '/api/v1/org/branding/logo',
      headers: people.owner.headers,
    });
    expect(gone.statusCode).toBe(404);
    // Removing none changes nothing and is not an error.
    expect((await deleteLogo(people.owner.headers)).statusCode).toBe(200);
    expect(await recordsOfType(app, orgId, 'branding.updated')).toHaveLength(4);
  });

  test('a hostile or broken logo is 400 invalid_logo naming what is wrong, and the stored one stays', async () => {
    const { putLogo, get, people } = await setup();
    expect((await putLogo(people.owner.headers, SVG_LOGO)).statusCode).toBe(200);
    const doctype =
      '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>';
    const cases: [unknown, RegExp][] = [
      [{ type: 'image/svg+xml', data: Buffer.from(doctype).toString('base64') }, /DOCTYPE/],
      [
        {
          type: 'image/svg+xml',
          data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>').toString(
            'base64',
          ),
        },
        /nothing left to draw/,
      ],
      [{ type: 'image/png', data: Buffer.from('GIF89a').toString('base64') }, /not a PNG/],
      [{ type: 'image/png', data: '***' }, /data is not base64/],
      [{ type: 'image/gif', data: 'R0lGODlh' }, /^type must be image\/svg\+xml or image\/png\.$/],
    ];
    for (const [body, message] of cases) {
      const res = await putLogo(people.owner.headers, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_logo');
      expect(res.json().error.message).toMatch(message);
    }
    expect((await get(people.owner.cookieOnly)).json().logo).toBe('image/svg+xml');
  });

  test('a logo body of up to twice 64 KiB in base64 gets through, even with the smallest body limit', async () => {
    // 1 KiB secrets: the server-wide body limit is the smallest it can be, below a logo upload's.
    const { putLogo, people, config } = await setup({ BURNLINK_MAX_CONTENT_BYTES: '1KiB' });
    // Metadata that sanitising drops: over the server-wide limit as sent, under 64 KiB as stored.
    const path = '<path d="M0 0 L100 100 L0 100 Z" fill="#123456"/>';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><metadata>${'m'.repeat(40_000)}</metadata>${path.repeat(900)}</svg>`;
    const data = Buffer.from(svg).toString('base64');
    expect(data.length).toBeGreaterThan(config.bodyLimitBytes);
    expect(data.length).toBeLessThanOrEqual(131_072);
    const res = await putLogo(people.owner.headers, { type: 'image/svg+xml', data });
    expect(res.statusCode).toBe(200);
    expect(res.json().logo).toBe('image/svg+xml');

    const tooLong = await putLogo(people.owner.headers, { type: 'image/svg+xml', data: 'A'.repeat(131_073) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toEqual({
      code: 'invalid_logo',
      message: 'data must be the image in base64, at most 131072 characters.',
    });
    const tooLarge = await putLogo(people.owner.headers, {
      type: 'image/svg+xml',
      data: 'A'.repeat(200_000),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toEqual({
      code: 'payload_too_large',
      message: `The request body is larger than ${LOGO_BODY_LIMIT} bytes, the most this server accepts.`,
    });
  });

  test('managing branding needs domains:manage: members and auditors are 403, keys need the scope', async () => {
    const { get, put, putLogo, deleteLogo, people, keyFor } = await setup();
    for (const who of [people.member, people.auditor]) {
      for (const res of [
        await get(who.cookieOnly),
        await put(who.headers, ACME),
        await putLogo(who.headers, SVG_LOGO),
        await deleteLogo(who.headers),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('insufficient_scope');
        expect(res.json().error.message).toContain('domains:manage');
      }
    }
    const other = await keyFor(people.owner, ['secrets:create', 'policies:manage', 'webhooks:manage']);
    expect((await get(other.headers)).statusCode).toBe(403);
    expect((await put(other.headers, ACME)).statusCode).toBe(403);
    const manager = await keyFor(null, ['domains:manage']);
    expect((await put(manager.headers, ACME)).statusCode).toBe(200);
    expect((await putLogo(manager.headers, SVG_LOGO)).statusCode).toBe(200);
    expect((await get(manager.headers)).json()).toMatchObject({ branding: ACME, logo: 'image/svg+xml' });
    expect((await get(people.admin.cookieOnly)).json().branding).toEqual(ACME);
  });

  test('anonymous callers are 401; a cookie change without the CSRF pair is 403 and changes nothing', async () => {
    const { get, put, putLogo, deleteLogo, people } = await setup();
    expect((await get({})).statusCode).toBe(401);
    expect((await put({}, ACME)).json().error.code).toBe('unauthenticated');
    for (const res of [
      await put(people.owner.cookieOnly, ACME),
      await putLogo(people.owner.cookieOnly, SVG_LOGO),
      await deleteLogo(people.owner.cookieOnly),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    expect((await get(people.owner.cookieOnly)).json()).toEqual({
      branding: null,
      logo: null,
      updated_at: null,
    });
  });

  test('invalid branding is 400 invalid_request naming the field, and changes nothing', async () => {
    const { get, put, people } = await setup();
    await put(people.owner.headers, ACME);
    const cases: [Partial<Record<keyof BrandingBody, unknown>> & Record<string, unknown>, RegExp][] = [
      [{ name: '   ' }, /^name /],
      [{ name: '' }, /^name /],
      [{ name: 'a'.repeat(81) }, /^name /],
      [{ name: 'Acme\nPhish' }, /^name .*control/],
      [{ support: 'not a contact' }, /^support must be an email address .* or an https:\/\/ URL/],
      [{ support: 'http://help.acme.example' }, /^support /],
      [{ support: 'javascript:alert(1)' }, /^support /],
      [{ support: 'https://user:pw@help.acme.example' }, /^support /],
      [{ support: 'a@b' }, /^support /],
      [{ language: 'xx' }, /^language must be one of en, nl, .*, or null/],
      [{ language: 'EN' }, /^language /],
      [{ accent: 'red' }, /^accent must be a colour as #rrggbb, or null\.$/],
      [{ accent: '#0066c' }, /^accent must be a colour/],
      [{ accent: '#0066cc;' }, /^accent must be a colour/],
      [{ accent: 102 }, /^accent must be a colour/],
      [{ support: 'x'.repeat(201) }, /^support must be/],
      [{ language: 'x' }, /^language must be one of/],
      [{ extra: true }, /Unknown field "extra"/],
    ];
    for (const [change, message] of cases) {
      const res = await put(people.owner.headers, { ...ACME, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
      expect(res.json().error.message, JSON.stringify(change)).toMatch(message);
    }
    const { accent: _, ...missing } = ACME;
    const res = await put(people.owner.headers, missing);
    expect(res.json().error.message).toMatch(/^accent is required/);
    expect((await get(people.owner.cookieOnly)).json().branding).toEqual(ACME);
  });

  test('each change lands in the audit trail as branding.updated with its caller', async () => {
    const { app, put, putLogo, deleteLogo, people, orgId, keyFor } = await setup();
    await put(people.owner.headers, ACME);
    const key = await keyFor(null, ['domains:manage']);
    await putLogo(key.headers, SVG_LOGO);
    await deleteLogo(people.admin.headers);
    // Refused changes are not recorded.
    await put(people.owner.headers, { ...ACME, accent: 'blue' });
    await putLogo(people.owner.headers, { type: 'image/png', data: 'AAAA' });
    const records = await recordsOfType(app, orgId, 'branding.updated');
    expect(records.map((r) => [r.actor.type, r.actor.id, r.subject])).toEqual([
      ['user', people.owner.userId, { type: 'org', id: orgId }],
      ['api_key', key.id, { type: 'org', id: orgId }],
      ['user', people.admin.userId, { type: 'org', id: orgId }],
    ]);
  });

  test('organisations are isolated: one never sees or changes the other’s branding', async () => {
    const { get, put, putLogo, deleteLogo, people, accounts, signIn, orgId } = await setup();
    await put(people.owner.headers, ACME);
    await putLogo(people.owner.headers, SVG_LOGO);

    const otherOrg = newRandomId();
    await accounts.createOrg({ id: otherOrg, name: 'Other', createdAt: 0, joinDomains: [] });
    await accounts.addMember({ orgId: otherOrg, userId: people.owner.userId, role: 'owner', createdAt: 0 });
    const { sessionToken, csrfToken } = await signIn(people.owner.userId, otherOrg);
    const other = {
      cookie: `burnlink_session=${sessionToken}; burnlink_csrf=${csrfToken}`,
      origin: ORIGIN,
      'x-csrf-token': csrfToken,
    };
    expect((await get(other)).json()).toEqual({ branding: null, logo: null, updated_at: null });
    await put(other, { name: 'Other Co', accent: null, support: null, language: null });
    await deleteLogo(other);
    expect((await get(people.owner.cookieOnly)).json()).toMatchObject({
      branding: ACME,
      logo: 'image/svg+xml',
    });
    expect((await accounts.domains.getBranding(orgId))?.branding).toEqual(ACME);
    expect((await accounts.domains.getBranding(otherOrg))?.branding.name).toBe('Other Co');
  });
});

/** A 2×2 opaque grey PNG, made byte by byte. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 128, 128, 0, 128, 128]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
