import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The rules whose outcome depends on the colours, so on the theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Resolves once every running transition and animation has ended, so that axe reads the colours a page settles
 * on — after a theme switch the controls ease into theirs for 0.15 s (styles.css), and a blend of two themes is
 * neither. A cancelled transition's `finished` rejects; it is over all the same.
 */
export async function untilSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((animation) => animation.playState === 'running');
    // Bounded: a page whose animations do not advance (a background page on a loaded machine) is read as it is
    // after a second, far past the 0.15 s a transition takes.
    await Promise.race([
      Promise.allSettled(running.map((animation) => animation.finished)),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ]);
  });
}

/**
 * axe-core with every WCAG 2.x A/AA rule (colour contrast included): no violation of any impact. `colours`
 * runs only the rules that depend on colour — for a page already checked in the other theme. A pseudo-locale's
 * tag (`qps-plocm`) is private-use, not a language axe knows: its two language rules are left out there only.
 */
export async function expectWcagAA(
  page: Page,
  label: string,
  { colours = false, pseudo = false }: { colours?: boolean; pseudo?: boolean } = {},
) {
  await untilSettled(page);
  let axe = new AxeBuilder({ page });
  axe = colours ? axe.withRules(COLOUR_RULES) : axe.withTags(WCAG_AA);
  if (pseudo) axe = axe.disableRules(['html-lang-valid', 'valid-lang']);
  const results = await axe.analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`,
  );
  expect(found, `WCAG 2.2 AA violations on ${label}`).toEqual([]);
}

/**
 * Interactive elements smaller than 24×24 CSS pixels (WCAG 2.2 2.5.8 Target Size (Minimum)). Left out, as the
 * criterion allows: links inside a sentence (an inline link whose parent has other text) and what the user
 * cannot point at (hidden, off-screen like the skip link until it has focus, or `pointer-events: none`, like
 * the file input that its visible "Choose files" button stands for).
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const style = getComputedStyle(el);
      if (style.pointerEvents === 'none') continue;
      const box = el.getBoundingClientRect();
      if (box.right <= 0 || box.bottom <= 0) continue;
      if (box.width >= 24 && box.height >= 24) continue;
      const parentText = el.parentElement?.textContent?.trim() ?? '';
      if (el.tagName === 'A' && style.display === 'inline' && parentText !== el.textContent?.trim()) continue;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
      bad.push(
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} "${name}": ${box.width.toFixed(1)}×${box.height.toFixed(1)}`,
      );
    }
    return bad;
  });
}

/** The focused element and how its focus shows: an outline of at least 2 px, or a box shadow. */
export function focusIndicator(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { element: 'body', visible: false, matches: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    const label = el.id
      ? `#${el.id}`
      : `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 30)}"`;
    return { element: label, visible: outline || shadow, matches: el.matches(':focus-visible') };
  });
}

/**
 * The page is laid out right to left: `<html dir="rtl">`, the brand (at the inline start) right of the
 * preferences, and the page's heading aligned to the right edge of its section.
 */
export async function expectMirrored(page: Page, label: string) {
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const brand = (await page.locator('.brand').boundingBox())!;
  const language = (await page.locator('#language').boundingBox())!;
  expect(brand.x, `${label}: the brand is right of the language switch`).toBeGreaterThan(language.x);
  const heading = await page.locator('h1').evaluate((h1) => {
    const range = document.createRange();
    range.selectNodeContents(h1);
    const text = range.getBoundingClientRect();
    const box = h1.getBoundingClientRect();
    return { textRight: text.right, boxRight: box.right };
  });
  // The heading's text starts at the right edge of its box (less than a pixel off).
  expect(Math.abs(heading.boxRight - heading.textRight), `${label}: h1 text at the right`).toBeLessThan(1);
}
