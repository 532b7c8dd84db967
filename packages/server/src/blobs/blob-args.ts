/**
 * Argument rules every backend applies the same way, before it touches its storage. A call the contract
 * rules out is a caller's bug, answered with a `RangeError` (the HTTP layer's 500), never with a store error:
 * - a blob id is a 22-character b64u string (16 random bytes) — which also keeps a file name from climbing
 *   out of its directory on the filesystem;
 * - offsets, limits and range ends are non-negative safe integers, and `start <= end`.
 */

const BLOB_ID = /^[A-Za-z0-9_-]{22}$/;

/** Whether `name` can be a blob id (`list` shows only such names; `delete` ignores others). */
export function isBlobId(name: string): boolean {
  return BLOB_ID.test(name);
}

export function checkWriteArgs(blobId: string, offset: number, maxBytes: number): void {
  checkId(blobId);
  checkCount('offset', offset);
  checkCount('maxBytes', maxBytes);
}

export function checkReadArgs(blobId: string, start: number, end: number): void {
  checkId(blobId);
  checkCount('start', start);
  checkCount('end', end);
  if (start > end) throw new RangeError('a read range needs start <= end');
}

function checkId(blobId: string): void {
  // Not the value in the message: ids are capabilities of a sort, and logs must not collect them.
  if (!isBlobId(blobId)) throw new RangeError('a blob id must be a 22-character b64u string');
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
}
