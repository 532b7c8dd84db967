import { LINK_KEY_BYTES } from './constants.js';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { LinkError } from './errors.js';
import { isValidId, normaliseOrigin, parseUrl, type SecretLink, splitPath } from './link-codec.js';

// The links of "request a secret" (docs/encryption.md "Requests"): the request link `/q/{id}#{Q}` for the
// responder, the inbox link `/i/{id}#{S}` for the requester, and the request's receipt link `/rq/{receipt}`.
// A module of its own so that bundles place it with the request pages, not in every first load.

/** A link with a key in its fragment: its path segment, names for messages, and the shape shown in them. */
interface KeyedLinkKind {
  path: string;
  what: string;
  shape: string;
  notA: string;
  key: string;
}

const REQUEST_LINK: KeyedLinkKind = {
  path: 'q',
  what: 'request',
  shape: 'expected {origin}/q/{id}#{key}',
  notA: 'request link',
  key: 'request key',
};
const INBOX_LINK: KeyedLinkKind = {
  path: 'i',
  what: 'inbox',
  shape: 'expected {origin}/i/{id}#{key}',
  notA: 'inbox link',
  key: 'inbox key',
};
// The same rules as parseSecretLink and formatSecretLink (link-codec.ts), for /q/ and /i/: kept apart so that
// the secret link code in every first load does not grow for the request pages.
function formatKeyedLink(kind: KeyedLinkKind, origin: string, id: string, key: Uint8Array): string {
  if (!isValidId(id)) throw new LinkError(`${kind.what} id must be 22 base64url characters (16 bytes)`);
  if (!(key instanceof Uint8Array) || key.length !== LINK_KEY_BYTES) {
    throw new LinkError(`${kind.key} must be ${LINK_KEY_BYTES} bytes`);
  }
  return `${normaliseOrigin(origin)}/${kind.path}/${id}#${toBase64Url(key)}`;
}

function parseKeyedLink(kind: KeyedLinkKind, link: string): SecretLink {
  const { what, shape } = kind;
  const url = parseUrl(link, shape);
  const parts = splitPath(url.pathname, kind.path);
  if (parts === null) throw new LinkError(`not a burnlink ${kind.notA}: ${shape}`);
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

const RECEIPT_SHAPE = 'expected {origin}/rq/{receipt} or a bare receipt';

/**
 * `{origin}/q/{id}#{b64u(Q)}` — the request link, handed to whoever should answer the request.
 *
 * @example
 * ```ts
 * formatRequestLink('https://burnlink.example', id, requestKey); // 'https://burnlink.example/q/ID#KEY'
 * ```
 */
export function formatRequestLink(origin: string, id: string, requestKey: Uint8Array): string {
  return formatKeyedLink(REQUEST_LINK, origin, id, requestKey);
}

/**
 * Parse a request link `{origin}/q/{id}#{Q}`; `key` is the request key. Throws `LinkError` without the key.
 *
 * @example
 * ```ts
 * const { origin, id, key } = parseRequestLink('https://burnlink.example/q/ID#KEY');
 * ```
 */
export function parseRequestLink(link: string): SecretLink {
  return parseKeyedLink(REQUEST_LINK, link);
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
  return formatKeyedLink(INBOX_LINK, origin, id, inboxKey);
}

/**
 * Parse an inbox link `{origin}/i/{id}#{S}`; `key` is the inbox key. Throws `LinkError` without the key.
 *
 * @example
 * ```ts
 * const { origin, id, key } = parseInboxLink('https://burnlink.example/i/ID#KEY');
 * ```
 */
export function parseInboxLink(link: string): SecretLink {
  return parseKeyedLink(INBOX_LINK, link);
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
  if (typeof link === 'string' && isValidId(link.trim())) return { origin: null, receipt: link.trim() };
  const url = parseUrl(link, RECEIPT_SHAPE);
  const parts = splitPath(url.pathname, 'rq');
  if (parts === null) throw new LinkError(`not a burnlink request receipt link: ${RECEIPT_SHAPE}`);
  if (!isValidId(parts.value)) {
    throw new LinkError(`bad receipt in link: it must be 22 base64url characters; ${RECEIPT_SHAPE}`);
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
 * Which kind of burnlink link `link` looks like (`/s/`, `/r/`, `/q/`, `/i/` or `/rq/` before the last path
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
