import { ID_BYTES, LINK_KEY_BYTES } from './constants.js';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { LinkError } from './errors.js';

/** A parsed secret link. `origin` may include a path prefix when burnlink is served under one. */
export interface SecretLink {
  origin: string;
  id: string;
  key: Uint8Array;
}

const LINK_SHAPE = 'expected {origin}/s/{id}#{key}';
const RECEIPT_SHAPE = 'expected {origin}/r/{receipt} or a bare receipt';
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * True when `text` is a canonical b64u encoding of 16 bytes (22 characters), the shape of ids and receipts.
 *
 * @example
 * ```ts
 * isValidId('AAAAAAAAAAAAAAAAAAAAAA'); // true
 * ```
 */
export function isValidId(text: string): boolean {
  if (typeof text !== 'string' || !ID_PATTERN.test(text)) return false;
  try {
    return fromBase64Url(text).length === ID_BYTES;
  } catch {
    return false;
  }
}

/** `origin` as an absolute http(s) URL without a trailing slash (path prefix kept); throws `LinkError`. */
export function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin.trim());
  } catch {
    throw new LinkError('origin must be an absolute http(s) URL such as https://burnlink.example');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LinkError('origin must use http or https');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * `{origin}/s/{id}#{b64u(key)}` — the key sits in the fragment, which browsers never send to the server.
 *
 * @example
 * ```ts
 * formatSecretLink('https://burnlink.example', id, linkKey); // 'https://burnlink.example/s/ID#KEY'
 * ```
 */
export function formatSecretLink(origin: string, id: string, key: Uint8Array): string {
  if (!isValidId(id)) throw new LinkError('secret id must be 22 base64url characters (16 bytes)');
  if (!(key instanceof Uint8Array) || key.length !== LINK_KEY_BYTES) {
    throw new LinkError(`link key must be ${LINK_KEY_BYTES} bytes`);
  }
  return `${normaliseOrigin(origin)}/s/${id}#${toBase64Url(key)}`;
}

/** `link` as an http(s) URL; throws `LinkError` naming `shape`. */
export function parseUrl(link: unknown, shape: string): URL {
  if (typeof link !== 'string') throw new LinkError(`not a burnlink link: ${shape}`);
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new LinkError(`not a burnlink link: ${shape}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LinkError(`not a burnlink link (only http and https): ${shape}`);
  }
  return url;
}

/** Splits `/prefix/{kind}/{value}` (optional trailing slash) into prefix and value. */
export function splitPath(pathname: string, kind: string): { prefix: string; value: string } | null {
  const match = new RegExp(`^(.*)/${kind}/([^/]+)/?$`).exec(pathname);
  if (match === null) return null;
  return { prefix: match[1]!, value: match[2]! };
}

/**
 * Parse `{origin}/s/{id}#{key}` (surrounding whitespace and a trailing slash after the id are accepted).
 * Throws `LinkError` saying what is wrong; the message never contains the key.
 *
 * @example
 * ```ts
 * const { origin, id, key } = parseSecretLink('https://burnlink.example/s/ID#KEY');
 * ```
 */
export function parseSecretLink(link: string): SecretLink {
  const url = parseUrl(link, LINK_SHAPE);
  const parts = splitPath(url.pathname, 's');
  if (parts === null) throw new LinkError(`not a burnlink link: ${LINK_SHAPE}`);
  if (!isValidId(parts.value)) {
    throw new LinkError(`bad secret id in link: it must be 22 base64url characters; ${LINK_SHAPE}`);
  }
  const fragment = url.hash.replace(/^#/, '');
  if (fragment === '') {
    throw new LinkError(`the link has no key (the part after #); copy the whole link: ${LINK_SHAPE}`);
  }
  let key: Uint8Array;
  try {
    key = fromBase64Url(fragment);
  } catch {
    throw new LinkError(`the key in the link (after #) is not valid base64url; ${LINK_SHAPE}`);
  }
  if (key.length !== LINK_KEY_BYTES) {
    throw new LinkError(
      `the key in the link (after #) must be ${LINK_KEY_BYTES} bytes; was the link cut off?`,
    );
  }
  return { origin: `${url.origin}${parts.prefix}`, id: parts.value, key };
}

/**
 * `{origin}/r/{receipt}` — the sender's status page.
 *
 * @example
 * ```ts
 * formatReceiptLink('https://burnlink.example', receipt); // 'https://burnlink.example/r/RECEIPT'
 * ```
 */
export function formatReceiptLink(origin: string, receipt: string): string {
  if (!isValidId(receipt)) throw new LinkError('receipt must be 22 base64url characters (16 bytes)');
  return `${normaliseOrigin(origin)}/r/${receipt}`;
}

/**
 * Parse a receipt link, or a bare receipt (then `origin` is null). Throws `LinkError`.
 *
 * @example
 * ```ts
 * const { origin, receipt } = parseReceiptLink(process.argv[2]);
 * ```
 */
export function parseReceiptLink(link: string): { origin: string | null; receipt: string } {
  if (typeof link === 'string' && isValidId(link.trim())) return { origin: null, receipt: link.trim() };
  const url = parseUrl(link, RECEIPT_SHAPE);
  const parts = splitPath(url.pathname, 'r');
  if (parts === null) throw new LinkError(`not a burnlink receipt link: ${RECEIPT_SHAPE}`);
  if (!isValidId(parts.value)) {
    throw new LinkError(`bad receipt in link: it must be 22 base64url characters; ${RECEIPT_SHAPE}`);
  }
  return { origin: `${url.origin}${parts.prefix}`, receipt: parts.value };
}
