import type { OfficeHours, OrgPolicy } from '@burnlink/wire';
import type { ApiFailure } from './account-api.js';
import type { AccountText } from './account-i18n.js';
import type { AccountKey } from './messages/en.js';

/** The organisation policy form (`/policy`, docs/teams.md "Policies"): the policy as the inputs hold it. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Enforce = 'default' | 'required';
export type TtlUnit = 'minutes' | 'hours' | 'days';

export const TTL_UNITS: readonly { unit: TtlUnit; seconds: number; label: AccountKey }[] = [
  { unit: 'minutes', seconds: 60, label: 'unitMinutes' },
  { unit: 'hours', seconds: 3600, label: 'unitHours' },
  { unit: 'days', seconds: 86_400, label: 'unitDays' },
];

export interface PolicyForm {
  membersOnly: boolean;
  /** Empty: no limit. */
  maxTtl: string;
  maxTtlUnit: TtlUnit;
  maxViews: string;
  passphraseRequired: boolean;
  passphraseMinLength: string;
  verificationRequired: boolean;
  /** One per line (commas and spaces also separate). */
  recipientDomains: string;
  networks: { on: boolean; cidrs: string; enforce: Enforce };
  countries: { on: boolean; allow: string; enforce: Enforce };
  officeHours: {
    on: boolean;
    days: Weekday[];
    start: string;
    end: string;
    timeZone: string;
    enforce: Enforce;
  };
  serverEncryption: boolean;
  keyClaim: boolean;
  /** Who may request secrets (docs/policies.md). */
  requests: OrgPolicy['requests'];
}

/** Which input a problem is about (its id is `policy-<field>`), and what to say. */
export interface FormProblem {
  field:
    | 'maxTtl'
    | 'maxViews'
    | 'passphraseMinLength'
    | 'networks'
    | 'countries'
    | 'days'
    | 'hours'
    | 'timeZone';
  message: AccountKey;
}

const lines = (values: readonly string[]) => values.join('\n');
/** Values typed one per line, or separated by commas or spaces; empty ones dropped. */
export const splitList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((value) => value.trim())
    .filter((value) => value !== '');

/** The lifetime in the largest unit that holds it whole (3600 s → 1 hours; 5400 s → 90 minutes). */
export function ttlInputs(seconds: number | null): { maxTtl: string; maxTtlUnit: TtlUnit } {
  if (seconds === null) return { maxTtl: '', maxTtlUnit: 'hours' };
  for (const { unit, seconds: size } of [...TTL_UNITS].reverse()) {
    if (seconds % size === 0) return { maxTtl: String(seconds / size), maxTtlUnit: unit };
  }
  // Not whole minutes (set through the API): shown rounded up, saved as shown.
  return { maxTtl: String(Math.ceil(seconds / 60)), maxTtlUnit: 'minutes' };
}

/** A time zone for a new office-hours rule: the browser's own. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function toForm(policy: OrgPolicy, timeZone = 'UTC'): PolicyForm {
  const hours = policy.office_hours?.hours;
  return {
    membersOnly: policy.members_only,
    ...ttlInputs(policy.max_ttl),
    maxViews: policy.max_views === null ? '' : String(policy.max_views),
    passphraseRequired: policy.passphrase_required,
    passphraseMinLength: policy.passphrase_min_length === null ? '' : String(policy.passphrase_min_length),
    verificationRequired: policy.verification_required,
    recipientDomains: lines(policy.recipient_domains),
    networks: {
      on: policy.networks !== null,
      cidrs: lines(policy.networks?.cidrs ?? []),
      enforce: policy.networks?.enforce ?? 'required',
    },
    countries: {
      on: policy.countries !== null,
      allow: (policy.countries?.allow ?? []).join(', '),
      enforce: policy.countries?.enforce ?? 'required',
    },
    officeHours: {
      on: hours !== undefined,
      days: hours ? [...(hours.days as readonly Weekday[])] : ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: hours?.start ?? '08:00',
      end: hours?.end ?? '18:00',
      timeZone: hours?.time_zone ?? timeZone,
      enforce: policy.office_hours?.enforce ?? 'default',
    },
    serverEncryption: policy.server_encryption,
    keyClaim: policy.key_claim,
    requests: policy.requests ?? 'everyone',
  };
}

/** An empty input is no limit; otherwise a whole number from 1 to `max`, else undefined (a problem). */
function limit(text: string, max = Number.MAX_SAFE_INTEGER): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 1 && value <= max ? value : undefined;
}

/** `HH:MM`, 24-hour; `24:00` only as an end (the wire's CLOCK_PATTERN). */
const CLOCK = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;
const validClock = (clock: string, end: boolean) => CLOCK.test(clock) || (end && clock === '24:00');

const minutes = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * The form as the policy to PUT, or the first problem the browser can see by itself. The server checks the
 * rest (CIDR syntax, country codes, the time zone) and names what it refuses.
 */
export function fromForm(
  form: PolicyForm,
): { ok: true; policy: OrgPolicy } | { ok: false; problem: FormProblem } {
  const fail = (field: FormProblem['field'], message: AccountKey) =>
    ({ ok: false, problem: { field, message } }) as const;
  const ttl = limit(form.maxTtl);
  if (ttl === undefined) return fail('maxTtl', 'policyErrNumber');
  const unit = TTL_UNITS.find((u) => u.unit === form.maxTtlUnit)?.seconds ?? 1;
  const maxViews = limit(form.maxViews);
  if (maxViews === undefined) return fail('maxViews', 'policyErrNumber');
  const minLength = limit(form.passphraseMinLength, 1024);
  if (minLength === undefined) return fail('passphraseMinLength', 'policyErrLength');

  const cidrs = splitList(form.networks.cidrs);
  if (form.networks.on && cidrs.length === 0) return fail('networks', 'policyErrList');
  const countries = splitList(form.countries.allow).map((code) => code.toUpperCase());
  if (form.countries.on && countries.length === 0) return fail('countries', 'policyErrList');
  const hours = form.officeHours;
  if (hours.on) {
    if (hours.days.length === 0) return fail('days', 'policyErrDays');
    const start = hours.start.trim();
    const end = hours.end.trim();
    if (!validClock(start, false) || !validClock(end, true) || minutes(start) >= minutes(end))
      return fail('hours', 'policyErrHours');
    if (hours.timeZone.trim() === '') return fail('timeZone', 'policyErrTimeZone');
  }
  const officeHours: OfficeHours = {
    // In week order, whatever order they were ticked in.
    days: WEEKDAYS.filter((day) => hours.days.includes(day)) as unknown as OfficeHours['days'],
    start: hours.start.trim(),
    end: hours.end.trim(),
    time_zone: hours.timeZone.trim(),
  };
  return {
    ok: true,
    policy: {
      members_only: form.membersOnly,
      max_ttl: ttl === null ? null : ttl * unit,
      max_views: maxViews,
      passphrase_required: form.passphraseRequired,
      passphrase_min_length: minLength,
      verification_required: form.verificationRequired,
      recipient_domains: splitList(form.recipientDomains),
      networks: form.networks.on ? { cidrs, enforce: form.networks.enforce } : null,
      countries: form.countries.on ? { allow: countries, enforce: form.countries.enforce } : null,
      office_hours: hours.on ? { hours: officeHours, enforce: hours.enforce } : null,
      server_encryption: form.serverEncryption,
      key_claim: form.keyClaim,
      requests: form.requests,
    },
  };
}

/** Weekday names in the reader's language (1 January 2024 was a Monday). */
export function weekdayNames(locale: string): Record<Weekday, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Object.fromEntries(
    WEEKDAYS.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))]),
  ) as Record<Weekday, string>;
}

/** The codes with which the server refuses a policy's values; its message names the field and the rule. */
const REFUSALS = new Set(['invalid_request', 'invalid_restrictions', 'restriction_unavailable']);

/**
 * A refused save in plain words: the server's own message, which names the field and the rule it broke
 * (e.g. `networks.cidrs: "10.0.0.0/33" is not a network`), or null for other failures (`failureText`).
 */
export function policyRefusalText(failure: ApiFailure, { a }: AccountText): string | null {
  if (!REFUSALS.has(failure.code)) return null;
  return a('policyRefused', { message: failure.message ?? failure.code });
}
