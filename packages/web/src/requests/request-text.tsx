import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { RequestKey, RequestMessages } from './messages/en.js';

type Vars = Record<string, string | number>;
/** Keys that come as `_one` / `_other` pairs, named without the suffix. */
type PluralKey = RequestKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** Each locale's messages of the request pages are a small chunk of their own, fetched with the first one. */
const LOADERS: Record<Locale, () => Promise<RequestMessages>> = {
  en: () => import('./messages/en.js').then((m) => m.en),
  nl: () => import('./messages/nl.js').then((m) => m.nl),
  sv: () => import('./messages/sv.js').then((m) => m.sv),
  de: () => import('./messages/de.js').then((m) => m.de),
  fr: () => import('./messages/fr.js').then((m) => m.fr),
  es: () => import('./messages/es.js').then((m) => m.es),
  ar: () => import('./messages/ar.js').then((m) => m.ar),
  he: () => import('./messages/he.js').then((m) => m.he),
  tr: () => import('./messages/tr.js').then((m) => m.tr),
};

export interface RequestText {
  /** The message for `key` with `{name}` placeholders filled. */
  q(key: RequestKey, vars?: Vars): string;
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  qp(key: PluralKey, n: number, vars?: Vars): string;
}

export function requestText(locale: Locale, messages: RequestMessages): RequestText {
  const number = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  // Plural forms are the locale's own categories (`_zero` … `_other`), so not every key is in every locale.
  const all: Partial<Record<string, string>> = messages;
  const fill = (text: string, vars?: Vars) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      return value === undefined ? whole : typeof value === 'number' ? number.format(value) : value;
    });
  return {
    q: (key, vars) => fill(all[key] ?? '', vars),
    qp: (key, n, vars) =>
      fill(all[`${key}_${plural.select(n)}`] ?? all[`${key}_other`] ?? '', { n, ...vars }),
  };
}

const RequestTextContext = createContext<RequestText | null>(null);

/** The request pages' messages of the active locale (inside a page made with `withRequestText`). */
export function useRequestText(): RequestText {
  const text = useContext(RequestTextContext);
  if (!text) throw new Error('useRequestText outside withRequestText');
  return text;
}

/**
 * Loads the active locale's request messages (again when the language changes, keeping the page and its state:
 * a key taken from the address bar must not be lost), then renders the page; "Loading…" until the first arrive.
 */
export function withRequestText<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  return function WithRequestText(props: P) {
    const { t, locale } = useI18n();
    const [text, setText] = useState<RequestText | null>(null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      let live = true;
      setFailed(false);
      LOADERS[locale]().then(
        (messages) => live && setText(requestText(locale, messages)),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [locale]);
    if (!text)
      return failed ? (
        <p class="notice notice-error" role="alert">
          {t('errNetwork')}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      );
    return (
      <RequestTextContext.Provider value={text}>
        <Page {...props} />
      </RequestTextContext.Provider>
    );
  };
}
