import { createClient, type Failure, type RevealedSecret, type SentSecret } from '@burnlink/client';
import { fileSourceFromBlob, type TransferProgress } from '@burnlink/client/files';
import { formatSecretLink, type SecretContext } from '@burnlink/core';

/**
 * The file-transfer side of the web app, loaded lazily (dynamic `import()`) so that the first load stays
 * small: the SDK (`@burnlink/client`) does the protocol work — encrypt while reading a `File`, tus upload
 * with resume, download with Range resume, decrypt while writing. Same origin only, no credentials.
 */

const client = createClient({
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

export interface SendFilesInput {
  text: string;
  context: SecretContext;
  ttl: number;
  maxViews: number;
  passphrase: string;
  iterations: number;
  files: File[];
  onProgress: (progress: TransferProgress) => void;
  signal: AbortSignal;
}

/** Encrypts and uploads the secret with its files; a cancelled or failed upload deletes the unfinished secret. */
export function sendFiles(input: SendFilesInput): Promise<SentSecret | Failure> {
  return client.send({
    text: input.text,
    context: input.context,
    ttl: input.ttl,
    maxViews: input.maxViews,
    ...(input.passphrase ? { passphrase: input.passphrase, iterations: input.iterations } : {}),
    files: input.files.map((file) => fileSourceFromBlob(file)),
    onProgress: input.onProgress,
    signal: input.signal,
  });
}

/**
 * Claims a secret that carries files. The key stays in this page: the link handed to the SDK is built here
 * and never leaves (the SDK sends only the derived token).
 */
export function revealFiles(
  id: string,
  linkKey: Uint8Array,
  passphrase: string,
): Promise<RevealedSecret | Failure> {
  const link = formatSecretLink(location.origin, id, linkKey);
  return client.reveal(link, passphrase ? { passphrase } : {});
}
