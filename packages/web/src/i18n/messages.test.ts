import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { LOCALES, pickLocale } from './locales.js';

/**
 * Messages a translation may legitimately leave as in English, as `locale:key`. Keep this list tiny: a
 * message identical to English almost always means a forgotten translation.
 */
const SAME_AS_ENGLISH = new Set([
  'nl:contextUrl',
  'sv:contextUrl',
  'de:contextUrl',
  'fr:contextUrl',
  'es:contextUrl',
  'es:no',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const englishKeys = Object.keys(en).sort();

  for (const [locale, { messages }] of Object.entries(LOCALES)) {
    it(`${locale} has exactly the English keys`, () => {
      expect(Object.keys(messages).sort()).toEqual(englishKeys);
    });

    it(`${locale} uses the same placeholders as English in every message`, () => {
      for (const key of englishKeys) {
        const text = messages[key as keyof typeof en];
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(en[key as keyof typeof en]));
        expect(text.trim(), `${locale}:${key} is empty`).not.toBe('');
      }
    });

    if (locale === 'en') continue;
    it(`${locale} translates every message`, () => {
      const untranslated = englishKeys.filter(
        (key) =>
          messages[key as keyof typeof en] === en[key as keyof typeof en] &&
          !SAME_AS_ENGLISH.has(`${locale}:${key}`),
      );
      expect(untranslated).toEqual([]);
    });
  }

  it('picks the first supported browser language', () => {
    expect(pickLocale(['pt-BR', 'nl-BE', 'en'])).toBe('nl');
    expect(pickLocale(['SV'])).toBe('sv');
    expect(pickLocale(['ja'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
