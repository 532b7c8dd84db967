import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { intlLocale, isLocale, isShippedLocale, type Locale, localeInfo } from './locales.js';
import { messageSet } from './message-set.js';
import { type MessageText, messageText, type Vars } from './message-text.js';
import { en, type MessageKey, type Messages } from './messages/en.js';
import type { PluralBase } from './plural.js';

type AllKeys = keyof typeof en;
export type PluralKey = PluralBase<AllKeys>;

/** A message with its placeholders, or a plural message with its count (kept as data until shown). */
export type Message = { key: MessageKey; vars?: Vars } | { plural: PluralKey; n: number; vars?: Vars };

/**
 * The app's core messages: English is in the first chunk (the fallback, and most visitors' language), every
 * other locale a chunk of its own, loaded before the first render (`main.tsx`) and on a switch.
 */
export const coreMessages = messageSet<Messages>(
  'i18n',
  import.meta.glob(['./messages/*.ts', '!./messages/en.ts', '!./messages/*.test.ts'], { import: 'default' }),
  { en },
);

export interface I18n extends MessageText<AllKeys> {
  locale: Locale;
  /** The writing direction of the locale. */
  dir: 'ltr' | 'rtl';
  /** A `Message` in words. */
  say(message: Message): string;
  /** An instant as a local date and time, e.g. "21 Nov 2026, 14:05". */
  date(at: string | number): string;
  /** A remaining duration as its two largest units, e.g. "23 hr, 59 min". */
  duration(ms: number): string;
  /** A lifetime choice in seconds, e.g. "5 minutes", "7 days". */
  lifetime(seconds: number): string;
  /** A size in bytes as kilobytes. */
  size(bytes: number): string;
  /** A file size in the largest fitting binary unit (1 KB = 1024 bytes), e.g. "0 bytes", "3 MB", "1 GB". */
  bytes(bytes: number): string;
  /** A transfer speed, always in megabytes (2^20 bytes) per second, e.g. "12.5 MB/s". */
  speed(bytesPerSecond: number): string;
  /** A fraction 0–1 as a whole percentage, e.g. "42%". */
  percent(fraction: number): string;
}

const BYTE_UNITS = [
  ['gigabyte', 2 ** 30],
  ['megabyte', 2 ** 20],
  ['kilobyte', 2 ** 10],
] as const;

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
] as const;

/** The active locale's words and formatters, from its loaded core messages (`coreMessages.load(locale)`). */
export function createI18n(locale: Locale, messages: Messages): I18n {
  const text = messageText<AllKeys>(locale, messages);
  const tag = intlLocale(locale);
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const list = new Intl.ListFormat(tag, { type: 'unit', style: 'narrow' });
  const unit = (name: string, value: number, unitDisplay: 'short' | 'long') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay }).format(value);
  // One decimal below 10 ("2.5 MB"), none above ("120 MB"): enough to see a transfer move.
  const unitFraction = (name: string, value: number) =>
    new Intl.NumberFormat(tag, {
      style: 'unit',
      unit: name,
      maximumFractionDigits: value < 10 ? 1 : 0,
    }).format(value);

  return {
    locale,
    dir: localeInfo(locale).dir,
    ...text,
    say: (message) =>
      'plural' in message
        ? text.tp(message.plural, message.n, message.vars)
        : text.t(message.key, message.vars),
    date: (at) => dateFormat.format(new Date(at)),
    duration: (ms) => {
      // A countdown never shows more time than is left: whole seconds, rounded down.
      let rest = Math.max(0, Math.floor(ms / 1000) * 1000);
      const parts: string[] = [];
      // The largest non-zero unit and, if not zero, the one right below it: "23 hr, 59 min", "1 day".
      let started = false;
      for (const [name, size] of UNITS) {
        const value = Math.floor(rest / size);
        rest -= value * size;
        if (value > 0) parts.push(unit(name, value, 'short'));
        if (started) break;
        started = value > 0;
      }
      return parts.length ? list.format(parts) : unit('second', 0, 'short');
    },
    lifetime: (seconds) => {
      for (const [name, size] of UNITS) {
        const ms = seconds * 1000;
        if (ms >= size && ms % size === 0) return unit(name, ms / size, 'long');
      }
      return unit('second', seconds, 'long');
    },
    size: (bytes) =>
      new Intl.NumberFormat(tag, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(
        bytes / 1024,
      ),
    bytes: (bytes) => {
      for (const [name, size] of BYTE_UNITS) {
        if (bytes >= size) return unitFraction(name, bytes / size);
      }
      return unit('byte', bytes, 'long');
    },
    speed: (bytesPerSecond) => unitFraction('megabyte-per-second', bytesPerSecond / 2 ** 20),
    percent: (fraction) =>
      new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(
        Math.min(1, Math.max(0, fraction)),
      ),
  };
}

export const I18nContext = createContext<I18n>(createI18n('en', en));

/** The active locale's messages and formatters. */
export const useI18n = () => useContext(I18nContext);

const STORAGE_KEY = 'burnlink.language';

/**
 * The language of this page load: `?lang=` (any shipped locale or a pseudo-locale, for tests and screenshots;
 * not remembered), else the remembered choice, else the browser's languages. localStorage holds the language
 * and the theme (`theme.ts`), nothing else.
 */
export function initialLocale(pick: (preferred: readonly string[]) => Locale): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  if (isLocale(asked)) return asked;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isShippedLocale(saved)) return saved;
  } catch {
    // Storage can be disabled; fall back to the browser's preference.
  }
  return pick(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Remembers a choice from the switch (a pseudo-locale is never remembered). */
export function rememberLocale(locale: Locale): void {
  if (!isShippedLocale(locale)) return;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered when storage is disabled; the switch still works for this page.
  }
}

/** `<html lang dir>` follow the active locale, so that the browser lays out, hyphenates and reads aloud right. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = localeInfo(locale).dir;
}
