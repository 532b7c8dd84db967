import type { RequestState } from '@burnlink/wire';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { useRequestText } from './request-text.js';

/** How often an open request's inbox and receipt ask the server again. */
export const REFRESH_MS = 5000;

/** A request page's section with its `h1`, which takes focus when it first shows (or when `focus` says). */
export function PageHeading({
  title,
  children,
  focus = true,
}: {
  title: string;
  children: ComponentChildren;
  focus?: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [title]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** Opening the link again in this tab only changes the fragment (no page load): start over like a fresh visit. */
export function useReloadOnNewFragment(): void {
  useEffect(() => {
    const onHashChange = () => location.hash.length > 1 && location.reload();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}

/** Calls `refresh` every few seconds while `open` and the tab is visible (the receipt page does the same). */
export function usePolling(open: boolean, refresh: () => void): void {
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [open]);
}

/** Whether a request can still change by itself (an answer arriving, being read, expiring). */
export const isOpen = (state: RequestState): boolean => state === 'waiting' || state === 'answered';

export interface RequestTimes {
  state: RequestState;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  readAt: string | null;
  endedAt: string | null;
}

/** The request's state (a polite live region: it changes while the page polls) and its times. */
export function RequestFacts({ times }: { times: RequestTimes }) {
  const { date } = useI18n();
  const { q } = useRequestText();
  const rows: [Parameters<typeof q>[0], string | null][] = [
    ['createdAt', times.createdAt],
    ['expiresAt', times.state === 'waiting' ? times.expiresAt : null],
    ['answeredAt', times.answeredAt],
    ['readAt', times.readAt],
    ['endedAt', times.endedAt],
  ];
  return (
    <dl class="facts">
      <div>
        <dt>{q('stateLabel')}</dt>
        <dd>
          <strong class={`state state-${times.state}`} data-state={times.state} aria-live="polite">
            {q(`state_${times.state}`)}
          </strong>
        </dd>
      </div>
      {rows.map(([label, at]) =>
        at ? (
          <div key={label}>
            <dt>{q(label)}</dt>
            <dd>
              <time dateTime={at}>{date(at)}</time>
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
