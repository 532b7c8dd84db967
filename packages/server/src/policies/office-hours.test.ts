import type { OfficeHours } from '@burnlink/wire';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import { isOpen, nextOpening, validateOfficeHours } from './office-hours.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const hours = (days: OfficeHours['days'], start: string, end: string, time_zone: string): OfficeHours => ({
  days,
  start,
  end,
  time_zone,
});

const WORKWEEK = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const amsterdam = hours([...WORKWEEK], '08:00', '18:00', 'Europe/Amsterdam');
const newYork = hours([...WORKWEEK], '09:00', '17:00', 'America/New_York');

describe('validateOfficeHours', () => {
  test('normalises the day order and the zone name', () => {
    expect(validateOfficeHours(hours(['fri', 'mon', 'wed'], '08:00', '18:00', 'europe/amsterdam'))).toEqual(
      hours(['mon', 'wed', 'fri'], '08:00', '18:00', 'Europe/Amsterdam'),
    );
    expect(validateOfficeHours(hours(['sun'], '00:00', '24:00', 'UTC')).end).toBe('24:00');
  });

  test.each([
    [hours(['mon'], '08:00', '18:00', 'Mars/Olympus_Mons'), 'is not a time zone'],
    [hours(['mon'], '08:00', '18:00', ''), 'is not a time zone'],
    [hours(['mon'], '18:00', '08:00', 'UTC'), 'must be before end'],
    [hours(['mon'], '08:00', '08:00', 'UTC'), 'must be before end'],
    [hours(['mon'], '24:00', '24:00', 'UTC'), 'cannot be 24:00'],
    [hours(['mon'], '8:00', '18:00', 'UTC'), 'is not a time'],
    [hours(['mon'], '08:00', '24:30', 'UTC'), 'is not a time'],
    [hours([], '08:00', '18:00', 'UTC'), 'office_hours.days'],
    [hours(['monday' as 'mon'], '08:00', '18:00', 'UTC'), 'office_hours.days'],
  ])('%j is refused: %s', (h, message) => {
    let error: unknown;
    try {
      validateOfficeHours(h);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_restrictions');
    expect((error as ApiError).message).toContain(message);
  });
});

describe('isOpen and nextOpening on ordinary days', () => {
  test('Mon–Fri 08:00–18:00 Amsterdam in winter (UTC+1): open from 07:00Z to 17:00Z, end excluded', () => {
    expect(isOpen(amsterdam, at('2026-01-14T06:59:59Z'))).toBe(false);
    expect(isOpen(amsterdam, at('2026-01-14T07:00:00Z'))).toBe(true);
    expect(isOpen(amsterdam, at('2026-01-14T16:59:59Z'))).toBe(true);
    expect(isOpen(amsterdam, at('2026-01-14T17:00:00Z'))).toBe(false);
  });

  test('open now: the next opening is now', () => {
    expect(nextOpening(amsterdam, at('2026-01-14T12:34:56.789Z'))).toBe(at('2026-01-14T12:34:56.789Z'));
  });

  test('before the window on a weekday: later that day; after it: the next morning', () => {
    expect(iso(nextOpening(amsterdam, at('2026-01-14T05:00:00Z')))).toBe('2026-01-14T07:00:00.000Z');
    expect(iso(nextOpening(amsterdam, at('2026-01-14T17:00:00Z')))).toBe('2026-01-15T07:00:00.000Z');
  });

  test('a weekend is closed and the next opening is Monday', () => {
    expect(isOpen(amsterdam, at('2026-01-17T12:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(amsterdam, at('2026-01-18T12:00:00Z'))).toBe(false); // Sunday
    expect(iso(nextOpening(amsterdam, at('2026-01-16T17:30:00Z')))).toBe('2026-01-19T07:00:00.000Z');
  });

  test('a weekend-only window', () => {
    const weekend = hours(['sat', 'sun'], '10:00', '14:00', 'Europe/Amsterdam');
    expect(isOpen(weekend, at('2026-01-17T09:30:00Z'))).toBe(true);
    expect(isOpen(weekend, at('2026-01-16T09:30:00Z'))).toBe(false);
    expect(iso(nextOpening(weekend, at('2026-01-18T13:00:00Z')))).toBe('2026-01-24T09:00:00.000Z');
  });

  test('an end of 24:00 keeps the window open to midnight, then closes it', () => {
    const evening = hours(['sat'], '22:00', '24:00', 'UTC');
    expect(isOpen(evening, at('2026-01-17T23:59:59Z'))).toBe(true);
    expect(isOpen(evening, at('2026-01-18T00:00:00Z'))).toBe(false);
    expect(iso(nextOpening(evening, at('2026-01-18T00:00:00Z')))).toBe('2026-01-24T22:00:00.000Z');
    const allDay = hours(['wed'], '00:00', '24:00', 'America/New_York');
    expect(isOpen(allDay, at('2026-01-14T04:59:59Z'))).toBe(false);
    expect(isOpen(allDay, at('2026-01-14T05:00:00Z'))).toBe(true);
    expect(isOpen(allDay, at('2026-01-15T04:59:59Z'))).toBe(true);
    expect(isOpen(allDay, at('2026-01-15T05:00:00Z'))).toBe(false);
  });

  test('the local day, not the UTC day, decides: Monday 08:00 in Tokyo is Sunday 23:00 UTC', () => {
    const tokyo = hours(['mon'], '08:00', '09:00', 'Asia/Tokyo');
    expect(isOpen(tokyo, at('2026-01-18T23:30:00Z'))).toBe(true);
    expect(iso(nextOpening(tokyo, at('2026-01-18T12:00:00Z')))).toBe('2026-01-18T23:00:00.000Z');
  });
});

describe('Europe/Amsterdam daylight saving', () => {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z. 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z.
  test('spring forward: Friday evening to Monday morning crosses the change (08:00 CEST is 06:00Z)', () => {
    expect(iso(nextOpening(amsterdam, at('2026-03-27T17:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(isOpen(amsterdam, at('2026-03-30T05:59:59Z'))).toBe(false);
    expect(isOpen(amsterdam, at('2026-03-30T06:00:00Z'))).toBe(true);
    expect(isOpen(amsterdam, at('2026-03-30T15:59:59Z'))).toBe(true);
    expect(isOpen(amsterdam, at('2026-03-30T16:00:00Z'))).toBe(false);
  });

  test('fall back: Friday evening to Monday morning crosses the change (08:00 CET is 07:00Z)', () => {
    expect(iso(nextOpening(amsterdam, at('2026-10-23T16:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    expect(isOpen(amsterdam, at('2026-10-26T06:59:59Z'))).toBe(false);
    expect(isOpen(amsterdam, at('2026-10-26T07:00:00Z'))).toBe(true);
  });

  test('a window over the skipped hour opens at the first instant after the gap', () => {
    const night = hours(['sun'], '02:00', '04:00', 'Europe/Amsterdam');
    expect(isOpen(night, at('2026-03-29T00:59:59Z'))).toBe(false); // 01:59:59 CET
    expect(isOpen(night, at('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(isOpen(night, at('2026-03-29T01:59:59Z'))).toBe(true);
    expect(isOpen(night, at('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
    expect(iso(nextOpening(night, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    const halfPast = hours(['sun'], '02:30', '03:30', 'Europe/Amsterdam');
    expect(iso(nextOpening(halfPast, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
  });

  test('a window wholly inside the skipped hour does not occur that day', () => {
    const skipped = hours(['sun'], '02:00', '03:00', 'Europe/Amsterdam');
    for (let t = at('2026-03-28T22:00:00Z'); t < at('2026-03-29T04:00:00Z'); t += 60_000)
      expect(isOpen(skipped, t)).toBe(false);
    // The next Sunday, 02:00 CEST.
    expect(iso(nextOpening(skipped, at('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:00:00.000Z');
  });

  test('the repeated hour occurs twice on fall back: the first occurrence first, then the second', () => {
    const short = hours(['sun'], '02:00', '02:30', 'Europe/Amsterdam');
    expect(iso(nextOpening(short, at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST
    expect(isOpen(short, at('2026-10-25T00:15:00Z'))).toBe(true);
    expect(isOpen(short, at('2026-10-25T00:45:00Z'))).toBe(false);
    expect(iso(nextOpening(short, at('2026-10-25T00:45:00Z')))).toBe('2026-10-25T01:00:00.000Z'); // 02:00 CET
    expect(isOpen(short, at('2026-10-25T01:15:00Z'))).toBe(true);
    expect(isOpen(short, at('2026-10-25T01:30:00Z'))).toBe(false);
  });
});

describe('America/New_York daylight saving', () => {
  // 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z. 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z.
  test('spring forward: Friday evening to Monday morning (09:00 EDT is 13:00Z)', () => {
    expect(iso(nextOpening(newYork, at('2026-03-06T22:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(isOpen(newYork, at('2026-03-06T21:59:59Z'))).toBe(true); // Friday 16:59:59 EST
    expect(isOpen(newYork, at('2026-03-09T12:59:59Z'))).toBe(false);
  });

  test('fall back: Friday evening to Monday morning (09:00 EST is 14:00Z)', () => {
    expect(iso(nextOpening(newYork, at('2026-10-30T21:00:00Z')))).toBe('2026-11-02T14:00:00.000Z');
    expect(isOpen(newYork, at('2026-11-02T13:59:59Z'))).toBe(false);
    expect(isOpen(newYork, at('2026-11-02T14:00:00Z'))).toBe(true);
  });

  test('a start time that does not exist opens at the first existing instant after it', () => {
    const early = hours(['sun'], '02:15', '05:00', 'America/New_York');
    expect(iso(nextOpening(early, at('2026-03-07T12:00:00Z')))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(isOpen(early, at('2026-03-08T06:59:59Z'))).toBe(false); // 01:59:59 EST
    expect(isOpen(early, at('2026-03-08T08:59:59Z'))).toBe(true); // 04:59:59 EDT
    expect(isOpen(early, at('2026-03-08T09:00:00Z'))).toBe(false);
  });

  test('a window that ends inside the gap closes at the change', () => {
    const late = hours(['sun'], '01:30', '02:30', 'America/New_York');
    expect(iso(nextOpening(late, at('2026-03-07T12:00:00Z')))).toBe('2026-03-08T06:30:00.000Z');
    expect(isOpen(late, at('2026-03-08T06:59:59Z'))).toBe(true);
    expect(isOpen(late, at('2026-03-08T07:00:00Z'))).toBe(false); // 03:00 EDT
  });

  test('the repeated 01:00–02:00 occurs twice on fall back', () => {
    const one = hours(['sun'], '01:00', '01:30', 'America/New_York');
    expect(iso(nextOpening(one, at('2026-10-31T12:00:00Z')))).toBe('2026-11-01T05:00:00.000Z'); // 01:00 EDT
    expect(iso(nextOpening(one, at('2026-11-01T05:30:00Z')))).toBe('2026-11-01T06:00:00.000Z'); // 01:00 EST
    expect(isOpen(one, at('2026-11-01T06:29:59Z'))).toBe(true);
    expect(isOpen(one, at('2026-11-01T06:30:00Z'))).toBe(false);
  });
});

test('nextOpening looks 8 days ahead at most', () => {
  // One day a week, just after it closed: the next opening is seven days on, inside the horizon.
  const weekly = hours(['wed'], '09:00', '10:00', 'UTC');
  expect(iso(nextOpening(weekly, at('2026-01-14T10:00:00Z')))).toBe('2026-01-21T09:00:00.000Z');
});
