import { createClient } from '@burnlink/client';

/**
 * The one way the web app talks to the server: the SDK (`@burnlink/client`), on this origin, never with
 * credentials, a referrer or a cached answer. Every page sends, peeks, reveals, reads receipts, burns and reads
 * the config through it, so the browser speaks the same protocol code as the CLI.
 *
 * @example
 * const info = await client.peek(id);
 * if (!info.ok && info.reason === 'not_found') showGone();
 */
export const client = createClient({
  baseUrl: location.origin,
  fetch: (input, init) =>
    fetch(input, {
      ...init,
      // Upload chunks go as a Blob: Chromium then keeps the bytes out of its devtools protocol, which
      // otherwise copies every request body as base64 — ten times slower whenever devtools or a test
      // driver listens (measured: 1 GiB in 141 s as bytes, 11 s as a Blob, under Playwright).
      ...(init?.body instanceof Uint8Array ? { body: new Blob([init.body as Uint8Array<ArrayBuffer>]) } : {}),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    }),
});

/**
 * Whether this page can encrypt: Web Crypto (`crypto.subtle`) exists only in secure contexts (HTTPS or
 * localhost). Checked before anything is sent, so that nothing is created or consumed in vain.
 */
export const canEncrypt = (): boolean => Boolean(globalThis.crypto?.subtle);
