import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import { de } from './messages/de.js';
import { en, type RestrictionKey, type RestrictionMessages } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { nl } from './messages/nl.js';
import { sv } from './messages/sv.js';

type Vars = Record<string, string | number>;
/** Keys that come as `_one` / `_other` pairs, named without the suffix. */
type PluralKey = RestrictionKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** Every locale's messages of this part; the whole part is one lazily loaded chunk, so they come together. */
export const RESTRICTION_MESSAGES: Record<Locale, RestrictionMessages> = { en, nl, sv, de, fr, es };

export interface RestrictionText {
  locale: Locale;
  /** The message for `key` with `{name}` placeholders filled. */
  r(key: RestrictionKey, vars?: Vars): string;
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  rp(key: PluralKey, n: number, vars?: Vars): string;
  /** A list in the locale's words: "a, b and c". */
  list(items: readonly string[]): string;
}

export function restrictionText(locale: Locale): RestrictionText {
  const messages = RESTRICTION_MESSAGES[locale];
  const number = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  const conjunction = new Intl.ListFormat(locale, { type: 'conjunction' });
  const fill = (text: string, vars?: Vars) =>
    vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = vars[name];
          return value === undefined ? whole : typeof value === 'number' ? number.format(value) : value;
        })
      : text;
  return {
    locale,
    r: (key, vars) => fill(messages[key], vars),
    rp: (key, n, vars) =>
      fill(messages[`${key}_${plural.select(n) === 'one' ? 'one' : 'other'}` as RestrictionKey], {
        n,
        ...vars,
      }),
    list: (items) => conjunction.format(items),
  };
}

/** The restriction messages of the active locale. */
export function useRestrictionText(): RestrictionText {
  const { locale } = useI18n();
  return useMemo(() => restrictionText(locale), [locale]);
}
