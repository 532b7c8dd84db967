import { DurationError } from './errors.js';

/**
 * Durations as people write them — `90`, `90s`, `5m`, `1h30m`, `7d`, `1w` — for the server's configuration and
 * the CLI's `--ttl`, so that both accept the same forms.
 */

const UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  sec: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

/** The forms `parseDuration` accepts, for messages. */
export const DURATION_HELP = 'a duration such as 90 (seconds), 90s, 5m, 1h, 1h30m, 7d or 1w';
const WITH_UNIT_HELP = 'a duration such as 90s, 5m, 1h, 1h30m, 7d or 1w';

export interface DurationOptions {
  /**
   * What a bare number such as `90` means: `'seconds'` (the default), or `'refused'` where a reader could take
   * it for minutes (the CLI's `--ttl 30`); the error then asks for a unit.
   */
  bareNumber?: 'seconds' | 'refused';
}

/**
 * Parses a duration into milliseconds: a number with a unit (`ms`, `s`/`sec`, `m`/`min`, `h`/`hour`,
 * `d`/`day`, `w`/`week`; any case), several such parts adding up (`1h30m`), or a bare number of seconds.
 * Throws `DurationError`, whose message quotes the text and lists the accepted forms.
 *
 * @example
 * ```ts
 * parseDuration('1h30m'); // 5_400_000
 * parseDuration('90'); // 90_000
 * parseDuration('90', { bareNumber: 'refused' }); // throws DurationError: "90" has no unit …
 * ```
 */
export function parseDuration(text: string, options: DurationOptions = {}): number {
  const trimmed = text.trim().toLowerCase();
  const bare = /^\d+$/.test(trimmed);
  const refuseBare = options.bareNumber === 'refused';
  if (bare && refuseBare) {
    throw new DurationError(`"${text}" has no unit: write ${trimmed}s, ${trimmed}m, ${trimmed}h…`);
  }
  const ms = bare ? Number(trimmed) * 1000 : sumOfParts(trimmed);
  if (!Number.isSafeInteger(ms)) {
    throw new DurationError(`"${text}" is not ${refuseBare ? WITH_UNIT_HELP : DURATION_HELP}`);
  }
  return ms;
}

/** `1h30m` → 5_400_000; NaN unless the whole text is number–unit parts with known units. */
function sumOfParts(text: string): number {
  const part = /(\d+)\s*([a-z]+)/y;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(text); m !== null; m = part.exec(text)) {
    const unit = UNITS_MS[m[2] as string];
    if (unit === undefined) break;
    total += Number(m[1]) * unit;
    matched = part.lastIndex;
  }
  return text.length > 0 && matched === text.length ? total : Number.NaN;
}

/**
 * Parses a duration that must be a whole number of seconds (lifetimes), returning seconds.
 *
 * @example
 * ```ts
 * parseDurationSeconds('1d'); // 86_400
 * parseDurationSeconds('1500ms'); // throws DurationError: "1500ms" is not a whole number of seconds
 * ```
 */
export function parseDurationSeconds(text: string, options: DurationOptions = {}): number {
  const ms = parseDuration(text, options);
  if (ms % 1000 !== 0) throw new DurationError(`"${text}" is not a whole number of seconds`);
  return ms / 1000;
}

/**
 * Formats milliseconds in the largest unit that divides them exactly; `parseDuration` reads the result back.
 *
 * @example
 * ```ts
 * formatDuration(86_400_000); // '1d'
 * formatDuration(90_000); // '90s'
 * ```
 */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNITS_MS[unit] as number;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
