import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { RestrictionKey, RestrictionMessages } from './messages/en.js';

type Vars = Record<string, string | number>;
/** Keys that come as `_one` / `_other` pairs, named without the suffix. */
type PluralKey = RestrictionKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** Each locale's messages of this part are a small chunk of their own, fetched when the part is first shown. */
const LOADERS: Record<Locale, () => Promise<RestrictionMessages>> = {
  en: () => import('./messages/en.js').then((m) => m.en),
  nl: () => import('./messages/nl.js').then((m) => m.nl),
  sv: () => import('./messages/sv.js').then((m) => m.sv),
  de: () => import('./messages/de.js').then((m) => m.de),
  fr: () => import('./messages/fr.js').then((m) => m.fr),
  es: () => import('./messages/es.js').then((m) => m.es),
};

export interface RestrictionText {
  locale: Locale;
  /** The message for `key` with `{name}` placeholders filled. */
  r(key: RestrictionKey, vars?: Vars): string;
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  rp(key: PluralKey, n: number, vars?: Vars): string;
  /** A list in the locale's words: "a, b and c". */
  list(items: readonly string[]): string;
}

export function restrictionText(locale: Locale, messages: RestrictionMessages): RestrictionText {
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

const RestrictionTextContext = createContext<RestrictionText | null>(null);

/** The restriction messages of the active locale (inside a part made with `withRestrictionText`). */
export function useRestrictionText(): RestrictionText {
  const text = useContext(RestrictionTextContext);
  if (!text) throw new Error('useRestrictionText outside withRestrictionText');
  return text;
}

/**
 * Loads the active locale's restriction messages (again when the language changes, keeping the part and its
 * state), then renders the part; nothing until the first messages arrive.
 */
export function withRestrictionText<P extends object>(Part: ComponentType<P>): ComponentType<P> {
  return function WithRestrictionText(props: P) {
    const { locale } = useI18n();
    const [text, setText] = useState<RestrictionText | null>(null);
    useEffect(() => {
      let live = true;
      LOADERS[locale]().then(
        (messages) => live && setText(restrictionText(locale, messages)),
        () => {}, // offline after the first load: the page goes on without this part
      );
      return () => {
        live = false;
      };
    }, [locale]);
    return text ? (
      <RestrictionTextContext.Provider value={text}>
        <Part {...props} />
      </RestrictionTextContext.Provider>
    ) : null;
  };
}
