import { fromBase64Url, isValidId, LINK_KEY_BYTES } from '@burnlink/core';

export type TakenKey = { ok: true; key: Uint8Array } | { ok: false; reason: 'missing' | 'bad' };

const taken = new Map<string, TakenKey>();

/**
 * Reads the link key from the address bar's `#fragment` and removes it at once with `history.replaceState`, so
 * it is neither left in the address bar nor in the history. The key lives only in this module's memory (never
 * in the DOM or storage) and is forgotten with `forgetLinkKey` after the reveal. Repeated calls for the same
 * secret return the key taken the first time.
 */
export function takeLinkKey(id: string): TakenKey {
  const known = taken.get(id);
  if (known) return known;
  const fragment = location.hash.slice(1);
  if (fragment) history.replaceState(history.state, '', location.pathname + location.search);
  let result: TakenKey = { ok: false, reason: 'missing' };
  if (fragment) {
    try {
      const key = fromBase64Url(fragment);
      result =
        key.length === LINK_KEY_BYTES && isValidId(id) ? { ok: true, key } : { ok: false, reason: 'bad' };
    } catch {
      result = { ok: false, reason: 'bad' };
    }
  }
  taken.set(id, result);
  return result;
}

export function forgetLinkKey(id: string): void {
  const known = taken.get(id);
  if (known?.ok) known.key.fill(0);
  taken.set(id, { ok: false, reason: 'missing' });
}
