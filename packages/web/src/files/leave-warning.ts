import { useEffect } from 'preact/hooks';

/**
 * Asks the browser to confirm leaving the page while `active` (an upload running, files not yet downloaded:
 * the download grant cannot be recovered after the page is gone). Browsers show their own wording.
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium versions need returnValue set as well.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}
