import { en } from '../packages/web/src/i18n/messages/en.js';
import { createSecret, expect, reveal, test } from './fixtures.js';
import { writePatternFile } from './support/test-files.js';

/**
 * Status changes reach a screen reader through live regions that are in the page before their words change
 * (a region inserted together with its text is often not read): copied, burned (share page and receipt),
 * upload progress in steps of 10%, and errors (`role="alert"`).
 */

test('copied and burned are announced on the share page', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await createSecret(page);
  const copyStatus = page.locator('.copy').first().getByRole('status');
  await expect(copyStatus).toHaveText('');
  await page.getByRole('button', { name: en.copyLink }).click();
  await expect(copyStatus).toHaveText(en.copied);

  const burnStatus = page.locator('#share-status');
  await expect(burnStatus).toHaveAttribute('role', 'status');
  await expect(burnStatus).toHaveText('');
  await page.getByRole('button', { name: en.burnButton }).click();
  await page.getByRole('button', { name: en.burnYes }).click();
  await expect(burnStatus).toHaveText(en.burned);
  // The confirmation is gone; the focus is back on the page's heading, not lost on the body.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('the receipt announces its state, and a wrong passphrase is an alert', async ({ page, recipient }) => {
  const { link, receiptLink } = await createSecret(page, { passphrase: 'pp' });
  await page.goto(receiptLink);
  const state = page.locator('[data-state]');
  await expect(state).toHaveAttribute('aria-live', 'polite');
  await expect(state).toHaveText(en.state_pending);

  await recipient.goto(link);
  await expect(recipient.getByRole('alert')).toHaveCount(0);
  await reveal(recipient, link, 'wrong');
  await expect(recipient.getByRole('alert')).toHaveText(en.wrongPassphrase_other.replace('{n}', '4'));

  await page.getByRole('button', { name: en.burnButton }).click();
  await page.getByRole('button', { name: en.burnYes }).click();
  await expect(state).toHaveText(en.state_burned);
});

test('upload progress is announced in steps as it moves', async ({ page }, testInfo) => {
  // 20 MiB: three 8 MiB upload requests; each after the first is held until the test has read the region.
  const file = await writePatternFile(testInfo.outputPath(), 'progress.bin', 20 * 2 ** 20);
  const held: (() => void)[] = [];
  let patches = 0;
  await page.route('**/api/v1/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH' && ++patches > 1)
      await new Promise<void>((resolve) => held.push(resolve));
    await route.continue();
  });
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles([file.path]);
  await page.getByRole('button', { name: en.createButton }).click();

  const status = page.getByTestId('upload-progress-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  const label = en.uploadProgress
    .replace('{name}', 'progress.bin')
    .replace('{index}', '1')
    .replace('{count}', '1');
  await expect(status).toContainText(label);
  await expect.poll(() => held.length).toBe(1);
  const first = await status.textContent();
  held.shift()!();
  await expect.poll(() => held.length).toBe(1);
  await expect(status).not.toHaveText(first!);
  const percents = [first!, (await status.textContent())!].map((text) => Number(/(\d+)\s?%/.exec(text)![1]));
  expect(percents[1]).toBeGreaterThan(percents[0]!);
  held.shift()!();
  await expect(page.getByRole('heading', { name: en.shareTitle })).toBeVisible({ timeout: 60_000 });
});
