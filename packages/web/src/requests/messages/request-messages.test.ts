import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { sv } from './sv.js';
import { zhCN } from './zh-CN.js';

const REQUEST_MESSAGES: Record<string, Partial<Record<keyof typeof en, string>>> = {
  en,
  nl,
  sv,
  de,
  fr,
  es,
  ja,
  ko,
  'zh-CN': zhCN,
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(en).sort() as (keyof typeof en)[];

describe('request messages', () => {
  it('exist for every locale of the app', () => {
    expect(Object.keys(REQUEST_MESSAGES).sort()).toEqual(Object.keys(LOCALES).sort());
  });

  for (const [locale, messages] of Object.entries(REQUEST_MESSAGES)) {
    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      // Plural forms are the locale's own categories (ja, ko, zh-CN have only `_other`).
      const categories: string[] = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const expected = keys.filter((key) => {
        const form = /_(zero|one|two|few|many)$/.exec(key)?.[1];
        return form === undefined || categories.includes(form);
      });
      expect(Object.keys(messages).sort()).toEqual(expected);
      for (const key of expected) {
        expect(placeholders(messages[key] ?? ''), `${locale}:${key}`).toEqual(placeholders(en[key]));
        expect((messages[key] ?? '').trim(), `${locale}:${key} is empty`).not.toBe('');
      }
    });

    if (locale !== 'en')
      it(`${locale} translates every message`, () => {
        expect(keys.filter((key) => messages[key] === en[key])).toEqual([]);
      });
  }

  it('names every state of a request', () => {
    for (const state of ['waiting', 'answered', 'read', 'expired', 'burned'])
      expect(Object.keys(en)).toContain(`state_${state}`);
  });
});
