import { useEffect, useState } from 'preact/hooks';

/** The current time, updated every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Moves focus to the element (a page heading with tabindex=-1) when `key` changes, for keyboard users. */
export function useFocusOnChange(ref: { current: HTMLElement | null }, key: unknown): void {
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
}

let siteName = 'burnlink';

/** The name after each page's title: an organisation's own on its custom domain (`main.tsx`), else burnlink. */
export function setSiteName(name: string): void {
  siteName = name;
}

/** "Page · burnlink" in the tab and history, so screen-reader users hear which page they are on. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${siteName}`;
  }, [title]);
}

/**
 * A module loaded lazily (its own chunk, outside the first load) once `wanted` turns true; null until it
 * arrives, and if it cannot load (offline after the first load) the page goes on without it.
 */
export function useLazy<T>(load: () => Promise<T>, wanted = true): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (wanted && !loaded)
      load().then(
        (module) => setLoaded(() => module),
        () => {},
      );
  }, [wanted]);
  return loaded;
}

/**
 * The account pages' lazy chunk (`account/account-pages.ts`): the account pages, the create page's account line
 * and restrictions, the reveal page's verification step. One chunk (docs/web.md): a second lazy chunk using
 * preact's hooks would move preact out of the first load's chunk.
 */
export const loadAccountChunk = () => import('./account/account-pages.js');
