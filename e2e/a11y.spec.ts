import type { Page, TestInfo } from '@playwright/test';
import { LOCALES } from '../packages/web/src/i18n/locales.js';
import { expect, newProfile, snap, test } from './fixtures.js';
import { expectMirrored, expectWcagAA, smallTargets } from './support/a11y.js';
import { newOrg, signIn } from './support/accounts.js';
import { accountMessages, coreMessages, requestMessages, withLang } from './support/messages.js';

/**
 * WCAG 2.2 AA on every page, in every locale of `LOCALES` (a new language joins by itself): axe-core with
 * every WCAG 2.x A/AA rule reports nothing (colour contrast included), in the light theme in every locale and
 * in the dark theme in English and the right-to-left locales (colours do not change with the language); and
 * no interactive element is smaller than 24×24 px (2.5.8). The right-to-left
 * pseudo-locale `qps-plocm` and every right-to-left locale also assert that each page is mirrored and keep a
 * screenshot of it per theme; English keeps one per page and theme (`a11y-*.png` under test-results/).
 *
 * One browser profile per locale walks through the pages in the order a sender and a recipient meet them,
 * reusing the secrets it created, so the whole spec stays within a few minutes.
 */
const RTL_PSEUDO = 'qps-plocm';
const LANGS = [...Object.keys(LOCALES), RTL_PSEUDO];
const isRtl = (lang: string) =>
  lang === RTL_PSEUDO || (LOCALES as Record<string, { dir: string }>)[lang]?.dir === 'rtl';

async function auditPage(page: Page, testInfo: TestInfo, lang: string, name: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const rtl = isRtl(lang);
  if (rtl) await expectMirrored(page, `${name} (${lang})`);
  expect(await smallTargets(page), `${name} (${lang}): targets under 24×24 px`).toEqual([]);
  // Colours do not depend on the language: the dark theme's colour rules run where the script or direction
  // differs (English, the right-to-left locales and their pseudo-locale), the light theme's in every locale.
  const schemes = lang === 'en' || rtl ? (['light', 'dark'] as const) : (['light'] as const);
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    // Only colours differ between the themes: the dark one runs the colour rules.
    await expectWcagAA(page, `${name} (${lang}, ${colorScheme})`, {
      colours: colorScheme === 'dark',
      pseudo: lang.startsWith('qps-'),
    });
    if (lang === 'en' || rtl)
      await snap(page, testInfo, `a11y-${rtl ? `rtl-${lang}-` : ''}${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const submit = (page: Page) => page.locator('main form button[type="submit"]').first();

/** Creates a secret on the create page (already open) and returns its link and receipt link. */
async function create(page: Page) {
  await submit(page).click();
  await expect(page.locator('#share-link')).toBeVisible({ timeout: 30_000 });
  return {
    link: await page.locator('#share-link').inputValue(),
    receipt: await page.locator('#receipt-link').inputValue(),
  };
}

for (const lang of LANGS) {
  test(`${lang}: every page meets WCAG 2.2 AA in both themes`, async ({ browser, baseURL }, testInfo) => {
    test.setTimeout(300_000);
    const m = await coreMessages(lang);
    const a = await accountMessages(lang);
    const q = await requestMessages(lang);
    const { context, page, watched } = await newProfile(browser, baseURL!);
    const go = (address: string) => page.goto(withLang(address, lang));
    const audit = (name: string) => auditPage(page, testInfo, lang, name);

    // Create, with the context fields open; then with a file chosen.
    await go('/');
    await expect(page.locator('h1')).toHaveText(m.createTitle);
    await page.locator('details.context summary').first().click();
    await audit('create');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByTestId('files-total')).toBeVisible();
    await audit('create-files');
    const withFiles = await create(page);
    await audit('share-files');

    // A secret with a passphrase: share, receipt pending.
    await go('/');
    await page.locator('#secret').fill('correct horse battery staple');
    await page.locator('#passphrase').fill('pp');
    const guarded = await create(page);
    await audit('share');
    await go(guarded.receipt);
    await expect(page.locator('[data-state="pending"]')).toBeVisible();
    await audit('receipt-pending');

    // Reveal with files: before and after the click.
    await go(withFiles.link);
    await expect(page.getByTestId('files-before-reveal')).toBeVisible();
    await audit('reveal');
    await submit(page).click();
    await expect(page.getByTestId('file-0')).toBeVisible();
    await audit('revealed-files');

    // Reveal with a passphrase: the prompt, a wrong one, the secret, then gone.
    await go(guarded.link);
    await expect(page.locator('#reveal-passphrase')).toBeVisible();
    await audit('reveal-passphrase');
    await page.locator('#reveal-passphrase').fill('wrong');
    await submit(page).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await audit('reveal-wrong-passphrase');
    await page.locator('#reveal-passphrase').fill('pp');
    await submit(page).click();
    await expect(page.locator('#revealed-secret')).toHaveValue('correct horse battery staple');
    await audit('revealed');
    await go(guarded.link);
    await expect(page.locator('h1')).toHaveText(m.unknownTitle);
    await audit('gone');
    await go(guarded.receipt);
    await expect(page.locator('[data-state="viewed"]')).toBeVisible();
    await audit('receipt-viewed');

    // Request a secret: the form and its links, the inbox waiting, the responder's page before and after
    // sending, the inbox answered and read, the request's receipt.
    await go('/request');
    await expect(page.locator('h1')).toHaveText(q.requestTitle);
    await page.locator('#request-description').fill('the VPN password');
    await audit('request');
    await submit(page).click();
    await expect(page.locator('#inbox-link')).toBeVisible({ timeout: 30_000 });
    await audit('request-created');
    const requestLink = await page.locator('#request-link').inputValue();
    const inboxLink = await page.locator('#inbox-link').inputValue();
    const requestReceipt = await page.locator('#request-receipt-link').inputValue();
    await go(inboxLink);
    await expect(page.locator('[data-state="waiting"]')).toBeVisible();
    await audit('inbox-waiting');
    await go(requestLink);
    await expect(page.getByTestId('request-description')).toHaveText('the VPN password');
    await audit('respond');
    await page.locator('#answer').fill('vpn-s3cret');
    await submit(page).click();
    await expect(page.locator('h1')).toHaveText(q.sentTitle, { timeout: 30_000 });
    await audit('respond-sent');
    await go(inboxLink);
    await expect(page.locator('[data-state="answered"]')).toBeVisible();
    await audit('inbox-answered');
    await submit(page).click();
    await expect(page.locator('#revealed-secret')).toHaveValue('vpn-s3cret');
    await audit('inbox-read');
    await go(requestReceipt);
    await expect(page.locator('[data-state="read"]')).toBeVisible();
    await audit('request-receipt');

    // Sign-in, then signed in: the create page's account line, dashboard (with a secret) and settings.
    await go('/sign-in');
    await expect(page.locator('h1')).toHaveText(a.signInTitle);
    await audit('sign-in');
    await signIn(context, baseURL!, await newOrg('owner'));
    await go('/');
    await page.locator('#secret').fill('signed in');
    await create(page);
    await go('/dashboard');
    await expect(page.locator('h1')).toHaveText(a.dashboardTitle);
    await expect(page.locator('[data-state]').first()).toBeVisible();
    await audit('dashboard');
    await go('/settings');
    await expect(page.locator('h1')).toHaveText(a.settingsTitle);
    await expect(page.getByRole('heading', { level: 2, name: a.keysTitle })).toBeVisible();
    await audit('settings');

    await context.close();
    expect(watched.problems, `${lang}: page problems`).toEqual([]);
  });
}
