import { describe, expect, it } from 'vitest';
import {
  cidrInside,
  clockMinutes,
  countryCode,
  inDomains,
  isEmail,
  isTimeZone,
  parseCidr,
  splitList,
  wireEnd,
} from './parse.js';

describe('what a sender types into the restrictions', () => {
  it('splits lists on lines and commas (countries also on spaces), dropping empty entries', () => {
    expect(splitList(' a@x.org,\nb@y.org ;; \n')).toEqual(['a@x.org', 'b@y.org']);
    expect(splitList('nl se, DE', true)).toEqual(['nl', 'se', 'DE']);
    expect(splitList('   ')).toEqual([]);
  });

  it('knows an email address when it sees one', () => {
    expect(isEmail('ada@example.com')).toBe(true);
    expect(isEmail('a.b+c@mail.example.co.uk')).toBe(true);
    for (const bad of ['ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', 'ada@@example.com'])
      expect(isEmail(bad), bad).toBe(false);
  });

  it('checks recipient domains exactly, case-insensitively; no domains allow any', () => {
    expect(inDomains('Ada@Example.com', ['example.com'])).toBe(true);
    expect(inDomains('ada@mail.example.com', ['example.com'])).toBe(false);
    expect(inDomains('ada@anything.org', [])).toBe(true);
  });

  it('reads IPv4 and IPv6 networks, and single addresses as /32 and /128', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ prefix: 8, text: '10.0.0.0/8' });
    expect(parseCidr(' 203.0.113.7 ')).toMatchObject({ prefix: 32, text: '203.0.113.7/32' });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ prefix: 32, text: '2001:db8::/32' });
    expect(parseCidr('::1')).toMatchObject({ prefix: 128 });
    expect(parseCidr('::ffff:10.1.2.3/128')?.bytes.slice(12)).toEqual([10, 1, 2, 3]);
    expect(parseCidr('2001:db8:0:0:0:0:0:1/64')?.bytes).toHaveLength(16);
    for (const bad of [
      '10.0.0.0/33',
      '10.0.0/8',
      '256.0.0.0/8',
      '2001:db8::/129',
      '2001:db8:::1/64',
      '1:2:3:4:5:6:7:8:9/64',
      'example.com/8',
      '10.0.0.0/',
      '',
    ])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it('tells whether a network lies inside another, for IPv4, IPv6 and IPv4-mapped ranges', () => {
    const inside = (a: string, b: string) => cidrInside(parseCidr(a)!, parseCidr(b)!);
    expect(inside('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(inside('10.0.0.0/8', '10.0.0.0/8')).toBe(true);
    expect(inside('10.0.0.0/7', '10.0.0.0/8')).toBe(false);
    expect(inside('11.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(inside('2001:db8:1::/48', '2001:db8::/32')).toBe(true);
    expect(inside('2001:db9::/48', '2001:db8::/32')).toBe(false);
    expect(inside('::ffff:10.1.2.3/128', '10.0.0.0/8')).toBe(true);
    expect(inside('10.1.2.3/32', '2001:db8::/32')).toBe(false);
  });

  it('reads country codes and clock times, and an end of 00:00 as midnight', () => {
    expect(countryCode(' nl ')).toBe('NL');
    expect(countryCode('NLD')).toBeNull();
    expect(countryCode('1a')).toBeNull();
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('24:00')).toBe(1440);
    expect(clockMinutes('24:01')).toBeNull();
    expect(clockMinutes('9:30')).toBeNull();
    expect(wireEnd('00:00')).toBe('24:00');
    expect(wireEnd('18:00')).toBe('18:00');
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
