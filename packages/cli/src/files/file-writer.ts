import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type NameChange, numberedName, planFileName } from './file-names.js';

/**
 * A file being downloaded into `dir`: bytes go to a hidden temporary file (`.burnlink-….part`, created
 * exclusively), which becomes the real file only once the download verified (`commit`). On failure or
 * abort the temporary file is deleted, so a damaged or partial download never sits under the real name.
 */
export interface PendingFile {
  /** Hand to `RevealedFile.download`. Aborting it removes the temporary file. */
  sink: WritableStream<Uint8Array>;
  /** The error that made writing fail (disk full, …), if that was the cause. */
  writeError(): unknown;
  /**
   * Gives the file its final name (sanitised, never overwriting: `name (1).ext`, …); resolves the path and
   * what was changed from the sender's name (empty when it was kept as it was).
   */
  commit(name: string): Promise<CommittedFile>;
  /** Removes the temporary file (idempotent). */
  discard(): Promise<void>;
}

export interface CommittedFile {
  path: string;
  changes: (NameChange | 'taken')[];
}

/**
 * Bytes written between two background flushes: the disk writes the file back while the download goes on,
 * so the fsync before the rename has at most this much left to do instead of the whole file.
 */
const FLUSH_BYTES = 32 * 1024 * 1024;

export async function createPendingFile(dir: string): Promise<PendingFile> {
  const temp = join(dir, `.burnlink-${randomBytes(8).toString('hex')}.part`);
  const handle = await open(temp, 'wx', 0o600);
  let closed = false;
  let failure: unknown;
  let unflushed = 0;
  let flushing: Promise<void> | null = null;
  const flushInBackground = () => {
    unflushed = 0;
    flushing = handle.datasync().then(
      () => {
        flushing = null;
      },
      (error: unknown) => {
        failure ??= error;
        flushing = null;
      },
    );
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const discard = async () => {
    await flushing;
    await close().catch(() => {});
    await unlink(temp).catch(() => {});
  };
  const sink = new WritableStream<Uint8Array>({
    async write(chunk) {
      try {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
          written += bytesWritten;
        }
        if (failure !== undefined) throw failure;
        unflushed += chunk.length;
        if (unflushed >= FLUSH_BYTES && flushing === null) flushInBackground();
      } catch (error) {
        failure = error;
        throw error;
      }
    },
    async close() {
      try {
        await flushing;
        if (failure !== undefined) throw failure;
        await handle.sync();
        await close();
      } catch (error) {
        failure = error;
        throw error;
      }
    },
    abort: discard,
  });
  return {
    sink,
    writeError: () => failure,
    discard,
    async commit(name) {
      await close();
      const { name: safe, changes } = planFileName(name);
      for (let n = 0; ; n++) {
        const target = join(dir, numberedName(safe, n));
        if (await claimName(temp, target))
          return { path: target, changes: n > 0 ? [...changes, 'taken'] : changes };
      }
    },
  };
}

/** Moves `temp` to `target` unless `target` exists; false when it does. */
async function claimName(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target); // fails with EEXIST instead of overwriting
    await unlink(temp);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: check, then rename (not atomic, but never over a file seen here).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (await exists(target)) return false;
    await rename(temp, target);
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
