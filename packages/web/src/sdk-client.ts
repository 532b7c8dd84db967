import { createClient, type FetchLike } from '@burnlink/client';
import { sessionFor } from './session-cookie.js';

/**
 * Every request of the app, on this origin, never with a cached answer. The session cookie, its `X-CSRF-Token`
 * and a same-origin referrer go only where `sessionFor` says (the account API, create, list and burn by id): a
 * recipient's peek, claim and downloads carry none of them, and no referrer.
 */
export const webFetch: FetchLike = (input, init) => {
  const session = sessionFor(init?.method ?? 'GET', input, document.cookie);
  const headers = new Headers(init?.headers);
  for (const [name, value] of Object.entries(session.headers)) headers.set(name, value);
  return fetch(input, {
    ...init,
    headers,
    // Upload chunks go as a Blob: Chromium then keeps the bytes out of its devtools protocol, which
    // otherwise copies every request body as base64 — ten times slower whenever devtools or a test
    // driver listens (measured: 1 GiB in 141 s as bytes, 11 s as a Blob, under Playwright).
    ...(init?.body instanceof Uint8Array ? { body: new Blob([init.body as Uint8Array<ArrayBuffer>]) } : {}),
    credentials: session.credentials,
    referrerPolicy: session.referrerPolicy,
    cache: 'no-store',
  });
};

/**
 * The one way the web app talks to the server about secrets: the SDK (`@burnlink/client`) over `webFetch`.
 * Every page sends, peeks, reveals, reads receipts, burns and reads the config through it, so the browser
 * speaks the same protocol code as the CLI. (The account pages' JSON calls go through `account/account-api.ts`,
 * over the same `webFetch`, loaded with those pages.)
 *
 * @example
 * const info = await client.peek(id);
 * if (!info.ok && info.reason === 'not_found') showGone();
 */
export const client = createClient({ baseUrl: location.origin, fetch: webFetch });

/**
 * Whether this page can encrypt: Web Crypto (`crypto.subtle`) exists only in secure contexts (HTTPS or
 * localhost). Checked before anything is sent, so that nothing is created or consumed in vain.
 */
export const canEncrypt = (): boolean => Boolean(globalThis.crypto?.subtle);

/**
 * The answer of `GET /api/v1/branding` (this origin's branding, read by `branding.ts`), or null when there is
 * none to read: any failure — an older server's 404, the network, no answer within `timeoutMs` — means the
 * page is shown unbranded rather than not at all. No session, no referrer (`session-cookie.ts`).
 */
export async function fetchHostBranding(timeoutMs = 4000): Promise<unknown> {
  try {
    const response = await webFetch(`${location.origin}/api/v1/branding`, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}
