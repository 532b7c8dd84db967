/**
 * Every locale the app ships, with its name in its own language (shown in the switch) and its writing
 * direction. Adding a language is one line here plus one file in each `messages/` folder (docs/translating.md).
 * Messages are not imported here: each locale's messages are a chunk of their own (`message-set.ts`).
 */
export const LOCALES = {
  en: { name: 'English', dir: 'ltr' },
  nl: { name: 'Nederlands', dir: 'ltr' },
  sv: { name: 'Svenska', dir: 'ltr' },
  de: { name: 'Deutsch', dir: 'ltr' },
  fr: { name: 'Français', dir: 'ltr' },
  es: { name: 'Español', dir: 'ltr' },
  it: { name: 'Italiano', dir: 'ltr' },
  pl: { name: 'Polski', dir: 'ltr' },
  'pt-BR': { name: 'Português (Brasil)', dir: 'ltr' },
  uk: { name: 'Українська', dir: 'ltr' },
  ja: { name: '日本語', dir: 'ltr' },
  ko: { name: '한국어', dir: 'ltr' },
  'zh-CN': { name: '简体中文', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
  he: { name: 'עברית', dir: 'rtl' },
  tr: { name: 'Türkçe', dir: 'ltr' },
} as const satisfies Record<string, LocaleInfo>;

/**
 * Test locales generated from English (`pseudo.ts`): accented, lengthened and bracketed, to show hard-coded
 * strings and truncation; `qps-plocm` is the same text laid out right to left. Chosen only with `?lang=`, never
 * listed in the switch nor remembered.
 */
export const PSEUDO_LOCALES = {
  'qps-ploc': { name: 'Pseudo', dir: 'ltr' },
  'qps-plocm': { name: 'Pseudo (RTL)', dir: 'rtl' },
} as const satisfies Record<string, LocaleInfo>;

export interface LocaleInfo {
  name: string;
  dir: 'ltr' | 'rtl';
}

export type ShippedLocale = keyof typeof LOCALES;
export type PseudoLocale = keyof typeof PSEUDO_LOCALES;
export type Locale = ShippedLocale | PseudoLocale;

export const isShippedLocale = (value: unknown): value is ShippedLocale =>
  typeof value === 'string' && Object.hasOwn(LOCALES, value);

export const isPseudoLocale = (value: unknown): value is PseudoLocale =>
  typeof value === 'string' && Object.hasOwn(PSEUDO_LOCALES, value);

export const isLocale = (value: unknown): value is Locale => isShippedLocale(value) || isPseudoLocale(value);

/** A locale's name and direction (left to right for a tag that is not registered). */
export const localeInfo = (locale: Locale): LocaleInfo =>
  (isPseudoLocale(locale)
    ? PSEUDO_LOCALES[locale]
    : isShippedLocale(locale)
      ? LOCALES[locale]
      : undefined) ?? {
    name: locale,
    dir: 'ltr',
  };

/**
 * The locale that formats numbers, dates, units and lists. The pseudo-locales format as Russian: Cyrillic, so
 * that `Intl`'s month and unit names cannot pass for a hard-coded English word in the pseudo-locale test.
 */
export const intlLocale = (locale: Locale): string => (isPseudoLocale(locale) ? 'ru' : locale);

/** The locale whose plural rules pick a message's form: the pseudo-locales have English's forms. */
export const pluralLocale = (locale: Locale): string => (isPseudoLocale(locale) ? 'en' : locale);

/**
 * The first supported language in the browser's preference list, else English: an exact tag first
 * (`pt-BR`), then its language (`nl-BE` → `nl`), then a shipped variant of that language (`pt-PT` → `pt-BR`).
 */
export function pickLocale(preferred: readonly string[]): ShippedLocale {
  const shipped = Object.keys(LOCALES) as ShippedLocale[];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const primary = lower.split('-')[0];
    const match =
      shipped.find((code) => code.toLowerCase() === lower) ??
      shipped.find((code) => code.toLowerCase() === primary) ??
      shipped.find((code) => code.toLowerCase().split('-')[0] === primary);
    if (match) return match;
  }
  return 'en';
}
