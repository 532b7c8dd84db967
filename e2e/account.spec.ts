import { createHash, randomBytes } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import { buildApp, loadConfig, MemoryStore } from '../packages/server/dist/index.js';
import { en } from '../packages/web/src/account/messages/en.js';
import { expect, expectAccessible, newProfile, snap, test } from './fixtures.js';
import { addPerson, addTeam, newOrg, signIn } from './support/accounts.js';
import { OTHER_LOCALES } from './support/messages.js';

/**
 * The account pages: sign-in and join (what can be seen without an account), the dashboard and settings of a
 * signed-in person (a session put into the server's accounts store, as its sign-in would), in both themes and
 * at 375 px, with axe-core finding no serious or critical violation.
 */
async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${name} (${colorScheme})`);
    await snap(page, testInfo, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await snap(page, testInfo, `${name}-375px`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Creates a secret on the create page (signed in or not); answers when the share page shows. */
async function createOnPage(page: Page, text: string, team?: string) {
  await page.goto('/');
  if (team) await page.getByLabel('Team (optional)').selectOption({ label: team });
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
}

test('sign-in page', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled();
  await checkPage(page, testInfo, 'sign-in');

  // Back from the identity provider with a problem: said in words, and taken out of the address bar.
  await page.goto('/sign-in?error=no_account');
  await expect(page.getByRole('alert')).toHaveText(en.errNoAccount);
  await expect(page).toHaveURL(/\/sign-in$/);
  await checkPage(page, testInfo, 'sign-in-error');
});

test('join page: the invite leaves the address bar; a name is asked first', async ({ page }, testInfo) => {
  await page.goto('/join#an-invite-token_0123456789');
  await expect(page.getByRole('heading', { level: 1, name: 'Join your organisation' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await page.getByRole('button', { name: 'Create your passkey' }).click();
  await expect(page.getByRole('alert')).toHaveText(en.joinNameMissing);
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused();
  await checkPage(page, testInfo, 'join');

  await page.goto('/join');
  await expect(page.getByRole('alert')).toHaveText(en.joinNoInvite);
});

test('account pages without a session go to the sign-in page', async ({ page }) => {
  for (const path of ['/dashboard', '/settings']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
  }
});

test('an anonymous visit to the create page asks nothing about accounts', async ({ page }) => {
  const accountCalls: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/v1\/(me|auth)/.test(request.url())) accountCalls.push(request.url());
  });
  await createOnPage(page, 'anonymous');
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  expect(accountCalls).toEqual([]);
});

test('dashboard: a secret created with a team is listed, filtered and burned', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const owner = await newOrg('owner', 'Ada Lovelace');
  await addTeam(owner.orgId, 'Ops', [owner.userId]);
  await signIn(context, baseURL!, owner);

  await page.goto('/');
  await expect(page.getByText('Signed in as Ada Lovelace')).toBeVisible();
  await createOnPage(page, 'for the ops team', 'Ops');

  await page.goto('/');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Account' });
  await expect(nav).toContainText('Signed in as Ada Lovelace');
  for (const tab of ['My secrets', 'Team secrets', 'All secrets'])
    await expect(page.getByRole('button', { name: tab })).toBeVisible();
  await expect(page.getByRole('button', { name: 'My secrets' })).toHaveAttribute('aria-pressed', 'true');
  const rows = page.getByRole('list', { name: 'My secrets' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Waiting to be viewed');
  await expect(rows.first()).toContainText('Ops');
  await expect(rows.first()).toContainText('1 of 1');
  await expect(rows.first()).toContainText('You');
  await checkPage(page, testInfo, 'dashboard');

  await page.getByRole('button', { name: 'Team secrets' }).click();
  await expect(page.getByRole('list', { name: 'Team secrets' }).getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('State').selectOption('burned');
  await expect(page.getByText('No secrets here yet.')).toBeVisible();
  await page.getByLabel('State').selectOption('');

  const row = page.getByRole('list', { name: 'Team secrets' }).getByRole('listitem').first();
  await row.getByRole('button', { name: /^Burn/ }).click();
  await expect(row.getByRole('button', { name: 'Yes, burn it' })).toBeFocused();
  await checkPage(page, testInfo, 'dashboard-burn-confirm');
  await row.getByRole('button', { name: 'Yes, burn it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was burned' })).toBeVisible();
  await expect(row).toContainText('Burned');
  await expect(row.getByRole('button', { name: /^Burn/ })).toHaveCount(0);
});

test('dashboard with the keyboard alone: account bar, tabs, then burn', async ({
  page,
  context,
  baseURL,
}) => {
  const member = await newOrg('member', 'Kay Board');
  await signIn(context, baseURL!, member);
  await createOnPage(page, 'typed, not clicked');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeFocused();
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  // Tab forward until the row's Burn button has focus (account bar, tabs and filter come first).
  const seen: string[] = [];
  for (let i = 0; i < 20 && !(await focused()).startsWith('Burn'); i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused());
  }
  expect(seen).toEqual(expect.arrayContaining(['Sign out', 'My secrets', 'Team secrets']));
  expect(seen.indexOf('Sign out')).toBeLessThan(seen.indexOf('My secrets'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Yes, burn it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'was burned' })).toBeAttached();
  await expect(page.getByRole('list', { name: 'My secrets' })).toContainText('Burned');
});

test('dashboard: a member sees no "All secrets" and cannot list other people\'s secrets', async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await newOrg('owner');
  const member = await addPerson(owner.orgId, 'member', 'Grace Hopper');
  await signIn(context, baseURL!, member);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Team secrets' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'All secrets' })).toHaveCount(0);
  await expect(page.getByText('No secrets here yet.')).toBeVisible();
});

test('settings: an API key shown once and revoked, an invite, a team, roles and sessions', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const owner = await newOrg('owner', 'Ada Lovelace');
  const grace = await addPerson(owner.orgId, 'member', 'Grace Hopper');
  await signIn(context, baseURL!, owner);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText('No API keys.')).toBeVisible();
  await checkPage(page, testInfo, 'settings');

  // An API key: limited to my scopes, shown once with a copy button, then revoked.
  await page.getByLabel('Name', { exact: true }).fill('CI deploy');
  await expect(page.getByRole('checkbox', { name: /Create secrets/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /Burn secrets/ }).uncheck();
  await page.getByLabel('Expires after').selectOption({ label: '90 days' });
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('heading', { name: 'Your new key "CI deploy"' })).toBeFocused();
  await expect(page.getByText('you will not see it again')).toBeVisible();
  const key = await page.getByRole('textbox', { name: 'Your new key "CI deploy"' }).inputValue();
  expect(key).toMatch(/^bl_[A-Za-z0-9_-]{16}_[A-Za-z0-9_-]{43}$/);
  await checkPage(page, testInfo, 'settings-new-key');
  await page.getByRole('button', { name: 'Copy key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  const asKey = () => fetch(`${baseURL}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  const me = await (await asKey()).json();
  expect(me.scopes).toEqual(['secrets:create', 'secrets:list']);
  await page.getByRole('button', { name: 'Done, I have stored it' }).click();
  await expect(page.getByRole('textbox', { name: /Your new key/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke: CI deploy' }).click();
  await page.getByRole('button', { name: 'Yes, revoke it' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The key "CI deploy" was revoked.' }),
  ).toBeAttached();
  expect((await asKey()).status).toBe(401);

  // Members: a role changed; an invite whose one-time link is shown, then deleted.
  await page.getByLabel('Role of Grace Hopper').selectOption('admin');
  await expect(
    page.getByRole('status').filter({ hasText: 'Role of Grace Hopper changed to Administrator.' }),
  ).toBeAttached();
  await page.getByLabel('Email address').fill('linus@example.com');
  await page.getByLabel('Role', { exact: true }).selectOption('auditor');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  await expect(page.getByRole('heading', { name: 'Invite link for linus@example.com' })).toBeFocused();
  expect(await page.getByRole('textbox', { name: 'Invite link for linus@example.com' }).inputValue()).toMatch(
    /^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+#[A-Za-z0-9_-]+$/,
  );
  await expect(page.getByRole('list', { name: 'Pending invites' })).toContainText('linus@example.com');
  await page.getByRole('button', { name: 'Delete invite: linus@example.com' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByText('No pending invites.')).toBeVisible();

  // Teams: created, Grace added, then removed.
  await page.getByLabel('Team name').fill('Platform');
  await page.getByRole('button', { name: 'Create team' }).click();
  const team = page
    .getByRole('list', { name: 'Teams' })
    .getByRole('listitem')
    .filter({ hasText: 'Platform' })
    .first();
  await expect(team).toContainText('0 members');
  await page.getByLabel('Add a member to Platform').selectOption({ label: grace.name });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(team).toContainText('1 member');
  await page.getByRole('button', { name: 'Remove Grace Hopper from Platform' }).click();
  await expect(team).toContainText('0 members');
  await checkPage(page, testInfo, 'settings-after');

  // Sessions: this browser is listed; signing out everywhere ends it.
  const sessions = page.getByRole('list', { name: 'My sessions' });
  await expect(sessions).toContainText('This browser');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('settings: another passkey added on this device, used to sign in, then removed', async ({
  browser,
  baseURL,
}) => {
  // WebAuthn refuses IP-address origins: this browser talks to the same server as localhost.
  const origin = baseURL!.replace('127.0.0.1', 'localhost');
  const owner = await newOrg('owner', 'Ada Lovelace');
  const { context, page, watched } = await newProfile(browser, origin);
  await signIn(context, origin, owner);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const authenticator = async () =>
    (
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      })
    ).authenticatorId;
  const first = await authenticator();

  await page.goto('/settings');
  const passkeys = page.getByRole('region', { name: 'My passkeys' });
  await expect(passkeys.getByText('No passkeys.')).toBeVisible();
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passkey added.' })).toBeAttached();
  await expect(passkeys.getByRole('listitem')).toHaveCount(1);
  await expect(passkeys.getByRole('listitem')).toContainText('Chrome on Linux');
  // The same device twice: the authenticator refuses, and the page says why.
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeys.getByRole('alert')).toHaveText(en.errPasskeyKnown);

  await context.clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText('Ada Lovelace');

  // The only passkey, with no identity provider: the server keeps it, and the page says why.
  await page.goto('/settings');
  await passkeys.getByRole('button', { name: 'Remove: Chrome on Linux' }).click();
  await passkeys.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(passkeys.getByRole('alert')).toHaveText(en.errLastPasskey);
  await passkeys.getByRole('button', { name: 'Cancel' }).click();

  // A second device (another authenticator): two passkeys, and one of them can go.
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first });
  await authenticator();
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeys.getByRole('listitem')).toHaveCount(2);
  await passkeys.getByRole('button', { name: 'Remove: Chrome on Linux' }).first().click();
  await passkeys.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was removed' })).toBeAttached();
  await expect(passkeys.getByRole('listitem')).toHaveCount(1);
  await context.close();
  expect(watched.problems).toEqual([]);
});

test('a server that requires signing in: the create page says so, and creates once signed in', async ({
  browser,
}) => {
  // A server of its own (in this process), with BURNLINK_ANONYMOUS_CREATE=off and its accounts in memory.
  const config = loadConfig({
    BURNLINK_STORE: 'memory:',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_WEB_DIR: 'packages/web/dist',
    BURNLINK_ANONYMOUS_CREATE: 'off',
  });
  const app = await buildApp({ config, store: new MemoryStore(), logger: false });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { context, page, watched } = await newProfile(browser, origin);
    await page.goto('/');
    const notice = page.getByText(en.createSignInRequired);
    await expect(notice).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveCount(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    const accounts = app.burnlinkAccounts.store;
    const id = () => randomBytes(16).toString('base64url');
    const [orgId, userId] = [id(), id()];
    const now = Date.now();
    await accounts.createOrg({ id: orgId, name: 'Required Ltd', createdAt: now, joinDomains: [] });
    await accounts.createUser({ id: userId, email: 'rita@required.test', name: 'Rita', createdAt: now });
    await accounts.addMember({ orgId, userId, role: 'member', createdAt: now });
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await accounts.createSession({
      idHash: sha(token),
      userId,
      orgId,
      csrfHash: sha(csrf),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 3_600_000,
      label: '',
    });
    await context.addCookies([
      { name: 'burnlink_session', value: token, url: origin, httpOnly: true, sameSite: 'Lax' },
      { name: 'burnlink_csrf', value: csrf, url: origin, sameSite: 'Lax' },
    ]);
    await createOnPage(page, 'only for the signed in');
    await page.goto('/dashboard');
    await expect(page.getByRole('list', { name: 'My secrets' }).getByRole('listitem')).toHaveCount(1);
    await context.close();
    expect(watched.problems).toEqual([]);
  } finally {
    await app.close();
  }
});

test('an auditor is told they create nothing, and signs out from the account bar', async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(context, baseURL!, await newOrg('auditor'));
  // An auditor creates nothing: the create page says so instead of a form that would be refused.
  await page.goto('/');
  await expect(page.getByText(en.createNoScope)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveCount(0);
  await page.goto('/dashboard');
  await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the account pages in every language', async ({ browser, baseURL }) => {
  // A browser profile per language, fifteen of them: more than the default 90 s on a loaded machine.
  test.setTimeout(300_000);
  const person = await newOrg('owner');
  const messages = await Promise.all(
    OTHER_LOCALES.map(async (locale) => ({
      locale,
      text: (await import(`../packages/web/src/account/messages/${locale}.js`)).default as typeof en,
    })),
  );
  for (const { locale, text } of messages) {
    const { context, page, watched } = await newProfile(browser, baseURL!, { locale });
    await signIn(context, baseURL!, person);
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.dashboardTitle);
    await expect(page.getByRole('button', { name: text.tabOwn })).toBeVisible();
    await expectAccessible(page, `dashboard (${locale})`);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.settingsTitle);
    await expect(page.getByRole('heading', { level: 2, name: text.keysTitle })).toBeVisible();
    await expectAccessible(page, `settings (${locale})`);
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: text.signInPasskey })).toBeVisible();
    await context.close();
    expect(watched.problems, locale).toEqual([]);
  }
});
