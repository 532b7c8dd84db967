import type { OfficeHours, OrgPolicy, Restrictions } from '@burnlink/wire';
import { ApiError } from '../errors.js';
import { cidrWithin, parseCidr } from './cidr.js';
import { validateOfficeHours } from './office-hours.js';
import {
  normaliseCountries,
  normaliseCountry,
  normaliseDomain,
  normaliseNetworks,
  requireGeoip,
  type StoredRestrictions,
} from './restrictions.js';

/** What `applyPolicy` needs to know about a create. */
export interface CreateFacts {
  ttlSeconds: number;
  maxViews: number;
  /** The server encrypts (a text create); false when the client encrypted. */
  serverEncrypted: boolean;
  hasPassphrase: boolean;
  /** The passphrase's length in characters when the server sees it (server-encrypted creates), else null. */
  passphraseLength: number | null;
  restrictions: Restrictions | undefined;
  /** The creator is a member of the organisation (false for a key whose creator left, or has none). */
  creatorIsMember: boolean;
}

type Rule = keyof OrgPolicy;

const violation = (rule: Rule, message: string) => new ApiError('policy_violation', message, { rule });
const invalid = (message: string) => new ApiError('invalid_restrictions', message);

function positive(field: string, value: number | null, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw invalid(`${field} must be null or a whole number from 1 to ${max}.`);
  return value;
}

const REQUESTS: OrgPolicy['requests'][] = ['everyone', 'members', 'nobody'];
const ENFORCE = ['default', 'required'];
function enforce(field: string, value: string): 'default' | 'required' {
  if (!ENFORCE.includes(value)) throw invalid(`${field}.enforce must be default or required.`);
  return value as 'default' | 'required';
}

/**
 * Checks an organisation's policy and returns it normalised (canonical CIDRs, upper-case countries,
 * lower-case domains, office hours in week order). Throws `invalid_restrictions` for a bad value and
 * `restriction_unavailable` for country rules without a GeoIP database.
 */
export function validatePolicy(policy: OrgPolicy, caps: { geoip: boolean }): OrgPolicy {
  const countries =
    policy.countries === null
      ? null
      : {
          allow: normaliseCountries('countries.allow', policy.countries.allow),
          enforce: enforce('countries', policy.countries.enforce),
        };
  if (countries) requireGeoip(caps);
  return {
    members_only: policy.members_only === true,
    max_ttl: positive('max_ttl', policy.max_ttl),
    max_views: positive('max_views', policy.max_views),
    passphrase_required: policy.passphrase_required === true,
    passphrase_min_length: positive('passphrase_min_length', policy.passphrase_min_length, 1024),
    verification_required: policy.verification_required === true,
    recipient_domains: [...new Set((policy.recipient_domains ?? []).map(normaliseDomain))],
    networks:
      policy.networks === null
        ? null
        : {
            cidrs: normaliseNetworks('networks.cidrs', policy.networks.cidrs),
            enforce: enforce('networks', policy.networks.enforce),
          },
    countries,
    office_hours:
      policy.office_hours === null
        ? null
        : {
            hours: validateOfficeHours(policy.office_hours.hours),
            enforce: enforce('office_hours', policy.office_hours.enforce),
          },
    server_encryption: policy.server_encryption !== false,
    key_claim: policy.key_claim !== false,
    requests: REQUESTS.includes(policy.requests) ? policy.requests : 'everyone',
  };
}

const sameHours = (a: OfficeHours, b: OfficeHours) =>
  a.start === b.start && a.end === b.end && a.time_zone === b.time_zone && a.days.join() === b.days.join();

const describeHours = (h: OfficeHours) => `${h.days.join(',')} ${h.start}–${h.end} ${h.time_zone}`;

/**
 * Applies an organisation's policy to a create: refuses what breaks it (`policy_violation`, naming the rule
 * and the allowed value) and returns the restrictions to store — the sender's, with the policy's default and
 * required rules filled in where the sender set none. A null policy (anonymous create) changes nothing.
 * `key_claim: false` is not a restriction of the wire: see `policyStoredExtras`.
 */
export function applyPolicy(policy: OrgPolicy | null, create: CreateFacts): Restrictions | undefined {
  if (policy === null) return create.restrictions;
  const r: Restrictions = { ...create.restrictions };

  if (policy.members_only && !create.creatorIsMember)
    throw violation(
      'members_only',
      'Only members of the organisation may create secrets: this API key has no creator who is still a member.',
    );
  if (!policy.server_encryption && create.serverEncrypted)
    throw violation(
      'server_encryption',
      'Server-side encryption is off for your organisation: encrypt on the client (the web app, the CLI or the SDK).',
    );
  if (policy.max_ttl !== null && create.ttlSeconds > policy.max_ttl)
    throw violation('max_ttl', `ttl may be at most ${policy.max_ttl} seconds in your organisation.`);
  if (policy.max_views !== null && create.maxViews > policy.max_views)
    throw violation('max_views', `max_views may be at most ${policy.max_views} in your organisation.`);
  if (policy.passphrase_required && !create.hasPassphrase)
    throw violation('passphrase_required', 'Your organisation requires a passphrase on every secret.');
  const min = policy.passphrase_min_length;
  if (
    min !== null &&
    create.hasPassphrase &&
    create.passphraseLength !== null &&
    create.passphraseLength < min
  )
    throw violation(
      'passphrase_min_length',
      `The passphrase must have at least ${min} characters in your organisation.`,
    );

  if (policy.verification_required && !r.recipients?.length)
    throw violation(
      'verification_required',
      'Your organisation requires recipient verification: name the recipients (recipients).',
    );
  if (policy.recipient_domains.length > 0 && r.recipients) {
    const domains = policy.recipient_domains;
    for (const address of r.recipients) {
      const domain = address
        .slice(address.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase();
      if (!domains.includes(domain))
        throw violation(
          'recipient_domains',
          `Recipients must be at ${domains.join(', ')} in your organisation; one recipient is not.`,
        );
    }
  }

  if (policy.networks !== null) {
    const allowed = policy.networks.cidrs;
    if (!r.networks) r.networks = [...allowed];
    else if (policy.networks.enforce === 'required') {
      const outer = allowed.map(parseCidr);
      for (const cidr of r.networks)
        if (!outer.some((o) => cidrWithin(parseCidr(cidr), o)))
          throw violation(
            'networks',
            `${cidr} is outside the networks your organisation allows: ${allowed.join(', ')}.`,
          );
    }
  }

  if (policy.countries !== null) {
    const allowed = policy.countries.allow;
    if (!r.countries) r.countries = { allow: [...allowed] };
    else if (policy.countries.enforce === 'required') {
      if (!r.countries.allow)
        throw violation(
          'countries',
          `Your organisation allows only these countries: ${allowed.join(', ')}; a deny list is wider. Use allow.`,
        );
      for (const code of r.countries.allow)
        if (!allowed.includes(normaliseCountry(code)))
          throw violation(
            'countries',
            `${code} is not among the countries your organisation allows: ${allowed.join(', ')}.`,
          );
    }
  }

  if (policy.office_hours !== null) {
    const { hours } = policy.office_hours;
    if (!r.office_hours) r.office_hours = { ...hours, days: [...hours.days] };
    else if (
      policy.office_hours.enforce === 'required' &&
      !sameHours(validateOfficeHours(r.office_hours), validateOfficeHours(hours))
    )
      throw violation(
        'office_hours',
        `Your organisation requires the office hours ${describeHours(hours)}; leave them out or send exactly these.`,
      );
  }

  return Object.keys(r).length > 0 ? r : undefined;
}

/** What the policy adds to the stored restrictions beyond the wire's: `noKeyClaim` when key claims are off. */
export function policyStoredExtras(policy: OrgPolicy | null): Partial<StoredRestrictions> {
  return policy !== null && !policy.key_claim ? { noKeyClaim: true } : {};
}

/** What `applyRequestPolicy` needs to know about a request's create. */
export interface RequestFacts {
  ttlSeconds: number;
  responseTtlSeconds: number;
  creatorIsMember: boolean;
}

/**
 * Applies an organisation's policy to a request for a secret (docs/policies.md): `requests` decides who may
 * ask at all, and `max_ttl` bounds both how long the request waits and how long its response does. Throws
 * `policy_violation` naming the rule; a null policy (anonymous create) allows everything.
 */
export function applyRequestPolicy(policy: OrgPolicy | null, create: RequestFacts): void {
  if (policy === null) return;
  if (policy.requests === 'nobody')
    throw violation('requests', 'Your organisation does not allow requests for secrets.');
  if (policy.requests === 'members' && !create.creatorIsMember)
    throw violation(
      'requests',
      'Only members of the organisation may request secrets: this API key has no creator who is still a member.',
    );
  if (policy.max_ttl !== null && create.ttlSeconds > policy.max_ttl)
    throw violation('max_ttl', `ttl may be at most ${policy.max_ttl} seconds in your organisation.`);
  if (policy.max_ttl !== null && create.responseTtlSeconds > policy.max_ttl)
    throw violation('max_ttl', `response_ttl may be at most ${policy.max_ttl} seconds in your organisation.`);
}
