/** How long a copied secret may stay on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 30_000;

/**
 * Copies `text`. With `clearAfterMs`, empties the clipboard after that delay if it still holds `text`, so a
 * secret does not linger there. When the page cannot read the clipboard (permission refused) it clears it
 * anyway: losing something copied in the meantime is the lesser harm than leaving a secret behind. Writing
 * needs a focused document, so a clear that comes due in the background waits for the page's next focus.
 */
export async function copyText(text: string, clearAfterMs?: number): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return false;
  }
  if (clearAfterMs !== undefined) setTimeout(() => void clearIfStill(text), clearAfterMs);
  return true;
}

async function clearIfStill(text: string): Promise<void> {
  if (!document.hasFocus()) {
    window.addEventListener('focus', () => void clearIfStill(text), { once: true });
    return;
  }
  let current: string | null = null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    current = null;
  }
  if (current === null || current === text) {
    await navigator.clipboard.writeText('').catch(() => undefined);
  }
}
