import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from './en.js';
import { LOCALES, type Locale } from './locales.js';

type Vars = Record<string, string | number>;
/** Message keys that come as `_one` / `_other` pairs, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

export interface I18n {
  locale: Locale;
  /** The message for `key` in the active locale with `{name}` placeholders filled. */
  t(key: MessageKey, vars?: Vars): string;
  /** The plural form of `key` for `n` (`{n}` is filled with `n`, formatted for the locale). */
  tp(key: PluralKey, n: number, vars?: Vars): string;
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

export function createI18n(locale: Locale): I18n {
  const messages = LOCALES[locale].messages;
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
  const unit = (name: string, value: number, unitDisplay: 'short' | 'long') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay }).format(value);
  // One decimal below 10 ("2.5 MB"), none above ("120 MB"): enough to see a transfer move.
  const unitFraction = (name: string, value: number) =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      maximumFractionDigits: value < 10 ? 1 : 0,
    }).format(value);

  const fill = (text: string, vars?: Vars) =>
    vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = vars[name];
          return value === undefined ? whole : typeof value === 'number' ? number.format(value) : value;
        })
      : text;

  return {
    locale,
    t: (key, vars) => fill(messages[key], vars),
    tp: (key, n, vars) => {
      const form = plural.select(n) === 'one' ? 'one' : 'other';
      return fill(messages[`${key}_${form}` as MessageKey], { n, ...vars });
    },
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
      new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(
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
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
        Math.min(1, Math.max(0, fraction)),
      ),
  };
}

export const I18nContext = createContext<I18n>(createI18n('en'));

/** The active locale's messages and formatters. */
export const useI18n = () => useContext(I18nContext);

const STORAGE_KEY = 'burnlink.language';

/** The remembered choice, else the browser's languages. localStorage holds the language and nothing else. */
export function initialLocale(pick: (preferred: readonly string[]) => Locale): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && Object.hasOwn(LOCALES, saved)) return saved as Locale;
  } catch {
    // Storage can be disabled; fall back to the browser's preference.
  }
  return pick(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered when storage is disabled; the switch still works for this page.
  }
}
