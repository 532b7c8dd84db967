import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { untilSettled } from './support/a11y.js';

/**
 * What every browser test checks besides its own assertions: no request leaves for another origin and no
 * console error appears, on every page the test opens. Expected API answers (401 for an account page without a
 * session, 409 for removing the last passkey, 404 for a gone secret, 403 for a
 * wrong passphrase; 413, 429 and a refused connection in the error-state tests) make Chromium log "Failed to
 * load resource"; those are the app's normal flow and allowed.
 */
const EXPECTED_API_STATUS =
  /Failed to load resource: (the server responded with a status of (401|403|404|409|413|429)|net::ERR_CONNECTION_REFUSED)/;

export interface Watched {
  problems: string[];
}

export function watch(page: Page, origin: string): Watched {
  const watched: Watched = { problems: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) watched.problems.push(`request to another origin: ${url.origin}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (EXPECTED_API_STATUS.test(message.text()) && new URL(where || origin).pathname.startsWith('/api/v1/'))
      return;
    watched.problems.push(`console error: ${message.text()} (${where})`);
  });
  page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
  return watched;
}

interface Fixtures {
  _requireChromium: undefined;
  /** A second, separate browser profile (the recipient), watched like `page`. */
  recipient: Page;
  _guard: undefined;
}

export const test = base.extend<Fixtures>({
  // Runs before any browser is launched (auto fixtures come first, in this order). Without Chromium the
  // config printed a loud line; in CI it already failed instead.
  _requireChromium: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use, testInfo) => {
      testInfo.skip(process.env.BURNLINK_E2E_HAS_CHROMIUM !== '1', 'Chromium is not installed');
      await use(undefined);
    },
    { auto: true },
  ],
  _guard: [
    async ({ page, baseURL }, use, testInfo) => {
      const watched = watch(page, new URL(baseURL!).origin);
      await use(undefined);
      expect(watched.problems, `${testInfo.title}: page problems`).toEqual([]);
    },
    { auto: true },
  ],
  recipient: async ({ browser, baseURL }, use) => {
    const { context, page, watched } = await newProfile(browser, baseURL!);
    await use(page);
    await context.close();
    expect(watched.problems, 'recipient page problems').toEqual([]);
  },
});

export { expect };

export async function newProfile(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; watched: Watched }> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', ...options });
  const page = await context.newPage();
  return { context, page, watched: watch(page, new URL(baseURL).origin) };
}

export interface CreateOptions {
  text?: string;
  passphrase?: string;
  views?: number;
  context?: Partial<Record<'label' | 'username' | 'url' | 'environment' | 'note', string>>;
}

/** Creates a secret through the create page; returns the secret link and the receipt link. */
export async function createSecret(page: Page, options: CreateOptions = {}) {
  await page.goto('/');
  await page
    .getByRole('textbox', { name: 'Secret', exact: true })
    .fill(options.text ?? 'correct horse battery staple');
  if (options.passphrase) await page.getByLabel('Passphrase (optional)').fill(options.passphrase);
  if (options.views) await page.getByLabel('Number of views').selectOption(String(options.views));
  if (options.context) {
    await page.getByText('Context (optional, encrypted with the secret)').click();
    const labels = {
      label: 'What it is for',
      username: 'Username',
      url: 'URL',
      environment: 'Environment',
      note: 'Note',
    } as const;
    for (const [field, value] of Object.entries(options.context)) {
      await page.getByLabel(labels[field as keyof typeof labels], { exact: true }).fill(value);
    }
  }
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
  return readShare(page);
}

export async function readShare(page: Page) {
  const link = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  const receiptLink = await page.getByRole('textbox', { name: /^Receipt link/ }).inputValue();
  return { link, receiptLink, id: new URL(link).pathname.split('/')[2]! };
}

/** Opens a secret link and clicks "Reveal secret" (with a passphrase if given); returns nothing. */
export async function reveal(page: Page, link: string, passphrase?: string) {
  await page.goto(link);
  if (passphrase !== undefined) await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Reveal secret' }).click();
}

/** Saves a full-page screenshot as a test artifact (under test-results/) and attaches it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  await untilSettled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations on ${label}`).toEqual([]);
}
