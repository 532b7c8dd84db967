import type messages from '../public/_locales/en/messages.json';

/**
 * UI strings come from Chrome's own i18n: `public/_locales/<lang>/messages.json`, English the default
 * (`default_locale`). A language is added by adding its folder with the same keys; Chrome picks the browser's
 * language and falls back to English per message. `$1`… are the substitutions.
 */
export type MessageKey = keyof typeof messages;

/**
 * The message for `key` with `$1`, `$2`… filled in.
 *
 * @example t('serverLine', 'https://burn.example.com') // 'Server: https://burn.example.com'
 */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  return chrome.i18n.getMessage(key, subs.map(String)) || key;
}

/** The language of the messages actually shown (a BCP 47 tag), for `lang` and number formats. */
export const uiLocale = (): string => t('localeTag');

/**
 * A lifetime in seconds as its largest whole unit, e.g. "5 minutes", "1 hour", "7 days".
 *
 * @example lifetimeText(3600) // '1 hour'
 */
export function lifetimeText(seconds: number): string {
  const units = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ] as const;
  const [unit, size] = units.find(([, s]) => seconds % s === 0) ?? ['second', 1];
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(
    seconds / size,
  );
}

/** A size in bytes in the largest fitting binary unit, e.g. "10 MB". */
export function sizeText(bytes: number): string {
  const units = [
    ['megabyte', 2 ** 20],
    ['kilobyte', 2 ** 10],
  ] as const;
  const [unit, size] = units.find(([, s]) => bytes >= s) ?? ['byte', 1];
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(
    bytes / size,
  );
}

/** Sets the page's language and title from the messages. */
export function localisePage(title: MessageKey): void {
  document.documentElement.lang = uiLocale();
  document.title = t(title);
}
