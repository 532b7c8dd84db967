import { encryptedSize, RECORD_SIZE, recordDataBytes } from '@burnlink/core';
import type { FileLimits } from '../config.js';
import { ApiError } from '../errors.js';

/**
 * The plaintext size behind a file's declared ciphertext size (64 KiB records, no padding), or null when no
 * plaintext encrypts to exactly that many bytes. Limits are stated in plaintext bytes, so a 1 GiB file fits a
 * 1 GiB limit although its ciphertext is 0.03 % larger.
 */
export function plainSizeOf(cipherSize: number): number | null {
  const header = encryptedSize(0) - 17;
  if (!Number.isSafeInteger(cipherSize) || cipherSize < encryptedSize(0)) return null;
  const records = Math.ceil((cipherSize - header) / RECORD_SIZE);
  const plain = cipherSize - header - 17 * records;
  if (plain < 0 || plain > records * recordDataBytes()) return null;
  return encryptedSize(plain) === cipherSize ? plain : null;
}

/** Checks declared files against the operator's limits before anything is stored (413 naming the limit). */
export function checkFileLimits(sizes: number[], limits: FileLimits): void {
  if (limits.maxFiles === 0) throw new ApiError('too_many_files', 'Files are turned off on this server.');
  if (sizes.length > limits.maxFiles) {
    throw new ApiError(
      'too_many_files',
      `${sizes.length} files; this server accepts at most ${limits.maxFiles} per secret.`,
    );
  }
  let total = 0;
  sizes.forEach((size, index) => {
    const plain = plainSizeOf(size);
    if (plain === null) {
      throw new ApiError(
        'invalid_request',
        `files[${index}].size ${size} is not the ciphertext size of any file (encryptedSize in @burnlink/core).`,
      );
    }
    if (plain > limits.maxFileBytes) {
      throw new ApiError(
        'file_too_large',
        `files[${index}] is ${plain} bytes; this server accepts at most ${limits.maxFileBytes} bytes per file.`,
      );
    }
    total += plain;
  });
  if (total > limits.maxSecretBytes) {
    throw new ApiError(
      'secret_too_large',
      `The files add up to ${total} bytes; this server accepts at most ${limits.maxSecretBytes} bytes per secret.`,
    );
  }
}
