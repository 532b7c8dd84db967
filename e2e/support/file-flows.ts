import type { Page } from '@playwright/test';
import { expect, readShare } from '../fixtures.js';
import { sha256File } from './test-files.js';

/** A file as the page's save stub recorded it (see save-stub.ts). */
export interface SavedFile {
  size: number;
  sha256: string;
  opfsName: string;
}

/** Creates a secret with files (and optional text) on the create page; waits for the share page. */
export async function createWithFiles(
  page: Page,
  paths: string[],
  options: { text?: string; timeout?: number } = {},
) {
  await page.goto('/');
  if (options.text) await page.getByRole('textbox', { name: 'Secret', exact: true }).fill(options.text);
  await page.locator('input[type="file"]').setInputFiles(paths);
  await expect(page.getByTestId('files-total')).toContainText(
    paths.length === 1 ? '1 file' : `${paths.length} files`,
  );
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible({
    timeout: options.timeout ?? 60_000,
  });
  return readShare(page);
}

/** The revealed file's row on the reveal page. */
export const fileRow = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.locator('.file-name', { hasText: name }) });

/** Downloads through the streaming save path (the stubbed picker) and returns what the page wrote and hashed. */
export async function downloadStreamed(page: Page, name: string, timeout = 60_000): Promise<SavedFile> {
  const row = fileRow(page, name);
  await row.getByRole('button', { name: `Download ${name}` }).click();
  await expect(row.getByRole('status')).toHaveText('Downloaded', { timeout });
  const saved = await page.evaluate(
    (n) => (window as unknown as { __burnlinkSaved: Record<string, SavedFile> }).__burnlinkSaved[n],
    name,
  );
  expect(saved, `${name} was saved`).toBeTruthy();
  return saved!;
}

/** Hashes the OPFS file the stub wrote again, reading it back from the browser's storage. */
export function rehashSaved(page: Page, opfsName: string): Promise<{ size: number; sha256: string }> {
  return page.evaluate(
    (n) =>
      (
        window as unknown as {
          __burnlinkSha256: (name: string) => Promise<{ size: number; sha256: string }>;
        }
      ).__burnlinkSha256(n),
    opfsName,
  );
}

/** Downloads through the Blob fallback: the browser's download manager receives the file. */
export async function downloadThroughBlob(page: Page, name: string) {
  const row = fileRow(page, name);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: `Download ${name}` }).click(),
  ]);
  const file = await download.path();
  await expect(row.getByRole('status')).toHaveText('Downloaded');
  return { suggestedName: download.suggestedFilename(), sha256: await sha256File(file) };
}
