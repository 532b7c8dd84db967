import { type FileHandle, open, readdir, rename, stat } from 'node:fs/promises';
import { guard } from './blob-source.js';
import { BlobNotFoundError, BlobOffsetError, BlobTooLargeError } from './blob-store.js';
import { isCode, token } from './fs-blob-files.js';

/**
 * The write path of FsBlobStore. A blob's bytes live in `blobs/<id>/data`. A writer takes the file by
 * renaming it to `w.<random>` (rename is atomic: of concurrent writers, across processes, exactly one
 * succeeds; the others answer BlobOffsetError), appends each incoming chunk with a positional write at the
 * file's size, and renames it back. A complete blob is never taken, so reads and seal always find it.
 *
 * The holder touches its file's mtime while it writes. A file left taken by a crashed node becomes stale after
 * `staleMs` and the next writer takes it over by renaming it to its own name (again exactly one wins); a
 * holder that was frozen that long notices, before its next write, that its name is gone and stops.
 */

export interface BlobFile {
  /** `data`, or `w.<random>` while a writer holds it. */
  name: string;
  size: number;
  mtimeMs: number;
}

/** The blob's current data file, or null when the blob directory is gone. */
export async function currentFile(blobDir: string): Promise<BlobFile | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const info = await stat(`${blobDir}/data`);
      return { name: 'data', size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    let names: string[];
    try {
      names = await readdir(blobDir);
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return null;
      throw error;
    }
    const taken = names.find((name) => name.startsWith('w.'));
    if (taken === undefined) {
      // Between a rename and the next: look again (a directory without meta is being deleted).
      if (!names.includes('data') && !names.includes('meta.json')) return null;
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    try {
      const info = await stat(`${blobDir}/${taken}`);
      return { name: taken, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }
  // Moving under us all the time: busy, never gone.
  throw new BlobOffsetError((await stat(`${blobDir}/data`).catch(() => ({ size: 0 }))).size);
}

export interface WriteOptions {
  blobDir: string;
  length: number;
  offset: number;
  source: AsyncIterable<Uint8Array>;
  staleMs: number;
}

/** Appends `source` at `offset`; resolves with the new offset. */
export async function writeBlob(options: WriteOptions): Promise<number> {
  const { blobDir, length, offset, source, staleMs } = options;
  const current = await currentFile(blobDir);
  if (!current) throw new BlobNotFoundError('the upload is unknown, removed or expired');
  if (current.size !== offset) throw new BlobOffsetError(current.size);
  if (current.size === length) return drainEmpty(source, length);

  const mine = `${blobDir}/w.${token()}`;
  await takeOver(blobDir, current, mine, staleMs);
  const handle = await open(mine, 'r+');
  let position = (await handle.stat()).size;
  let failure: unknown = null;
  let stolen = false;
  const touch = setInterval(() => {
    const now = new Date();
    handle.utimes(now, now).catch(() => {});
  }, staleMs / 4);
  touch.unref();
  try {
    if (position !== offset) throw new BlobOffsetError(position);
    let checkedAt = Date.now();
    for await (const chunk of guard(source)) {
      if (chunk.byteLength === 0) continue;
      if (position + chunk.byteLength > length) throw new BlobTooLargeError(length);
      if (Date.now() - checkedAt > staleMs / 4) {
        stolen = !(await stillMine(mine));
        if (stolen) throw new BlobOffsetError(position);
        checkedAt = Date.now();
      }
      await writeFully(handle, chunk, position);
      position += chunk.byteLength;
    }
    if (position === length) await handle.sync();
  } catch (error) {
    failure = error;
  } finally {
    clearInterval(touch);
    await handle.close();
  }
  if (!stolen) {
    try {
      await rename(mine, `${blobDir}/data`);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
      // Removed (the directory went to the trash) or taken over by another node.
      const now = await currentFile(blobDir);
      if (!now) throw new BlobNotFoundError('the upload was removed');
      throw new BlobOffsetError(now.size);
    }
  }
  if (failure !== null) throw failure;
  return position;
}

/** Takes the data file (rename to `mine`), or a stale one left by a crashed writer; else BlobOffsetError. */
async function takeOver(blobDir: string, current: BlobFile, mine: string, staleMs: number): Promise<void> {
  const fresh = current.name.startsWith('w.') && Date.now() - current.mtimeMs <= staleMs;
  if (!fresh) {
    try {
      await rename(`${blobDir}/${current.name}`, mine);
      return;
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }
  const now = await currentFile(blobDir);
  if (!now) throw new BlobNotFoundError('the upload was removed');
  throw new BlobOffsetError(now.size);
}

async function stillMine(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done, position + done);
    done += bytesWritten;
  }
}

/** A complete blob takes no byte: an empty source succeeds, any byte is one too many. */
async function drainEmpty(source: AsyncIterable<Uint8Array>, length: number): Promise<number> {
  for await (const chunk of guard(source)) {
    if (chunk.byteLength > 0) throw new BlobTooLargeError(length);
  }
  return length;
}
