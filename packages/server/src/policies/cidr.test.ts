import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import { canonicalCidr, cidrContains, cidrWithin, parseCidr } from './cidr.js';

const refusal = (text: string): ApiError => {
  try {
    parseCidr(text);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
};

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', '10.0.0.0/8', 4],
    [' 192.168.1.0/24 ', '192.168.1.0/24', 4],
    ['10.1.2.3', '10.1.2.3/32', 4],
    ['0.0.0.0/0', '0.0.0.0/0', 4],
    ['2001:DB8::/32', '2001:db8::/32', 6],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/32', '2001:db8::/32', 6],
    ['2001:db8:0:0:1:0:0:0/80', '2001:db8:0:0:1::/80', 6],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128', 6],
    ['fe80::1', 'fe80::1/128', 6],
    ['::/0', '::/0', 6],
    ['::ffff:10.0.0.0/104', '::ffff:10.0.0.0/104', 6],
  ])('%s is the network %s', (text, canonical, version) => {
    const cidr = parseCidr(text);
    expect(cidr.text).toBe(canonical);
    expect(cidr.version).toBe(version);
    expect(canonicalCidr(text)).toBe(canonical);
  });

  test('host bits set: refused, suggesting the network', () => {
    const error = refusal('10.1.2.3/8');
    expect(error.code).toBe('invalid_restrictions');
    expect(error.message).toContain('did you mean 10.0.0.0/8?');
    expect(refusal('2001:db8::1/32').message).toContain('did you mean 2001:db8::/32?');
  });

  test.each([
    '',
    'example.com',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0/8',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    'fe80::1%eth0/128',
    '10.0.0.0/ 8',
  ])('%j is refused, naming the value and the allowed form', (text) => {
    const error = refusal(text);
    expect(error.code).toBe('invalid_restrictions');
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(JSON.stringify(text));
  });

  test('the prefix range is named', () => {
    expect(refusal('10.0.0.0/33').message).toContain('0 to 32');
    expect(refusal('::/129').message).toContain('0 to 128');
  });
});

describe('cidrContains', () => {
  const v4 = parseCidr('10.0.0.0/8');
  const v6 = parseCidr('2001:db8::/32');

  test('IPv4 addresses in and out of an IPv4 network', () => {
    expect(cidrContains(v4, '10.0.0.0')).toBe(true);
    expect(cidrContains(v4, '10.255.255.255')).toBe(true);
    expect(cidrContains(v4, '11.0.0.0')).toBe(false);
    expect(cidrContains(v4, '9.255.255.255')).toBe(false);
  });

  test('an IPv4-mapped IPv6 client address matches IPv4 networks', () => {
    expect(cidrContains(v4, '::ffff:10.1.2.3')).toBe(true);
    expect(cidrContains(v4, '::FFFF:a01:203')).toBe(true);
    expect(cidrContains(v4, '::ffff:11.1.2.3')).toBe(false);
  });

  test('IPv6 addresses in and out of an IPv6 network', () => {
    expect(cidrContains(v6, '2001:db8::1')).toBe(true);
    expect(cidrContains(v6, '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(cidrContains(v6, '2001:db9::1')).toBe(false);
    expect(cidrContains(v6, '10.1.2.3')).toBe(false);
    expect(cidrContains(v4, '2001:db8::1')).toBe(false);
  });

  test('an IPv4 address is not in an IPv6 network that happens to share its bits', () => {
    // ::a01:203 (IPv4-compatible, deprecated) is not the IPv4 address 10.1.2.3.
    expect(cidrContains(v4, '::a01:203')).toBe(false);
    expect(cidrContains(parseCidr('::/96'), '10.1.2.3')).toBe(false);
  });

  test('a single address is a /32 or /128', () => {
    expect(cidrContains(parseCidr('192.0.2.7'), '192.0.2.7')).toBe(true);
    expect(cidrContains(parseCidr('192.0.2.7'), '192.0.2.8')).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::7'), '2001:db8:0::7')).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::7'), '2001:db8::8')).toBe(false);
  });

  test('a zone on a link-local client address is ignored; junk matches nothing', () => {
    expect(cidrContains(parseCidr('fe80::/10'), 'fe80::1%eth0')).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0'), 'not an address')).toBe(false);
    expect(cidrContains(parseCidr('::/0'), '')).toBe(false);
  });

  test('0.0.0.0/0 matches every IPv4 client and no IPv6 one; ::/0 matches every client', () => {
    expect(cidrContains(parseCidr('0.0.0.0/0'), '203.0.113.9')).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0'), '2001:db8::1')).toBe(false);
    expect(cidrContains(parseCidr('::/0'), '2001:db8::1')).toBe(true);
    expect(cidrContains(parseCidr('::/0'), '203.0.113.9')).toBe(true);
  });
});

describe('cidrWithin', () => {
  test.each([
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.5', '10.0.0.0/8', true],
    ['10.0.0.0/7', '10.0.0.0/8', false],
    ['11.0.0.0/16', '10.0.0.0/8', false],
    ['2001:db8:1::/48', '2001:db8::/32', true],
    ['2001:db8::/31', '2001:db8::/32', false],
    ['10.0.0.0/8', '2001:db8::/32', false],
    ['2001:db8::/32', '10.0.0.0/8', false],
    ['10.0.0.0/8', '::ffff:0.0.0.0/96', true],
  ])('%s within %s: %s', (inner, outer, within) => {
    expect(cidrWithin(parseCidr(inner), parseCidr(outer))).toBe(within);
  });
});
