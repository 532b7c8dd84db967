import type { Page } from '@playwright/test';
import { en } from '../packages/web/src/i18n/messages/en.js';
import { expect, test } from './fixtures.js';

/**
 * Dark mode: the system's theme by default (`prefers-color-scheme`), the header's switch (System / Light /
 * Dark) overriding it and remembered in localStorage — which holds the theme and the language, nothing
 * else —, the remembered theme set before the app renders anything; and reduced motion.
 */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(21, 23, 26)';

test('the theme follows the system until the switch chooses one, which is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const theme = page.getByLabel(en.theme);
  await expect(theme).toHaveValue('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(LIGHT_BG);

  // Dark chosen while the system is light; the language switched too.
  await theme.selectOption({ label: en.themeDark });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.getByLabel(en.language).selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  expect(Object.fromEntries(await page.evaluate(() => Object.entries(localStorage)))).toEqual({
    'burnlink.theme': 'dark',
    'burnlink.language': 'nl',
  });

  // After a reload the choice is applied before the app renders anything: record the theme at the moment
  // the app's root first gets content.
  await page.addInitScript(() => {
    new MutationObserver((_records, observer) => {
      const app = document.getElementById('app');
      if (!app?.firstChild) return;
      (window as unknown as { themeAtFirstRender: string }).themeAtFirstRender =
        document.documentElement.dataset.theme ?? 'none';
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.getByLabel('Thema')).toHaveValue('dark');
  expect(
    await page.evaluate(() => (window as unknown as { themeAtFirstRender: string }).themeAtFirstRender),
  ).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);

  // Light, then back to the system's: the choice is forgotten.
  await page.getByLabel('Thema').selectOption('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe(LIGHT_BG);
  await page.getByLabel('Thema').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(page)).toBe(DARK_BG);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['burnlink.language']);
});

test('reduced motion turns every transition and animation off', async ({ page }) => {
  const motion = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('*')]
          .map((el) => getComputedStyle(el))
          .filter(
            (s) =>
              s.transitionDuration.split(',').some((d) => Number.parseFloat(d) > 0) ||
              s.animationName !== 'none',
          ).length,
    );
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.createTitle);
  // Buttons and fields ease their colours by default …
  expect(await motion()).toBeGreaterThan(0);
  // … and nothing moves when the user asked for less motion.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await motion()).toBe(0);
});
