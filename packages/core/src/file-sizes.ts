import { RECORD_SIZE } from './constants.js';
import { HEADER_FIXED_BYTES, TAG_BYTES } from './ece-records.js';

/**
 * Sizes of a file stream (DESIGN §3.5): one RFC 8188 stream per file, no key id, no padding. The server
 * sees only these ciphertext sizes; clients and server compute them the same way.
 */

/** Plaintext bytes carried by each full record of size `recordSize` (tag and delimiter excluded). */
export function recordDataBytes(recordSize = RECORD_SIZE): number {
  return recordSize - TAG_BYTES - 1;
}

/**
 * Ciphertext length of `plainSize` bytes: header + data + 17 bytes per record; an empty file is one record.
 *
 * @example encryptedSize(0) === 38; encryptedSize(65519) === 65557
 */
export function encryptedSize(plainSize: number, recordSize = RECORD_SIZE): number {
  if (!Number.isSafeInteger(plainSize) || plainSize < 0)
    throw new RangeError('plainSize must be a non-negative integer');
  const records = Math.max(1, Math.ceil(plainSize / recordDataBytes(recordSize)));
  return HEADER_FIXED_BYTES + plainSize + records * (TAG_BYTES + 1);
}

/** Where to pick up an upload of which the server already holds `sentBytes` ciphertext bytes. */
export interface ResumePoint {
  /** Record to restart encryption at (`createEncryptStream`'s `firstRecord`). */
  record: number;
  /** Offset in the plaintext where that record's data starts. */
  plainOffset: number;
  /** Ciphertext bytes of the restarted stream (header included at record 0) to drop before sending. */
  skip: number;
}

/**
 * The last complete record before `sentBytes`: encryption is deterministic for a given key, salt and record
 * number, so restarting there and dropping `skip` bytes continues the exact byte stream the server holds.
 *
 * @example resumePoint(21 + 2 * 65536 + 10) → { record: 2, plainOffset: 131038, skip: 10 }
 */
export function resumePoint(sentBytes: number, recordSize = RECORD_SIZE): ResumePoint {
  if (!Number.isSafeInteger(sentBytes) || sentBytes < 0)
    throw new RangeError('sentBytes must be a non-negative integer');
  const record =
    sentBytes < HEADER_FIXED_BYTES ? 0 : Math.floor((sentBytes - HEADER_FIXED_BYTES) / recordSize);
  if (record === 0) return { record: 0, plainOffset: 0, skip: sentBytes };
  return {
    record,
    plainOffset: record * recordDataBytes(recordSize),
    skip: sentBytes - HEADER_FIXED_BYTES - record * recordSize,
  };
}
