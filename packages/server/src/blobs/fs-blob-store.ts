import { constants, mkdirSync } from 'node:fs';
import { access, type FileHandle, open, readdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OperationGate } from '../stores/operation-gate.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { checkReadArgs, checkWriteArgs, isBlobId } from './blob-args.js';
import { pump } from './blob-source.js';
import { BlobNotFoundError, BlobStorageFullError, type BlobStore, type WriteResult } from './blob-store.js';
import { FileRange } from './fs-blob-range.js';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const { O_CREAT, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;

/**
 * Blobs as files, one per blob, named by the blob id directly under one directory (`fs:` → `<dataDir>/blobs`,
 * mode 0700; files 0600). Several processes and nodes may share the directory on one volume: a blob's bytes
 * are only ever changed by the one writer the SecretStore's upload lease admits, so no file needs a lock.
 *
 * - write: opens the file without truncating it (creating it only at offset 0), cuts it at `offset` (the
 *   leftovers of an interrupted write), copies the chunks into 1 MiB batches written in place (pwrite; one
 *   batch is written while the next fills; every 32 MiB an fdatasync starts in the background, so the disk
 *   writes back while the body comes), and resolves after fsync of the file — and of the directory when the
 *   write may have created the file.
 * - read: the file is opened BEFORE `read` resolves, so a delete that comes later cannot cut the stream (the
 *   open file outlives its name); a file that shrinks under a read makes the stream error, never short.
 * - delete: unlink, idempotent. Its directory entry is not fsynced: a delete lost in a crash leaves a file
 *   the SecretStore does not know, which the sweeper deletes again.
 * - list: the directory's regular files whose names are blob ids. Other names (an older layout's
 *   directories, NFS `.nfs…` files of unlinked open files, anyone's temporary files) are never reported.
 *
 * Failures: ENOSPC / EDQUOT are `BlobStorageFullError` (the write first gives back its partial bytes by
 * cutting the file at its offset again); every other filesystem failure is `StoreUnavailableError`, with the
 * error code only (paths hold blob ids). A missing file is `BlobNotFoundError` only while the directory
 * itself is there: a missing directory (an unmounted volume) is unavailability, never "gone".
 *
 * @example
 * const blobs = new FsBlobStore('/var/lib/burnlink/blobs');
 */
export class FsBlobStore implements BlobStore {
  readonly #root: string;
  readonly #gate = new OperationGate('filesystem blob');
  /** Read streams still open: `close()` ends them. */
  readonly #readers = new Set<FileRange>();
  #closed = false;

  constructor(directory: string) {
    this.#root = resolve(directory);
    mkdirSync(this.#root, { recursive: true, mode: DIR_MODE });
  }

  /** The directory the blobs live in (absolute): its volume's free space is the watermark's (`statfsProbe`). */
  get directory(): string {
    return this.#root;
  }

  write(
    blobId: string,
    offset: number,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<WriteResult> {
    return this.#run(async () => {
      checkWriteArgs(blobId, offset, maxBytes);
      const handle = await this.#openFile(blobId, offset === 0 ? O_WRONLY | O_CREAT : O_WRONLY);
      let batches: BatchWriter | null = null;
      try {
        const { size } = await handle.stat();
        if (size < offset) throw new BlobNotFoundError();
        if (size > offset) await handle.truncate(offset);
        const writer = new BatchWriter(handle, offset);
        batches = writer;
        const result = await pump(source, maxBytes, async (chunk) => {
          if (this.#closed) throw new StoreUnavailableError('the filesystem blob store is closed');
          await writer.add(chunk);
        });
        // Every chunk `put` took is on disk before the fsync, whatever ended the write.
        await writer.flush();
        await handle.sync();
        if (offset === 0) await syncDir(this.#root);
        return result;
      } catch (error) {
        // No write of this call may land after the cut, nor run on a closed handle.
        await batches?.settled();
        if (isFull(error)) await handle.truncate(offset).catch(() => {});
        throw error;
      } finally {
        await handle.close();
      }
    });
  }

  read(blobId: string, start: number, end: number): Promise<AsyncIterable<Uint8Array>> {
    return this.#run(async () => {
      checkReadArgs(blobId, start, end);
      const handle = await this.#openFile(blobId, O_RDONLY);
      try {
        if ((await handle.stat()).size < end) throw new BlobNotFoundError();
      } catch (error) {
        await handle.close();
        throw error;
      }
      const reader = new FileRange(handle, start, end, {
        translate,
        done: () => this.#readers.delete(reader),
      });
      this.#readers.add(reader);
      return reader;
    });
  }

  delete(blobIds: string[]): Promise<void> {
    return this.#run(async () => {
      const ids = blobIds.filter(isBlobId);
      await Promise.all(ids.map((id) => unlink(join(this.#root, id)).catch(unlessMissing)));
    });
  }

  list(): Promise<string[]> {
    return this.#run(async () => {
      const entries = await readdir(this.#root, { withFileTypes: true });
      return entries.filter((entry) => entry.isFile() && isBlobId(entry.name)).map((entry) => entry.name);
    });
  }

  ping(): Promise<void> {
    return this.#run(() => access(this.#root, constants.R_OK | constants.W_OK | constants.X_OK));
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Streams are not operations of the gate: cut them once no call can open another.
    await this.#gate.close();
    await Promise.all([...this.#readers].map((reader) => reader.cut()));
  }

  /** Opens a blob's file; a missing one is BlobNotFoundError if the directory is there, else unavailability. */
  async #openFile(blobId: string, flags: number): Promise<FileHandle> {
    try {
      return await open(join(this.#root, blobId), flags | O_NOFOLLOW, FILE_MODE);
    } catch (error) {
      if (!isCode(error, 'ENOENT') || (flags & O_CREAT) !== 0) throw error;
      await access(this.#root);
      throw new BlobNotFoundError();
    }
  }

  #run<T>(operation: () => Promise<T>): Promise<T> {
    return this.#gate.run(async () => {
      try {
        return await operation();
      } catch (error) {
        throw translate(error);
      }
    });
  }
}

/** Filesystem failures as the contract's errors, keeping the code only (messages hold paths, paths ids). */
function translate(error: unknown): unknown {
  const system = error as NodeJS.ErrnoException | undefined;
  if (system?.syscall === undefined) return error;
  const code = system.code ?? 'I/O error';
  if (isFull(error)) return new BlobStorageFullError({ cause: new Error(code) });
  return new StoreUnavailableError(`the filesystem blob store failed (${code})`, { cause: new Error(code) });
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

const isFull = (error: unknown) => isCode(error, 'ENOSPC', 'EDQUOT');

function unlessMissing(error: unknown): void {
  if (!isCode(error, 'ENOENT')) throw error;
}

/** Bytes gathered before one write: 1 MiB, like the node:http baseline's write buffer. */
const BATCH_BYTES = 1 << 20;
/** Bytes written between two background flushes (fdatasync) of a long write. */
const FLUSH_BYTES = 32 << 20;

/**
 * The chunks of one write, copied into 1 MiB batches (the caller may reuse a chunk once `add` resolved),
 * each written with one pwrite. Two batch buffers take turns: one is written while the next fills, so the
 * body keeps flowing during a write. A failed write rejects the next `add` or `flush`.
 */
class BatchWriter {
  readonly #handle: FileHandle;
  #position: number;
  #buffers: Buffer[] = [];
  #current: Buffer | null = null;
  #fill = 0;
  #writing: Promise<void> | null = null;
  /** Bytes written since the last background flush started. */
  #unflushed = 0;
  #flushing: Promise<void> | null = null;
  #flushFailure: { error: unknown } | null = null;

  constructor(handle: FileHandle, position: number) {
    this.#handle = handle;
    this.#position = position;
  }

  async add(chunk: Uint8Array): Promise<void> {
    if (this.#flushFailure !== null) throw this.#flushFailure.error;
    let done = 0;
    while (done < chunk.byteLength) {
      this.#current ??= this.#buffers.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
      const n = Math.min(chunk.byteLength - done, BATCH_BYTES - this.#fill);
      this.#current.set(chunk.subarray(done, done + n), this.#fill);
      this.#fill += n;
      done += n;
      if (this.#fill === BATCH_BYTES) await this.#startWrite();
    }
  }

  /** Writes what is gathered and waits for every write (and background flush). */
  async flush(): Promise<void> {
    await this.#startWrite();
    await this.#writing;
    await this.#flushing;
  }

  /** Resolves once no write or flush is running, whether it failed or not. */
  async settled(): Promise<void> {
    await this.#writing?.catch(() => {});
    await this.#flushing?.catch(() => {});
  }

  async #startWrite(): Promise<void> {
    await this.#writing;
    const buffer = this.#current;
    if (buffer === null || this.#fill === 0) return;
    const position = this.#position;
    const length = this.#fill;
    this.#position += length;
    this.#current = null;
    this.#fill = 0;
    const writing = writeAll(this.#handle, buffer.subarray(0, length), position).then(() => {
      this.#buffers.push(buffer);
      this.#unflushed += length;
      if (this.#unflushed >= FLUSH_BYTES && this.#flushing === null) this.#flushInBackground();
    });
    // Observed by the next add or flush; never an unhandled rejection in between.
    writing.catch(() => {});
    this.#writing = writing;
  }

  /**
   * Starts fdatasync of what is written so far without waiting for it: the disk writes back while the body
   * keeps coming, so the fsync before the answer has at most FLUSH_BYTES left instead of the whole PATCH.
   * Only ever more durable; a failure rejects the next `add` or `flush`.
   */
  #flushInBackground(): void {
    this.#unflushed = 0;
    const flushing = this.#handle.datasync().then(() => {
      if (this.#flushing === flushing) this.#flushing = null;
    });
    flushing.catch((error: unknown) => {
      this.#flushFailure = { error };
    });
    this.#flushing = flushing;
  }
}

/** pwrite until the whole chunk is down (a write may take fewer bytes than asked). */
async function writeAll(handle: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Makes a new file's name durable. Some filesystems cannot fsync a directory; there a crash may lose a new
 * file's name, and the next write at its recorded offset answers BlobNotFoundError (the upload starts over).
 */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, O_RDONLY);
  try {
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR', 'EINVAL', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle.close();
  }
}
