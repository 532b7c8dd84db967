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

/** "Page · burnlink" in the tab and history, so screen-reader users hear which page they are on. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · burnlink`;
  }, [title]);
}
