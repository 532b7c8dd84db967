import { UsageError } from './usage-error.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Parses a lifetime such as `30m`, `1h`, `2d` or `1w` into seconds. A unit is required: a bare `30` is
 * ambiguous (seconds? minutes?) and is refused.
 *
 * @example
 * ```ts
 * parseDuration('90m'); // 5400
 * ```
 */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,9})([smhdw])$/.exec(text.trim().toLowerCase());
  if (!match) return null;
  return Number(match[1]) * UNITS[match[2]!]!;
}

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

/** Validates `--ttl` against the server's bounds; the message names the allowed range and the choices. */
export function checkTtl(
  text: string,
  bounds: { min: number; max: number; choices: readonly number[] },
): number {
  const seconds = parseDuration(text);
  const allowed = `from ${formatDuration(bounds.min)} to ${formatDuration(bounds.max)}`;
  const choices = bounds.choices.length ? ` (e.g. ${bounds.choices.map(formatDuration).join(', ')})` : '';
  if (seconds === null) {
    throw new UsageError(
      `--ttl must be a number with a unit s, m, h, d or w, ${allowed}${choices}; got "${text}"`,
    );
  }
  if (seconds < bounds.min || seconds > bounds.max) {
    throw new UsageError(`--ttl ${text} is out of range: this server allows ${allowed}${choices}`);
  }
  return seconds;
}
