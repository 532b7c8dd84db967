import { describe, expect, it } from 'vitest';
import { intlLocale, LOCALES, localeInfo, PSEUDO_LOCALES, pickLocale, pluralLocale } from './locales.js';

describe('locales', () => {
  it('picks the first supported browser language', () => {
    expect(pickLocale(['tlh', 'nl-BE', 'en'])).toBe('nl');
    expect(pickLocale(['SV'])).toBe('sv');
    expect(pickLocale(['tlh'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('never picks or lists a pseudo-locale, which formats in Cyrillic with English plurals', () => {
    expect(pickLocale(['qps-ploc', 'qps'])).toBe('en');
    for (const pseudo of Object.keys(PSEUDO_LOCALES)) expect(Object.keys(LOCALES)).not.toContain(pseudo);
    expect(intlLocale('qps-plocm')).toBe('ru');
    expect(pluralLocale('qps-ploc')).toBe('en');
    expect(localeInfo('qps-plocm').dir).toBe('rtl');
  });

  it('names every locale in its own language with a direction', () => {
    for (const info of Object.values(LOCALES)) {
      expect(info.name).not.toBe('');
      expect(['ltr', 'rtl']).toContain(info.dir);
    }
  });
});
