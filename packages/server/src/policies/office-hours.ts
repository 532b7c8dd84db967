import type { OfficeHours, CLOCK_PATTERN as WireClock, WEEKDAYS as WireWeekdays } from '@burnlink/wire';
import { ApiError } from '../errors.js';

// The wire's constants, copied as values (the server's runtime imports @burnlink/wire for types only, see
// src/wire.ts); the types make any difference a compile error.
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies typeof WireWeekdays;
const CLOCK_PATTERN: typeof WireClock = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';

// Office hours are wall-clock times in an IANA zone. The zone's offset comes from Intl; between two offset
// changes local time runs in step with UTC, so the window's next opening is plain arithmetic within each such
// stretch. A start time skipped by a spring-forward change opens at the first instant after the gap that lies
// in the window; on a fall-back day the repeated hour occurs twice, and the window with it.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far ahead `nextOpening` looks. */
const HORIZON = 8 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at `at`, in milliseconds (local = at + offset). */
function offsetAt(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(at)) parts[type] = Number(value);
  const local = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return local - Math.floor(at / 1000) * 1000;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Monday 0 … Sunday 6 of a local day number (days since 1970-01-01, a Thursday). */
const weekdayOf = (localDay: number): number => (((localDay + 3) % 7) + 7) % 7;

interface Window {
  days: Set<number>;
  start: number;
  end: number;
}

const windowOf = (h: OfficeHours): Window => ({
  days: new Set(h.days.map((day) => WEEKDAYS.indexOf(day))),
  start: minutesOf(h.start),
  end: minutesOf(h.end),
});

function openAtLocal(w: Window, local: number): boolean {
  const day = Math.floor(local / DAY);
  const minute = Math.floor((local - day * DAY) / MINUTE);
  return w.days.has(weekdayOf(day)) && minute >= w.start && minute < w.end;
}

const refuse = (message: string) => new ApiError('invalid_restrictions', message);

/**
 * Checks office hours and returns them normalised: the zone as Intl names it, the days in week order.
 * Throws `invalid_restrictions` naming what is wrong.
 *
 * @example validateOfficeHours({ days: ['fri', 'mon'], start: '08:00', end: '18:00', time_zone: 'europe/amsterdam' })
 * // { days: ['mon', 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' }
 */
export function validateOfficeHours(h: OfficeHours): OfficeHours {
  let timeZone: string;
  try {
    if (typeof h.time_zone !== 'string' || !/^[A-Za-z]/.test(h.time_zone)) throw new RangeError();
    timeZone = new Intl.DateTimeFormat('en-US', { timeZone: h.time_zone }).resolvedOptions().timeZone;
  } catch {
    throw refuse(
      `office_hours.time_zone ${JSON.stringify(h.time_zone)} is not a time zone: name an IANA zone such as Europe/Amsterdam.`,
    );
  }
  if (!Array.isArray(h.days) || h.days.length === 0 || h.days.some((day) => !WEEKDAYS.includes(day)))
    throw refuse(`office_hours.days must name one or more of ${WEEKDAYS.join(', ')}.`);
  const clock = new RegExp(CLOCK_PATTERN);
  for (const field of ['start', 'end'] as const)
    if (typeof h[field] !== 'string' || !clock.test(h[field]))
      throw refuse(`office_hours.${field} ${JSON.stringify(h[field])} is not a time: write HH:MM, 24-hour.`);
  if (h.start === '24:00')
    throw refuse('office_hours.start cannot be 24:00: start at 00:00 to start at midnight.');
  if (minutesOf(h.start) >= minutesOf(h.end))
    throw refuse(
      `office_hours.start (${h.start}) must be before end (${h.end}); a window cannot cross midnight (end at 24:00 instead).`,
    );
  const days = WEEKDAYS.filter((day) => h.days.includes(day));
  return { days, start: h.start, end: h.end, time_zone: timeZone };
}

/** Whether the window is open at the instant `at` (ms since the epoch). */
export function isOpen(h: OfficeHours, at: number): boolean {
  return openAtLocal(windowOf(h), at + offsetAt(h.time_zone, at));
}

/**
 * The next instant at or after `at` when the window is open and was closed just before (or `at` itself when
 * it is open now); null when it does not open within 8 days.
 */
export function nextOpening(h: OfficeHours, at: number): number | null {
  const w = windowOf(h);
  let from = at;
  let offset = offsetAt(h.time_zone, from);
  while (from < at + HORIZON) {
    // The stretch [from, until) has one offset: probe an hour ahead, and find the change by bisection.
    let until = from + HOUR;
    const nextOffset = offsetAt(h.time_zone, until);
    if (nextOffset !== offset) {
      // Offsets change on whole seconds: bisect over seconds.
      let low = Math.floor(from / 1000);
      let high = Math.ceil(until / 1000);
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(h.time_zone, middle * 1000) === offset) low = middle;
        else high = middle;
      }
      until = high * 1000;
    }
    const local = from + offset;
    if (openAtLocal(w, local)) return from;
    // The next local start on a listed day, from the local minute after `from`.
    const day = Math.floor(local / DAY);
    for (let d = day; d <= day + 7; d++) {
      const start = d * DAY + w.start * MINUTE;
      if (start >= local && w.days.has(weekdayOf(d))) {
        const instant = start - offset;
        if (instant < until) return instant;
        break;
      }
    }
    from = until;
    offset = nextOffset;
  }
  return null;
}
