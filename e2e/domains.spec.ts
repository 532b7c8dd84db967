import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  expect,
  type Locator,
  type Page,
  test,
} from '@playwright/test';
import type { AccountsStore } from '../packages/server/src/accounts/accounts-store.js';
import { openAccounts } from '../packages/server/src/accounts/open-accounts.js';
import type { Role } from '../packages/server/src/accounts/roles.js';
import { freePort, waitUntil } from '../packages/server/test/support/backend-processes.js';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../packages/server/test/support/dnsmasq.js';
import { expectAccessible, type Watched, watch } from './fixtures.js';

/**
 * Custom domains in the browser (issue 18): an owner adds a domain on the domains page, copies its TXT record,
 * verifies it against a real DNS server (dnsmasq on loopback, `BURNLINK_DNS_SERVERS`) and sets the branding
 * with a logo; then the app opened on that domain (Chromium maps the names to 127.0.0.1 with
 * `--host-resolver-rules`) shows the organisation's name, logo, accent, support contact and default language,
 * creates and reveals a secret there (and opens one made there on the main host) — and never shows a second
 * organisation's branding, which has a verified domain of its own on the same server, while the main host shows
 * none. Only owners and admins see the domains page; other members' pages never ask for the branding. The spec
 * runs its own server (its DNS servers and allowed hosts are its own; the shared server also answers `localhost`),
 * so it opens its own accounts store too. The tests share that server and build on each other: they run in order.
 */
test.describe.configure({ mode: 'serial' });

const ACME = 'secrets.acme.test';
const OTHER = 'secrets.other.test';
const ACME_LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><rect width="40" height="20" fill="#0a7d38"/></svg>',
);

let dns: Dnsmasq | null = null;
let server: ChildProcess | null = null;
let dataDir = '';
let port = 0;
let main = '';
let store: AccountsStore | null = null;
let browser: Browser | null = null;
/** Acme's organisation, made by the first test: its other members are the third's. */
let acmeOrg = '';
const records: Record<string, string[]> = {};

const origin = (host: string) => `http://${host}:${port}`;

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this pattern.
test.beforeAll(async ({}, testInfo) => {
  // Without Chromium the config printed a loud line (in CI it failed); without dnsmasq, dnsmasqAvailable() did.
  testInfo.skip(process.env.BURNLINK_E2E_HAS_CHROMIUM !== '1', 'Chromium is not installed');
  testInfo.skip(!(await dnsmasqAvailable()), 'dnsmasq is not installed');
  dns = await startDnsmasq();
  port = await freePort();
  main = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'burnlink-e2e-domains-'));
  server = spawn(process.execPath, ['packages/server/dist/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      BURNLINK_PORT: String(port),
      BURNLINK_HOST: '127.0.0.1',
      BURNLINK_STORE: `sqlite:${path.join(dataDir, 'e2e.db')}`,
      BURNLINK_DATA_DIR: dataDir,
      BURNLINK_RATE_LIMITS: 'off',
      BURNLINK_WEB_DIR: 'packages/web/dist',
      BURNLINK_LOG_LEVEL: 'warn',
      BURNLINK_DNS_SERVERS: dns.address,
      // The main site is 127.0.0.1; every other Host is served only as a verified custom domain.
      BURNLINK_ALLOWED_HOSTS: '127.0.0.1',
    },
  });
  await waitUntil(async () => {
    const reply = await fetch(`${main}/healthz`);
    if (!reply.ok) throw new Error(`healthz ${reply.status}`);
  }, 30_000);
  store = await openAccounts('sqlite:', { dataDir });
  browser = await chromium.launch({
    executablePath: process.env.BURNLINK_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--host-resolver-rules=MAP ${ACME} 127.0.0.1, MAP ${OTHER} 127.0.0.1`,
      // Web Crypto needs a secure context: plain http on these test names stands in for Caddy's TLS.
      `--unsafely-treat-insecure-origin-as-secure=${origin(ACME)},${origin(OTHER)}`,
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await store?.close();
  server?.kill('SIGTERM');
  await dns?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A new organisation with an owner, and a browser context signed in as that owner on the main host. */
async function ownerOf(orgName: string, person: string) {
  const orgId = randomBytes(16).toString('base64url');
  await store!.createOrg({ id: orgId, name: orgName, createdAt: Date.now(), joinDomains: [] });
  return { orgId, ...(await memberOf(orgId, person, 'owner')) };
}

/** A new member of `orgId` with `role`, and a browser context signed in as them on the main host. */
async function memberOf(orgId: string, person: string, role: Role) {
  const now = Date.now();
  const userId = randomBytes(16).toString('base64url');
  await store!.createUser({
    id: userId,
    email: `${userId.slice(0, 8)}@example.com`,
    name: person,
    createdAt: now,
  });
  await store!.addMember({ orgId, userId, role, createdAt: now });
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  await store!.createSession({
    idHash: sha256(token),
    userId,
    orgId,
    csrfHash: sha256(csrf),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 3_600_000,
    label: 'Chrome on Linux',
  });
  const context = await browser!.newContext({ baseURL: main, locale: 'en-GB' });
  await context.addCookies([
    { name: 'burnlink_session', value: token, url: main, httpOnly: true, sameSite: 'Lax' },
    { name: 'burnlink_csrf', value: csrf, url: main, sameSite: 'Lax' },
  ]);
  /** The account API with this session, as the web app calls it. */
  const api = async (method: string, url: string, data?: unknown) => {
    const reply = await context.request.fetch(url, {
      method,
      headers: { origin: main, 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    expect(reply.ok(), `${method} ${url}: ${reply.status()} ${await reply.text()}`).toBe(true);
    return reply.status() === 204 ? null : reply.json();
  };
  return { context, api };
}

/** Restarts dnsmasq with one `_burnlink.` TXT record per domain added so far. */
async function publish(name: string, value: string) {
  records[name] = [value];
  await dns!.setRecords(records);
}

/** `image` shows a picture that loaded (it has a width) from a URL starting with `prefix`. */
async function expectLoaded(image: Locator, prefix: string) {
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBeGreaterThan(0);
  expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
    new RegExp(`^${prefix.replace(/[.?]/g, '\\$&')}`),
  );
}

async function pageOn(context: BrowserContext): Promise<{ page: Page; watched: Watched }> {
  const page = await context.newPage();
  return { page, watched: watch(page, main) };
}

test('an owner adds a domain, verifies its TXT record against a real DNS server and sets the branding with a logo', async () => {
  const { context, orgId } = await ownerOf('Acme Corp', 'Ada Lovelace');
  acmeOrg = orgId;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: main });
  const { page, watched } = await pageOn(context);

  await page.goto('/domains');
  await expect(page.getByRole('heading', { level: 1, name: 'Domains' })).toBeFocused();
  await expect(
    page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Domains' }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('No domains yet.')).toBeVisible();

  // A name the server cannot serve is refused in words; then the real one is added, pending, with its record.
  await page.getByLabel('Domain name').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.locator('#domain-name-error')).toContainText('This server cannot serve that name');
  // Chromium logs that 400 (invalid_domain): the one console line this page is expected to show.
  expect(watched.problems).toEqual([
    expect.stringMatching(/status of 400 \(Bad Request\) \(http:[^ ]+\/api\/v1\/domains\)$/),
  ]);
  watched.problems.length = 0;
  await page.getByLabel('Domain name').fill(ACME);
  await page.getByRole('button', { name: 'Add domain' }).click();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ACME }) });
  await expect(item.getByText('Pending', { exact: true })).toBeVisible();
  await expect(item.getByLabel('Record name')).toHaveValue(`_burnlink.${ACME}`);
  const value = await item.getByLabel('Record value').inputValue();
  expect(value).toMatch(/^burnlink-verify=\S+$/);
  await item.getByRole('button', { name: 'Copy record value' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);

  // Verified against dnsmasq: first without the record (said and announced), then with it.
  const status = page.locator('p[role="status"][aria-live="polite"]').first();
  await item.getByRole('button', { name: `Verify now: ${ACME}` }).click();
  await expect(item).toContainText('no TXT record was found at that name.');
  await expect(status).toHaveText(`${ACME}: no TXT record was found at that name.`);
  await publish(`_burnlink.${ACME}`, value);
  await item.getByRole('button', { name: `Verify now: ${ACME}` }).click();
  await expect(item.getByText('Active', { exact: true })).toBeVisible();
  await expect(item).toContainText('the record was found; the domain is verified.');
  await expect(status).toHaveText(`${ACME}: the record was found; the domain is verified.`);

  // Branding: a wrong contact is caught before sending; the preview follows the form.
  await page.getByLabel('Name', { exact: true }).fill('Acme Corp');
  await page.getByLabel('Accent colour', { exact: true }).fill('#0a7d38');
  await page.getByLabel('Support contact (optional)').fill('call us');
  await page.getByLabel('Default language').selectOption('nl');
  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.locator('#branding-problem')).toHaveText(
    /Enter an email address or an address starting with https:\/\//,
  );
  await expect(page.getByLabel('Support contact (optional)')).toBeFocused();
  await page.getByLabel('Support contact (optional)').fill('help@acme.test');
  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.getByRole('form', { name: 'Branding' }).getByText('Branding saved.')).toBeVisible();
  await expect(status).toHaveText('Branding saved.');
  await page.getByLabel('Logo file (SVG or PNG, at most 64 KB)').setInputFiles({
    name: 'acme.svg',
    mimeType: 'image/svg+xml',
    buffer: ACME_LOGO,
  });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(status).toHaveText('Logo uploaded.');
  await expect(page.getByText('Current logo: an SVG image.')).toBeVisible();
  // The preview shows the logo as stored (sanitised), from this origin, at a URL that changes with each change.
  const preview = page.locator('.brand-preview');
  const previewLogo = preview.getByRole('img', { name: 'Acme Corp' });
  await expectLoaded(previewLogo, `${main}/api/v1/org/branding/logo?v=`);
  await expect(preview.locator('.preview-button')).toHaveCSS('background-color', 'rgb(10, 125, 56)');
  await expect(preview).toContainText('help@acme.test');
  await expectAccessible(page, 'domains page');

  // What the server now holds, read back after a reload: the form, and the stored logo in the preview.
  const uploaded = await previewLogo.getAttribute('src');
  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Corp');
  await expect(page.getByLabel('Default language')).toHaveValue('nl');
  await expect(page.getByText('Current logo: an SVG image.')).toBeVisible();
  await expectLoaded(previewLogo, `${main}/api/v1/org/branding/logo?v=`);
  expect(await previewLogo.getAttribute('src')).toBe(uploaded);
  expect(watched.problems).toEqual([]);
  await context.close();
});

test('the app on the custom domain wears its organisation’s branding, never another’s, and shares secrets there', async () => {
  // A second organisation with a verified domain and branding of its own, on the same server.
  const other = await ownerOf('Other Org Ltd', 'Grace Hopper');
  const added = (await other.api('POST', '/api/v1/domains', { name: OTHER })) as {
    id: string;
    txt_record: { name: string; value: string };
  };
  await publish(added.txt_record.name, added.txt_record.value);
  expect((await other.api('POST', `/api/v1/domains/${added.id}/verify`, {})).state).toBe('active');
  await other.api('PUT', '/api/v1/org/branding', {
    name: 'Other Org Ltd',
    accent: '#7b1fa2',
    support: 'https://other.test/help',
    language: null,
  });
  await other.context.close();

  const context = await browser!.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const watched = watch(page, origin(ACME));
  await page.goto(`${origin(ACME)}/`);

  // Acme's name and logo in the header, its accent, its support contact, its default language.
  const header = page.getByRole('banner');
  // The logo comes from this origin (GET /api/v1/branding/logo): `watch` fails on a request anywhere else.
  await expectLoaded(
    header.getByRole('img', { name: 'Acme Corp' }),
    `${origin(ACME)}/api/v1/branding/logo?v=`,
  );
  await expect(header.getByRole('link', { name: 'Acme Corp' })).toHaveAttribute('href', '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  expect(
    await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()),
  ).toBe('#0a7d38');
  await expect(page.locator('.button-primary').first()).toHaveCSS('background-color', 'rgb(10, 125, 56)');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'help@acme.test' })).toHaveAttribute(
    'href',
    'mailto:help@acme.test',
  );
  await expect(page).toHaveTitle(/· Acme Corp$/);
  await expect(page.locator('body')).not.toContainText('Other Org');
  await expect(page.locator('body')).not.toContainText('other.test');

  // The visitor's own choice of language wins over the organisation's default, and is remembered.
  await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(header.getByRole('img', { name: 'Acme Corp' })).toBeVisible();

  // A secret created and revealed on the custom domain.
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('branded hello');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  const link = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  expect(link.startsWith(`${origin(ACME)}/s/`)).toBe(true);
  const recipient = await context.browser()!.newContext({ locale: 'en-GB' });
  const reader = await recipient.newPage();
  const readerWatched = watch(reader, origin(ACME));
  await reader.goto(link.replace('#', '?lang=en#'));
  await expect(reader.getByRole('banner').getByRole('img', { name: 'Acme Corp' })).toBeVisible();
  await reader.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(reader.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('branded hello');
  await expect(reader.locator('body')).not.toContainText('Other Org');

  // Secrets are not tied to a host: one made on the custom domain opens on the main host, unbranded there.
  await page.goto(`${origin(ACME)}/`);
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('made on acme, read on main');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  const acmeLink = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  expect(acmeLink.startsWith(`${origin(ACME)}/s/`)).toBe(true);
  const onMain = await recipient.newPage();
  const onMainWatched = watch(onMain, main);
  await onMain.goto(`${main}${acmeLink.slice(origin(ACME).length).replace('#', '?lang=en#')}`);
  await onMain.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(onMain.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'made on acme, read on main',
  );
  await expect(onMain.getByRole('banner').getByRole('link', { name: 'burnlink' })).toBeVisible();
  await expect(onMain.getByRole('banner').getByRole('img')).toHaveCount(0);
  await expect(onMain.locator('body')).not.toContainText('Acme');

  // The other organisation's domain shows its branding only; the main host shows none.
  for (const [host, name, accent, absent] of [
    [origin(OTHER), 'Other Org Ltd', '#7b1fa2', ['Acme', 'acme.test']],
    [main, 'burnlink', '', ['Acme', 'acme.test', 'Other Org', 'other.test']],
  ] as const) {
    const elsewhere = await context.newPage();
    const elsewhereWatched = watch(elsewhere, host);
    await elsewhere.goto(`${host}/?lang=en`);
    await expect(elsewhere.getByRole('banner').getByRole('link', { name })).toBeVisible();
    expect(
      await elsewhere.evaluate(() => document.documentElement.style.getPropertyValue('--accent').trim()),
    ).toBe(accent);
    for (const text of absent) await expect(elsewhere.locator('body')).not.toContainText(text);
    expect(elsewhereWatched.problems).toEqual([]);
  }

  // Each page asked its own host only, and nothing went wrong in it.
  expect(watched.problems).toEqual([]);
  expect(readerWatched.problems).toEqual([]);
  expect(onMainWatched.problems).toEqual([]);
  await recipient.close();
  await context.close();
});

test('only owners and admins see Domains; other members’ pages never ask for the organisation’s branding', async () => {
  for (const [role, person, manages] of [
    ['admin', 'Alan Turing', true],
    ['member', 'Edsger Dijkstra', false],
    ['auditor', 'Barbara Liskov', false],
  ] as const) {
    const { context } = await memberOf(acmeOrg, person, role);
    const { page, watched } = await pageOn(context);
    const asked: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/v1/org/branding') || pathname.startsWith('/api/v1/domains'))
        asked.push(pathname);
    });
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Account' });
    for (const path of ['/dashboard', '/settings']) {
      await page.goto(path);
      await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Domains' })).toHaveCount(manages ? 1 : 0);
    }
    await page.goto('/domains');
    if (manages) {
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Corp');
      expect(asked).toContain('/api/v1/org/branding');
    } else {
      await expect(page.getByRole('alert')).toContainText('Domains and branding are managed by owners');
      expect(asked).toEqual([]);
    }
    expect(watched.problems).toEqual([]);
    await context.close();
  }
});
