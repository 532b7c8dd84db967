import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../web/src/i18n/locales.js';
import { CATALOGUES, cliLocale } from './catalogue.js';
import { en } from './messages/en.js';

/** Messages that are the same word in that language, as `locale:key`. Keep it tiny. */
const SAME_AS_ENGLISH = new Set(['de:promptPassphrase']);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the CLI catalogue', () => {
  it('speaks the languages of the web app', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(Object.keys(LOCALES).sort());
  });

  for (const [locale, messages] of Object.entries(CATALOGUES)) {
    it(`${locale}: English's keys and placeholders, nothing empty, nothing left in English`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages) as [keyof typeof en, string][]) {
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(en[key]));
        expect(text.trim(), `${locale}:${key} is empty`).not.toBe('');
        if (locale !== 'en' && !SAME_AS_ENGLISH.has(`${locale}:${key}`))
          expect(text, `${locale}:${key} is not translated`).not.toBe(en[key]);
      }
    });

    it(`${locale}: the help fits a 110-column terminal and keeps every command and variable`, () => {
      for (const line of messages.help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
      for (const word of [
        'send',
        'get',
        'status',
        'burn',
        'list',
        'login',
        'generate',
        'serve',
        'admin',
        'BURNLINK_URL',
        'BURNLINK_API_KEY',
        'BURNLINK_PASSPHRASE',
        '--help',
        '--version',
        '130',
      ])
        expect(messages.help).toContain(word);
    });
  }
});

describe('the CLI language from the environment', () => {
  it('takes LC_ALL, then LC_MESSAGES, then LANG (POSIX order), skipping empty ones', () => {
    expect(cliLocale({ LC_ALL: 'de_DE.UTF-8', LC_MESSAGES: 'fr_FR', LANG: 'nl_NL' })).toBe('de');
    expect(cliLocale({ LC_ALL: '', LC_MESSAGES: 'fr_FR.UTF-8', LANG: 'nl_NL' })).toBe('fr');
    expect(cliLocale({ LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(cliLocale({})).toBe('en');
  });

  it('reads language_TERRITORY.codeset@modifier, and is English for C, POSIX and unknown languages', () => {
    expect(cliLocale({ LANG: 'nl_BE.UTF-8' })).toBe('nl');
    expect(cliLocale({ LANG: 'es_ES@euro' })).toBe('es');
    expect(cliLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_ALL: 'POSIX', LANG: 'de_DE' })).toBe('en');
    // A set but unsupported LC_ALL wins over LANG, as POSIX says: English, not the LANG language.
    expect(cliLocale({ LC_ALL: 'tlh_XX', LANG: 'de_DE' })).toBe('en');
  });
});
