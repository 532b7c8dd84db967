import type {
  OfficeHours,
  PeekRequires,
  Restrictions,
  RESTRICTION_LIMITS as WireLimits,
} from '@burnlink/wire';
import { ApiError } from '../errors.js';
import { canonicalCidr } from './cidr.js';
import { validateOfficeHours } from './office-hours.js';

/**
 * The restrictions as the server keeps them with a secret (JSON text in the record, deleted with it).
 * Recipient addresses live here until the secret ends, and nowhere else.
 */
export interface StoredRestrictions {
  v: 1;
  /** Lower-cased, deduplicated addresses, in the sender's order (the peek's hints follow it). */
  recipients?: string[];
  /** Canonical CIDRs (`10.0.0.0/8`, `2001:db8::/32`). */
  networks?: string[];
  officeHours?: OfficeHours;
  countries?: { allow?: string[]; deny?: string[] };
  /** The organisation's policy turned key claims off (`key_claim: false`). */
  noKeyClaim?: true;
}

/** What this server can enforce: mail for recipient codes, a GeoIP database for countries. */
export interface RestrictionCaps {
  mail: boolean;
  geoip: boolean;
}

/** The wire's limits, copied as a value (runtime code imports the wire for types only); the type keeps them equal. */
const RESTRICTION_LIMITS: typeof WireLimits = { recipients: 10, networks: 50, countries: 250 };

const invalid = (message: string) => new ApiError('invalid_restrictions', message);

/**
 * Deliberately simple: one @, something before it, a dotted domain of letters, digits and hyphens after it
 * (an internationalised domain in its xn-- form).
 */
const EMAIL =
  /^[^\s@"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const unique = <T>(items: T[]): T[] => [...new Set(items)];

function list(field: string, value: unknown, limit: number): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string'))
    throw invalid(`${field} must be a non-empty list of strings.`);
  if (value.length > limit) throw invalid(`${field} may name at most ${limit} entries.`);
  return value as string[];
}

/** A lower-cased email address, or `invalid_restrictions` naming it. */
export function normaliseEmail(address: string): string {
  const lower = address.trim().toLowerCase();
  if (!EMAIL.test(lower))
    throw invalid(`${JSON.stringify(address)} is not an email address (name@example.com).`);
  return lower;
}

/** A lower-cased domain name (`@Example.com` → `example.com`), or `invalid_restrictions` naming it. */
export function normaliseDomain(domain: string): string {
  const lower = domain.trim().toLowerCase().replace(/^@/, '');
  if (!DOMAIN.test(lower)) throw invalid(`${JSON.stringify(domain)} is not a domain name (example.com).`);
  return lower;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An upper-cased ISO 3166-1 alpha-2 code that Intl knows as a region, or `invalid_restrictions`. */
export function normaliseCountry(code: string): string {
  const upper = code.trim().toUpperCase();
  const known = /^[A-Z]{2}$/.test(upper) && upper !== 'ZZ' && regionNames.of(upper) !== upper;
  if (!known)
    throw invalid(`${JSON.stringify(code)} is not a country code: use ISO 3166-1 alpha-2, such as NL or US.`);
  return upper;
}

/** Normalised CIDRs, deduplicated. */
export function normaliseNetworks(field: string, cidrs: unknown): string[] {
  return unique(list(field, cidrs, RESTRICTION_LIMITS.networks).map(canonicalCidr));
}

/** Normalised country codes, deduplicated. */
export function normaliseCountries(field: string, codes: unknown): string[] {
  return unique(list(field, codes, RESTRICTION_LIMITS.countries).map(normaliseCountry));
}

const NO_MAIL =
  'Recipient verification needs mail, and this server has none: the operator must set BURNLINK_SMTP_URL (and BURNLINK_MAIL_FROM).';
const NO_GEOIP =
  'Country rules need a GeoIP database, and this server has none: the operator must set BURNLINK_GEOIP_DB to a MaxMind .mmdb file.';

/** Country rules are refused without a database, never ignored. */
export function requireGeoip(caps: { geoip: boolean }): void {
  if (!caps.geoip) throw new ApiError('restriction_unavailable', NO_GEOIP);
}

/**
 * Validates a sender's restrictions and returns what the server stores, or null when nothing is restricted.
 * Throws `invalid_restrictions` for a bad value and `restriction_unavailable` for a rule the server cannot
 * enforce (recipients without mail, countries without a GeoIP database).
 *
 * @example normaliseRestrictions({ networks: ['10.0.0.0/8'] }, { mail: false, geoip: false })
 * // { v: 1, networks: ['10.0.0.0/8'] }
 */
export function normaliseRestrictions(input: Restrictions, caps: RestrictionCaps): StoredRestrictions | null {
  const stored: StoredRestrictions = { v: 1 };
  if (input.recipients !== undefined) {
    const recipients = list('recipients', input.recipients, RESTRICTION_LIMITS.recipients);
    stored.recipients = unique(recipients.map(normaliseEmail));
    if (!caps.mail) throw new ApiError('restriction_unavailable', NO_MAIL);
  }
  if (input.networks !== undefined) stored.networks = normaliseNetworks('networks', input.networks);
  if (input.office_hours !== undefined) stored.officeHours = validateOfficeHours(input.office_hours);
  if (input.countries !== undefined) {
    const { allow, deny } = input.countries;
    if ((allow === undefined) === (deny === undefined))
      throw invalid('countries must name exactly one of allow or deny.');
    stored.countries =
      allow !== undefined
        ? { allow: normaliseCountries('countries.allow', allow) }
        : { deny: normaliseCountries('countries.deny', deny) };
    requireGeoip(caps);
  }
  return Object.keys(stored).length > 1 ? stored : null;
}

/** The JSON text the stores keep. */
export function encodeRestrictions(r: StoredRestrictions): string {
  return JSON.stringify(r);
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Reads stored restrictions back. Unknown fields are ignored (a newer node may have written them); anything
 * that is not version-1 restrictions throws, so that a damaged record never opens as unrestricted.
 */
export function decodeRestrictions(text: string): StoredRestrictions {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('Stored restrictions are not JSON.');
  }
  const bad = (what: string) => new Error(`Stored restrictions are not valid: ${what}.`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('not an object');
  const r = raw as Record<string, unknown>;
  if (r.v !== 1) throw bad('unknown version');
  const out: StoredRestrictions = { v: 1 };
  if (r.recipients !== undefined) {
    if (!strings(r.recipients) || r.recipients.length === 0) throw bad('recipients');
    out.recipients = r.recipients;
  }
  if (r.networks !== undefined) {
    if (!strings(r.networks) || r.networks.length === 0) throw bad('networks');
    out.networks = r.networks;
  }
  if (r.officeHours !== undefined) {
    const h = r.officeHours as Record<string, unknown> | null;
    const valid =
      typeof h === 'object' &&
      h !== null &&
      strings(h.days) &&
      typeof h.start === 'string' &&
      typeof h.end === 'string' &&
      typeof h.time_zone === 'string';
    if (!valid) throw bad('officeHours');
    out.officeHours = { days: h.days, start: h.start, end: h.end, time_zone: h.time_zone } as OfficeHours;
  }
  if (r.countries !== undefined) {
    const c = r.countries as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null) throw bad('countries');
    if (strings(c.allow)) out.countries = { allow: c.allow };
    else if (strings(c.deny)) out.countries = { deny: c.deny };
    else throw bad('countries');
  }
  if (r.noKeyClaim === true) out.noKeyClaim = true;
  return out;
}

/**
 * What a peek tells the recipient's client: which steps a claim needs, never the values — the recipients
 * only as masked hints, in order.
 */
export function peekRequires(r: StoredRestrictions): PeekRequires {
  const requires: PeekRequires = {};
  if (r.recipients?.length) requires.verification = { recipients: r.recipients.map(maskEmail) };
  if (r.networks?.length) requires.network = true;
  if (r.officeHours) requires.office_hours = true;
  if (r.countries) requires.country = true;
  return requires;
}

const hint = (part: string) => `${[...part][0] ?? ''}•••`;

/**
 * A hint that lets a recipient recognise their address without revealing it: the first letter of the name
 * and of the domain, and the domain's last label.
 *
 * @example maskEmail('ada@example.com') // 'a•••@e•••.com'
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, Math.max(at, 0));
  const domain = at < 0 ? '' : address.slice(at + 1);
  const labels = domain.split('.');
  const last = labels.length > 1 ? `.${labels.at(-1)}` : '';
  return `${hint(local)}@${hint(domain)}${last}`;
}
