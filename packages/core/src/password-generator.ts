import { PasswordOptionsError } from './errors.js';

export const PASSWORD_MIN_LENGTH = 4;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_DEFAULT_LENGTH = 20;

export interface PasswordOptions {
  /** 4–128, default 20. */
  length?: number;
  /** a–z, default true. */
  lowercase?: boolean;
  /** A–Z, default true. */
  uppercase?: boolean;
  /** 0–9, default true. */
  digits?: boolean;
  /** Punctuation (never space or backslash), default true. */
  symbols?: boolean;
  /** Default true: drops characters that are easily confused: `0 O o 1 l I | \` ' "`. */
  excludeLookAlikes?: boolean;
}

const LOOK_ALIKES = new Set('0Oo1lI|`\'"');
/** The character sets, in order; look-alikes are removed from each when asked. */
export const PASSWORD_CHARACTER_SETS = Object.freeze({
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{}~|`\'"',
});

const RANDOM_POOL = new Uint32Array(256);
let poolIndex = RANDOM_POOL.length;

function randomUint32(): number {
  if (poolIndex === RANDOM_POOL.length) {
    crypto.getRandomValues(RANDOM_POOL);
    poolIndex = 0;
  }
  return RANDOM_POOL[poolIndex++]!;
}

/**
 * Uniform integer in [0, n) by rejection sampling: draws at or above the largest multiple of n below 2^32
 * are thrown away, so every value is equally likely (no modulo bias).
 */
export function randomIndex(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
    throw new RangeError('n must be an integer from 1 to 2^32');
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const value = randomUint32();
    if (value < limit) return value % n;
  }
}

function checkFlag(opts: PasswordOptions, name: keyof PasswordOptions): boolean {
  const value = opts[name];
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw new PasswordOptionsError(`${name} must be true or false`);
  return value;
}

/**
 * The character sets chosen by `opts`, look-alikes removed when asked. Throws `PasswordOptionsError`.
 *
 * @example
 * ```ts
 * passwordCharacterSets({ symbols: false }); // ['abc…', 'ABC…', '23456789']
 * ```
 */
export function passwordCharacterSets(opts: PasswordOptions = {}): string[] {
  const exclude = checkFlag(opts, 'excludeLookAlikes');
  const sets: string[] = [];
  for (const name of ['lowercase', 'uppercase', 'digits', 'symbols'] as const) {
    if (!checkFlag(opts, name)) continue;
    const chars = PASSWORD_CHARACTER_SETS[name];
    sets.push(exclude ? [...chars].filter((c) => !LOOK_ALIKES.has(c)).join('') : chars);
  }
  if (sets.length === 0) throw new PasswordOptionsError('choose at least one character set');
  return sets;
}

/**
 * A random password with at least one character of each chosen set: one draw from each set, the rest from
 * their union, then an unbiased Fisher–Yates shuffle. Every draw is uniform (rejection sampling).
 *
 * @example
 * ```ts
 * generatePassword(); // e.g. 'p7#Kd%wX9m…' (20 characters)
 * generatePassword({ length: 32, symbols: false });
 * ```
 */
export function generatePassword(opts: PasswordOptions = {}): string {
  const length = opts.length ?? PASSWORD_DEFAULT_LENGTH;
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new PasswordOptionsError(
      `length must be an integer from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}`,
    );
  }
  const sets = passwordCharacterSets(opts);
  const all = sets.join('');
  const chars: string[] = sets.map((set) => set[randomIndex(set.length)]!);
  while (chars.length < length) chars.push(all[randomIndex(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
