import { readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { blobIsDue } from './blob-rules.js';
import type { BlobSweepResult } from './blob-store.js';
import { exists, isCode, listDir, orMissing, readJson, removeTree } from './fs-blob-files.js';
import type { FsLayout } from './fs-blob-layout.js';
import { type BlobMeta, parseGrantName, parseLogName, type SecretRecord } from './fs-blob-records.js';
import type { FsBlobState } from './fs-blob-state.js';

/** Temporary files and unmatched receipt links older than this are leftovers of a crash. */
const LEFTOVER_MS = 3_600_000;

/**
 * One pass over the directory: blobs past their deadline (blob-rules.ts) with their expired grants, secret
 * records with no blob left, download logs past retention, and leftovers of crashed nodes. Several nodes may
 * sweep at once: every step tolerates its target vanishing, and a blob is counted by the node whose rename
 * moved it to the trash.
 */
export async function sweepFs(state: FsBlobState, now: number): Promise<BlobSweepResult> {
  const dirs = state.dirs;
  let blobs = 0;
  for (const blobId of await listDir(dirs.blobs)) {
    const meta = await readJson<BlobMeta>(dirs.metaFile(blobId));
    if (!meta) continue;
    let live = 0;
    for (const name of await listDir(dirs.grantsDir(blobId))) {
      const grant = parseGrantName(name);
      if (grant && grant.expiresAt > now) live++;
      else await orMissing(unlink(`${dirs.grantsDir(blobId)}/${name}`), undefined);
    }
    const lastView = await exists(dirs.lastViewFile(blobId));
    if (blobIsDue(lastView, meta.expiresAt, live, now) && (await state.deleteBlob(blobId, meta))) blobs++;
  }

  for (const secretId of await listDir(dirs.secrets)) {
    const record = await readJson<SecretRecord>(dirs.secretFile(secretId));
    if (!record) continue;
    const sealed = await exists(dirs.sealedFile(secretId));
    if (!sealed && record.expiresAt > now) continue;
    let left = false;
    for (const file of record.files) left ||= await exists(dirs.blobDir(file.id));
    if (!left) await state.forgetSecret(record);
  }

  for (const receiptHash of await listDir(dirs.logs)) {
    const dir = dirs.logDir(receiptHash);
    let kept = 0;
    for (const name of await listDir(dir)) {
      const event = parseLogName(name);
      if (event && event.forgetAt > now) kept++;
      else await orMissing(unlink(`${dir}/${name}`), undefined);
    }
    if (kept === 0) {
      await rmdir(dir).catch((error) => {
        if (!isCode(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST')) throw error;
      });
    }
  }

  await sweepLeftovers(dirs);
  return { blobs };
}

/** Trash not yet removed, temporary files of interrupted writes, receipt links without their secret. */
async function sweepLeftovers(dirs: FsLayout): Promise<void> {
  for (const name of await listDir(dirs.trash)) await removeTree(`${dirs.trash}/${name}`);
  const old = Date.now() - LEFTOVER_MS;
  for (const name of await listDir(dirs.tmp)) {
    const info = await orMissing(stat(`${dirs.tmp}/${name}`), null);
    if (info && info.mtimeMs < old) await removeTree(`${dirs.tmp}/${name}`);
  }
  for (const receiptHash of await listDir(dirs.receipts)) {
    const file = dirs.receiptFile(receiptHash);
    const info = await orMissing(stat(file), null);
    if (!info || info.mtimeMs >= old) continue;
    const secretId = await orMissing(readFile(file, 'utf8'), null);
    if (secretId !== null && !(await exists(dirs.secretDir(secretId))))
      await orMissing(unlink(file), undefined);
  }
}
