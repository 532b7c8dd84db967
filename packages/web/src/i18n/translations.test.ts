import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales.js';
import { PLURAL_CATEGORIES } from './plural.js';

/**
 * The translation check. Every message set is a `messages/` folder anywhere under src/ with one
 * `<locale>.ts` per locale (default export), English the reference; a new set (e.g. requests/messages/) is
 * checked as soon as it exists. For every set and every shipped locale: the file exists, it has English's
 * plain keys, the same `{placeholders}` in every message, no empty message, and each plural message has
 * exactly the forms `Intl.PluralRules(locale)` uses.
 */
const FILES = import.meta.glob<Record<string, string> | undefined>(
  ['../**/messages/*.ts', '!../**/messages/*.test.ts'],
  { eager: true, import: 'default' },
);

/**
 * Messages a translation may leave as in English (loanwords, codes), as `set:locale:key`. Keep it tiny: a
 * message identical to English almost always means a forgotten translation.
 */
const SAME_AS_ENGLISH = new Set([
  ...['nl', 'sv', 'de', 'fr', 'es'].map((l) => `i18n:${l}:contextUrl`),
  ...['ja', 'zh-CN', 'ko'].map((l) => `i18n:${l}:contextUrl`),
  'i18n:es:no',
  'i18n:it:no',
  ...[
    'de:colTeam',
    'de:teamsTitle',
    'de:keyName',
    'de:roleAdmin',
    'de:createTeam',
    'nl:account',
    'nl:colTeam',
    'nl:teamsTitle',
    'nl:roleAuditor',
    'sv:colTeam',
    'sv:teamsTitle',
    'es:roleAuditor',
    'de:stateFilter',
    'nl:stateFilter',
    'sv:stateFilter',
    'de:webhooks',
    'de:webhooksTitle',
    'de:actorUser',
    'de:subjectTeam',
    'de:subjectPasskey',
    'de:subjectOrg',
    'es:webhooks',
    'es:webhooksTitle',
    'fr:webhooks',
    'fr:webhooksTitle',
    'fr:subjectSecret',
    'fr:subjectOrg',
    'nl:webhooks',
    'nl:webhooksTitle',
    'nl:auditFilters',
    'nl:subjectTeam',
    'nl:subjectPasskey',
    'sv:webhooks',
    'sv:webhooksTitle',
    'sv:actorUser',
    'sv:subjectTeam',
    'sv:subjectOrg',
    'de:policySectionPassphrase',
    'de:domains',
    'fr:unitMinutes',
    ...['colTeam', 'teamsTitle', 'subjectTeam', 'subjectPasskey'].map((k) => `it:${k}`),
    ...['roleAuditor', 'webhooks', 'webhooksTitle'].map((k) => `pt-BR:${k}`),
    'pl:roleAdmin',
    'he:webhooks',
    'he:webhooksTitle',
  ].map((entry) => `account:${entry}`),
  ...['nl', 'de', 'fr', 'it', 'pl', 'tr'].map((l) => `account/domains:${l}:logoTitle`),
  'account/domains:de:domainsTitle',
  'account/domains:de:brandingName',
]);

/** Sets by their folder (`i18n`, `restrictions`, `account`, …), each a map of locale → messages. */
const MESSAGE_SETS = new Map<string, Map<string, Record<string, string>>>();
for (const [path, messages] of Object.entries(FILES)) {
  // The glob names this folder's own set `./messages/…` and the others `../<set>/messages/…`.
  const [, set = 'i18n', locale = ''] = /^(?:\.\.\/(.+)|\.)\/messages\/([^/]+)\.ts$/.exec(path) ?? [];
  if (!MESSAGE_SETS.has(set)) MESSAGE_SETS.set(set, new Map());
  // A file without a default export shows up as an empty locale: every key is reported missing.
  MESSAGE_SETS.get(set)?.set(locale, messages ?? {});
}

const CATEGORY = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** English's keys split into plain keys and plural messages (named without the suffix). */
function shape(english: Record<string, string>) {
  const plurals = new Set(
    Object.keys(english)
      .filter((key) => key.endsWith('_other'))
      .map((key) => key.slice(0, -'_other'.length)),
  );
  const pluralOf = (key: string) => {
    const match = CATEGORY.exec(key);
    return match && plurals.has(match[1] ?? '') ? { base: match[1] ?? '', form: match[2] ?? '' } : null;
  };
  const plain = Object.keys(english).filter((key) => !pluralOf(key));
  return { plain, plurals, pluralOf };
}

describe('the translation check', () => {
  it('finds the message sets', () => {
    expect([...MESSAGE_SETS.keys()]).toEqual(expect.arrayContaining(['i18n', 'restrictions', 'account']));
  });

  for (const [set, locales] of MESSAGE_SETS) {
    const english = locales.get('en') ?? {};
    const { plain, plurals, pluralOf } = shape(english);

    it(`${set}: has a file for every shipped locale and no other, each with a default export`, () => {
      expect([...locales.keys()].sort()).toEqual(Object.keys(LOCALES).sort());
      for (const [locale, messages] of locales)
        expect(
          Object.keys(messages).length,
          `${set}/messages/${locale}.ts: export default its messages`,
        ).toBeGreaterThan(0);
    });

    for (const locale of Object.keys(LOCALES)) {
      const messages = locales.get(locale);
      if (!messages) continue; // reported above
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

      it(`${set}/${locale}: English's keys, the same placeholders, nothing empty`, () => {
        expect(
          Object.keys(messages).filter((key) => !pluralOf(key) && !(key in english)),
          'keys English does not have',
        ).toEqual([]);
        expect(
          plain.filter((key) => !(key in messages)),
          'missing keys',
        ).toEqual([]);
        for (const key of plain)
          expect(placeholders(messages[key] ?? ''), `${set}/${locale}:${key}`).toEqual(
            placeholders(english[key] ?? ''),
          );
        for (const [key, text] of Object.entries(messages))
          expect(text.trim(), `${set}/${locale}:${key} is empty`).not.toBe('');
      });

      it(`${set}/${locale}: plural messages have exactly the forms ${categories.join(', ')}`, () => {
        for (const base of plurals) {
          const forms = Object.keys(messages)
            .map(pluralOf)
            .filter((plural) => plural?.base === base)
            .map((plural) => plural?.form);
          expect(forms.sort(), `${set}/${locale}:${base}`).toEqual([...categories].sort());
          // Every form may use only English's placeholders; the forms that cover many numbers show them all
          // (a `_one`, `_two` or `_zero` form may spell its number out).
          const all = placeholders(english[`${base}_other`] ?? '');
          for (const form of forms) {
            const used = placeholders(messages[`${base}_${form}`] ?? '');
            const name = `${set}/${locale}:${base}_${form}`;
            if (form === 'one' || form === 'two' || form === 'zero')
              expect(
                used.filter((p) => !all.includes(p)),
                name,
              ).toEqual([]);
            else expect(used, name).toEqual(all);
          }
        }
      });

      if (locale === 'en') continue;
      it(`${set}/${locale}: translates every message`, () => {
        const untranslated = Object.keys(messages).filter(
          (key) => messages[key] === english[key] && !SAME_AS_ENGLISH.has(`${set}:${locale}:${key}`),
        );
        expect(untranslated).toEqual([]);
      });
    }
  }
});
