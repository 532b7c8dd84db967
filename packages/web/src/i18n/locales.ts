import { de } from './de.js';
import { en, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import { sv } from './sv.js';

/** Every locale the app ships, with its name in its own language (shown in the switch). */
export const LOCALES = {
  en: { name: 'English', messages: en as Messages },
  nl: { name: 'Nederlands', messages: nl },
  sv: { name: 'Svenska', messages: sv },
  de: { name: 'Deutsch', messages: de },
  fr: { name: 'Français', messages: fr },
  es: { name: 'Español', messages: es },
} as const;

export type Locale = keyof typeof LOCALES;

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && Object.hasOwn(LOCALES, value);

/** The first supported language in the browser's preference list (`nl-BE` → `nl`), else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}
