import type { Restrictions } from '@burnlink/wire';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import {
  decodeRestrictions,
  encodeRestrictions,
  maskEmail,
  normaliseRestrictions,
  peekRequires,
  type StoredRestrictions,
} from './restrictions.js';

const ALL = { mail: true, geoip: true };

function refusal(input: Restrictions, caps = ALL): ApiError {
  try {
    normaliseRestrictions(input, caps);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('normaliseRestrictions', () => {
  test('nothing restricted: null', () => {
    expect(normaliseRestrictions({}, ALL)).toBeNull();
    expect(normaliseRestrictions({}, { mail: false, geoip: false })).toBeNull();
  });

  test('normalises every rule: addresses lower-cased and deduplicated, CIDRs canonical, days in order', () => {
    expect(
      normaliseRestrictions(
        {
          recipients: [
            'Ada@Example.com',
            'ada@example.com ',
            'bob@mail.example.org',
            'ivan@xn--e1afmkfd.xn--p1ai',
          ],
          networks: ['10.0.0.0/8', '2001:DB8::/32', '10.0.0.0/8', '192.0.2.7'],
          office_hours: { days: ['fri', 'mon'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
          countries: { allow: ['nl', 'BE', 'NL'] },
        },
        ALL,
      ),
    ).toEqual({
      v: 1,
      recipients: ['ada@example.com', 'bob@mail.example.org', 'ivan@xn--e1afmkfd.xn--p1ai'],
      networks: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7/32'],
      officeHours: { days: ['mon', 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
      countries: { allow: ['NL', 'BE'] },
    });
    expect(normaliseRestrictions({ countries: { deny: ['RU'] } }, ALL)).toEqual({
      v: 1,
      countries: { deny: ['RU'] },
    });
  });

  test.each([
    [{ recipients: ['not-an-address'] }, '"not-an-address" is not an email address'],
    [{ recipients: ['a@b'] }, 'is not an email address'],
    [{ recipients: ['two@@example.com'] }, 'is not an email address'],
    [{ recipients: ['space in@example.com'] }, 'is not an email address'],
    [{ recipients: ['ada@-example.com'] }, 'is not an email address'],
    [{ recipients: ['ada@example.c0m'] }, 'is not an email address'],
    [{ recipients: [] }, 'recipients must be a non-empty list'],
    [{ networks: ['10.1.2.3/8'] }, 'did you mean 10.0.0.0/8?'],
    [{ networks: ['intranet'] }, '"intranet" is not a network'],
    [{ countries: {} }, 'exactly one of allow or deny'],
    [{ countries: { allow: ['NL'], deny: ['BE'] } }, 'exactly one of allow or deny'],
    [{ countries: { allow: ['XX'] } }, '"XX" is not a country code'],
    [{ countries: { deny: ['NLD'] } }, '"NLD" is not a country code'],
    [{ countries: { allow: ['ZZ'] } }, '"ZZ" is not a country code'],
    [
      { office_hours: { days: ['mon'], start: '18:00', end: '08:00', time_zone: 'UTC' } },
      'must be before end',
    ],
  ] as Array<[Restrictions, string]>)('%j: invalid_restrictions (%s)', (input, message) => {
    const error = refusal(input);
    expect(error.code).toBe('invalid_restrictions');
    expect(error.message).toContain(message);
  });

  test('more entries than the limits: refused', () => {
    const many = Array.from({ length: 11 }, (_, i) => `r${i}@example.com`);
    expect(refusal({ recipients: many }).message).toContain('at most 10');
  });

  test('recipients without mail: restriction_unavailable, telling the operator what to set', () => {
    const error = refusal({ recipients: ['ada@example.com'] }, { mail: false, geoip: true });
    expect(error.code).toBe('restriction_unavailable');
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('BURNLINK_SMTP_URL');
  });

  test('countries without a GeoIP database: restriction_unavailable, never ignored', () => {
    for (const countries of [{ allow: ['NL'] }, { deny: ['RU'] }]) {
      const error = refusal({ countries }, { mail: true, geoip: false });
      expect(error.code).toBe('restriction_unavailable');
      expect(error.message).toContain('BURNLINK_GEOIP_DB');
    }
  });

  test('networks and office hours need no capability', () => {
    expect(
      normaliseRestrictions(
        {
          networks: ['::1'],
          office_hours: { days: ['mon'], start: '00:00', end: '24:00', time_zone: 'UTC' },
        },
        { mail: false, geoip: false },
      ),
    ).toMatchObject({ networks: ['::1/128'] });
  });
});

describe('encode and decode', () => {
  const full: StoredRestrictions = {
    v: 1,
    recipients: ['ada@example.com'],
    networks: ['10.0.0.0/8'],
    officeHours: { days: ['mon'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
    countries: { deny: ['RU'] },
    noKeyClaim: true,
  };

  test('round trip', () => {
    expect(decodeRestrictions(encodeRestrictions(full))).toEqual(full);
    expect(decodeRestrictions(encodeRestrictions({ v: 1 }))).toEqual({ v: 1 });
  });

  test('unknown fields are ignored', () => {
    expect(decodeRestrictions('{"v":1,"networks":["10.0.0.0/8"],"futureRule":{"x":1}}')).toEqual({
      v: 1,
      networks: ['10.0.0.0/8'],
    });
  });

  test.each([
    'not json',
    'null',
    '[]',
    '"v1"',
    '{}',
    '{"v":2}',
    '{"v":1,"recipients":"ada@example.com"}',
    '{"v":1,"recipients":[]}',
    '{"v":1,"networks":[1]}',
    '{"v":1,"officeHours":{"days":["mon"],"start":"08:00"}}',
    '{"v":1,"countries":{}}',
    '{"v":1,"countries":null}',
  ])('garbage throws rather than opening unrestricted: %s', (text) => {
    expect(() => decodeRestrictions(text)).toThrow(/Stored restrictions/);
  });
});

describe('peekRequires', () => {
  test('names the steps, never the values', () => {
    const requires = peekRequires({
      v: 1,
      recipients: ['ada@example.com', 'bob@mail.example.org', 'ivan@xn--e1afmkfd.xn--p1ai'],
      networks: ['10.0.0.0/8'],
      officeHours: { days: ['mon'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
      countries: { allow: ['NL'] },
      noKeyClaim: true,
    });
    expect(requires).toEqual({
      verification: { recipients: ['a•••@e•••.com', 'b•••@m•••.org', 'i•••@x•••.xn--p1ai'] },
      network: true,
      office_hours: true,
      country: true,
    });
    const text = JSON.stringify(requires);
    for (const secret of ['ada', 'example', '10.0.0.0', 'Amsterdam', 'NL', '08:00'])
      expect(text).not.toContain(secret);
  });

  test('no restrictions: nothing required', () => {
    expect(peekRequires({ v: 1 })).toEqual({});
    expect(peekRequires({ v: 1, noKeyClaim: true })).toEqual({});
  });
});

describe('maskEmail', () => {
  test.each([
    ['ada@example.com', 'a•••@e•••.com'],
    ['bob@mail.example.co.uk', 'b•••@m•••.uk'],
    ['x@y.io', 'x•••@y•••.io'],
    ['émile@exemple.fr', 'é•••@e•••.fr'],
  ])('%s → %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });
});
