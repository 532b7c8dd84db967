import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The layout mirrors for right-to-left languages only if no style names a physical side: every margin,
 * padding, border, inset and alignment uses logical properties (`margin-inline-start`, `text-align: start`).
 * The browser check is e2e/pseudo-locale.spec.ts in the right-to-left pseudo-locale.
 */
const SHEETS = Object.keys(import.meta.glob('./**/*.css'));

const PHYSICAL = [
  /\b(margin|padding|border|scroll-margin|scroll-padding)-(left|right|top|bottom)\b/,
  /(^|[\s;{])(left|right|top|bottom)\s*:/,
  /\btext-align\s*:\s*(left|right)\b/,
  /\bfloat\s*:\s*(left|right)\b/,
  /\bclear\s*:\s*(left|right)\b/,
  /\btranslateX\(/,
  /\b(margin|padding)\s*:\s*\S+\s+\S+/, // a two-to-four-value shorthand: use -block and -inline
];

describe('styles', () => {
  it('finds the style sheets', () => {
    expect(SHEETS).toEqual(expect.arrayContaining(['./styles.css', './account/account.css']));
  });

  for (const sheet of SHEETS)
    it(`${sheet} uses logical properties only`, () => {
      const css = readFileSync(new URL(sheet, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const physical = css
        .split('\n')
        .map((line, i) => ({ line: i + 1, text: line.trim() }))
        .filter(({ text }) => PHYSICAL.some((rule) => rule.test(text)) && !text.startsWith('vertical-align'));
      expect(physical).toEqual([]);
    });

  // Both themes come from the custom properties at the top of styles.css; a colour written anywhere else
  // would stay the same in the other theme.
  const COLOUR = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|oklch|lab|lch)\(|:\s*(white|black)\b/i;
  for (const sheet of SHEETS)
    it(`${sheet} takes every colour from a custom property`, () => {
      const css = readFileSync(new URL(sheet, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const literal = css
        .split('\n')
        .map((line, i) => ({ line: i + 1, text: line.trim() }))
        .filter(({ text }) => COLOUR.test(text) && !text.startsWith('--'));
      expect(literal).toEqual([]);
    });

  it('declares motion only inside `prefers-reduced-motion: no-preference`', () => {
    for (const sheet of SHEETS) {
      const css = readFileSync(new URL(sheet, import.meta.url), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        // Such a block ends at the first closing brace at the start of a line.
        .replace(/@media \(prefers-reduced-motion: no-preference\) \{[\s\S]*?\n\}/g, '');
      expect(css.match(/^\s*(transition|animation)[\w-]*\s*:.*$/gm) ?? [], sheet).toEqual([]);
    }
  });
});
