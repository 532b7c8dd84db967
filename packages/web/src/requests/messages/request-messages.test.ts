import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { he } from './he.js';
import { nl } from './nl.js';
import { sv } from './sv.js';
import { tr } from './tr.js';

const REQUEST_MESSAGES = { en, nl, sv, de, fr, es, ar, he, tr };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
// Plural forms differ by locale (`i18n/translations.test.ts` checks them); here the plain keys.
const isPlain = (key: string) => !/_(zero|one|two|few|many|other)$/.test(key);
const keys = Object.keys(en).filter(isPlain).sort() as (keyof typeof en)[];

describe('request messages', () => {
  it('exist for every locale of the app', () => {
    expect(Object.keys(REQUEST_MESSAGES).sort()).toEqual(Object.keys(LOCALES).sort());
  });

  for (const [locale, messages] of Object.entries(REQUEST_MESSAGES) as [string, Record<string, string>][]) {
    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      expect(Object.keys(messages).filter(isPlain).sort()).toEqual(keys);
      for (const key of keys) {
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
