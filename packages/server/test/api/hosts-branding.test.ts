import { describe, expect, test } from 'vitest';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { newRandomId } from '../../src/tokens.js';
import { ACME, activeDomain, MAIN } from './hosts-support.js';
import { testApp } from './support.js';

/**
 * The public branding routes (docs/api.md "Branding of the host"): the organisation of the request's Host and
 * no other; the logo with the headers that keep an uploaded image inert.
 */

const BEE = 'links.bee.example';
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** Acme (branded, with an SVG logo) and Bee (no branding, a PNG logo), each with a verified domain. */
async function twoOrgs(env: Record<string, string> = { BURNLINK_ALLOWED_HOSTS: MAIN }) {
  const accounts = new MemoryAccountsStore();
  const built = await testApp({ accounts, env });
  const now = built.clock.now();
  const acme = newRandomId();
  const bee = newRandomId();
  await accounts.createOrg({ id: acme, name: 'Acme Corp', createdAt: now, joinDomains: [] });
  await accounts.createOrg({ id: bee, name: 'Bee Ltd', createdAt: now, joinDomains: [] });
  await activeDomain(accounts, acme, ACME, now);
  await activeDomain(accounts, bee, BEE, now);
  await accounts.domains.setBranding(
    acme,
    { name: 'Acme Secrets', accent: '#0a7c55', support: 'help@acme.example', language: 'nl' },
    now,
  );
  await accounts.domains.setLogo(acme, { type: 'image/svg+xml', bytes: SVG, updatedAt: now + 1 });
  await accounts.domains.setLogo(bee, { type: 'image/png', bytes: PNG, updatedAt: now + 2 });
  return { ...built, accounts, acme, bee, now };
}

const get = (app: Awaited<ReturnType<typeof testApp>>['app'], url: string, host: string) =>
  app.inject({ url, headers: { host } });

describe('GET /api/v1/branding', () => {
  test("each domain answers its own organisation's branding; the main host none", async () => {
    const t = await twoOrgs();
    const acme = await get(t.app, '/api/v1/branding', ACME);
    expect(acme.statusCode).toBe(200);
    expect(acme.json()).toEqual({
      branding: {
        domain: ACME,
        name: 'Acme Secrets',
        accent: '#0a7c55',
        support: 'help@acme.example',
        language: 'nl',
        logo_url: `/api/v1/branding/logo?v=${t.now + 1}`,
      },
    });
    // Bee has set no branding: its organisation's name, nothing else — and nothing of Acme's.
    const bee = await get(t.app, '/api/v1/branding', `${BEE}:443`);
    expect(bee.json()).toEqual({
      branding: {
        domain: BEE,
        name: 'Bee Ltd',
        accent: null,
        support: null,
        language: null,
        logo_url: `/api/v1/branding/logo?v=${t.now + 2}`,
      },
    });
    expect(bee.body).not.toMatch(/Acme|acme|0a7c55/);
    expect((await get(t.app, '/api/v1/branding', MAIN)).json()).toEqual({ branding: null });
    // A query naming another organisation or domain changes nothing: only the Host decides.
    const asked = await get(t.app, `/api/v1/branding?domain=${ACME}&org=${t.acme}`, BEE);
    expect(asked.json().branding.domain).toBe(BEE);
    await t.app.close();
  });

  test('without a logo logo_url is null; with * an unknown host gets none', async () => {
    const t = await twoOrgs({});
    await t.accounts.domains.setLogo(t.bee, null);
    expect((await get(t.app, '/api/v1/branding', BEE)).json().branding.logo_url).toBeNull();
    expect((await get(t.app, '/api/v1/branding', 'unknown.example')).json()).toEqual({ branding: null });
    expect((await get(t.app, '/api/v1/branding', 'localhost')).json()).toEqual({ branding: null });
    await t.app.close();
  });
});

describe('GET /api/v1/branding/logo', () => {
  test("the Host's organisation's logo, typed exactly and kept inert", async () => {
    const t = await twoOrgs();
    const svg = await get(t.app, `/api/v1/branding/logo?v=${t.now + 1}`, ACME);
    expect(svg.statusCode).toBe(200);
    expect(svg.rawPayload).toEqual(Buffer.from(SVG));
    expect(svg.headers).toMatchObject({
      'content-type': 'image/svg+xml',
      'content-length': String(SVG.byteLength),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'public, max-age=300',
    });
    const png = await get(t.app, '/api/v1/branding/logo', BEE);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload).toEqual(Buffer.from(PNG));
    await t.app.close();
  });

  test('404 on the main host and for an organisation without a logo', async () => {
    const t = await twoOrgs();
    const main = await get(t.app, '/api/v1/branding/logo', MAIN);
    expect(main.statusCode).toBe(404);
    expect(main.headers['cache-control']).toBe('no-store');
    await t.accounts.domains.setLogo(t.acme, null);
    expect((await get(t.app, '/api/v1/branding/logo', ACME)).statusCode).toBe(404);
    expect((await get(t.app, '/api/v1/branding/logo', 'evil.example')).statusCode).toBe(421);
    await t.app.close();
  });
});
