import { describe, expect, it } from 'vitest';
import { randomBytes, toBase64Url } from './encoding.js';
import { LinkError } from './errors.js';
import {
  formatReceiptLink,
  formatSecretLink,
  isValidId,
  parseReceiptLink,
  parseSecretLink,
} from './link-codec.js';
import {
  formatInboxLink,
  formatRequestLink,
  formatRequestReceiptLink,
  linkKind,
  parseInboxLink,
  parseRequestLink,
  parseRequestReceiptLink,
} from './request-link-codec.js';

const id = toBase64Url(randomBytes(16));
const key = randomBytes(32);
const keyText = toBase64Url(key);

describe('isValidId', () => {
  it('accepts exactly the canonical b64u form of 16 bytes', () => {
    expect(isValidId(id)).toBe(true);
    expect(isValidId('AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    expect(isValidId('AAAAAAAAAAAAAAAAAAAAAB')).toBe(false); // non-zero trailing bits
    expect(isValidId(id.slice(1))).toBe(false);
    expect(isValidId(`${id}A`)).toBe(false);
    expect(isValidId('AAAAAAAAAAAAAAAAAAAA+A')).toBe(false);
    expect(isValidId(5 as unknown as string)).toBe(false);
  });
});

describe('secret links', () => {
  it('format and parse round-trip, with or without a path prefix', () => {
    for (const origin of ['https://burnlink.example', 'http://127.0.0.1:8080', 'https://example.com/burn']) {
      const link = formatSecretLink(`${origin}/`, id, key);
      expect(link).toBe(`${origin}/s/${id}#${keyText}`);
      expect(parseSecretLink(link)).toEqual({ origin, id, key });
    }
  });

  it('accepts surrounding whitespace and a trailing slash after the id; ignores a query', () => {
    expect(parseSecretLink(`  https://b.example/s/${id}/#${keyText}\n`)).toEqual({
      origin: 'https://b.example',
      id,
      key,
    });
    expect(parseSecretLink(`https://b.example/s/${id}?utm=x#${keyText}`).id).toBe(id);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['not a URL', 'hello', /not a burnlink link: expected \{origin\}\/s\/\{id\}#\{key\}/],
    ['another scheme', `ftp://b.example/s/${id}#${keyText}`, /only http and https/],
    ['javascript scheme', `javascript:alert(1)//s/${id}#${keyText}`, /only http and https/],
    ['a receipt link', `https://b.example/r/${id}`, /not a burnlink link/],
    ['no /s/ path', `https://b.example/${id}#${keyText}`, /not a burnlink link/],
    ['a bad id', `https://b.example/s/abc#${keyText}`, /bad secret id/],
    ['no key', `https://b.example/s/${id}`, /no key \(the part after #\)/],
    ['an empty key', `https://b.example/s/${id}#`, /no key/],
    ['a key that is not b64u', `https://b.example/s/${id}#${keyText.slice(0, 20)}+/`, /not valid base64url/],
    ['a key cut short', `https://b.example/s/${id}#${keyText.slice(0, 40)}`, /must be 32 bytes/],
    ['a key too long', `https://b.example/s/${id}#${toBase64Url(randomBytes(33))}`, /must be 32 bytes/],
  ];

  it.each(cases)('rejects %s with a clear LinkError that never contains the key', (_, link, message) => {
    expect(() => parseSecretLink(link)).toThrow(LinkError);
    expect(() => parseSecretLink(link)).toThrow(message);
    try {
      parseSecretLink(link);
    } catch (error) {
      expect((error as Error).message).not.toContain(keyText.slice(0, 20));
    }
  });

  it('formatSecretLink refuses bad ids, keys and origins', () => {
    expect(() => formatSecretLink('https://b.example', 'abc', key)).toThrow(LinkError);
    expect(() => formatSecretLink('https://b.example', id, randomBytes(16))).toThrow(/32 bytes/);
    expect(() => formatSecretLink('b.example', id, key)).toThrow(/origin/);
    expect(() => formatSecretLink('ftp://b.example', id, key)).toThrow(/http or https/);
  });
});

describe('receipt links', () => {
  it('format and parse round-trip; a bare receipt parses with a null origin', () => {
    const link = formatReceiptLink('https://b.example/', id);
    expect(link).toBe(`https://b.example/r/${id}`);
    expect(parseReceiptLink(link)).toEqual({ origin: 'https://b.example', receipt: id });
    expect(parseReceiptLink(` ${id}\n`)).toEqual({ origin: null, receipt: id });
    expect(parseReceiptLink(`https://b.example/x/r/${id}/`)).toEqual({
      origin: 'https://b.example/x',
      receipt: id,
    });
  });

  it('rejects malformed receipt links', () => {
    expect(() => parseReceiptLink('nope')).toThrow(LinkError);
    expect(() => parseReceiptLink(`https://b.example/s/${id}`)).toThrow(/receipt/);
    expect(() => parseReceiptLink('https://b.example/r/short')).toThrow(/bad receipt/);
    expect(() => formatReceiptLink('https://b.example', 'short')).toThrow(LinkError);
  });
});

describe('request and inbox links', () => {
  const kinds = [
    { name: 'request', path: 'q', format: formatRequestLink, parse: parseRequestLink },
    { name: 'inbox', path: 'i', format: formatInboxLink, parse: parseInboxLink },
  ] as const;

  it.each(kinds)('$name links format and parse round-trip, with or without a path prefix', (kind) => {
    for (const origin of ['https://burnlink.example', 'http://127.0.0.1:8080', 'https://example.com/burn']) {
      const link = kind.format(`${origin}/`, id, key);
      expect(link).toBe(`${origin}/${kind.path}/${id}#${keyText}`);
      expect(kind.parse(link)).toEqual({ origin, id, key });
      expect(kind.parse(` ${origin}/${kind.path}/${id}/#${keyText}\n`)).toEqual({ origin, id, key });
    }
  });

  it.each(kinds)('$name links are refused as any other kind of link, and other kinds as them', (kind) => {
    const link = kind.format('https://b.example', id, key);
    expect(() => parseSecretLink(link)).toThrow(/not a burnlink link/);
    expect(() => kind.parse(formatSecretLink('https://b.example', id, key))).toThrow(
      new RegExp(`not a burnlink ${kind.name} link: expected \\{origin\\}/${kind.path}/\\{id\\}#\\{key\\}`),
    );
    const other = kinds.find((k) => k !== kind)!;
    expect(() => other.parse(link)).toThrow(LinkError);
  });

  it.each(kinds)(
    '$name links: a bad id, a missing or short key are clear LinkErrors without the key',
    (kind) => {
      const bad: Array<[string, RegExp]> = [
        [`https://b.example/${kind.path}/abc#${keyText}`, new RegExp(`bad ${kind.name} id`)],
        [`https://b.example/${kind.path}/${id}`, /no key/],
        [`https://b.example/${kind.path}/${id}#${keyText.slice(0, 40)}`, /must be 32 bytes/],
      ];
      for (const [link, message] of bad) {
        expect(() => kind.parse(link)).toThrow(message);
        try {
          kind.parse(link);
        } catch (error) {
          expect((error as Error).message).not.toContain(keyText.slice(0, 20));
        }
      }
      expect(() => kind.format('https://b.example', 'abc', key)).toThrow(LinkError);
      expect(() => kind.format('https://b.example', id, randomBytes(16))).toThrow(/32 bytes/);
    },
  );
});

describe('request receipt links', () => {
  it('format and parse round-trip; a bare receipt parses with a null origin', () => {
    const link = formatRequestReceiptLink('https://b.example/x/', id);
    expect(link).toBe(`https://b.example/x/rq/${id}`);
    expect(parseRequestReceiptLink(link)).toEqual({ origin: 'https://b.example/x', receipt: id });
    expect(parseRequestReceiptLink(` ${id}\n`)).toEqual({ origin: null, receipt: id });
  });

  it('a secret receipt link is not a request receipt link, nor the other way round', () => {
    expect(() => parseRequestReceiptLink(`https://b.example/r/${id}`)).toThrow(/request receipt link/);
    expect(() => parseReceiptLink(`https://b.example/rq/${id}`)).toThrow(LinkError);
    expect(() => parseRequestReceiptLink('https://b.example/rq/short')).toThrow(/bad receipt/);
    expect(() => formatRequestReceiptLink('https://b.example', 'short')).toThrow(LinkError);
  });
});

describe('linkKind', () => {
  it('names each kind of link by its path, prefix or not, and null for anything else', () => {
    expect(linkKind(`https://b.example/s/${id}#${keyText}`)).toBe('secret');
    expect(linkKind(`https://b.example/burn/r/${id}`)).toBe('receipt');
    expect(linkKind(`https://b.example/q/${id}#${keyText}`)).toBe('request');
    expect(linkKind(` https://b.example/i/${id}/#${keyText}`)).toBe('inbox');
    expect(linkKind(`https://b.example/rq/${id}`)).toBe('request-receipt');
    expect(linkKind(id)).toBe(null);
    expect(linkKind(`https://b.example/x/${id}`)).toBe(null);
    expect(linkKind('not a link')).toBe(null);
  });
});
