import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { AccountKey, AccountMessages } from './messages/en.js';

type Vars = Record<string, string | number>;
/** Account message keys that come as `_one` / `_other` pairs, named without the suffix. */
export type AccountPluralKey = AccountKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** Each locale's account messages are a chunk of their own, fetched with the first account page shown. */
const LOADERS: Record<Locale, () => Promise<AccountMessages>> = {
  en: () => import('./messages/en.js').then((m) => m.en),
  nl: () => import('./messages/nl.js').then((m) => m.nl),
  sv: () => import('./messages/sv.js').then((m) => m.sv),
  de: () => import('./messages/de.js').then((m) => m.de),
  fr: () => import('./messages/fr.js').then((m) => m.fr),
  es: () => import('./messages/es.js').then((m) => m.es),
};

export interface AccountText {
  /** The account message for `key` with `{name}` placeholders filled. */
  a(key: AccountKey, vars?: Vars): string;
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  ap(key: AccountPluralKey, n: number, vars?: Vars): string;
}

export function accountText(locale: Locale, messages: AccountMessages): AccountText {
  const number = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  const fill = (text: string, vars?: Vars) =>
    vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = vars[name];
          return value === undefined ? whole : typeof value === 'number' ? number.format(value) : value;
        })
      : text;
  return {
    a: (key, vars) => fill(messages[key], vars),
    ap: (key, n, vars) =>
      fill(messages[`${key}_${plural.select(n) === 'one' ? 'one' : 'other'}` as AccountKey], { n, ...vars }),
  };
}

const AccountTextContext = createContext<AccountText | null>(null);

/** The account messages of the active locale (inside a page made with `withAccountText`). */
export function useAccountText(): AccountText {
  const text = useContext(AccountTextContext);
  if (!text) throw new Error('useAccountText outside withAccountText');
  return text;
}

/**
 * Loads the active locale's account messages (again when the language changes), then renders the page. A
 * `quiet` part of another page shows nothing until then (no "Loading…").
 */
export function withAccountText<P extends object>(Page: ComponentType<P>, quiet = false): ComponentType<P> {
  return function WithAccountText(props: P) {
    const { t, locale } = useI18n();
    const [loaded, setLoaded] = useState<{ locale: Locale; text: AccountText } | null>(null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      let live = true;
      setFailed(false);
      LOADERS[locale]().then(
        (messages) => live && setLoaded({ locale, text: accountText(locale, messages) }),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [locale]);
    if (!loaded)
      return quiet ? null : failed ? (
        <p class="notice notice-error" role="alert">
          {t('errNetwork')}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      );
    return (
      <AccountTextContext.Provider value={loaded.text}>
        <Page {...props} />
      </AccountTextContext.Provider>
    );
  };
}
