import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig, MemoryStore } from '../packages/server/dist/index.js';
import { startProvider, type TestProvider } from '../packages/server/test/support/oidc-provider.js';
import { expect, test } from './fixtures.js';

/**
 * Signing in, end to end in Chromium (issue 12): a passkey registered from an invite and then used to sign in,
 * with a CDP virtual authenticator; and OpenID Connect against a real `oidc-provider` started here.
 *
 * WebAuthn refuses IP-address origins, so these tests run their own server (the built one, in this process)
 * at `http://localhost:PORT`, with the OpenID Connect provider configured and the accounts store at hand for
 * the invites; the suite's shared server (127.0.0.1) is not used.
 */

interface Served {
  app: FastifyInstance;
  origin: string;
  provider: TestProvider;
}

let served: Served;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.beforeAll(async () => {
  if (process.env.BURNLINK_E2E_HAS_CHROMIUM !== '1') return;
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const provider = await startProvider({
    redirectUris: [`${origin}/api/v1/auth/oidc/callback`],
    accounts: { 'olivia-sub': { email: 'olivia@acme.test', email_verified: true, name: 'Olivia Example' } },
  });
  const config = loadConfig({
    BURNLINK_STORE: 'memory:',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_PUBLIC_URL: origin,
    BURNLINK_WEB_DIR: 'packages/web/dist',
    BURNLINK_OIDC_ISSUER: provider.issuer,
    BURNLINK_OIDC_CLIENT_ID: provider.clientId,
    BURNLINK_OIDC_CLIENT_SECRET: provider.clientSecret,
    BURNLINK_OIDC_NAME: 'Acme SSO',
  });
  const app = await buildApp({ config, store: new MemoryStore(), logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  served = { app, origin, provider };
});

test.afterAll(async () => {
  await served?.app.close();
  await served?.provider.close();
});

const store = () => served.app.burnlinkAccounts.store;
const newId = () => randomBytes(16).toString('base64url');

async function createOrg(name: string, joinDomains: string[] = []) {
  const org = { id: newId(), name, createdAt: Date.now(), joinDomains };
  await store().createOrg(org);
  return org;
}

/** An invite made in the accounts store, as `burnlink admin invite` does; answers its token. */
async function createInvite(orgId: string, email: string, role: 'owner' | 'member' = 'owner') {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await store().createInvite({
    id: newId(),
    orgId,
    email,
    role,
    tokenHash: createHash('sha256').update(token).digest('hex'),
    invitedBy: null,
    createdAt: now,
    expiresAt: now + 3_600_000,
    acceptedAt: null,
  });
  return token;
}

/**
 * A fresh browser profile on the test server; collects page errors and console errors of its pages (the
 * expected 401 of "who am I" before signing in aside), and requests from its pages to any other host.
 */
async function profile(browser: import('@playwright/test').Browser) {
  const context = await browser.newContext({ baseURL: served.origin, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (!where.startsWith(served.origin)) return; // the provider's own pages
    if (/status of (401|404)\b/.test(message.text()) && new URL(where).pathname.startsWith('/api/v1/'))
      return;
    problems.push(`console error: ${message.text()} (${where})`);
  });
  page.on('request', (request) => {
    const from = request.frame()?.url() ?? '';
    const to = new URL(request.url()).origin;
    // Navigations to the provider and back are the flow; sub-resources of our pages must stay at home.
    if (from.startsWith(served.origin) && !request.isNavigationRequest() && to !== served.origin) {
      problems.push(`request to another origin: ${to}`);
    }
  });
  return { context, page, problems };
}

async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'burnlink_session');
}

test('a passkey registered from an invite, then used to sign in (virtual authenticator)', async ({
  browser,
}) => {
  const org = await createOrg('Passkey Ltd');
  const invite = await createInvite(org.id, 'pat@passkey.test');
  const { context, page, problems } = await profile(browser);
  const authenticator = await virtualAuthenticator(context, page);

  await page.goto(`/join#${invite}`);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Pat Example');
  await page.getByRole('button', { name: 'Create your passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  // The invite left the address bar at once.
  expect(new URL(page.url()).hash).toBe('');

  const [credential] = await authenticator.credentials();
  expect(credential?.isResidentCredential).toBe(true);
  expect(credential?.rpId).toBe('localhost');
  const person = await store().findUserByEmail('pat@passkey.test');
  expect(person?.name).toBe('Pat Example');
  expect(await store().getMember(org.id, person!.id)).toMatchObject({ role: 'owner' });
  const [stored] = await store().listPasskeys(person!.id);
  expect(stored?.id).toBe(
    credential?.credentialId.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
  );
  const session = await sessionCookie(context);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

  // Signed out (the cookies gone), the passkey alone signs in again: no name, no password.
  await context.clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const after = await sessionCookie(context);
  expect(after?.value).toBeTruthy();
  expect(after?.value).not.toBe(session?.value);
  const [used] = await store().listPasskeys(person!.id);
  expect(used?.lastUsedAt).not.toBeNull();
  const [signed] = await authenticator.credentials();
  expect(signed?.signCount).toBeGreaterThan(credential?.signCount ?? 0);
  // The invite is spent.
  expect(
    await served.app.burnlinkAccounts.liveInvite(createHash('sha256').update(invite).digest('hex')),
  ).toBeNull();

  await context.close();
  expect(problems).toEqual([]);
});

test('OpenID Connect sign-in end to end against a real provider, joining by email domain', async ({
  browser,
}) => {
  const org = await createOrg('Acme Corp', ['acme.test']);
  const { context, page, problems } = await profile(browser);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
  // The provider's own login form (oidc-provider's development interactions).
  await expect(page).toHaveURL(new RegExp(`^${served.provider.issuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill('olivia-sub');
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  expect(page.url()).toBe(`${served.origin}/dashboard`);
  expect(await sessionCookie(context)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const person = await store().findUserByEmail('olivia@acme.test');
  expect(person?.name).toBe('Olivia Example');
  expect(await store().getMember(org.id, person!.id)).toMatchObject({ role: 'member' });
  expect(await store().findIdentity(served.provider.issuer, 'olivia-sub')).toMatchObject({
    userId: person!.id,
  });
  // No cookie of the ceremony is left behind.
  expect((await context.cookies()).map((c) => c.name)).not.toContain('burnlink_oidc');

  await context.close();
  expect(problems).toEqual([]);
});
