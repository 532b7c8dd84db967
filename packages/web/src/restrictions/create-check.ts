import type { Failure } from '@burnlink/client';
import type { OfficeHours, OrgPolicy, Restrictions, Weekday } from '@burnlink/wire';
import type { RestrictionKey } from './messages/en.js';
import {
  browserTimeZone,
  type Cidr,
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
import type { RestrictionText } from './restriction-text.js';

/** The weekdays in calendar order (the wire's `WEEKDAYS`; the wire's values stay out of the bundle). */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The wire's `RESTRICTION_LIMITS`. */
export const LIMITS = { recipients: 10, networks: 50, countries: 250 } as const;

/** What the server can enforce (`GET /api/v1/config` → `restrictions`); null when it does not say. */
export interface Capabilities {
  verification: boolean;
  countries: boolean;
}

/** The restrictions form as typed. */
export interface Draft {
  recipients: string;
  networks: string;
  hoursOn: boolean;
  days: Weekday[];
  start: string;
  end: string;
  zone: string;
  countries: string;
}

/** Something to fix before sending: the words, and the id of the field to focus (null: none to focus). */
export interface Problem {
  field: string | null;
  message: string;
}

/** The restrictions to send (undefined: none), or the first problem in them. */
export interface Checked {
  restrictions: Restrictions | undefined;
  problem: Problem | null;
}

/** Field ids of the form, for focusing the field a problem is about. */
export const FIELD = {
  recipients: 'restrict-recipients',
  networks: 'restrict-networks',
  hours: 'restrict-hours',
  day: 'restrict-day-mon',
  start: 'restrict-start',
  end: 'restrict-end',
  zone: 'restrict-zone',
  countries: 'restrict-countries',
  passphrase: 'passphrase',
} as const;

/** A time input cannot show 24:00: midnight at the end of the day shows as 00:00. */
const shownEnd = (end: string) => (end === '24:00' ? '00:00' : end);

/**
 * The form as it starts: empty, except for the organisation's default and required rules, prefilled; office
 * hours off (Mon–Fri 09:00–17:00 in the browser's time zone once switched on).
 */
export function initialDraft(policy: OrgPolicy | null, zone = browserTimeZone()): Draft {
  const hours = policy?.office_hours?.enforce === 'default' ? policy.office_hours.hours : null;
  return {
    recipients: '',
    networks: policy?.networks ? policy.networks.cidrs.join('\n') : '',
    hoursOn: hours !== null,
    days: hours ? [...daysOf(hours)] : ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: hours?.start ?? '09:00',
    end: hours ? shownEnd(hours.end) : '17:00',
    zone: hours?.time_zone ?? zone,
    countries: policy?.countries ? policy.countries.allow.join(', ') : '',
  };
}

const unique = (items: string[]) => [...new Set(items)];

/**
 * The days of office hours. (The wire's `OfficeHours['days']` is typed `never[]`: its TypeBox union is built
 * from a mapped array, which loses the literals.)
 */
export const daysOf = (hours: OfficeHours): readonly Weekday[] => hours.days as readonly Weekday[];

/**
 * Checks the draft against the wire's rules, what the server can enforce, and the organisation's policy; answers
 * the restrictions to send or the first problem. A required rule the sender leaves empty is not sent: the
 * server fills it in. Required office hours are not editable and not sent either.
 */
export function checkDraft(
  draft: Draft,
  capabilities: Capabilities | null,
  policy: OrgPolicy | null,
  text: RestrictionText,
): Checked {
  const out: Restrictions = {};
  const problem = (field: string | null, key: RestrictionKey, vars?: Record<string, string | number>) => ({
    restrictions: undefined,
    problem: { field, message: text.r(key, vars) },
  });

  if (capabilities?.verification) {
    const recipients = unique(splitList(draft.recipients).map((address) => address.toLowerCase()));
    const bad = recipients.find((address) => !isEmail(address));
    if (bad !== undefined) return problem(FIELD.recipients, 'errEmail', { value: bad });
    if (recipients.length > LIMITS.recipients)
      return problem(FIELD.recipients, 'errTooMany', { count: recipients.length, max: LIMITS.recipients });
    const domains = policy?.recipient_domains ?? [];
    const outside = recipients.find((address) => !inDomains(address, domains));
    if (outside !== undefined)
      return problem(FIELD.recipients, 'errDomain', { value: outside, domains: text.list(domains) });
    if (recipients.length > 0) out.recipients = recipients;
    else if (policy?.verification_required) return problem(FIELD.recipients, 'recipientsRequired');
  } else if (policy?.verification_required) {
    return problem(null, 'verificationUnavailable');
  }

  const networks: Cidr[] = [];
  for (const entry of unique(splitList(draft.networks))) {
    const cidr = parseCidr(entry);
    if (!cidr) return problem(FIELD.networks, 'errCidr', { value: entry });
    networks.push(cidr);
  }
  if (networks.length > LIMITS.networks)
    return problem(FIELD.networks, 'errTooMany', { count: networks.length, max: LIMITS.networks });
  if (policy?.networks?.enforce === 'required') {
    const allowed = policy.networks.cidrs.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== null);
    const wider = networks.find((cidr) => !allowed.some((outer) => cidrInside(cidr, outer)));
    if (wider) return problem(FIELD.networks, 'errCidrPolicy', { value: wider.text });
  }
  if (networks.length > 0) out.networks = networks.map((cidr) => cidr.text);

  if (policy?.office_hours?.enforce !== 'required' && draft.hoursOn) {
    if (draft.days.length === 0) return problem(FIELD.day, 'errDays');
    const start = clockMinutes(draft.start);
    const end = clockMinutes(wireEnd(draft.end));
    if (start === null || start >= 24 * 60) return problem(FIELD.start, 'errTime');
    if (end === null) return problem(FIELD.end, 'errTime');
    if (end <= start) return problem(FIELD.end, 'errOrder');
    const zone = draft.zone.trim();
    if (!isTimeZone(zone)) return problem(FIELD.zone, 'errZone', { value: zone });
    const hours: OfficeHours = {
      days: WEEK.filter((day) => draft.days.includes(day)) as OfficeHours['days'],
      start: draft.start,
      end: wireEnd(draft.end),
      time_zone: zone,
    };
    out.office_hours = hours;
  }

  if (capabilities?.countries) {
    const countries: string[] = [];
    for (const entry of splitList(draft.countries, true)) {
      const code = countryCode(entry);
      if (!code) return problem(FIELD.countries, 'errCountry', { value: entry });
      if (!countries.includes(code)) countries.push(code);
    }
    if (countries.length > LIMITS.countries)
      return problem(FIELD.countries, 'errTooMany', { count: countries.length, max: LIMITS.countries });
    if (policy?.countries?.enforce === 'required') {
      const allowed = policy.countries.allow;
      const outside = countries.find((code) => !allowed.includes(code));
      if (outside) return problem(FIELD.countries, 'errCountryPolicy', { value: outside });
    }
    if (countries.length > 0) out.countries = { allow: countries };
  }

  return { restrictions: Object.keys(out).length > 0 ? out : undefined, problem: null };
}

/** Code points, as a person counts the characters of a passphrase. */
const characters = (text: string) => [...text].length;

/** What the organisation asks of the passphrase, in words for under the field; null when nothing. */
export function passphraseRule(policy: OrgPolicy | null, text: RestrictionText): string | null {
  if (!policy) return null;
  if (policy.passphrase_min_length !== null)
    return text.r('passphraseMin', { n: policy.passphrase_min_length });
  return policy.passphrase_required ? text.r('passphraseRequired') : null;
}

/**
 * The organisation's passphrase rule on what was typed: the server cannot see the passphrase of a secret
 * encrypted in the browser, so clients enforce it (docs/policies.md).
 */
export function checkPassphrase(
  passphrase: string,
  policy: OrgPolicy | null,
  text: RestrictionText,
): Problem | null {
  if (!policy) return null;
  const min = policy.passphrase_min_length;
  if ((policy.passphrase_required || min !== null) && passphrase === '')
    return { field: FIELD.passphrase, message: passphraseRule(policy, text)! };
  if (min !== null && passphrase !== '' && characters(passphrase) < min)
    return { field: FIELD.passphrase, message: text.r('passphraseMin', { n: min }) };
  return null;
}

const RULES = new Set([
  'members_only',
  'max_ttl',
  'max_views',
  'passphrase_required',
  'passphrase_min_length',
  'verification_required',
  'recipient_domains',
  'networks',
  'countries',
  'office_hours',
  'server_encryption',
]);

/** Plain words for a create the server refused over restrictions or the organisation's policy; else null. */
export function createFailureText(failure: Failure, text: RestrictionText): string | null {
  if (failure.reason !== 'invalid_request') return null;
  switch (failure.code) {
    case 'invalid_restrictions':
      return text.r('failInvalid');
    case 'restriction_unavailable':
      return text.r('failUnavailable');
    case 'policy_violation': {
      const rule = (failure as { rule?: string }).rule ?? '';
      const words = RULES.has(rule)
        ? text.r(`rule_${rule}` as RestrictionKey)
        : text.r('rule_unknown', { rule: rule || '?' });
      return text.r('failPolicy', { rule: words });
    }
    default:
      return null;
  }
}
