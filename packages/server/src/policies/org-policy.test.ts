import { OPEN_POLICY, type OrgPolicy } from '@burnlink/wire';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import { applyPolicy, type CreateFacts, policyStoredExtras, validatePolicy } from './org-policy.js';

const FACTS: CreateFacts = {
  ttlSeconds: 3600,
  maxViews: 1,
  serverEncrypted: false,
  hasPassphrase: false,
  passphraseLength: null,
  restrictions: undefined,
  creatorIsMember: true,
};
const HOURS = { days: ['mon', 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' } as const;

const policy = (rules: Partial<OrgPolicy>): OrgPolicy => ({ ...OPEN_POLICY, ...rules });

function violation(p: OrgPolicy, facts: Partial<CreateFacts>): ApiError {
  try {
    applyPolicy(p, { ...FACTS, ...facts });
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
}

function expectViolation(p: OrgPolicy, facts: Partial<CreateFacts>, rule: keyof OrgPolicy, names: string) {
  const error = violation(p, facts);
  expect(error.code).toBe('policy_violation');
  expect(error.statusCode).toBe(422);
  expect(error.extra.rule).toBe(rule);
  expect(error.message).toContain(names);
}

describe('validatePolicy', () => {
  test('normalises CIDRs, countries, domains and office hours', () => {
    const valid = validatePolicy(
      policy({
        recipient_domains: ['@Example.com', 'example.com', 'corp.example.org'],
        networks: { cidrs: ['2001:DB8::/32', '10.0.0.0/8', '10.0.0.0/8'], enforce: 'required' },
        countries: { allow: ['nl', 'BE'], enforce: 'default' },
        office_hours: {
          hours: { days: ['fri', 'mon'], start: '08:00', end: '18:00', time_zone: 'europe/amsterdam' },
          enforce: 'required',
        },
      }),
      { geoip: true },
    );
    expect(valid.recipient_domains).toEqual(['example.com', 'corp.example.org']);
    expect(valid.networks).toEqual({ cidrs: ['2001:db8::/32', '10.0.0.0/8'], enforce: 'required' });
    expect(valid.countries).toEqual({ allow: ['NL', 'BE'], enforce: 'default' });
    expect(valid.office_hours?.hours).toEqual(HOURS);
    expect(validatePolicy(OPEN_POLICY, { geoip: false })).toEqual(OPEN_POLICY);
  });

  test.each([
    [
      policy({ networks: { cidrs: ['10.1.0.0/8'], enforce: 'default' } }),
      'invalid_restrictions',
      'did you mean',
    ],
    [policy({ countries: { allow: ['XX'], enforce: 'default' } }), 'invalid_restrictions', '"XX"'],
    [policy({ recipient_domains: ['not a domain'] }), 'invalid_restrictions', 'is not a domain'],
    [
      policy({
        office_hours: {
          hours: { ...HOURS, days: [...HOURS.days], time_zone: 'Nowhere/Else' },
          enforce: 'default',
        },
      }),
      'invalid_restrictions',
      'is not a time zone',
    ],
    [policy({ max_ttl: 0 }), 'invalid_restrictions', 'max_ttl'],
    [policy({ passphrase_min_length: 5000 }), 'invalid_restrictions', 'passphrase_min_length'],
    [
      policy({ networks: { cidrs: ['10.0.0.0/8'], enforce: 'always' as 'default' } }),
      'invalid_restrictions',
      'enforce',
    ],
  ])('refuses %j', (p, code, message) => {
    let error: unknown;
    try {
      validatePolicy(p, { geoip: true });
    } catch (caught) {
      error = caught;
    }
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toContain(message);
  });

  test('country rules without a GeoIP database: restriction_unavailable', () => {
    let error: unknown;
    try {
      validatePolicy(policy({ countries: { allow: ['NL'], enforce: 'required' } }), { geoip: false });
    } catch (caught) {
      error = caught;
    }
    expect((error as ApiError).code).toBe('restriction_unavailable');
    expect((error as ApiError).message).toContain('BURNLINK_GEOIP_DB');
  });
});

describe('applyPolicy', () => {
  test('no policy (an anonymous create) and the open policy change nothing', () => {
    const restrictions = { networks: ['10.0.0.0/8'] };
    expect(applyPolicy(null, { ...FACTS, restrictions })).toBe(restrictions);
    expect(applyPolicy(null, FACTS)).toBeUndefined();
    expect(applyPolicy(OPEN_POLICY, FACTS)).toBeUndefined();
    expect(applyPolicy(OPEN_POLICY, { ...FACTS, restrictions })).toEqual(restrictions);
  });

  test('members_only', () => {
    const p = policy({ members_only: true });
    expect(applyPolicy(p, FACTS)).toBeUndefined();
    expectViolation(p, { creatorIsMember: false }, 'members_only', 'Only members');
  });

  test('max_ttl', () => {
    const p = policy({ max_ttl: 3600 });
    expect(() => applyPolicy(p, { ...FACTS, ttlSeconds: 3600 })).not.toThrow();
    expectViolation(p, { ttlSeconds: 3601 }, 'max_ttl', 'at most 3600 seconds');
  });

  test('max_views', () => {
    const p = policy({ max_views: 3 });
    expect(() => applyPolicy(p, { ...FACTS, maxViews: 3 })).not.toThrow();
    expectViolation(p, { maxViews: 4 }, 'max_views', 'at most 3');
  });

  test('passphrase_required', () => {
    const p = policy({ passphrase_required: true });
    expect(() => applyPolicy(p, { ...FACTS, hasPassphrase: true })).not.toThrow();
    expectViolation(p, { hasPassphrase: false }, 'passphrase_required', 'requires a passphrase');
  });

  test('passphrase_min_length: checked where the server sees the passphrase, not where it cannot', () => {
    const p = policy({ passphrase_required: true, passphrase_min_length: 12 });
    const server = { serverEncrypted: true, hasPassphrase: true };
    expect(() => applyPolicy(p, { ...FACTS, ...server, passphraseLength: 12 })).not.toThrow();
    expectViolation(
      p,
      { ...server, passphraseLength: 11 },
      'passphrase_min_length',
      'at least 12 characters',
    );
    // Client-encrypted: the length is unknown to the server; clients enforce it from GET /api/v1/config.
    expect(() => applyPolicy(p, { ...FACTS, hasPassphrase: true, passphraseLength: null })).not.toThrow();
    // Without passphrase_required, the minimum applies to passphrases that are given.
    const optional = policy({ passphrase_min_length: 12 });
    expect(() => applyPolicy(optional, FACTS)).not.toThrow();
    expectViolation(optional, { ...server, passphraseLength: 4 }, 'passphrase_min_length', '12');
  });

  test('server_encryption', () => {
    const p = policy({ server_encryption: false });
    expect(() => applyPolicy(p, { ...FACTS, serverEncrypted: false })).not.toThrow();
    expectViolation(p, { serverEncrypted: true }, 'server_encryption', 'encrypt on the client');
  });

  test('verification_required', () => {
    const p = policy({ verification_required: true });
    const restrictions = { recipients: ['ada@example.com'] };
    expect(applyPolicy(p, { ...FACTS, restrictions })).toEqual(restrictions);
    expectViolation(p, {}, 'verification_required', 'recipients');
    expectViolation(p, { restrictions: { networks: ['10.0.0.0/8'] } }, 'verification_required', 'recipients');
  });

  test('recipient_domains: every recipient at an allowed domain', () => {
    const p = policy({ recipient_domains: ['example.com', 'example.org'] });
    const ok = { recipients: ['Ada@Example.com', 'bob@example.org'] };
    expect(applyPolicy(p, { ...FACTS, restrictions: ok })).toEqual(ok);
    expect(applyPolicy(p, FACTS)).toBeUndefined();
    expectViolation(
      p,
      { restrictions: { recipients: ['ada@example.com', 'eve@evil.example.net'] } },
      'recipient_domains',
      'example.com, example.org',
    );
    // A subdomain is another domain.
    expectViolation(
      p,
      { restrictions: { recipients: ['ada@mail.example.com'] } },
      'recipient_domains',
      'example.com',
    );
  });

  describe('networks', () => {
    const cidrs = ['10.0.0.0/8', '2001:db8::/32'];
    test('default: filled in when the sender sets none; any sender networks otherwise', () => {
      const p = policy({ networks: { cidrs, enforce: 'default' } });
      expect(applyPolicy(p, FACTS)).toEqual({ networks: cidrs });
      expect(applyPolicy(p, { ...FACTS, restrictions: { networks: ['192.0.2.0/24'] } })).toEqual({
        networks: ['192.0.2.0/24'],
      });
    });
    test('required: filled in; narrower networks allowed; wider or other networks refused', () => {
      const p = policy({ networks: { cidrs, enforce: 'required' } });
      expect(applyPolicy(p, FACTS)).toEqual({ networks: cidrs });
      const narrower = { networks: ['10.1.0.0/16', '2001:db8:1::/48'] };
      expect(applyPolicy(p, { ...FACTS, restrictions: narrower })).toEqual(narrower);
      expectViolation(
        p,
        { restrictions: { networks: ['10.0.0.0/7'] } },
        'networks',
        '10.0.0.0/8, 2001:db8::/32',
      );
      expectViolation(
        p,
        { restrictions: { networks: ['10.1.0.0/16', '192.0.2.0/24'] } },
        'networks',
        '192.0.2.0/24',
      );
    });
  });

  describe('countries', () => {
    test('default: filled in when the sender sets none; the sender may choose otherwise', () => {
      const p = policy({ countries: { allow: ['NL', 'BE'], enforce: 'default' } });
      expect(applyPolicy(p, FACTS)).toEqual({ countries: { allow: ['NL', 'BE'] } });
      const deny = { countries: { deny: ['RU'] } };
      expect(applyPolicy(p, { ...FACTS, restrictions: deny })).toEqual(deny);
    });
    test('required: a subset of the allowed countries passes; others and a deny list are refused', () => {
      const p = policy({ countries: { allow: ['NL', 'BE'], enforce: 'required' } });
      expect(applyPolicy(p, FACTS)).toEqual({ countries: { allow: ['NL', 'BE'] } });
      const subset = { countries: { allow: ['NL'] } };
      expect(applyPolicy(p, { ...FACTS, restrictions: subset })).toEqual(subset);
      expectViolation(p, { restrictions: { countries: { allow: ['NL', 'DE'] } } }, 'countries', 'NL, BE');
      expectViolation(p, { restrictions: { countries: { deny: ['RU'] } } }, 'countries', 'deny list');
    });
  });

  describe('office_hours', () => {
    const hours = { ...HOURS, days: [...HOURS.days] };
    test('default: filled in when the sender sets none; the sender may choose otherwise', () => {
      const p = policy({ office_hours: { hours, enforce: 'default' } });
      expect(applyPolicy(p, FACTS)).toEqual({ office_hours: hours });
      const own = { office_hours: { ...hours, start: '06:00' } };
      expect(applyPolicy(p, { ...FACTS, restrictions: own })).toEqual(own);
    });
    test('required: only the same office hours pass', () => {
      const p = policy({ office_hours: { hours, enforce: 'required' } });
      expect(applyPolicy(p, FACTS)).toEqual({ office_hours: hours });
      const same = { office_hours: { ...hours, days: ['fri', 'mon'] as typeof hours.days } };
      expect(() => applyPolicy(p, { ...FACTS, restrictions: same })).not.toThrow();
      expectViolation(
        p,
        { restrictions: { office_hours: { ...hours, end: '20:00' } } },
        'office_hours',
        'mon,fri 08:00–18:00 Europe/Amsterdam',
      );
    });
  });

  test('the sender’s other restrictions are kept, and the input is not changed', () => {
    const p = policy({ networks: { cidrs: ['10.0.0.0/8'], enforce: 'required' } });
    const restrictions = { recipients: ['ada@example.com'] };
    expect(applyPolicy(p, { ...FACTS, restrictions })).toEqual({
      recipients: ['ada@example.com'],
      networks: ['10.0.0.0/8'],
    });
    expect(restrictions).toEqual({ recipients: ['ada@example.com'] });
  });
});

describe('policyStoredExtras (key_claim)', () => {
  test('key_claim false: noKeyClaim; true or no policy: nothing', () => {
    expect(policyStoredExtras(policy({ key_claim: false }))).toEqual({ noKeyClaim: true });
    expect(policyStoredExtras(OPEN_POLICY)).toEqual({});
    expect(policyStoredExtras(null)).toEqual({});
  });
});
