import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectAccessible } from './fixtures.js';
import {
  allowSite,
  EXTENSION_DIST,
  EXTENSION_ZIP,
  grantedOrigins,
  type LoadedExtension,
  launchWithExtension,
} from './support/extension.js';
import { downloadThroughBlob, fileRow } from './support/file-flows.js';
import { removeSavePicker } from './support/save-stub.js';

/**
 * The browser extension (issue #15 part 3), loaded unpacked into Debian's Chromium: configured on its options
 * page against the suite's server, it creates secrets from its popup (text; a small file with a passphrase)
 * and from the context-menu entry, and each link opens in a normal page of the same browser. One browser
 * profile for the file, so the steps run in order.
 */
test.describe.configure({ mode: 'serial' });

const FAKE_KEY = 'bl_not-a-real-key-0123456789abcdef';
let ext: LoadedExtension;
let origin: string;

test.beforeAll(async ({ baseURL }, testInfo) => {
  testInfo.skip(process.env.BURNLINK_E2E_HAS_CHROMIUM !== '1', 'Chromium is not installed');
  origin = new URL(baseURL!).origin;
  ext = await launchWithExtension();
});

test.afterAll(async () => {
  await ext?.context.close();
});

/** Page errors, console errors and requests to anywhere but the extension and the configured servers. */
let problems: string[] = [];
const CLOSED = 'http://127.0.0.1:9';

test.afterEach(() => {
  expect(problems, 'extension page problems').toEqual([]);
  problems = [];
});

function watchPage(page: Page, name: string): void {
  page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
  page.on('console', (message) => {
    // The refused key (401) and the closed port are the flows under test.
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text()))
      problems.push(`${name}: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    const at = `${url.protocol}//${url.host}`; // URL#origin is 'null' for chrome-extension: in Node
    if (![`chrome-extension://${ext.id}`, origin, CLOSED].includes(at))
      problems.push(`${name}: request to ${at}`);
  });
}

const extensionPage = async (name: string): Promise<Page> => {
  const page = await ext.context.newPage();
  watchPage(page, name);
  await page.goto(`chrome-extension://${ext.id}/${name}`);
  return page;
};

/** Screenshots for docs/ are rewritten only on request (BURNLINK_DOCS_SCREENSHOTS=1), else kept as artefacts. */
async function docsScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file =
    process.env.BURNLINK_DOCS_SCREENSHOTS === '1'
      ? path.resolve('docs/images', `${name}.png`)
      : testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
}

/** Opens a link in a normal tab of the same browser, reveals it, and returns the page. */
async function revealInTab(link: string, passphrase?: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.addInitScript(removeSavePicker);
  await page.goto(link);
  if (passphrase !== undefined) await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  return page;
}

test('the manifest asks for activeTab, contextMenus and storage, and a host only when configured', async () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIST, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect([...manifest.permissions].sort()).toEqual(['activeTab', 'contextMenus', 'storage']);
  expect(manifest.host_permissions).toBeUndefined();
  expect(manifest.content_scripts).toBeUndefined();
  expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
  const csp: string = manifest.content_security_policy.extension_pages;
  expect(csp).toContain("script-src 'self';");
  expect(csp).not.toMatch(/unsafe|http:\/\/|https:\/\//);
  // Installed, nothing but the manifest's permissions is granted: no site at all.
  expect(await grantedOrigins(ext)).toEqual([]);
  // The zip holds the same files as dist/.
  const zipped = unzipSync(readFileSync(EXTENSION_ZIP));
  expect(JSON.parse(new TextDecoder().decode(zipped['manifest.json']))).toEqual(manifest);
  expect(Object.keys(zipped)).toContain('background.js');
});

test('before it is configured, the popup says so and leads to the settings', async () => {
  const popup = await extensionPage('popup.html');
  await expect(popup.getByRole('alert')).toContainText("enter your server's address in the settings");
  const [options] = await Promise.all([
    ext.context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Open settings' }).click(),
  ]);
  await expect(options).toHaveURL(`chrome-extension://${ext.id}/options.html`);
  await options.close();
  await popup.close();
});

test('the options page asks for the server origin only, and never shows the API key back', async () => {
  const testInfo = test.info();
  const options = await extensionPage('options.html');
  await expect(
    options.getByText('Chrome asks whether burnlink may read and change data on this one server'),
  ).toBeVisible();
  await options.getByLabel('Server address').fill(`${origin}/`);
  await options.getByLabel('API key (optional)').fill(FAKE_KEY);
  await options.getByLabel('Lifetime').selectOption({ label: '1 hour' });
  await allowSite(ext, origin);
  await options.getByRole('button', { name: 'Save' }).click();
  // Saved and granted; the server refuses the unknown key, and the page says what to fix.
  await expect(options.getByRole('status')).toContainText('refused the API key');
  expect(await grantedOrigins(ext)).toEqual([`${origin}/*`]);
  await expect(options.getByLabel('Server address')).toHaveValue(origin);
  await expect(options.getByText(`A key is saved (bl_…${FAKE_KEY.slice(-4)})`)).toBeVisible();
  await expect(options.getByLabel('API key (optional)')).toHaveValue('');
  expect(await options.content()).not.toContain(FAKE_KEY);

  await options.getByLabel('Remove the saved key').check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText(`Saved. The server at ${origin} answers.`);
  await expect(options.getByText('A key is saved')).toHaveCount(0);
  await expectAccessible(options, 'options page');
  await options.setViewportSize({ width: 760, height: 640 });
  await docsScreenshot(options, testInfo, 'extension-options');
  await options.close();
});

test('the popup encrypts a text, and the link reveals it in a normal page', async () => {
  const testInfo = test.info();
  const popup = await extensionPage('popup.html');
  await popup.setViewportSize({ width: 360, height: 460 });
  // The saved default lifetime is preselected.
  await expect(popup.getByLabel('Lifetime')).toHaveValue('3600');
  await expect(popup.getByText(`Server: ${origin}`)).toBeVisible();
  await popup.getByRole('textbox', { name: 'Secret' }).fill('db password: extension-hunter2');
  await popup.getByLabel('Views').selectOption('2');
  await expectAccessible(popup, 'popup');
  await docsScreenshot(popup, testInfo, 'extension-popup');
  await popup.getByRole('button', { name: 'Create link' }).click();
  await expect(popup.getByRole('heading', { name: 'Your one-time link is ready' })).toBeFocused();
  const link = await popup.getByRole('textbox', { name: 'One-time link' }).inputValue();
  const receiptLink = await popup.getByRole('textbox', { name: /^Receipt link/ }).inputValue();
  expect(link).toMatch(new RegExp(`^${origin}/s/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
  expect(receiptLink).toMatch(new RegExp(`^${origin}/r/`));
  await popup.getByRole('button', { name: 'Copy link' }).click();
  await expect(popup.getByRole('button', { name: 'Copied' })).toBeVisible();

  const reader = await revealInTab(link);
  // The clipboard holds the link (read back from the server's page, which a test may allow to read it).
  await ext.context.grantPermissions(['clipboard-read'], { origin });
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(reader.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'db password: extension-hunter2',
  );
  // Two views: one is left, and the receipt link counts it.
  await expect(reader.getByText('The link can be opened 1 more time.')).toBeVisible();
  const receipt = await ext.context.newPage();
  await receipt.goto(receiptLink);
  await expect(receipt.getByText('1 / 2')).toBeVisible();
  for (const page of [popup, reader, receipt]) await page.close();
});

test('the popup sends a small file with a passphrase; a file over the cap is refused first', async () => {
  const popup = await extensionPage('popup.html');
  await expect(popup.getByText('Small files only: up to 5 files, 10 MB in all.')).toBeVisible();
  const files = popup.getByLabel('Files (optional)');
  await files.setInputFiles({
    name: 'big.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(11 * 2 ** 20),
  });
  await popup.getByRole('button', { name: 'Create link' }).click();
  await expect(popup.getByRole('alert')).toHaveText('big.bin is larger than 10 MB.');

  const content = Buffer.from('id_ed25519 test key\n'.repeat(50));
  await files.setInputFiles({ name: 'deploy-key.txt', mimeType: 'text/plain', buffer: content });
  await popup.getByRole('textbox', { name: 'Secret' }).fill('the deploy key is attached');
  await popup.getByLabel('Passphrase (optional)').fill('open sesame');
  await popup.getByRole('button', { name: 'Create link' }).click();
  const link = await popup.getByRole('textbox', { name: 'One-time link' }).inputValue();

  const reader = await revealInTab(link, 'open sesame');
  await expect(reader.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'the deploy key is attached',
  );
  await expect(fileRow(reader, 'deploy-key.txt')).toBeVisible();
  const saved = await downloadThroughBlob(reader, 'deploy-key.txt');
  const { createHash } = await import('node:crypto');
  expect(saved.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  await reader.close();
  await popup.close();
});

test('"Share selection as a one-time link" sends the selected text and shows the link', async () => {
  const [share] = await Promise.all([
    ext.context.waitForEvent('page', (p) => p.url().startsWith(`chrome-extension://${ext.id}/share.html`)),
    ext.worker.evaluate(
      // biome-ignore lint/suspicious/noExplicitAny: the handler the service worker exposes for this test.
      (info) => (globalThis as any).burnlinkMenuClick(info),
      {
        menuItemId: 'share-selection',
        selectionText: 'selected on some page: s3cr3t',
        editable: false,
        pageUrl: origin,
      },
    ),
  ]);
  watchPage(share, 'share.html');
  await expect(share.getByRole('heading', { name: 'Your one-time link is ready' })).toBeVisible();
  const link = await share.getByRole('textbox', { name: 'One-time link' }).inputValue();
  // The selection was handed over once: nothing is left in session storage.
  expect(await ext.worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});
  const reader = await revealInTab(link);
  await expect(reader.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'selected on some page: s3cr3t',
  );
  await reader.close();
  // Opened again (reload), the page has nothing to send.
  await share.reload();
  await expect(share.getByRole('alert')).toContainText('Nothing to share');
  await share.close();
});

test('a server that does not answer is named in plain words; access to the old server is given back', async () => {
  // A closed port on this machine, allowed like the real server was.
  const closed = CLOSED;
  await allowSite(ext, closed);
  const options = await extensionPage('options.html');
  await options.getByLabel('Server address').fill(closed);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toContainText(
    `Saved, but the server did not answer as expected: Cannot reach the server at ${closed}.`,
  );
  expect(await grantedOrigins(ext)).toEqual([`${closed}/*`]);
  const popup = await extensionPage('popup.html');
  await expect(popup.getByRole('alert')).toContainText(`Cannot reach the server at ${closed}`);
  await expect(popup.getByRole('button', { name: 'Try again' })).toBeVisible();
  await popup.close();
  await options.close();
});
