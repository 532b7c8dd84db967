import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import {
  createExclusive,
  DIR_MODE,
  exists,
  isCode,
  listDir,
  orMissing,
  readJson,
  removeTree,
  replaceFile,
  token,
  trash,
} from './fs-blob-files.js';
import { type FsLayout, isSafeName } from './fs-blob-layout.js';
import { type BlobMeta, logName, parseGrantName, type SecretRecord } from './fs-blob-records.js';
import { currentFile } from './fs-blob-writer.js';

/**
 * The records of FsBlobStore read and changed one atomic step at a time (shared by the store and the
 * sweeper). Ids that are not b64u are unknown here: they never become paths.
 */
export class FsBlobState {
  readonly dirs: FsLayout;

  constructor(dirs: FsLayout) {
    this.dirs = dirs;
  }

  async place(tmp: string, target: string, duplicate: string): Promise<void> {
    try {
      await rename(tmp, target);
    } catch (error) {
      await removeTree(tmp);
      if (isCode(error, 'EEXIST', 'ENOTEMPTY')) throw new Error(duplicate);
      throw error;
    }
  }

  async meta(blobId: string): Promise<BlobMeta | null> {
    return isSafeName(blobId) ? readJson<BlobMeta>(this.dirs.metaFile(blobId)) : null;
  }

  async record(secretId: string): Promise<SecretRecord | null> {
    return isSafeName(secretId) ? readJson<SecretRecord>(this.dirs.secretFile(secretId)) : null;
  }

  /** The blob's meta while its staged secret lives (not expired, not removed). */
  async liveMeta(blobId: string, now: number): Promise<BlobMeta | null> {
    const meta = await this.meta(blobId);
    if (!meta || meta.expiresAt <= now || !(await exists(this.dirs.secretFile(meta.secretId)))) return null;
    return meta;
  }

  async findGrant(blobId: string, grantHash: string) {
    if (!isSafeName(blobId)) return null;
    for (const name of await listDir(this.dirs.grantsDir(blobId))) {
      const grant = parseGrantName(name);
      if (grant?.hash === grantHash) return { name, expiresAt: grant.expiresAt };
    }
    return null;
  }

  async liveGrants(blobId: string, now: number): Promise<number> {
    const names = await listDir(this.dirs.grantsDir(blobId));
    return names.filter((name) => (parseGrantName(name)?.expiresAt ?? 0) > now).length;
  }

  async openData(blobId: string) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const file = await currentFile(this.dirs.blobDir(blobId));
      if (!file) break;
      try {
        return await open(`${this.dirs.blobDir(blobId)}/${file.name}`, 'r');
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error;
      }
    }
    throw new Error('the blob is gone');
  }

  async log(meta: BlobMeta, now: number): Promise<void> {
    const dir = this.dirs.logDir(meta.receiptHash);
    const name = logName(meta.forgetAt, now, meta.index, token());
    for (let attempt = 0; ; attempt++) {
      await mkdir(dir, { mode: DIR_MODE }).catch((error) => {
        if (!isCode(error, 'EEXIST')) throw error;
      });
      try {
        await createExclusive(`${dir}/${name}`);
        return;
      } catch (error) {
        // A sweeper removed the (empty) directory in between: make it again.
        if (!isCode(error, 'ENOENT') || attempt >= 5) throw error;
      }
    }
  }

  /** Drops the content and verifiers of a staged record once the SecretStore holds the secret. */
  async slim(secretId: string): Promise<void> {
    const record = await this.record(secretId);
    if (!record?.full) return;
    await orMissing(
      replaceFile(this.dirs.tmp, this.dirs.secretFile(secretId), JSON.stringify({ ...record, full: null })),
      undefined,
    );
  }

  async removeAll(record: SecretRecord): Promise<void> {
    for (const file of record.files) await trash(this.dirs.blobDir(file.id), this.dirs.trash, `b.${file.id}`);
    await this.forgetSecret(record);
  }

  /** Deletes a blob; then its secret's record when it was sealed and no blob of it is left. True if this call deleted it. */
  async deleteBlob(blobId: string, meta: BlobMeta): Promise<boolean> {
    const deleted = await trash(this.dirs.blobDir(blobId), this.dirs.trash, `b.${blobId}`);
    const record = await this.record(meta.secretId);
    if (record && (await exists(this.dirs.sealedFile(record.id)))) {
      let left = false;
      for (const file of record.files) left ||= await exists(this.dirs.blobDir(file.id));
      if (!left) await this.forgetSecret(record);
    }
    return deleted;
  }

  async forgetSecret(record: SecretRecord): Promise<void> {
    await trash(this.dirs.secretDir(record.id), this.dirs.trash, `s.${record.id}`);
    const receiptFile = this.dirs.receiptFile(record.receiptHash);
    if ((await orMissing(readFile(receiptFile, 'utf8'), null)) === record.id) {
      await orMissing(unlink(receiptFile), undefined);
    }
  }
}
