// The web app as a user drives it, in Debian's Chromium (never a downloaded browser) through Playwright:
// the create page's file input and "Create a secret link" (encrypt while uploading), then the reveal page's
// download through the streaming save path (decrypt while downloading). Each direction is timed from its
// click to its end (the share page shown; the save stream closed). Browser start-up and page loads are not
// counted: they do not scale with the file. Playwright comes from the root dev dependency @playwright/test.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM = process.env.BURNLINK_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const LONG = 30 * 60_000;

/** Null when the browser row can run, else why not (shown as the skip reason). */
export function browserSupport() {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

export const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

/**
 * Installed before the reveal page loads: a `showSaveFilePicker` without a dialog whose writable writes into
 * the origin private file system, so the app's streaming save path runs unchanged; each closed file is
 * listed in `window.__benchSaved[name]`. (e2e/support/save-stub.ts does the same and also hashes in JS,
 * which would cap the speed measured here: the hash is taken afterwards instead, see `savedSha256`.)
 */
function saveStub() {
  const saved = {};
  let counter = 0;
  window.__benchSaved = saved;
  window.showSaveFilePicker = async ({ suggestedName }) => {
    counter += 1;
    const opfsName = `bench-${counter}`;
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle(opfsName, { create: true });
    return {
      async createWritable() {
        const writer = (await handle.createWritable()).getWriter();
        let size = 0;
        return new WritableStream({
          async write(chunk) {
            size += chunk.length;
            await writer.write(chunk);
          },
          async close() {
            await writer.close();
            saved[suggestedName] = { size, opfsName };
          },
          abort: (reason) => writer.abort(reason),
        });
      },
    };
  };
}

const fileRow = (page, name) =>
  page.getByRole('listitem').filter({ has: page.locator('.file-name', { hasText: name }) });

/** Sends the file at `path` from the create page; the link (kept in memory only) and seconds. */
export async function browserSend(browser, server, path) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server}/`);
    await page.locator('input[type="file"]').setInputFiles([path]);
    await page.getByTestId('files-total').filter({ hasText: '1 file' }).waitFor();
    const started = performance.now();
    await page.getByRole('button', { name: 'Create a secret link' }).click();
    await page.getByRole('heading', { name: 'Your secret link is ready' }).waitFor({ timeout: LONG });
    const seconds = (performance.now() - started) / 1000;
    const link = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
    return { link, seconds };
  } finally {
    await context.close();
  }
}

/** Reveals `link` and downloads its file `name`; its size, SHA-256 (hex, taken after the timing) and seconds. */
export async function browserGet(browser, link, name) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(saveStub);
    await page.goto(link);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    const button = fileRow(page, name).getByRole('button', { name: `Download ${name}` });
    await button.waitFor();
    const started = performance.now();
    await button.click();
    await page.waitForFunction((file) => window.__benchSaved[file] !== undefined, name, {
      polling: 20,
      timeout: LONG,
    });
    const seconds = (performance.now() - started) / 1000;
    const saved = await page.evaluate(async (file) => {
      const { size, opfsName } = window.__benchSaved[file];
      const root = await navigator.storage.getDirectory();
      const bytes = await (await (await root.getFileHandle(opfsName)).getFile()).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      await root.removeEntry(opfsName);
      return { size, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    }, name);
    return { ...saved, seconds };
  } finally {
    await context.close();
  }
}
