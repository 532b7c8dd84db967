import type { Page, TestInfo } from '@playwright/test';
import { createSecret, expect, expectAccessible, reveal, snap, test } from './fixtures.js';

/**
 * Every page in both themes: axe-core finds no serious or critical violation, and a screenshot in light,
 * dark and at 375 px wide is kept under test-results/ as an artifact.
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

test('create page', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  // The app runs under the server's strict CSP (a violation would show up as a console error and fail).
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  await expect(page.getByRole('heading', { name: 'Share a secret' })).toBeVisible();
  await page.getByText('Context (optional, encrypted with the secret)').click();
  await page.getByRole('button', { name: 'Or generate a random password' }).click();
  await checkPage(page, testInfo, 'create');
});

test('share page', async ({ page }, testInfo) => {
  await createSecret(page, { passphrase: 'pp' });
  await checkPage(page, testInfo, 'share');
  await page.getByRole('button', { name: 'Burn this secret' }).click();
  await checkPage(page, testInfo, 'share-burn-confirm');
});

test('reveal page, before and after the click', async ({ page, recipient }, testInfo) => {
  const { link } = await createSecret(page, {
    passphrase: 'pp',
    context: { label: 'Mail', username: 'me@example.com', note: 'hello' },
  });
  const response = await recipient.goto(link);
  expect(response?.headers()['cache-control']).toBe('no-store');
  await expect(recipient.getByRole('button', { name: 'Reveal secret' })).toBeVisible();
  await checkPage(recipient, testInfo, 'reveal');
  await recipient.getByLabel('Passphrase', { exact: true }).fill('wrong');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('alert')).toBeVisible();
  await checkPage(recipient, testInfo, 'reveal-wrong-passphrase');
  await recipient.getByLabel('Passphrase', { exact: true }).fill('pp');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toBeVisible();
  await checkPage(recipient, testInfo, 'revealed');
});

test('unknown secret and incomplete link', async ({ page }, testInfo) => {
  await page.goto('/s/AAAAAAAAAAAAAAAAAAAAAA#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByRole('heading', { name: 'Unknown secret' })).toBeVisible();
  await checkPage(page, testInfo, 'unknown');
  const { link } = await createSecret(page);
  await page.goto(link.split('#')[0]!);
  await expect(page.getByText('This link is incomplete', { exact: false })).toBeVisible();
  await checkPage(page, testInfo, 'incomplete-link');
});

test('receipt page, pending and viewed', async ({ page, recipient }, testInfo) => {
  const { link, receiptLink } = await createSecret(page);
  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Waiting to be viewed');
  await checkPage(page, testInfo, 'receipt-pending');
  await reveal(recipient, link);
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-state]')).toHaveText('Viewed');
  await expect(page.getByText('Viewed at')).toBeVisible();
  await checkPage(page, testInfo, 'receipt-viewed');
  await page.goto('/r/AAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByText('Unknown receipt', { exact: false })).toBeVisible();
  await checkPage(page, testInfo, 'receipt-unknown');
});

test('page not found', async ({ page }, testInfo) => {
  // The server answers index.html for `/s/` (a secret link without an ID); the app says the page is unknown.
  await page.goto('/s/');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await checkPage(page, testInfo, 'not-found');
});

test('plain words when the server cannot be reached or rate-limits', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.route('**/api/v1/secrets', (route) => route.abort('connectionrefused'));
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('x');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The server cannot be reached. Check your connection and try again.',
  );
  await checkPage(page, testInfo, 'create-server-down');
  await page.unroute('**/api/v1/secrets');
  await page.route('**/api/v1/secrets', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      body: '{"error":{"code":"rate_limited","message":"slow down"}}',
    }),
  );
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Too many requests in a short time. Wait a minute and try again.',
  );
});

test('plain words when the browser cannot encrypt (page not in a secure context)', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined }));
  let created = false;
  page.on('request', (request) => {
    if (request.method() === 'POST') created = true;
  });
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('x');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toContainText('This browser window cannot encrypt');
  expect(created).toBe(false);
});
