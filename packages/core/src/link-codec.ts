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

function normaliseOrigin(origin: string): string {
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

/** The links that carry a key in their fragment: secret `/s/`, request `/q/`, inbox `/i/`. */
type KeyedKind = 's' | 'q' | 'i';
const KEYED: Record<KeyedKind, { what: string; shape: string }> = {
  s: { what: 'secret', shape: LINK_SHAPE },
  q: { what: 'request', shape: 'expected {origin}/q/{id}#{key}' },
  i: { what: 'inbox', shape: 'expected {origin}/i/{id}#{key}' },
};

function formatKeyedLink(kind: KeyedKind, origin: string, id: string, key: Uint8Array): string {
  const { what } = KEYED[kind];
  if (!isValidId(id)) throw new LinkError(`${what} id must be 22 base64url characters (16 bytes)`);
  if (!(key instanceof Uint8Array) || key.length !== LINK_KEY_BYTES) {
    throw new LinkError(`${what} key must be ${LINK_KEY_BYTES} bytes`);
  }
  return `${normaliseOrigin(origin)}/${kind}/${id}#${toBase64Url(key)}`;
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
  return formatKeyedLink('s', origin, id, key);
}

/**
 * `{origin}/q/{id}#{b64u(Q)}` — the request link, handed to whoever should answer the request.
 *
 * @example
 * ```ts
 * formatRequestLink('https://burnlink.example', id, requestKey); // 'https://burnlink.example/q/ID#KEY'
 * ```
 */
export function formatRequestLink(origin: string, id: string, requestKey: Uint8Array): string {
  return formatKeyedLink('q', origin, id, requestKey);
}

/**
 * `{origin}/i/{id}#{b64u(S)}` — the inbox link, kept by the requester: it reads the response.
 *
 * @example
 * ```ts
 * formatInboxLink('https://burnlink.example', id, inboxKey); // 'https://burnlink.example/i/ID#KEY'
 * ```
 */
export function formatInboxLink(origin: string, id: string, inboxKey: Uint8Array): string {
  return formatKeyedLink('i', origin, id, inboxKey);
}

function parseUrl(link: unknown, shape: string): URL {
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
function splitPath(pathname: string, kind: KeyedKind | 'r' | 'rq'): { prefix: string; value: string } | null {
  const match = new RegExp(`^(.*)/${kind}/([^/]+)/?$`).exec(pathname);
  if (match === null) return null;
  return { prefix: match[1]!, value: match[2]! };
}

function parseKeyedLink(kind: KeyedKind, link: string): SecretLink {
  const { what, shape } = KEYED[kind];
  const url = parseUrl(link, shape);
  const parts = splitPath(url.pathname, kind);
  if (parts === null) throw new LinkError(`not a burnlink ${kind === 's' ? '' : `${what} `}link: ${shape}`);
  if (!isValidId(parts.value)) {
    throw new LinkError(`bad ${what} id in link: it must be 22 base64url characters; ${shape}`);
  }
  const fragment = url.hash.replace(/^#/, '');
  if (fragment === '') {
    throw new LinkError(`the link has no key (the part after #); copy the whole link: ${shape}`);
  }
  let key: Uint8Array;
  try {
    key = fromBase64Url(fragment);
  } catch {
    throw new LinkError(`the key in the link (after #) is not valid base64url; ${shape}`);
  }
  if (key.length !== LINK_KEY_BYTES) {
    throw new LinkError(
      `the key in the link (after #) must be ${LINK_KEY_BYTES} bytes; was the link cut off?`,
    );
  }
  return { origin: `${url.origin}${parts.prefix}`, id: parts.value, key };
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
  return parseKeyedLink('s', link);
}

/**
 * Parse a request link `{origin}/q/{id}#{Q}`; `key` is the request key. Throws `LinkError`.
 *
 * @example
 * ```ts
 * const { origin, id, key } = parseRequestLink('https://burnlink.example/q/ID#KEY');
 * ```
 */
export function parseRequestLink(link: string): SecretLink {
  return parseKeyedLink('q', link);
}

/**
 * Parse an inbox link `{origin}/i/{id}#{S}`; `key` is the inbox key. Throws `LinkError`.
 *
 * @example
 * ```ts
 * const { origin, id, key } = parseInboxLink('https://burnlink.example/i/ID#KEY');
 * ```
 */
export function parseInboxLink(link: string): SecretLink {
  return parseKeyedLink('i', link);
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

/**
 * `{origin}/rq/{receipt}` — the requester's status page of a request.
 *
 * @example
 * ```ts
 * formatRequestReceiptLink('https://burnlink.example', receipt); // 'https://burnlink.example/rq/RECEIPT'
 * ```
 */
export function formatRequestReceiptLink(origin: string, receipt: string): string {
  if (!isValidId(receipt)) throw new LinkError('receipt must be 22 base64url characters (16 bytes)');
  return `${normaliseOrigin(origin)}/rq/${receipt}`;
}

/**
 * Parse a request receipt link `{origin}/rq/{receipt}`, or a bare receipt (then `origin` is null).
 *
 * @example
 * ```ts
 * const { origin, receipt } = parseRequestReceiptLink('https://burnlink.example/rq/RECEIPT');
 * ```
 */
export function parseRequestReceiptLink(link: string): { origin: string | null; receipt: string } {
  const shape = 'expected {origin}/rq/{receipt} or a bare receipt';
  if (typeof link === 'string' && isValidId(link.trim())) return { origin: null, receipt: link.trim() };
  const url = parseUrl(link, shape);
  const parts = splitPath(url.pathname, 'rq');
  if (parts === null) throw new LinkError(`not a burnlink request receipt link: ${shape}`);
  if (!isValidId(parts.value)) {
    throw new LinkError(`bad receipt in link: it must be 22 base64url characters; ${shape}`);
  }
  return { origin: `${url.origin}${parts.prefix}`, receipt: parts.value };
}

/** What a burnlink link is, by its path: see {@link linkKind}. */
export type LinkKind = 'secret' | 'receipt' | 'request' | 'inbox' | 'request-receipt';

const KINDS: Record<string, LinkKind> = {
  s: 'secret',
  r: 'receipt',
  q: 'request',
  i: 'inbox',
  rq: 'request-receipt',
};

/**
 * Which kind of burnlink link `link` looks like (`/s/`, `/r/`, `/q/`, `/i/`, `/rq/` before the last path
 * segment), or null. Says nothing about whether it is well formed: parse it with the matching function.
 *
 * @example
 * ```ts
 * if (linkKind(arg) === 'inbox') await client.readResponse(arg);
 * ```
 */
export function linkKind(link: string): LinkKind | null {
  let url: URL;
  try {
    url = new URL(String(link).trim());
  } catch {
    return null;
  }
  const match = /\/(s|r|q|i|rq)\/[^/]+\/?$/.exec(url.pathname);
  return match === null ? null : KINDS[match[1]!]!;
}
