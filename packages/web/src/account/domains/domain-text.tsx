import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import type { Locale } from '../../i18n/locales.js';
import { messageSet } from '../../i18n/message-set.js';
import { type MessageText, messageText } from '../../i18n/message-text.js';
import { useMessageSet } from '../../i18n/use-message-set.js';
import type { DomainMessages, en } from './messages/en.js';

/** Each locale's messages of the domains page are a small chunk of their own, fetched when that page opens. */
export const domainMessages = messageSet<DomainMessages>(
  'account/domains',
  import.meta.glob(['./messages/*.ts', '!./messages/*.test.ts'], { import: 'default' }),
);

export interface DomainText {
  /** The message for `key` with `{name}` placeholders filled. */
  d: MessageText<keyof typeof en>['t'];
}

export function domainText(locale: Locale, messages: DomainMessages): DomainText {
  return { d: messageText<keyof typeof en>(locale, messages).t };
}

const DomainTextContext = createContext<DomainText | null>(null);

/** The domains page's messages of the active locale (inside a page made with `withDomainText`). */
export function useDomainText(): DomainText {
  const text = useContext(DomainTextContext);
  if (!text) throw new Error('useDomainText outside withDomainText');
  return text;
}

/** Loads the active locale's domain messages (again when the language changes), then renders the page. */
export function withDomainText<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  return function WithDomainText(props: P) {
    const { t } = useI18n();
    const set = useMessageSet(domainMessages);
    const text = useMemo(() => (set.state === 'ready' ? domainText(set.locale, set.messages) : null), [set]);
    if (!text)
      return set.state === 'failed' ? (
        <p class="notice notice-error" role="alert">
          {t('errNetwork')}
        </p>
      ) : (
        <p role="status">{t('loading')}</p>
      );
    return (
      <DomainTextContext.Provider value={text}>
        <Page {...props} />
      </DomainTextContext.Provider>
    );
  };
}
