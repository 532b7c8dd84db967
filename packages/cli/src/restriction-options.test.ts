import { describe, expect, it } from 'vitest';
import { parseCidr, parseOfficeHours, restrictionsFrom } from './restriction-options.js';
import { UsageError } from './usage-error.js';

const WORKWEEK = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('--office-hours', () => {
  it('reads day ranges, lists and both mixed, in week order', () => {
    expect(parseOfficeHours('mon-fri 08:00-18:00 Europe/Amsterdam')).toEqual({
      days: WORKWEEK,
      start: '08:00',
      end: '18:00',
      time_zone: 'Europe/Amsterdam',
    });
    expect(parseOfficeHours('fri,mon,wed 09:00-12:30 UTC').days).toEqual(['mon', 'wed', 'fri']);
    expect(parseOfficeHours('Mon-Tue,Thu 09:00-17:00 UTC').days).toEqual(['mon', 'tue', 'thu']);
    expect(parseOfficeHours('saturday-sunday 10:00-14:00 UTC').days).toEqual(['sat', 'sun']);
    expect(parseOfficeHours('sun 10:00-14:00 UTC').days).toEqual(['sun']);
  });

  it('wraps a range around the end of the week', () => {
    expect(parseOfficeHours('fri-mon 10:00-14:00 UTC').days).toEqual(['mon', 'fri', 'sat', 'sun']);
  });

  it('pads single-digit hours, allows 24:00 as the end and spells the zone canonically', () => {
    expect(parseOfficeHours('  mon   8:00-24:00   america/new_york ')).toEqual({
      days: ['mon'],
      start: '08:00',
      end: '24:00',
      time_zone: 'America/New_York',
    });
  });

  it.each([
    ['mon-fri 08:00-18:00', /needs a time zone/],
    ['mon-fri', /must look like "DAYS HH:MM-HH:MM ZONE"/],
    ['', /must look like/],
    ['mon-fri 08:00-18:00 Europe/Amsterdam extra', /must look like/],
    ['weekdays 08:00-18:00 UTC', /days must be mon, tue, wed, thu, fri, sat or sun/],
    ['mon--fri 08:00-18:00 UTC', /days must be/],
    ['mon-wed-fri 08:00-18:00 UTC', /days must be/],
    ['mon, 08:00-18:00 UTC', /days must be/],
    ['mon-fri 8-18 UTC', /time window such as 08:00-18:00/],
    ['mon-fri 08:00 UTC', /time window/],
    ['mon-fri 25:00-26:00 UTC', /25:00 is not a time of day/],
    ['mon-fri 08:60-18:00 UTC', /08:60 is not a time of day/],
    ['mon-fri 24:00-24:00 UTC', /24:00 is not a time of day/],
    ['mon-fri 18:00-08:00 UTC', /must end after it starts/],
    ['mon-fri 08:00-08:00 UTC', /must end after it starts/],
    ['mon-fri 08:00-18:00 Mars/Olympus', /unknown time zone "Mars\/Olympus"/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseOfficeHours(text)).toThrow(UsageError);
    expect(() => parseOfficeHours(text)).toThrow(message);
  });
});

describe('--allow-network', () => {
  it('takes IPv4 and IPv6 networks, and a bare address as a single host', () => {
    expect(parseCidr('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(parseCidr('2001:db8::/32')).toBe('2001:db8::/32');
    expect(parseCidr('192.168.1.7')).toBe('192.168.1.7/32');
    expect(parseCidr('::1')).toBe('::1/128');
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', 'example.com/8', '10.0.0/8', '10.0.0.0/', '10.0.0.0/x', ''])(
    'refuses %j',
    (text) => {
      expect(() => parseCidr(text)).toThrow(/--allow-network needs networks such as 10\.0\.0\.0\/8/);
    },
  );
});

describe('restrictionsFrom', () => {
  it('is undefined without restriction flags', () => {
    expect(restrictionsFrom({})).toBeUndefined();
  });

  it('splits comma lists, repeats, upper-cases countries and drops duplicates', () => {
    expect(
      restrictionsFrom({
        'verify-email': ['ada@example.com', ' bob@example.org '],
        'allow-network': ['10.0.0.0/8, 2001:db8::/32', '10.0.0.0/8'],
        'allow-country': ['nl,BE', 'nl'],
      }),
    ).toEqual({
      recipients: ['ada@example.com', 'bob@example.org'],
      networks: ['10.0.0.0/8', '2001:db8::/32'],
      countries: { allow: ['NL', 'BE'] },
    });
    expect(restrictionsFrom({ 'deny-country': ['ru', 'by'] })).toEqual({ countries: { deny: ['RU', 'BY'] } });
  });

  it('refuses allow and deny together, bad codes, empty entries and addresses that are none', () => {
    expect(() => restrictionsFrom({ 'allow-country': ['NL'], 'deny-country': ['RU'] })).toThrow(
      'give --allow-country or --deny-country, not both',
    );
    expect(() => restrictionsFrom({ 'allow-country': ['NLD'] })).toThrow(
      '--allow-country needs two-letter ISO country codes such as NL,BE; got "NLD"',
    );
    expect(() => restrictionsFrom({ 'deny-country': ['RU,'] })).toThrow('--deny-country has an empty entry');
    expect(() => restrictionsFrom({ 'allow-network': [',10.0.0.0/8'] })).toThrow(
      '--allow-network has an empty entry',
    );
    for (const address of ['ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com']) {
      expect(() => restrictionsFrom({ 'verify-email': [address] })).toThrow(
        `--verify-email needs an email address such as ada@example.com; got "${address}"`,
      );
    }
  });
});
