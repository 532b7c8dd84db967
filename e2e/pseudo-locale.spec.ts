import type { Page, TestInfo } from '@playwright/test';
import { en as account } from '../packages/web/src/account/messages/en.js';
import { en } from '../packages/web/src/i18n/messages/en.js';
import { pseudoText } from '../packages/web/src/i18n/pseudo.js';
import { expect, snap, test } from './fixtures.js';
import { withLang } from './support/messages.js';

/**
 * The main pages in the pseudo-locales (docs/translating.md): every message accented, ~40% longer and
 * bracketed, generated from English. A word of plain ASCII letters on the page is a string that is not in a
 * message file; an element whose content is wider than itself is text that a longer language would cut off.
 * `qps-plocm` is the same text right to left: the layout must mirror (logical CSS) and code-like text stay
 * left to right. Screenshots of each page in both are kept under test-results/.
 */
const ps = (text: string) => pseudoText(text);

/** Plain-ASCII words in the page's text, placeholders, labels and title, outside code-like and user text. */
function englishLeft(page: Page) {
  return page.evaluate(() => {
    // Code-like text (links, keys, codes), user content, the brand and the language names (each in its own
    // language) are not messages.
    const skip =
      'script, style, noscript, textarea, input, option, .mono, code, [dir="auto"], .brand, time[data-raw]';
    const found: string[] = [];
    const check = (text: string, where: string) => {
      // The product's name is not translated.
      for (const word of text.replaceAll('burnlink', '').match(/[A-Za-z]{2,}/g) ?? [])
        found.push(`"${word}" in ${where}: ${text.trim().slice(0, 80)}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !parent.closest(skip)) check(node.textContent ?? '', parent.tagName.toLowerCase());
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
      if (el.closest(skip.replace('input, ', '').replace('textarea, ', ''))) continue;
      for (const name of ['placeholder', 'aria-label', 'title', 'alt'])
        if (el.hasAttribute(name)) check(el.getAttribute(name) ?? '', `@${name}`);
    }
    check(document.title, 'title');
    return found;
  });
}

/** Boxes whose content is wider than the box (cut off, or spilling out), and a page that scrolls sideways. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const boxes = document.querySelectorAll(
      'header, main, footer, main :is(h1, h2, h3, p, label, button, a, summary, legend, li, dt, dd, .field, .notice, .with-button)',
    );
    const bad: string[] = [];
    for (const el of boxes) {
      if (!(el instanceof HTMLElement) || !el.checkVisibility() || getComputedStyle(el).display === 'inline')
        continue;
      if (el.scrollWidth > el.clientWidth + 1)
        bad.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth} "${el.textContent?.trim().slice(0, 50)}"`,
        );
    }
    if (document.documentElement.scrollWidth > window.innerWidth)
      bad.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    return bad;
  });
}

for (const lang of ['qps-ploc', 'qps-plocm'] as const) {
  const rtl = lang === 'qps-plocm';

  async function checkPage(page: Page, testInfo: TestInfo, name: string) {
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', rtl ? 'rtl' : 'ltr');
    expect(await englishLeft(page), `English left on ${name}`).toEqual([]);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflowing(page), `${name} at ${width} px`).toEqual([]);
      await snap(page, testInfo, `${rtl ? 'pseudo-rtl' : 'pseudo'}-${name}-${width}px`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  test(`${lang}: create, share, reveal and receipt pages are all translated and nothing overflows`, async ({
    page,
    recipient,
  }, testInfo) => {
    await page.goto(withLang('/', lang));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ps(en.createTitle));
    await page.getByText(ps(en.contextLegend)).click();
    await checkPage(page, testInfo, 'create');

    if (rtl) {
      // Mirrored: the brand (inline start) sits right of the language switch, the secret's text field
      // follows its content, and code-like text stays left to right.
      const brand = await page.locator('.brand').boundingBox();
      const language = await page.locator('#language').boundingBox();
      expect(brand!.x).toBeGreaterThan(language!.x);
      await expect(page.locator('#secret')).toHaveAttribute('dir', 'auto');
    }

    await page
      .getByRole('textbox', { name: ps(en.secretLabel), exact: true })
      .fill('correct horse battery staple');
    await page.getByRole('button', { name: ps(en.createButton) }).click();
    await expect(page.getByRole('heading', { name: ps(en.shareTitle) })).toBeVisible();
    await checkPage(page, testInfo, 'share');
    const linkField = page.getByRole('textbox', { name: ps(en.linkLabel) });
    const link = await linkField.inputValue();
    const receipt = await page.getByRole('textbox', { name: ps(en.receiptLabel) }).inputValue();
    // A link reads left to right on a right-to-left page too.
    expect(await linkField.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');

    await recipient.goto(withLang(link, lang));
    await expect(recipient.getByRole('button', { name: ps(en.revealButton) })).toBeVisible();
    await checkPage(recipient, testInfo, 'reveal');
    await recipient.getByRole('button', { name: ps(en.revealButton) }).click();
    await expect(recipient.getByRole('textbox', { name: ps(en.secretLabel), exact: true })).toBeVisible();
    await checkPage(recipient, testInfo, 'revealed');

    await page.goto(withLang(receipt, lang));
    await expect(page.locator('[data-state]')).toHaveText(ps(en.state_viewed));
    await checkPage(page, testInfo, 'receipt');
  });

  test(`${lang}: sign-in and page-not-found pages are translated and nothing overflows`, async ({
    page,
  }, testInfo) => {
    await page.goto(withLang('/sign-in', lang));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ps(account.signInTitle));
    await checkPage(page, testInfo, 'sign-in');
    await page.goto(withLang('/s/', lang));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ps(en.notFoundTitle));
    await checkPage(page, testInfo, 'not-found');
  });
}

test('the pseudo-locales are not in the language switch and are not remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#language option[value^="qps"]')).toHaveCount(0);
  await page.goto(withLang('/', 'qps-ploc'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ps(en.createTitle));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.createTitle);
  expect(await page.evaluate(() => Object.entries(localStorage))).toEqual([]);
});
