import { encryptedSize } from '@burnlink/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { checkFileLimits, plainSizeOf } from './file-limits.js';

const limits = {
  blobStoreUrl: 'memory:',
  maxFiles: 3,
  maxFileBytes: 1000,
  maxSecretBytes: 1500,
  grantTtlMs: 60_000,
  uploadStaleAfterMs: 3_600_000,
  uploadBudget: null,
  minFreeSpace: { percent: 0, bytes: 0 },
};

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  return undefined;
}

describe('plainSizeOf', () => {
  it.each([0, 1, 65_518, 65_519, 65_520, 3 * 65_519, 2 ** 30])('inverts encryptedSize for %i bytes', (n) => {
    expect(plainSizeOf(encryptedSize(n))).toBe(n);
  });

  it('rejects sizes no plaintext encrypts to', () => {
    expect(plainSizeOf(0)).toBeNull();
    expect(plainSizeOf(37)).toBeNull();
    expect(plainSizeOf(21 + 65_536 + 10)).toBeNull(); // a second record too short to hold its tag
  });

  it('answers null, never throws, for sizes past 2^53 - 1 (no exact integer)', () => {
    for (const size of [2 ** 53, 1e16, 1e300, Number.POSITIVE_INFINITY]) expect(plainSizeOf(size)).toBeNull();
    expect(codeOf(() => checkFileLimits([1e16], limits))).toBe('invalid_request');
  });
});

describe('checkFileLimits', () => {
  it('accepts files within the limits, counting plaintext bytes', () => {
    expect(codeOf(() => checkFileLimits([encryptedSize(1000), encryptedSize(500)], limits))).toBeUndefined();
  });

  it('names the limit that is exceeded', () => {
    expect(codeOf(() => checkFileLimits([38, 38, 38, 38], limits))).toBe('too_many_files');
    expect(codeOf(() => checkFileLimits([encryptedSize(1001)], limits))).toBe('file_too_large');
    expect(codeOf(() => checkFileLimits([encryptedSize(1000), encryptedSize(501)], limits))).toBe(
      'secret_too_large',
    );
    expect(codeOf(() => checkFileLimits([37], limits))).toBe('invalid_request');
    expect(codeOf(() => checkFileLimits([38], { ...limits, maxFiles: 0 }))).toBe('too_many_files');
  });
});
