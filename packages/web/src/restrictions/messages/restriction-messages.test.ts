import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import { sv } from './sv.js';

const RESTRICTION_MESSAGES = { en, nl, sv, de, fr, es };

/** Messages a translation may leave as in English, as `locale:key`. Keep it tiny. */
const SAME_AS_ENGLISH = new Set<string>([]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('restriction messages', () => {
  const englishKeys = Object.keys(en).sort();

  it('exist for every locale of the app', () => {
    expect(Object.keys(RESTRICTION_MESSAGES).sort()).toEqual(Object.keys(LOCALES).sort());
  });

  for (const [locale, messages] of Object.entries(RESTRICTION_MESSAGES)) {
    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      expect(Object.keys(messages).sort()).toEqual(englishKeys);
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

  it('has a rule message for every rule of the organisation policy', () => {
    for (const rule of [
      'members_only',
      'max_ttl',
      'max_views',
      'passphrase_required',
      'passphrase_min_length',
      'verification_required',
      'recipient_domains',
      'networks',
      'countries',
      'office_hours',
      'server_encryption',
    ])
      expect(Object.keys(en)).toContain(`rule_${rule}`);
  });
});
