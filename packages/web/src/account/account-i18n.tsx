import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import { messageSet } from '../i18n/message-set.js';
import { type MessageText, messageText } from '../i18n/message-text.js';
import type { PluralBase } from '../i18n/plural.js';
import { useMessageSet } from '../i18n/use-message-set.js';
import type { AccountMessages, en } from './messages/en.js';

/** Account message keys that come as plural forms, named without the suffix. */
export type AccountPluralKey = PluralBase<keyof typeof en>;

/** Each locale's account messages are a chunk of their own, fetched with the first account page shown. */
export const accountMessages = messageSet<AccountMessages>(
  'account',
  import.meta.glob(['./messages/*.ts', '!./messages/*.test.ts'], { import: 'default' }),
);

export interface AccountText {
  /** The account message for `key` with `{name}` placeholders filled. */
  a: MessageText<keyof typeof en>['t'];
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  ap: MessageText<keyof typeof en>['tp'];
}

export function accountText(locale: Locale, messages: AccountMessages): AccountText {
  const { t, tp } = messageText<keyof typeof en>(locale, messages);
  return { a: t, ap: tp };
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
    const { t } = useI18n();
    const set = useMessageSet(accountMessages);
    const text = useMemo(() => (set.state === 'ready' ? accountText(set.locale, set.messages) : null), [set]);
    if (!text)
      return quiet ? null : set.state === 'failed' ? (
        <p class="notice notice-error" role="alert">
          {t('errNetwork')}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      );
    return (
      <AccountTextContext.Provider value={text}>
        <Page {...props} />
      </AccountTextContext.Provider>
    );
  };
}
