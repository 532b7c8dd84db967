import { RedisIndexBatch } from './redis-index.js';
import { isToken } from './redis-keys.js';
import { list, NATIVE_EXPIRY_GRACE_MS, type RedisLink, strings } from './redis-link.js';
import type {
  CancelOutcome,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  Lease,
  StartDownloadOutcome,
  StartUploadOutcome,
  UploadState,
} from './secret-store.js';

/** The keys of one file record and of its secret, found through the blob's pointer. */
interface Located {
  id: string;
  secret: string;
  receipt: string;
  file: string;
}

/**
 * Uploads and downloads of the Redis store: each call reads the blob's pointer (immutable, so reading it
 * first is as atomic as reading it in the script), then runs ONE script on the secret's slot
 * (`redis-transfer-scripts.ts`). Called by `RedisStore` inside its operation gate.
 */
export class RedisTransfers {
  readonly #link: RedisLink;

  constructor(link: RedisLink) {
    this.#link = link;
  }

  async upload(blobId: string, now: number): Promise<UploadState | null> {
    const at = await this.#locate(blobId);
    if (!at) return null;
    const reply = strings(await this.#link.script('blUploadState', [at.secret, at.file], [now]));
    if (reply.length === 0) return null;
    const [index, length, offset, sealed, expiresAt] = reply.map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return { blobId, secretId: at.id, index, length, offset, sealed: sealed === 1, expiresAt };
  }

  async startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    const at = await this.#locate(blobId);
    if (!at) return { status: 'not_found' };
    const args = [now, offset, lease.id, lease.until];
    const [status, ...rest] = strings(await this.#link.script('blStartUpload', [at.secret, at.file], args));
    const [first, second, third] = rest.map(Number) as [number, number, number];
    switch (status) {
      case 'ok':
        return { status: 'ok', secretId: at.id, index: first, length: second, offset: third };
      case 'sealed':
        return { status: 'sealed', length: first };
      case 'busy':
        return { status: 'busy', offset: first };
      case 'offset_mismatch':
        return { status: 'offset_mismatch', offset: first };
      default:
        return { status: 'not_found' };
    }
  }

  async finishUpload(
    blobId: string,
    leaseId: string,
    offset: number,
    now: number,
  ): Promise<FinishUploadOutcome> {
    const at = await this.#locate(blobId);
    if (!at) return { status: 'not_found' };
    // Not an integer: the script's bound check refuses it (after not_found and lease_lost, as for any bad one).
    const recorded = Number.isSafeInteger(offset) ? offset : -1;
    const args = [now, leaseId, recorded];
    const [status, done, sealed, expiresAt] = strings(
      await this.#link.script('blFinishUpload', [at.secret, at.file], args),
    );
    switch (status) {
      case 'ok':
        return {
          status: 'ok',
          secretId: at.id,
          offset: Number(done),
          sealed: sealed === '1',
          expiresAt: Number(expiresAt),
        };
      case 'lease_lost':
        return { status: 'lease_lost' };
      case 'bad_offset':
        throw new RangeError('finishUpload offset outside [recorded offset, length]');
      default:
        return { status: 'not_found' };
    }
  }

  async cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    const at = await this.#locate(blobId);
    if (!at) return { status: 'not_found' };
    const keys = [at.secret, at.receipt, at.file];
    const reply = await this.#link.script('blCancelUpload', keys, [now, NATIVE_EXPIRY_GRACE_MS]);
    const [status, forgetAt = '', deleted] = strings(reply);
    if (status === 'sealed') return { status: 'sealed' };
    if (status !== 'cancelled') return { status: 'not_found' };
    const blobIds = list(deleted);
    new RedisIndexBatch(this.#link).forget(at.id, forgetAt).deleted(at.id, blobIds).send();
    return { status: 'cancelled', secretId: at.id, blobIds };
  }

  async startDownload(
    blobId: string,
    grantHash: string,
    lease: Lease,
    now: number,
  ): Promise<StartDownloadOutcome> {
    const at = isToken(grantHash) ? await this.#locate(blobId) : null;
    if (!at) return { status: 'not_found' };
    const args = [now, grantHash, lease.id, lease.until];
    const [status, index, size] = strings(await this.#link.script('blStartDownload', [at.file], args));
    if (status === 'ok') return { status: 'ok', secretId: at.id, index: Number(index), size: Number(size) };
    return status === 'in_progress' ? { status: 'in_progress' } : { status: 'not_found' };
  }

  async finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    const at = isToken(grantHash) ? await this.#locate(blobId) : null;
    if (!at) return { status: 'not_found' };
    const keys = [at.secret, at.receipt, at.file];
    const args = [now, grantHash, leaseId, delivered ? '1' : '0', NATIVE_EXPIRY_GRACE_MS];
    const [status, index, deleteBlob, keepUntil = ''] = strings(
      await this.#link.script('blFinishDownload', keys, args),
    );
    if (status === 'lease_lost') return { status: 'lease_lost' };
    if (status !== 'ok') return { status: 'not_found' };
    const batch = new RedisIndexBatch(this.#link);
    if (deleteBlob === '1') batch.deleted(at.id, [blobId]);
    else if (keepUntil !== '') batch.kept(at.id, `${blobId}=${keepUntil}`, now);
    batch.send();
    return { status: 'ok', secretId: at.id, index: Number(index), deleteBlob: deleteBlob === '1' };
  }

  async extendLease(
    blobId: string,
    grantHash: string | null,
    leaseId: string,
    until: number,
  ): Promise<boolean> {
    const at = grantHash === null || isToken(grantHash) ? await this.#locate(blobId) : null;
    if (!at) return false;
    const reply = await this.#link.script(
      'blExtendLease',
      [at.secret, at.file],
      [grantHash ?? '', leaseId, until],
    );
    return reply === 1;
  }

  async #locate(blobId: string): Promise<Located | null> {
    const id = await this.#link.secretOfBlob(blobId);
    if (id === null) return null;
    const { keys } = this.#link;
    return { id, secret: keys.secret(id), receipt: keys.receipt(id), file: keys.file(id, blobId) };
  }
}
