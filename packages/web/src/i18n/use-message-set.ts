import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n.js';
import type { Locale } from './locales.js';
import type { MessageSet } from './message-set.js';

export type SetState<M> =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'ready'; locale: Locale; messages: M };

/**
 * The active locale's messages of a lazily loaded set (again when the language changes, keeping the last ones
 * shown meanwhile). Already loaded messages are there on the first render.
 */
export function useMessageSet<M>(set: MessageSet<M>): SetState<M> {
  const { locale } = useI18n();
  const ready = (messages: M | undefined): SetState<M> | undefined =>
    messages === undefined ? undefined : { state: 'ready', locale, messages };
  const [state, setState] = useState<SetState<M>>(() => ready(set.peek(locale)) ?? { state: 'loading' });
  useEffect(() => {
    let live = true;
    set.load(locale).then(
      (messages) => live && setState({ state: 'ready', locale, messages }),
      () => live && setState((before) => (before.state === 'ready' ? before : { state: 'failed' })),
    );
    return () => {
      live = false;
    };
  }, [set, locale]);
  return state;
}
