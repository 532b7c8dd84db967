import { DurationError, parseDurationSeconds } from '@burnlink/core';
import { UsageError } from './usage-error.js';

/**
 * Formats seconds with the largest unit that divides them exactly: 3600 → `1h`, 90 → `90s`, 604800 → `7d`.
 *
 * @example
 * ```ts
 * formatDuration(86_400); // '1d'
 * ```
 */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** How far `iso` lies in the future, roughly (`in 59m`, `in 2d 3h`), or `ago` for the past. */
export function formatRelative(iso: string, now: number): string {
  const diff = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(diff)) return '';
  const abs = Math.abs(diff);
  const d = Math.floor(abs / 86_400);
  const h = Math.floor((abs % 86_400) / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const text = d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m` : `${abs}s`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

interface TtlBounds {
  min: number;
  max: number;
  choices: readonly number[];
}

/**
 * Parses `--ttl` into seconds with core's duration syntax (`30m`, `1h30m`, `2d`, `1w`…), except that a bare
 * number is refused: `--ttl 30` could be meant as minutes. The message names the forms and the allowed range.
 */
export function parseTtl(text: string, bounds: TtlBounds, flag = '--ttl'): number {
  try {
    return parseDurationSeconds(text, { bareNumber: 'refused' });
  } catch (error) {
    if (error instanceof DurationError)
      throw new UsageError(`${flag} ${error.message}; allowed: ${allowed(bounds)}`);
    throw error;
  }
}

/** Parses `--ttl` and checks it against the server's bounds; the message names the range and the choices. */
export function checkTtl(text: string, bounds: TtlBounds, flag = '--ttl'): number {
  const seconds = parseTtl(text, bounds, flag);
  if (seconds < bounds.min || seconds > bounds.max) {
    throw new UsageError(`${flag} ${text} is out of range: this server allows ${allowed(bounds)}`);
  }
  return seconds;
}

function allowed(bounds: TtlBounds): string {
  const choices = bounds.choices.length ? ` (e.g. ${bounds.choices.map(formatDuration).join(', ')})` : '';
  return `from ${formatDuration(bounds.min)} to ${formatDuration(bounds.max)}${choices}`;
}
