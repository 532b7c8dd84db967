/** The plural categories of `Intl.PluralRules` (CLDR). Each locale uses some of them; every locale uses `other`. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** Keys of a plural message, named without the suffix: English's `x_one` + `x_other` make `x`. */
export type PluralBase<K> = K extends `${infer B}_other` ? B : never;

/**
 * The keys that are not plural forms. `PluralBase` takes the whole union, so `x_one` is a plural form even though
 * a locale with only `other` (ja, ko, zh-CN) leaves it out.
 */
export type PlainKey<K> = Exclude<K, `${PluralBase<K>}_${PluralCategory}`>;

/**
 * One locale's messages of a set whose English keys are `K`: every plain key, and for every plural message
 * the `_other` form plus whichever of `_zero`, `_one`, `_two`, `_few`, `_many` the locale's
 * `Intl.PluralRules(locale).resolvedOptions().pluralCategories` lists (the translation check tests that the
 * forms are exactly those).
 *
 * @example
 * ```ts
 * // pl.ts: Polish needs one, few, many and other
 * export const pl: Messages = { …, revealViews_one: '…', revealViews_few: '…', revealViews_many: '…', revealViews_other: '…' };
 * ```
 */
export type LocaleMessages<K extends string> = { [P in PlainKey<K>]: string } & {
  [P in `${PluralBase<K>}_other`]: string;
} & { [P in `${PluralBase<K>}_${Exclude<PluralCategory, 'other'>}`]?: string };
