import { describe, expect, it } from 'vitest';
import { hasHiddenControl, visible, visibleText } from './visible.js';

const OSC_TITLE = '\u001b]0;pwned\u0007\u001b[2K';
const OSC_52 = '\u001b]52;c;cm0gLXJmIH4K\u0007';

describe('visible', () => {
  it.each([
    [OSC_TITLE, '\\x1b]0;pwned\\x07\\x1b[2K'],
    [OSC_52, '\\x1b]52;c;cm0gLXJmIH4K\\x07'],
    ['a\nb\r\tc\u0000\u007f', 'a\\nb\\r\\tc\\x00\\x7f'],
    ['\u0085\u009b31m', '\\x85\\x9b31m'],
    ['invoice\u202efdp.exe', 'invoice\\u202efdp.exe'],
    ['\u2066\u2067\u2068\u2069\u200e\u200f\u061c', '\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c'],
    ['pay\u200bpal\u200c\u200d\u2060\ufeff', 'pay\\u200bpal\\u200c\\u200d\\u2060\\ufeff'],
    ['résumé ✓ C:\\keys 🔑', 'résumé ✓ C:\\keys 🔑'],
  ])('%j → %j', (text, shown) => {
    expect(visible(text)).toBe(shown);
    expect(hasHiddenControl(text)).toBe(text !== shown);
  });

  it('leaves no ESC, C1 or bidi character whatever the input', () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i)).join('');
    const shown = visible(all);
    expect(hasHiddenControl(shown)).toBe(false);
    expect(shown).not.toContain('\u001b');
  });
});

describe('visibleText', () => {
  it('keeps line breaks and tabs readable, escapes the rest', () => {
    expect(visibleText(`line 1\r\n\tline 2\n${OSC_TITLE}`)).toBe(
      'line 1\r\n\tline 2\n\\x1b]0;pwned\\x07\\x1b[2K',
    );
    expect(visibleText('rm -rf ~\rls')).toBe('rm -rf ~\\rls');
    expect(visibleText(`-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n`)).toBe(
      '-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n',
    );
  });
});
