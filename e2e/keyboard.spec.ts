import type { Page } from '@playwright/test';
import { en } from '../packages/web/src/i18n/messages/en.js';
import { expect, test } from './fixtures.js';
import { focusIndicator } from './support/a11y.js';

/**
 * Every step of the main flows with Playwright's keyboard only (no click, no fill): create a secret with its
 * options, copy the link, reveal it with a passphrase, burn another from its receipt. Each element that takes
 * the focus shows it (`:focus-visible` with an outline of at least 2 px or a shadow), and the focus moves in
 * reading order.
 */

/** Presses Tab until `target` has the focus; returns the focused elements on the way (`#id` or tag "text"). */
async function tabTo(page: Page, target: string, max = 30): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusIndicator(page);
    expect(focus.matches, `${focus.element} matches :focus-visible`).toBe(true);
    expect(focus.visible, `${focus.element} shows its focus`).toBe(true);
    order.push(focus.element);
    if (await page.evaluate((selector) => document.activeElement?.matches(selector), target)) return order;
  }
  throw new Error(`${target} never took the focus; the order was ${order.join(' → ')}`);
}

const SUBMIT = 'main form button[type="submit"]';

/** Creates a secret with `text` from a freshly loaded create page, by keyboard. */
async function createByKeyboard(page: Page, text: string, passphrase?: string) {
  await page.goto('/');
  // The first render waits for the host's branding and the language (main.tsx); a person waits for the page too.
  await expect(page.locator('#secret')).toBeVisible();
  await tabTo(page, '#secret');
  await page.keyboard.type(text);
  if (passphrase) {
    await tabTo(page, '#passphrase');
    await page.keyboard.type(passphrase);
  }
  await tabTo(page, SUBMIT);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: en.shareTitle })).toBeFocused();
}

test('create, copy, reveal and burn by keyboard alone, with visible focus in reading order', async ({
  page,
  context,
  recipient,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });

  // Create: the header first (skip link, brand, language, theme), the share/request switch, then the form in
  // reading order.
  await page.goto('/');
  await expect(page.locator('#secret')).toBeVisible();
  expect(await tabTo(page, '#secret')).toEqual([
    `a "${en.skipToContent}"`,
    'a "burnlink"',
    '#language',
    '#theme',
    `a "${en.createTitle}"`,
    `a "${en.requestNav}"`,
    '#secret',
  ]);
  await page.keyboard.type('typed by keyboard');
  expect(await tabTo(page, '#views')).toEqual(['#passphrase', '#ttl', '#views']);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#passphrase')).toBeFocused();
  await page.keyboard.type('pp');
  await page.keyboard.press('Tab');
  // A choice in a closed select by typing its first character.
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await expect(page.locator('#views')).toHaveValue('3');
  const rest = await tabTo(page, SUBMIT);
  expect(rest.at(-1)).toBe(`button "${en.createButton}"`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: en.shareTitle })).toBeFocused();

  // Copy the link: the button says so and its live region too.
  expect(await tabTo(page, '.copy button')).toEqual(['#share-link', `button "${en.copyLink}"`]);
  await page.keyboard.press('Enter');
  await expect(page.locator('.copy').first().getByRole('status')).toHaveText(en.copied);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.locator('#share-link').inputValue());

  // Reveal: Tab to the button, Enter asks for the passphrase first (the focus moves to it), Enter reveals.
  await recipient.goto(link);
  await expect(recipient.locator(SUBMIT)).toBeVisible();
  const toReveal = await tabTo(recipient, SUBMIT);
  expect(toReveal.slice(-2)).toEqual(['#reveal-passphrase', `button "${en.revealButton}"`]);
  await recipient.keyboard.press('Enter');
  await expect(recipient.locator('#reveal-passphrase')).toBeFocused();
  await recipient.keyboard.type('pp');
  await recipient.keyboard.press('Enter');
  await expect(recipient.locator('#revealed-secret')).toHaveValue('typed by keyboard');
  await expect(recipient.getByRole('heading', { level: 1 })).toBeFocused();

  // Burn another secret from its receipt: Enter on "Burn", the confirmation's "Yes" has the focus, Enter.
  await createByKeyboard(page, 'to be burned');
  const receipt = await page.locator('#receipt-link').inputValue();
  await page.goto(receipt);
  await expect(page.locator('[data-state]')).toHaveText(en.state_pending);
  await tabTo(page, '.button-danger');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: en.burnYes })).toBeFocused();
  const focus = await focusIndicator(page);
  expect(focus.visible && focus.matches, 'the confirmation shows its focus').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-state]')).toHaveText(en.state_burned);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});
