import { describe, expect, test } from 'vitest';
import { formatDuration, parseByteSize, parseDuration, parseDurationSeconds, UnitError } from './units.js';

describe('parseDuration', () => {
  test.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['5m', 300_000],
    ['5min', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['250ms', 250],
    [' 2H ', 7_200_000],
  ])('%s → %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', 'abc', '5x', '1.5h', '-5m', 'h', '5m junk'])(
    'rejects %j with the accepted forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(UnitError);
      expect(() => parseDuration(text)).toThrow(/such as 90 \(seconds\), 90s, 5m/);
    },
  );

  test('seconds must be whole', () => {
    expect(parseDurationSeconds('1d')).toBe(86_400);
    expect(() => parseDurationSeconds('1500ms')).toThrow(/whole number of seconds/);
  });
});

test('formatDuration uses the largest exact unit', () => {
  expect([60_000, 86_400_000, 2_592_000_000, 90_000, 1500].map(formatDuration)).toEqual([
    '1m',
    '1d',
    '30d',
    '90s',
    '1500ms',
  ]);
});

test('parseByteSize', () => {
  expect(parseByteSize('262144')).toBe(262_144);
  expect(parseByteSize('256KiB')).toBe(262_144);
  expect(parseByteSize('1MiB')).toBe(1_048_576);
  expect(parseByteSize('1mb')).toBe(1_000_000);
  expect(() => parseByteSize('lots')).toThrow(/such as 262144 \(bytes\), 256KiB/);
});
