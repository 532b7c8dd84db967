/**
 * Parsing and formatting of the human units used in configuration (and by the CLI's `--ttl`): durations such
 * as `90`, `90s`, `5m`, `1h30m`, `7d` and byte sizes such as `262144`, `256KiB`, `1MiB`. No dependencies, no
 * environment access, so any package may reuse it.
 */

const DURATION_UNITS_MS: Record<string, number> = {
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

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** A duration or size that cannot be parsed; the message says what the accepted forms are. */
export class UnitError extends Error {
  override readonly name = 'UnitError';
}

export const DURATION_HELP = 'a duration such as 90 (seconds), 90s, 5m, 1h, 1h30m, 7d or 1w';
export const SIZE_HELP = 'a size such as 262144 (bytes), 256KiB or 1MiB';

/**
 * Parses a duration into milliseconds. A bare number is taken in `bareUnit` (seconds by default); several
 * parts add up (`1h30m`). Throws `UnitError` on anything else.
 *
 * @example parseDuration('5m') // 300000
 */
export function parseDuration(text: string, bareUnit: 's' | 'ms' = 's'): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * (DURATION_UNITS_MS[bareUnit] as number);
  const part = /(\d+)\s*([a-z]+)/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(trimmed); m !== null; m = part.exec(trimmed)) {
    const unit = DURATION_UNITS_MS[m[2] as string];
    if (unit === undefined) break;
    total += Number(m[1]) * unit;
    matched = part.lastIndex;
  }
  if (trimmed.length === 0 || matched !== trimmed.length || !Number.isSafeInteger(total)) {
    throw new UnitError(`"${text}" is not ${DURATION_HELP}`);
  }
  return total;
}

/** Parses a duration that must be a whole number of seconds, returning seconds. */
export function parseDurationSeconds(text: string): number {
  const ms = parseDuration(text);
  if (ms % 1000 !== 0) throw new UnitError(`"${text}" is not a whole number of seconds`);
  return ms / 1000;
}

/**
 * Formats milliseconds in the largest unit that divides them exactly (`formatDuration(86_400_000)` → `1d`).
 */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = DURATION_UNITS_MS[unit] as number;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Parses a byte size (`256KiB`, `1MiB`, `262144`) into bytes. Throws `UnitError` on anything else. */
export function parseByteSize(text: string): number {
  const m = /^(\d+)\s*([a-z]*)$/.exec(text.trim().toLowerCase());
  const unit = m ? SIZE_UNITS[m[2] || 'b'] : undefined;
  const bytes = m && unit !== undefined ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(bytes)) throw new UnitError(`"${text}" is not ${SIZE_HELP}`);
  return bytes;
}
