import {
  checkFinishOffset,
  grantCanDeliver,
  leaseActive,
  uploadCompletes,
  uploadDeadline,
} from './file-rules.js';
import type { MemoryEntry, MemorySecret, MemoryState } from './memory-state.js';
import type {
  CancelOutcome,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  Lease,
  StartDownloadOutcome,
  StartUploadOutcome,
  UploadState,
} from './secret-store.js';

/**
 * Uploads and downloads of the memory store: each function reads and writes the state without awaiting, and
 * is called synchronously by one `MemoryStore` method, so it is one critical section.
 *
 * An upload exists while its secret does (staged or live, unexpired): once the secret is gone, its file
 * records only serve grants, and every upload method answers as for an unknown upload.
 */

/** The secret an upload belongs to, while it can still be uploaded to or reported on. */
function uploadSecret(entry: MemoryEntry, now: number): MemorySecret | null {
  const secret = entry.secret;
  return secret && secret.expiresAt > now ? secret : null;
}

export function uploadState(state: MemoryState, blobId: string, now: number): UploadState | null {
  const found = state.file(blobId);
  const secret = found && uploadSecret(found.entry, now);
  if (!found || !secret) return null;
  const { entry, file } = found;
  return {
    blobId,
    secretId: entry.id,
    index: file.index,
    length: file.length,
    offset: file.offset,
    sealed: !secret.staged,
    expiresAt: secret.expiresAt,
  };
}

/** A staged secret made upload progress until `from`: its deadline moves (`file-rules.ts` uploadDeadline). */
function progressed(secret: MemorySecret, from: number): void {
  if (secret.staged) {
    secret.expiresAt = uploadDeadline(secret.expiresAt, secret.finalExpiresAt, secret.uploadIdleMs, from);
  }
}

export function startUpload(
  state: MemoryState,
  blobId: string,
  offset: number,
  lease: Lease,
  now: number,
): StartUploadOutcome {
  const found = state.file(blobId);
  const secret = found && uploadSecret(found.entry, now);
  if (!found || !secret) return { status: 'not_found' };
  const { entry, file } = found;
  if (!secret.staged) return { status: 'sealed', length: file.length };
  if (leaseActive(file.writer, now)) return { status: 'busy', offset: file.offset };
  if (offset !== file.offset) return { status: 'offset_mismatch', offset: file.offset };
  file.writer = { id: lease.id, until: lease.until };
  progressed(secret, lease.until);
  return { status: 'ok', secretId: entry.id, index: file.index, length: file.length, offset };
}

export function finishUpload(
  state: MemoryState,
  blobId: string,
  leaseId: string,
  offset: number,
  now: number,
): FinishUploadOutcome {
  const found = state.file(blobId);
  const secret = found && uploadSecret(found.entry, now);
  if (!found || !secret) return { status: 'not_found' };
  const { entry, file } = found;
  if (file.writer?.id !== leaseId) return { status: 'lease_lost' };
  checkFinishOffset(file.offset, offset, file.length);
  file.writer = null;
  // A lease taken on a complete upload just before another upload sealed the secret: nothing to record.
  if (!secret.staged) {
    return {
      status: 'ok',
      secretId: entry.id,
      offset: file.offset,
      sealed: false,
      expiresAt: secret.expiresAt,
    };
  }
  file.offset = offset;
  if (uploadCompletes(offset, file.length)) file.complete = true;
  progressed(secret, now);
  // Complete and live in one step: nothing can end the secret in between.
  const sealed = [...entry.files.values()].every((each) => each.complete);
  if (sealed) Object.assign(secret, { staged: false, expiresAt: secret.finalExpiresAt });
  return { status: 'ok', secretId: entry.id, offset, sealed, expiresAt: secret.expiresAt };
}

export function cancelUpload(state: MemoryState, blobId: string, now: number): CancelOutcome {
  const found = state.file(blobId);
  const secret = found && uploadSecret(found.entry, now);
  if (!found || !secret) return { status: 'not_found' };
  if (!secret.staged) return { status: 'sealed' };
  const { entry } = found;
  state.end(entry, 'burned', now);
  return { status: 'cancelled', secretId: entry.id, blobIds: state.deleteFiles(entry) };
}

export function startDownload(
  state: MemoryState,
  blobId: string,
  grantHash: string,
  lease: Lease,
  now: number,
): StartDownloadOutcome {
  const found = state.file(blobId);
  const grant = found?.file.grants.get(grantHash);
  // The secret's own expiry does not matter: a grant is judged by its own.
  if (!found || !grant || !grantCanDeliver(grant, now)) return { status: 'not_found' };
  if (leaseActive(grant.reader, now)) return { status: 'in_progress' };
  grant.reader = { id: lease.id, until: lease.until };
  return { status: 'ok', secretId: found.entry.id, index: found.file.index, size: found.file.length };
}

/**
 * The holder's delivery counts even if its lease or the grant expired while the last bytes went out: the
 * bytes were served, so the log and the keep rule must know. Only a takeover makes the holder's word void.
 */
export function finishDownload(
  state: MemoryState,
  blobId: string,
  grantHash: string,
  leaseId: string,
  delivered: boolean,
  now: number,
): FinishDownloadOutcome {
  const found = state.file(blobId);
  const grant = found?.file.grants.get(grantHash);
  if (!found || !grant || grant.delivered) return { status: 'not_found' };
  if (grant.reader?.id !== leaseId) return { status: 'lease_lost' };
  const { entry, file } = found;
  grant.reader = null;
  if (!delivered) return { status: 'ok', secretId: entry.id, index: file.index, deleteBlob: false };
  grant.delivered = true;
  state.receipts.get(entry.receiptHash)?.downloads.push({ file: file.index, at: now });
  const deleteBlob = !state.needed(entry, file, now);
  if (deleteBlob) state.deleteFiles(entry, (each) => each === file);
  return { status: 'ok', secretId: entry.id, index: file.index, deleteBlob };
}

export function extendLease(
  state: MemoryState,
  blobId: string,
  grantHash: string | null,
  leaseId: string,
  until: number,
): boolean {
  const found = state.file(blobId);
  const file = found?.file;
  const lease = grantHash === null ? file?.writer : file?.grants.get(grantHash)?.reader;
  if (!lease || lease.id !== leaseId) return false;
  lease.until = until;
  const secret = found?.entry.secret;
  if (grantHash === null && secret) progressed(secret, until);
  return true;
}
