import { describe, expect, test } from 'vitest';
import { checkAccess } from './evaluate.js';
import type { GeoIp } from './geoip.js';
import type { StoredRestrictions } from './restrictions.js';

/** A stand-in database: the tests of geoip.ts read real .mmdb files. */
const geoip = (table: Record<string, string>): GeoIp => ({ country: (ip) => table[ip] ?? null });
const GEO = geoip({ '192.0.2.1': 'NL', '198.51.100.1': 'US', '2001:db8::1': 'DE' });
// Wednesday 2026-01-14 12:00 in Amsterdam (11:00Z) is inside office hours; 20:00Z is not.
const OPEN = Date.parse('2026-01-14T11:00:00Z');
const CLOSED = Date.parse('2026-01-14T20:00:00Z');
const HOURS = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '18:00',
  time_zone: 'Europe/Amsterdam',
} as StoredRestrictions['officeHours'];

const req = (ip: string | null, now = OPEN, db: GeoIp | null = GEO) => ({ ip, now, geoip: db });

describe('networks', () => {
  const r: StoredRestrictions = { v: 1, networks: ['192.0.2.0/24', '2001:db8::/32'] };
  test.each(['192.0.2.1', '::ffff:192.0.2.99', '2001:db8::1'])('%s is allowed', (ip) => {
    expect(checkAccess(r, req(ip))).toBeNull();
  });
  test.each(['198.51.100.1', '2001:db9::1', '::1'])('%s is refused', (ip) => {
    expect(checkAccess(r, req(ip))).toEqual({ code: 'network_not_allowed' });
  });
  test('an unknown client address is refused', () => {
    expect(checkAccess(r, req(null))).toEqual({ code: 'network_not_allowed' });
  });
});

describe('countries', () => {
  const allow: StoredRestrictions = { v: 1, countries: { allow: ['NL', 'DE'] } };
  const deny: StoredRestrictions = { v: 1, countries: { deny: ['US'] } };

  test('allow: listed countries pass, others and unknown addresses are refused', () => {
    expect(checkAccess(allow, req('192.0.2.1'))).toBeNull();
    expect(checkAccess(allow, req('2001:db8::1'))).toBeNull();
    expect(checkAccess(allow, req('198.51.100.1'))).toEqual({ code: 'country_not_allowed' });
    expect(checkAccess(allow, req('203.0.113.1'))).toEqual({ code: 'country_not_allowed' });
    expect(checkAccess(allow, req(null))).toEqual({ code: 'country_not_allowed' });
  });

  test('deny: listed countries are refused, others and unknown addresses pass', () => {
    expect(checkAccess(deny, req('198.51.100.1'))).toEqual({ code: 'country_not_allowed' });
    expect(checkAccess(deny, req('192.0.2.1'))).toBeNull();
    expect(checkAccess(deny, req('203.0.113.1'))).toBeNull();
  });

  test('no database at claim time: both refuse (fail closed)', () => {
    expect(checkAccess(allow, req('192.0.2.1', OPEN, null))).toEqual({ code: 'country_not_allowed' });
    expect(checkAccess(deny, req('192.0.2.1', OPEN, null))).toEqual({ code: 'country_not_allowed' });
  });
});

describe('office hours', () => {
  const r: StoredRestrictions = { v: 1, officeHours: HOURS };
  test('inside: allowed; outside: refused with the next opening', () => {
    expect(checkAccess(r, req('192.0.2.1', OPEN))).toBeNull();
    expect(checkAccess(r, req('192.0.2.1', CLOSED))).toEqual({
      code: 'outside_office_hours',
      opensAt: Date.parse('2026-01-15T07:00:00Z'),
    });
  });
});

test('the order is network, then country, then office hours', () => {
  const all: StoredRestrictions = {
    v: 1,
    networks: ['192.0.2.0/24'],
    countries: { allow: ['DE'] },
    officeHours: HOURS,
  };
  expect(checkAccess(all, req('198.51.100.1', CLOSED))?.code).toBe('network_not_allowed');
  expect(checkAccess(all, req('192.0.2.1', CLOSED))?.code).toBe('country_not_allowed');
  const inGermany = geoip({ '192.0.2.1': 'DE' });
  expect(checkAccess(all, req('192.0.2.1', CLOSED, inGermany))?.code).toBe('outside_office_hours');
  expect(checkAccess(all, req('192.0.2.1', OPEN, inGermany))).toBeNull();
});

test('recipients and noKeyClaim are not checked here', () => {
  expect(checkAccess({ v: 1, recipients: ['ada@example.com'], noKeyClaim: true }, req(null))).toBeNull();
});
