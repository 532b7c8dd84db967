import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSecret, expect, expectAccessible, test } from './fixtures.js';
import {
  createWithFiles,
  downloadStreamed,
  downloadThroughBlob,
  fileRow,
  rehashSaved,
} from './support/file-flows.js';
import { installSaveStub, removeSavePicker } from './support/save-stub.js';
import { RECORD_DATA_BYTES, type TestFile, writePatternFile } from './support/test-files.js';

/**
 * Files through the browser (issue #5): the sender's page encrypts while reading and uploads, the recipient's
 * page downloads, decrypts while writing, and saves — streamed to disk (`showSaveFilePicker`, stubbed to write
 * into OPFS and hash in the page) or through the Blob fallback. SHA-256 compared with the source every time.
 */

let dir: string;
let files: Record<'empty' | 'small' | 'boundary' | 'multi', TestFile>;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-e2e-files-'));
  files = {
    empty: await writePatternFile(dir, 'empty.bin', 0),
    small: await writePatternFile(dir, 'one record.txt', 1000),
    boundary: await writePatternFile(dir, 'boundary.bin', RECORD_DATA_BYTES),
    multi: await writePatternFile(dir, 'multi.bin', 3 * 2 ** 20),
  };
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('0-byte, one-record, exact-record-boundary and 3 MiB files round-trip, streamed to disk', async ({
  page,
  recipient,
}) => {
  const all = [files.empty, files.small, files.boundary, files.multi];
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(all.map((f) => f.path));
  // Listed with human sizes; each can be removed again.
  await expect(fileRow(page, 'empty.bin')).toContainText('0 bytes');
  await expect(fileRow(page, 'boundary.bin')).toContainText('64 kB');
  await expect(fileRow(page, 'multi.bin')).toContainText('3 MB');
  await expect(page.getByTestId('files-total')).toHaveText('4 files, 3.1 MB in all');
  await expectAccessible(page, 'create page with files');
  await page.locator('input[type="file"]').setInputFiles([files.small.path]);
  await expect(page.getByTestId('files-total')).toHaveText('5 files, 3.1 MB in all');
  await page.getByRole('button', { name: 'Remove one record.txt' }).last().click();
  await expect(page.getByTestId('files-total')).toHaveText('4 files, 3.1 MB in all');
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('four files, see below');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
  await expect(page.getByTestId('share-files')).toHaveText('It carries 4 encrypted files.');
  const link = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  const receiptLink = await page.getByRole('textbox', { name: /^Receipt link/ }).inputValue();

  await recipient.addInitScript(installSaveStub);
  await recipient.goto(link);
  await expect(recipient.getByTestId('files-before-reveal')).toHaveText('The sender attached 4 files.');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'four files, see below',
  );
  await expect(recipient.getByText(/Each file can be downloaded once, until/)).toBeVisible();
  await expect(fileRow(recipient, 'one record.txt')).toContainText('text/plain · 1,000 bytes');
  await expect(fileRow(recipient, 'multi.bin')).toContainText('application/octet-stream · 3 MB');
  await expectAccessible(recipient, 'revealed files');

  // Leaving with files not downloaded asks first (the grant lives only in this page).
  const dialog = recipient.waitForEvent('dialog');
  // Not awaited first: the page's script is blocked until the dialog is answered.
  const leaving = recipient.evaluate(() => {
    location.href = '/';
  });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  await leaving;
  await expect(fileRow(recipient, 'multi.bin')).toBeVisible();

  for (const file of all) {
    const saved = await downloadStreamed(recipient, file.name);
    expect({ name: file.name, size: saved.size, sha256: saved.sha256 }).toEqual({
      name: file.name,
      size: file.size,
      sha256: file.sha256,
    });
    // What reached the file on disk (OPFS), read back and hashed again.
    expect(await rehashSaved(recipient, saved.opfsName)).toEqual({ size: file.size, sha256: file.sha256 });
  }

  // The sender's receipt lists when each file was downloaded.
  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Viewed');
  await expect(page.getByTestId('receipt-downloads').getByRole('listitem')).toHaveCount(4);
  await expect(page.getByTestId('receipt-downloads')).toContainText('File 4:');

  // Everything downloaded: leaving asks nothing now, and the link is gone.
  recipient.on('dialog', (d) => {
    throw new Error(`unexpected ${d.type()} dialog`);
  });
  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: 'Unknown secret' })).toBeVisible();
});

test('without the File System Access API, files are saved through a Blob download', async ({
  page,
  recipient,
}) => {
  const sent = [files.empty, files.boundary, files.multi];
  const { link } = await createWithFiles(
    page,
    sent.map((f) => f.path),
  );
  await recipient.addInitScript(removeSavePicker);
  await recipient.goto(link);
  await expect(recipient.getByTestId('files-before-reveal')).toContainText(
    'This browser can save files of up to 512 MB.',
  );
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  // No text was given: only the files are shown.
  await expect(recipient.getByRole('heading', { name: 'Files' })).toBeVisible();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveCount(0);
  for (const file of sent) {
    expect(await downloadThroughBlob(recipient, file.name)).toEqual({
      suggestedName: file.name,
      sha256: file.sha256,
    });
  }
});

test('the file limits of the server are checked before anything is encrypted or sent', async ({ page }) => {
  await page.route('**/api/v1/config', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({
      response,
      json: { ...config, files: { max_files: 2, max_file_bytes: 1200, max_secret_bytes: 1500 } },
    });
  });
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') posted.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByText('At most 2 files, each up to 1.2 kB, 1.5 kB in all.')).toBeVisible();
  const input = page.locator('input[type="file"]');
  await input.setInputFiles([files.small.path, files.empty.path, files.small.path]);
  await expect(page.getByRole('alert')).toHaveText('Too many files: 3 of at most 2.');
  await page.getByRole('button', { name: 'Remove empty.bin' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The files are too large together: 2 kB of at most 1.5 kB.',
  );
  await page.getByRole('button', { name: 'Remove one record.txt' }).first().click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await input.setInputFiles([files.boundary.path]);
  await expect(page.getByRole('alert')).toHaveText(
    '“boundary.bin” is too large: 64 kB of at most 1.2 kB per file.',
  );
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    '“boundary.bin” is too large: 64 kB of at most 1.2 kB per file.',
  );
  expect(posted).toEqual([]);
});

test('files off on the server: no drop zone, text secrets still work', async ({ page }) => {
  await page.route('**/api/v1/config', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({
      response,
      json: { ...config, files: { max_files: 0, max_file_bytes: 0, max_secret_bytes: 0 } },
    });
  });
  await page.goto('/');
  await expect(page.getByText('This server does not accept files.')).toBeVisible();
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await createSecret(page, { text: 'text only' });
});

test('cancelling an upload stops it and the server keeps nothing', async ({ page, request }) => {
  const big = await writePatternFile(dir, 'cancel-me.bin', 20 * 2 ** 20);
  // Hold every upload request after the first until the test has pressed Cancel.
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const uploads: string[] = [];
  await page.route('**/api/v1/uploads/**', async (route) => {
    const r = route.request();
    if (r.method() === 'PATCH') {
      uploads.push(r.url());
      if (uploads.length > 1) await released;
    }
    await route.continue().catch(() => {}); // the page may have aborted it meanwhile
  });
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles([big.path]);
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  const progress = page.getByRole('progressbar', { name: 'Encrypting and uploading cancel-me.bin (1 of 1)' });
  await expect(progress).toBeVisible();
  await expect.poll(() => uploads.length).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Cancel upload' }).click();
  release();
  await expect(page.getByRole('status').filter({ hasText: 'The upload was cancelled.' })).toHaveText(
    'The upload was cancelled. Nothing was kept on the server.',
  );
  await expect(page.getByRole('button', { name: 'Create a secret link' })).toBeEnabled();
  await expect(fileRow(page, 'cancel-me.bin')).toBeVisible();
  // The unfinished secret and its upload are gone on the server.
  const head = await request.head(uploads[0]!, { headers: { 'Tus-Resumable': '1.0.0' } });
  expect(head.status()).toBe(404);
});
