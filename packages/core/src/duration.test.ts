import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration, parseDurationSeconds } from './duration.js';
import { DurationError } from './errors.js';

describe('parseDuration', () => {
  test.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['90sec', 90_000],
    ['5m', 300_000],
    ['5min', 300_000],
    ['5 min', 300_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2hour', 7_200_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['7day', 604_800_000],
    ['1w', 604_800_000],
    ['1W', 604_800_000],
    ['2week', 1_209_600_000],
    ['250ms', 250],
    [' 2H ', 7_200_000],
  ])('%j → %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each([
    '',
    'abc',
    'm',
    '5x',
    '1.5h',
    '-5m',
    '-1h',
    'h',
    '5m junk',
    '1 h x',
    '1h 30m',
    '99999999999999999999',
  ])('refuses %j, quoting it and listing the accepted forms', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(`"${text}" is not a duration such as 90 (seconds), 90s, 5m`);
  });

  test('a bare number is seconds, unless refused (where it could be read as minutes)', () => {
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('30', { bareNumber: 'seconds' })).toBe(30_000);
    expect(() => parseDuration('30', { bareNumber: 'refused' })).toThrow(
      new DurationError('"30" has no unit: write 30s, 30m, 30h…'),
    );
    expect(parseDuration('30m', { bareNumber: 'refused' })).toBe(1_800_000);
    // The forms listed then do not offer a bare number.
    expect(() => parseDuration('soon', { bareNumber: 'refused' })).toThrow(
      new DurationError('"soon" is not a duration such as 90s, 5m, 1h, 1h30m, 7d or 1w'),
    );
  });
});

test('parseDurationSeconds wants whole seconds', () => {
  expect(parseDurationSeconds('1d')).toBe(86_400);
  expect(parseDurationSeconds('90')).toBe(90);
  expect(parseDurationSeconds('2000ms')).toBe(2);
  expect(() => parseDurationSeconds('1500ms')).toThrow(
    new DurationError('"1500ms" is not a whole number of seconds'),
  );
  expect(() => parseDurationSeconds('30', { bareNumber: 'refused' })).toThrow(/no unit/);
});

test('formatDuration uses the largest exact unit, and parseDuration reads it back', () => {
  const ms = [60_000, 86_400_000, 604_800_000, 2_592_000_000, 90_000, 5_400_000, 1500];
  const texts = ['1m', '1d', '1w', '30d', '90s', '90m', '1500ms'];
  expect(ms.map(formatDuration)).toEqual(texts);
  expect(texts.map((text) => parseDuration(text))).toEqual(ms);
});
