import { describe, expect, test } from 'vitest';
import { hostMatches, normaliseDomainName, parseHostHeader, parseHostPattern } from './host-names.js';

describe('normaliseDomainName', () => {
  test.each([
    ['secrets.acme.example', 'secrets.acme.example'],
    ['Secrets.ACME.example.', 'secrets.acme.example'],
    ['  geheim.bücher.example ', 'geheim.xn--bcher-kva.example'],
    ['a-b.c0.example', 'a-b.c0.example'],
  ])('%s → %s', (input, stored) => expect(normaliseDomainName(input)).toBe(stored));

  test.each([
    ['single label', 'localhost'],
    ['IPv4', '192.0.2.1'],
    ['IPv6', '2001:db8::1'],
    ['port', 'acme.example:443'],
    ['path', 'acme.example/x'],
    ['userinfo', 'me@acme.example'],
    ['wildcard', '*.acme.example'],
    ['leading hyphen', '-x.acme.example'],
    ['trailing hyphen', 'x-.acme.example'],
    ['underscore', 'a_b.acme.example'],
    ['empty label', 'a..example'],
    ['numeric top label', 'acme.123'],
    ['label over 63', `${'a'.repeat(64)}.example`],
    ['name over 253', `${'a.'.repeat(127)}example`],
    ['empty', ''],
  ])('refuses %s', (_what, input) => expect(normaliseDomainName(input)).toBeNull());
});

describe('parseHostHeader', () => {
  test.each([
    ['acme.example', { host: 'acme.example', port: null }],
    ['ACME.example:8443', { host: 'acme.example', port: 8443 }],
    ['127.0.0.1:80', { host: '127.0.0.1', port: 80 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    ['[2001:DB8::1]', { host: '2001:db8::1', port: null }],
  ])('%s', (value, parsed) => expect(parseHostHeader(value)).toEqual(parsed));

  test.each([
    undefined,
    '',
    'evil.example/path',
    'me@acme.example',
    'acme.example:80:80',
    'acme.example:0',
    'acme.example:70000',
    'acme.example:',
    'a b.example',
    '[::g]:80',
    '::1',
    'a..example',
    '.example',
    'acme.example,evil.example',
  ])('refuses %j', (value) => expect(parseHostHeader(value)).toBeNull());
});

describe('host patterns', () => {
  const host = (value: string) => parseHostHeader(value) ?? { host: '', port: null };

  test('a plain entry matches its host on any port, or only its port when it names one', () => {
    const any = parseHostPattern('Secrets.Example.com');
    expect(any).toEqual({ host: 'secrets.example.com', wildcard: false, port: null });
    expect(any && hostMatches(any, host('secrets.example.com:8443'))).toBe(true);
    expect(any && hostMatches(any, host('other.example.com'))).toBe(false);
    const withPort = parseHostPattern('secrets.example.com:443');
    expect(withPort && hostMatches(withPort, host('secrets.example.com:443'))).toBe(true);
    expect(withPort && hostMatches(withPort, host('secrets.example.com:8443'))).toBe(false);
    expect(withPort && hostMatches(withPort, host('secrets.example.com'))).toBe(false);
  });

  test('*.example.com matches the names below it, not example.com itself nor look-alikes', () => {
    const below = parseHostPattern('*.example.com');
    expect(below).toEqual({ host: 'example.com', wildcard: true, port: null });
    expect(below && hostMatches(below, host('a.example.com'))).toBe(true);
    expect(below && hostMatches(below, host('a.b.example.com'))).toBe(true);
    expect(below && hostMatches(below, host('example.com'))).toBe(false);
    expect(below && hostMatches(below, host('evilexample.com'))).toBe(false);
  });

  test.each(['*.com', '*.192.0.2.1', 'a/b', '*', '**.example.com', 'x@y.example'])('refuses %s', (text) =>
    expect(parseHostPattern(text)).toBeNull(),
  );
});
