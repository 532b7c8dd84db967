/**
 * Byte sizes as written in configuration: `262144`, `256KiB`, `1MiB`, `1GiB`. (Durations are core's
 * `parseDuration`, shared with the CLI's `--ttl`.)
 */

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

/** A size that cannot be parsed; the message says what the accepted forms are. */
export class UnitError extends Error {
  override readonly name = 'UnitError';
}

export const SIZE_HELP = 'a size such as 262144 (bytes), 256KiB or 1MiB';

/** Parses a byte size (`256KiB`, `1MiB`, `262144`) into bytes. Throws `UnitError` on anything else. */
export function parseByteSize(text: string): number {
  const m = /^(\d+)\s*([a-z]*)$/.exec(text.trim().toLowerCase());
  const unit = m ? SIZE_UNITS[m[2] || 'b'] : undefined;
  const bytes = m && unit !== undefined ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(bytes)) throw new UnitError(`"${text}" is not ${SIZE_HELP}`);
  return bytes;
}

/** Formats bytes in the largest binary unit that divides them exactly (`256KiB`, `1GiB`); `parseByteSize` reads it. */
export function formatByteSize(bytes: number): string {
  for (const unit of ['GiB', 'MiB', 'KiB'] as const) {
    const size = SIZE_UNITS[unit.toLowerCase()] as number;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
