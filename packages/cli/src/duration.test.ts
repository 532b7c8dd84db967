import { describe, expect, it } from 'vitest';
import { checkTtl, formatDuration, formatRelative, parseTtl } from './duration.js';
import { UsageError } from './usage-error.js';

describe('durations', () => {
  const bounds = { min: 60, max: 86_400, choices: [300, 3600] };

  it("parses --ttl with core's duration syntax, refusing a bare number", () => {
    expect(parseTtl('30m', bounds)).toBe(1800);
    expect(parseTtl('1h', bounds)).toBe(3600);
    expect(parseTtl('2d', bounds)).toBe(172_800);
    expect(parseTtl('1W', bounds)).toBe(604_800);
    expect(parseTtl('1h30m', bounds)).toBe(5400);
    expect(parseTtl('90min', bounds)).toBe(5400);
    expect(() => parseTtl('30', bounds)).toThrow(
      new UsageError('--ttl "30" has no unit: write 30s, 30m, 30h…; allowed: from 1m to 1d (e.g. 5m, 1h)'),
    );
    for (const bad of ['m', '1.5h', '-1h', '', '1 h x', '1500ms']) {
      expect(() => parseTtl(bad, bounds), bad).toThrow(UsageError);
      expect(() => parseTtl(bad, bounds), bad).toThrow(/^--ttl ".*" is not a .*; allowed: from 1m to 1d/);
    }
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
    expect(checkTtl('1h', bounds)).toBe(3600);
    expect(() => checkTtl('2d', bounds)).toThrow(
      new UsageError('--ttl 2d is out of range: this server allows from 1m to 1d (e.g. 5m, 1h)'),
    );
    expect(() => checkTtl('soon', bounds)).toThrow(
      new UsageError(
        '--ttl "soon" is not a duration such as 90s, 5m, 1h, 1h30m, 7d or 1w; allowed: from 1m to 1d (e.g. 5m, 1h)',
      ),
    );
  });

  it('describes a time relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(formatRelative('2026-01-02T03:00:00Z', now)).toBe('in 1d 3h');
    expect(formatRelative('2026-01-01T00:30:00Z', now)).toBe('in 30m');
    expect(formatRelative('2025-12-31T23:00:00Z', now)).toBe('1h 0m ago');
  });
});
