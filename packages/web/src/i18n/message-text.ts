import { intlLocale, type Locale, localeInfo, pluralLocale } from './locales.js';
import type { LocaleMessages, PlainKey, PluralBase } from './plural.js';

export type Vars = Record<string, string | number>;

/** A message set's words in one locale: `t` for plain messages, `tp` for plural ones. */
export interface MessageText<K extends string> {
  /** The message for `key` with `{name}` placeholders filled (numbers formatted for the locale). */
  t(key: PlainKey<K>, vars?: Vars): string;
  /** The form of plural message `key` that `Intl.PluralRules` picks for `n`; `{n}` is filled with `n`. */
  tp(key: PluralBase<K>, n: number, vars?: Vars): string;
}

/**
 * The one way every message set (core, restrictions, account, …) fills placeholders and picks plural forms.
 *
 * @example
 * ```ts
 * const { tp } = messageText('pl', pl);
 * tp('revealViews', 3); // the `_few` form
 * ```
 */
export function messageText<K extends string>(locale: Locale, messages: LocaleMessages<K>): MessageText<K> {
  const tag = intlLocale(locale);
  const number = new Intl.NumberFormat(tag);
  const plural = new Intl.PluralRules(pluralLocale(locale));
  const table = messages as unknown as Record<string, string | undefined>;
  // In right-to-left text a filled-in value (a code, an address, a file name, "3 MB") is isolated with
  // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so that its own direction cannot reorder the sentence.
  const isolate = localeInfo(locale).dir === 'rtl' ? (value: string) => `\u2068${value}\u2069` : String;
  const fill = (text: string, vars?: Vars) =>
    vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = vars[name];
          return value === undefined
            ? whole
            : typeof value === 'number'
              ? number.format(value)
              : isolate(value);
        })
      : text;
  return {
    t: (key, vars) => fill(table[key] ?? '', vars),
    // A form the locale lacks cannot be picked (the check test keeps the forms equal to the categories);
    // `_other` is the safe fallback should a set be incomplete at run time.
    tp: (key, n, vars) =>
      fill(table[`${key}_${plural.select(n)}`] ?? table[`${key}_other`] ?? '', { n, ...vars }),
  };
}
