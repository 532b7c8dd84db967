import type { Lease } from './secret-store.js';

/**
 * The rules of uploads, grants and file records that every backend applies inside its atomic step, written
 * once as pure functions of the state it read (a SQLite or PostgreSQL transaction reads the rows, decides
 * here, writes; the memory store does the same on its maps). Redis applies the same rules in Lua.
 */

/**
 * A lease holds while `until > now`. Past it another request may take the upload or download over; until
 * someone does, the old holder still holds it (it can finish or extend), because only a takeover proves
 * that it was presumed dead.
 */
export function leaseActive(lease: Lease | null, now: number): boolean {
  return lease !== null && lease.until > now;
}

/** One grant's state on one file. */
export interface GrantOnFile {
  expiresAt: number;
  delivered: boolean;
}

/** A grant can still deliver a file while it has not delivered it and has not expired. */
export function grantCanDeliver(grant: GrantOnFile, now: number): boolean {
  return !grant.delivered && grant.expiresAt > now;
}

/**
 * Whether a file's record (and so its bytes) must be kept at `now`. Invariant: a file record is needed while
 * the secret can still give views (staged or live, unexpired: `viewsExpireAt` is its expiry, null once it is
 * consumed, locked, burned or swept), or while some grant can still deliver it. This is the contract's
 * "before the last view, until max(secret expiry, latest grant expiry); after it, until no grant can deliver"
 * in one predicate: the keep times are upper bounds, and a file nobody can fetch any more is not kept to them.
 */
export function fileNeeded(
  viewsExpireAt: number | null,
  grants: Iterable<GrantOnFile>,
  now: number,
): boolean {
  if (viewsExpireAt !== null && viewsExpireAt > now) return true;
  for (const grant of grants) if (grantCanDeliver(grant, now)) return true;
  return false;
}

/**
 * An upload is complete once a `finishUpload` recorded `offset === length`. A file of size 0 is therefore
 * complete only after its own `finishUpload(…, 0)`: every file goes through the write path once, so its blob
 * exists (an empty one) before the secret can be sealed.
 */
export function uploadCompletes(offset: number, length: number): boolean {
  return offset === length;
}

/**
 * `finishUpload` must record an offset within [recorded, length]: anything else is a bug of the caller (the
 * BlobStore write was bounded by `length - recorded`), so it throws a plain Error and nothing changes.
 */
export function checkFinishOffset(recorded: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < recorded || offset > length) {
    throw new RangeError('finishUpload offset outside [recorded offset, length]');
  }
}

/**
 * The upload deadline of a staged secret (`NewSecret.uploadIdleMs`): while staged, the secret's stored expiry
 * is min(its expiry, last progress + idle), so that everything that expires secrets (every method's
 * "expired means gone", the sweep, the receipt's `expired`) ends an abandoned upload too. Progress is `from`:
 * the create, the end of a writer lease taken or extended, a recorded write. The deadline only moves later,
 * never past `finalExpiresAt`; sealing the secret restores `finalExpiresAt`. Without an idle limit (null)
 * the deadline is the expiry.
 */
export function uploadDeadline(
  current: number,
  finalExpiresAt: number,
  idleMs: number | null,
  from: number,
): number {
  if (idleMs === null) return finalExpiresAt;
  return Math.max(current, Math.min(finalExpiresAt, from + idleMs));
}
