import type { ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { intlLocale, type Locale } from '../i18n/locales.js';
import { messageSet } from '../i18n/message-set.js';
import { type MessageText, messageText } from '../i18n/message-text.js';
import { useMessageSet } from '../i18n/use-message-set.js';
import type { en, RestrictionMessages } from './messages/en.js';

/** Each locale's messages of this part are a small chunk of their own, fetched when the part is first shown. */
export const restrictionMessages = messageSet<RestrictionMessages>(
  'restrictions',
  import.meta.glob(['./messages/*.ts', '!./messages/*.test.ts'], { import: 'default' }),
);

export interface RestrictionText {
  locale: Locale;
  /** The message for `key` with `{name}` placeholders filled. */
  r: MessageText<keyof typeof en>['t'];
  /** The plural form of `key` for `n` (`{n}` is filled with `n`). */
  rp: MessageText<keyof typeof en>['tp'];
  /** A list in the locale's words: "a, b and c". */
  list(items: readonly string[]): string;
}

export function restrictionText(locale: Locale, messages: RestrictionMessages): RestrictionText {
  const { t, tp } = messageText<keyof typeof en>(locale, messages);
  const conjunction = new Intl.ListFormat(intlLocale(locale), { type: 'conjunction' });
  return { locale, r: t, rp: tp, list: (items) => conjunction.format(items) };
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
    // Offline after the first load: the page goes on without this part.
    const set = useMessageSet(restrictionMessages);
    const text = useMemo(
      () => (set.state === 'ready' ? restrictionText(set.locale, set.messages) : null),
      [set],
    );
    return text ? (
      <RestrictionTextContext.Provider value={text}>
        <Part {...props} />
      </RestrictionTextContext.Provider>
    ) : null;
  };
}
