import { describe, expect, it } from 'vitest';
import { checkTtl, formatDuration, formatRelative, parseDuration } from './duration.js';
import { UsageError } from './usage-error.js';

describe('durations', () => {
  it('parses a number with a unit and refuses anything else', () => {
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('2d')).toBe(172_800);
    expect(parseDuration('1W')).toBe(604_800);
    for (const bad of ['30', 'm', '1.5h', '-1h', '1h30m', '', '1 h x']) expect(parseDuration(bad)).toBeNull();
  });

  it('formats with the largest exact unit', () => {
    expect([60, 90, 3600, 5400, 86_400, 2_592_000].map(formatDuration)).toEqual([
      '1m',
      '90s',
      '1h',
      '90m',
      '1d',
      '30d',
    ]);
  });

  it('checks the range and names it', () => {
    const bounds = { min: 60, max: 86_400, choices: [300, 3600] };
    expect(checkTtl('1h', bounds)).toBe(3600);
    expect(() => checkTtl('2d', bounds)).toThrow(
      new UsageError('--ttl 2d is out of range: this server allows from 1m to 1d (e.g. 5m, 1h)'),
    );
    expect(() => checkTtl('soon', bounds)).toThrow(/unit s, m, h, d or w/);
  });

  it('describes a time relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(formatRelative('2026-01-02T03:00:00Z', now)).toBe('in 1d 3h');
    expect(formatRelative('2026-01-01T00:30:00Z', now)).toBe('in 30m');
    expect(formatRelative('2025-12-31T23:00:00Z', now)).toBe('1h 0m ago');
  });
});
