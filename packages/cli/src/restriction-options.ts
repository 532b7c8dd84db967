import { isIP } from 'node:net';
import type { OfficeHours, Restrictions } from '@burnlink/client';
import { UsageError } from './usage-error.js';

// `burnlink send` restriction flags (docs/cli.md, docs/policies.md): parsed and checked here, so that a typo
// fails with a message naming the flag before anything is read or sent. The server checks them again.

type Weekday = OfficeHours['days'][number];
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const OFFICE_HOURS_FORM = '"DAYS HH:MM-HH:MM ZONE", e.g. "mon-fri 08:00-18:00 Europe/Amsterdam"';

/** The flags of `send` that make restrictions. */
export const RESTRICTION_OPTIONS = {
  'verify-email': { type: 'string', multiple: true },
  'allow-network': { type: 'string', multiple: true },
  'office-hours': { type: 'string' },
  'allow-country': { type: 'string', multiple: true },
  'deny-country': { type: 'string', multiple: true },
} as const;

export const RESTRICTION_HELP = `  --verify-email ADDRESS
                         the recipient must confirm a 6-digit code mailed to ADDRESS before the secret
                         opens (repeat for several recipients; needs SMTP on the server)
  --allow-network CIDR   opens only from these networks, IPv4 or IPv6 (repeat, or separate with commas:
                         10.0.0.0/8,2001:db8::/32; a bare address means just that address)
  --office-hours HOURS   opens only on these days and hours in a time zone, such as
                         "mon-fri 08:00-18:00 Europe/Amsterdam" or "mon,wed,fri 09:00-12:30 UTC"
  --allow-country CODES  opens only from these countries (ISO codes, comma separated or repeated: NL,BE)
  --deny-country CODES   opens from anywhere but these countries (needs a GeoIP database on the server)`;

export interface RestrictionValues {
  'verify-email'?: string[] | undefined;
  'allow-network'?: string[] | undefined;
  'office-hours'?: string | undefined;
  'allow-country'?: string[] | undefined;
  'deny-country'?: string[] | undefined;
}

/**
 * The restrictions asked for by the flags, or undefined when none was given.
 *
 * @example
 * ```ts
 * restrictionsFrom({ 'office-hours': 'mon-fri 08:00-18:00 Europe/Amsterdam', 'allow-country': ['nl,be'] });
 * // { office_hours: { days: ['mon', …, 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
 * //   countries: { allow: ['NL', 'BE'] } }
 * ```
 */
export function restrictionsFrom(values: RestrictionValues): Restrictions | undefined {
  const restrictions: Restrictions = {};
  const emails = values['verify-email'];
  if (emails !== undefined) restrictions.recipients = emails.map(parseEmail);
  const networks = values['allow-network'];
  if (networks !== undefined)
    restrictions.networks = unique(splitList(networks, '--allow-network').map(parseCidr));
  const hours = values['office-hours'];
  if (hours !== undefined) restrictions.office_hours = parseOfficeHours(hours);
  const allow = values['allow-country'];
  const deny = values['deny-country'];
  if (allow !== undefined && deny !== undefined) {
    throw new UsageError('give --allow-country or --deny-country, not both');
  }
  if (allow !== undefined) restrictions.countries = { allow: parseCountries(allow, '--allow-country') };
  if (deny !== undefined) restrictions.countries = { deny: parseCountries(deny, '--deny-country') };
  return Object.keys(restrictions).length > 0 ? restrictions : undefined;
}

function parseEmail(text: string): string {
  const address = text.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 254) {
    throw new UsageError(`--verify-email needs an email address such as ada@example.com; got "${text}"`);
  }
  return address;
}

function splitList(values: string[], flag: string): string[] {
  const items = values.flatMap((value) => value.split(',')).map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`${flag} has an empty entry`);
  return items;
}

const unique = (items: string[]) => [...new Set(items)];

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare address (as /32 or /128). */
export function parseCidr(text: string): string {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const version = isIP(address);
  const max = version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(max) : text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (version === 0 || !/^\d{1,3}$/.test(prefixText) || prefix > max) {
    throw new UsageError(
      `--allow-network needs networks such as 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32; got "${text}"`,
    );
  }
  return `${address}/${prefix}`;
}

function parseCountries(values: string[], flag: string): string[] {
  const codes = splitList(values, flag).map((code) => code.toUpperCase());
  const bad = codes.find((code) => !/^[A-Z]{2}$/.test(code));
  if (bad !== undefined) {
    throw new UsageError(`${flag} needs two-letter ISO country codes such as NL,BE; got "${bad}"`);
  }
  return unique(codes);
}

/**
 * `--office-hours`: days (`mon-fri`, `mon,wed,fri`, `sat-sun`, `fri-mon` wraps), a window `HH:MM-HH:MM` (end
 * after start; `24:00` as end) and an IANA time zone.
 *
 * @example
 * ```ts
 * parseOfficeHours('mon,wed-thu 9:00-17:30 Europe/Amsterdam');
 * // { days: ['mon', 'wed', 'thu'], start: '09:00', end: '17:30', time_zone: 'Europe/Amsterdam' }
 * ```
 */
export function parseOfficeHours(text: string): OfficeHours {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 3 || parts[0] === '') {
    throw new UsageError(
      parts.length === 2
        ? `--office-hours needs a time zone, such as ${OFFICE_HOURS_FORM}`
        : `--office-hours must look like ${OFFICE_HOURS_FORM}; got "${text}"`,
    );
  }
  const [daysText, windowText, zone] = parts as [string, string, string];
  const days = parseDays(daysText);
  const window = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(windowText);
  if (!window) {
    throw new UsageError(`--office-hours needs a time window such as 08:00-18:00; got "${windowText}"`);
  }
  const start = parseClock(window[1]!, false);
  const end = parseClock(window[2]!, true);
  if (start >= end) {
    throw new UsageError(
      `--office-hours: the window must end after it starts on the same day (${start}-${end}); a window across midnight is not possible`,
    );
  }
  return { days, start, end, time_zone: parseZone(zone) };
}

function parseDays(text: string): Weekday[] {
  const chosen = new Set<Weekday>();
  for (const item of text.toLowerCase().split(',')) {
    const range = item.split('-');
    if (range.length > 2 || range.some((day) => day === '')) throw badDays(text);
    const from = weekday(range[0]!, text);
    const to = weekday(range[range.length - 1]!, text);
    // A range may wrap around the week: fri-mon is fri, sat, sun, mon.
    for (let i = from; ; i = (i + 1) % 7) {
      chosen.add(WEEKDAYS[i]!);
      if (i === to) break;
    }
  }
  return WEEKDAYS.filter((day) => chosen.has(day));
}

function weekday(name: string, text: string): number {
  const short = WEEKDAYS.indexOf(name as Weekday);
  const index = short === -1 ? FULL_NAMES.indexOf(name) : short;
  if (index === -1) throw badDays(text);
  return index;
}

const badDays = (text: string) =>
  new UsageError(
    `--office-hours days must be mon, tue, wed, thu, fri, sat or sun, as a range (mon-fri) or a list (mon,wed,fri); got "${text}"`,
  );

function parseClock(text: string, isEnd: boolean): string {
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  const clock = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  const valid = (hours < 24 && minutes < 60) || (isEnd && clock === '24:00');
  if (!valid) throw new UsageError(`--office-hours: ${text} is not a time of day (00:00 to 24:00)`);
  return clock;
}

function parseZone(zone: string): string {
  try {
    // The canonical spelling: europe/amsterdam → Europe/Amsterdam.
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new UsageError(
      `--office-hours: unknown time zone "${zone}"; use an IANA name such as Europe/Amsterdam, America/New_York or UTC`,
    );
  }
}
