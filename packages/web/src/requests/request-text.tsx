import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import { messageSet } from '../i18n/message-set.js';
import { type MessageText, messageText } from '../i18n/message-text.js';
import { useMessageSet } from '../i18n/use-message-set.js';
import type { en, RequestMessages } from './messages/en.js';

/** Each locale's messages of the request pages are a small chunk of their own, fetched with the first page. */
export const requestMessages = messageSet<RequestMessages>(
  'requests',
  import.meta.glob(['./messages/*.ts', '!./messages/*.test.ts'], { import: 'default' }),
);

export interface RequestText {
  /** The message for `key` with `{name}` placeholders filled. */
  q: MessageText<keyof typeof en>['t'];
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  qp: MessageText<keyof typeof en>['tp'];
}

export function requestText(locale: Locale, messages: RequestMessages): RequestText {
  const { t, tp } = messageText<keyof typeof en>(locale, messages);
  return { q: t, qp: tp };
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
    const { t } = useI18n();
    const set = useMessageSet(requestMessages);
    const text = useMemo(() => (set.state === 'ready' ? requestText(set.locale, set.messages) : null), [set]);
    if (!text)
      return set.state === 'failed' ? (
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
