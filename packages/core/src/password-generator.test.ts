import { describe, expect, it } from 'vitest';
import { PasswordOptionsError } from './errors.js';
import {
  generatePassword,
  PASSWORD_CHARACTER_SETS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordCharacterSets,
  randomIndex,
} from './password-generator.js';

const LOOK_ALIKES = [...'0Oo1lI|`\'"'];

describe('generatePassword', () => {
  it('defaults to 20 characters from all four sets without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^a-zA-Z0-9]/);
      for (const c of LOOK_ALIKES) expect(password).not.toContain(c);
      expect(password).not.toMatch(/[\s\\]/);
    }
  });

  it('honours every length from 4 to 128 and includes one of each chosen set even at length 4', () => {
    for (let length = PASSWORD_MIN_LENGTH; length <= PASSWORD_MAX_LENGTH; length++) {
      const password = generatePassword({ length });
      expect(password).toHaveLength(length);
      for (const set of passwordCharacterSets())
        expect([...password].some((c) => set.includes(c))).toBe(true);
    }
  });

  it('uses only the chosen sets', () => {
    expect(generatePassword({ length: 64, uppercase: false, symbols: false })).toMatch(/^[a-z2-9]{64}$/);
    expect(generatePassword({ length: 64, lowercase: false, uppercase: false, symbols: false })).toMatch(
      /^[2-9]{64}$/,
    );
    const digits = generatePassword({
      length: 128,
      lowercase: false,
      uppercase: false,
      symbols: false,
      excludeLookAlikes: false,
    });
    expect(digits).toMatch(/^[0-9]{128}$/);
  });

  it('keeps look-alikes when asked', () => {
    const sets = passwordCharacterSets({ excludeLookAlikes: false });
    expect(sets.join('')).toBe(Object.values(PASSWORD_CHARACTER_SETS).join(''));
    const seen = new Set(
      Array.from({ length: 200 }, () => generatePassword({ length: 128, excludeLookAlikes: false })).join(''),
    );
    for (const c of LOOK_ALIKES) expect(seen.has(c)).toBe(true);
  });

  it.each([
    [{ length: 3 }, /length/],
    [{ length: 129 }, /length/],
    [{ length: 10.5 }, /length/],
    [{ length: Number.NaN }, /length/],
    [{ length: '20' as unknown as number }, /length/],
    [{ lowercase: false, uppercase: false, digits: false, symbols: false }, /at least one/],
    [{ digits: 'yes' as unknown as boolean }, /digits/],
  ])('rejects %o with a PasswordOptionsError', (opts, message) => {
    expect(() => generatePassword(opts)).toThrow(PasswordOptionsError);
    expect(() => generatePassword(opts)).toThrow(message);
  });
});

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('uniformity', () => {
  // With k - 1 degrees of freedom the statistic has mean k - 1 and sd sqrt(2(k - 1)); the bound below is
  // about 6 sd above the mean: a biased generator (e.g. modulo bias on small ranges) fails, chance almost never.
  const bound = (k: number) => k - 1 + 6 * Math.sqrt(2 * (k - 1));

  it('randomIndex is uniform, including ranges that do not divide 2^32', () => {
    for (const n of [3, 7, 10, 57]) {
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < n * 2000; i++) counts[randomIndex(n)]!++;
      expect(chiSquare(counts)).toBeLessThan(bound(n));
    }
    expect(() => randomIndex(0)).toThrow(RangeError);
  });

  it('every character of a single set is equally likely', () => {
    const set = passwordCharacterSets({ uppercase: false, digits: false, symbols: false })[0]!;
    const counts = new Map<string, number>([...set].map((c) => [c, 0]));
    for (let i = 0; i < 500; i++) {
      for (const c of generatePassword({ length: 128, uppercase: false, digits: false, symbols: false })) {
        counts.set(c, counts.get(c)! + 1);
      }
    }
    expect(counts.size).toBe(set.length);
    expect(chiSquare([...counts.values()])).toBeLessThan(bound(set.length));
  });

  it('the shuffle leaves no position biased: the forced digit lands anywhere with equal chance', () => {
    // One digit is forced, the rest are letters most of the time; count where digits end up.
    const length = 8;
    const counts = new Array<number>(length).fill(0);
    for (let i = 0; i < 8000; i++) {
      const password = generatePassword({ length, uppercase: false, symbols: false });
      [...password].forEach((c, position) => {
        if (/[0-9]/.test(c)) counts[position]!++;
      });
    }
    expect(chiSquare(counts)).toBeLessThan(bound(length));
  });
});
