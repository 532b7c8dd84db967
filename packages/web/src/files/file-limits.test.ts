import { describe, expect, it } from 'vitest';
import { checkFileLimits } from './file-limits.js';

const GiB = 2 ** 30;
const limits = { maxFiles: 3, maxFileBytes: GiB / 2, maxSecretBytes: GiB };
const file = (name: string, size: number) => ({ name, size });

describe('checkFileLimits', () => {
  it('accepts files within every limit, up to the limits exactly', () => {
    expect(checkFileLimits([file('a', GiB / 2), file('b', GiB / 2)], limits)).toBeNull();
    expect(checkFileLimits([file('a', 0), file('b', 0), file('c', 0)], limits)).toBeNull();
    expect(checkFileLimits([], limits)).toBeNull();
  });

  it('names the first problem: files off, too many, one too large, all together too large', () => {
    expect(checkFileLimits([file('a', 1)], { ...limits, maxFiles: 0 })).toEqual({ problem: 'files-off' });
    expect(checkFileLimits([file('a', 1), file('b', 1), file('c', 1), file('d', 1)], limits)).toEqual({
      problem: 'too-many',
      count: 4,
      max: 3,
    });
    expect(checkFileLimits([file('a', 1), file('big.iso', GiB / 2 + 1)], limits)).toEqual({
      problem: 'file-too-large',
      name: 'big.iso',
      size: GiB / 2 + 1,
      max: GiB / 2,
    });
    expect(checkFileLimits([file('a', GiB / 2), file('b', GiB / 2), file('c', 1)], limits)).toEqual({
      problem: 'total-too-large',
      size: GiB + 1,
      max: GiB,
    });
  });

  it('leaves the check to the server when the limits are unknown', () => {
    expect(checkFileLimits([file('a', 10 * GiB)], undefined)).toBeNull();
  });
});
