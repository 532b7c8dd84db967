import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Filesystem primitives for FsBlobStore, each one atomic on a POSIX filesystem (local or a shared volume):
 * O_EXCL create, rename, unlink, mkdir. Missing paths (ENOENT) are an everyday answer here, not a failure:
 * other nodes delete and sweep concurrently.
 */

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException)?.code ?? '');
}

/** A random name part (never derived from ids, so names of temporary files reveal nothing). */
export const token = () => randomBytes(12).toString('base64url');

/** Runs `action`, answering `fallback` instead of throwing when a path is missing. */
export async function orMissing<T, F>(action: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await action;
  } catch (error) {
    if (isCode(error, 'ENOENT', 'ENOTDIR')) return fallback;
    throw error;
  }
}

export const exists = (path: string) =>
  orMissing(
    stat(path).then(() => true),
    false,
  );

export const listDir = (path: string) => orMissing(readdir(path), [] as string[]);

export async function readJson<T>(path: string): Promise<T | null> {
  return orMissing(
    readFile(path, 'utf8').then((text) => JSON.parse(text) as T),
    null,
  );
}

/** Creates an empty file with O_EXCL: true for exactly one caller; false when it exists already. */
export async function createExclusive(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', FILE_MODE);
    await handle.close();
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

/** Writes a new file durably (contents synced before it becomes visible). */
export async function writeDurable(path: string, data: string | Uint8Array, flag = 'wx'): Promise<void> {
  const handle = await open(path, flag, FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames and creations inside `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some filesystems (and platforms) cannot fsync a directory; the rename itself is still atomic.
    if (!isCode(error, 'EISDIR', 'EINVAL', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Replaces `path` atomically with `data` (write to a temporary file in `tmpDir`, then rename). */
export async function replaceFile(tmpDir: string, path: string, data: string): Promise<void> {
  const tmp = `${tmpDir}/${token()}`;
  await writeDurable(tmp, data);
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dirname(path));
}

/**
 * Deletes `path` (a file or a whole directory) atomically: it is renamed into `trashDir` first, so that from
 * that instant no one sees it, then removed. False when it was gone already (someone else deleted it).
 */
export async function trash(path: string, trashDir: string, label: string): Promise<boolean> {
  const target = `${trashDir}/${label}.${token()}`;
  try {
    await rename(path, target);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
  await removeTree(target);
  return true;
}

/** `rm -rf` that tolerates another node removing the same tree at the same time. */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

export async function ensureDirs(root: string, names: string[]): Promise<void> {
  await mkdir(root, { recursive: true, mode: DIR_MODE });
  for (const name of names) await mkdir(`${root}/${name}`, { recursive: true, mode: DIR_MODE });
}
