import { mkdirSync } from 'node:fs';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { OperationGate } from '../stores/operation-gate.js';
import { type NewSecret, StoreUnavailableError } from '../stores/secret-store.js';
import { checkStageable } from './blob-rules.js';
import { SourceFailure } from './blob-source.js';
import {
  BlobNotFoundError,
  BlobSealedError,
  type BlobStore,
  type BlobSweepResult,
  type DownloadEvent,
  type UploadState,
} from './blob-store.js';
import {
  createExclusive,
  DIR_MODE,
  exists,
  listDir,
  orMissing,
  replaceFile,
  syncDir,
  token,
  trash,
  writeDurable,
} from './fs-blob-files.js';
import { FsLayout, isSafeName } from './fs-blob-layout.js';
import { blobMeta, decodeSecret, encodeSecret, grantName, parseLogName } from './fs-blob-records.js';
import { FsBlobState } from './fs-blob-state.js';
import { sweepFs } from './fs-blob-sweep.js';
import { currentFile, writeBlob } from './fs-blob-writer.js';

export interface FsBlobStoreOptions {
  /** How long a writer's hold on a blob lasts without a sign of life before another node takes over. */
  staleWriteMs?: number;
}

/**
 * Blobs as files under one directory (`fs:`; by default `<BURNLINK_DATA_DIR>/blobs`), usable by several
 * processes and nodes on one shared volume: every state change is one atomic filesystem step, never an
 * in-process lock (layout in fs-blob-layout.ts).
 * - stage: each blob directory (meta.json, empty data, grants/) and then the secret directory is built in
 *   tmp/ and renamed into place, so a record is either whole or absent; the secret directory comes last.
 * - write: the data file is taken by renaming it (fs-blob-writer.ts), so one writer appends at a time.
 * - seal: O_EXCL create of `secrets/<id>/sealed` — one caller on any node wins; unseal unlinks it.
 * - grant: O_EXCL empty files named `<grantHash>.<expiresAt>`, all written before the `lastview` marker.
 * - completeDownload: unlink of the grant file (exactly one unlink succeeds), then, if `lastview` exists and
 *   no live grant file is left, the blob is deleted. Of concurrent downloads, the last to unlink sees none left.
 * - deletion: the blob (or secret) directory is renamed into trash/ — from then on no one sees it — then
 *   removed. The sweeper tolerates anything vanishing under it, since other nodes sweep too.
 *
 * @example
 * const blobs = new FsBlobStore('/var/lib/burnlink/blobs');
 */
export class FsBlobStore implements BlobStore {
  readonly #dirs: FsLayout;
  readonly #state: FsBlobState;
  readonly #gate = new OperationGate('filesystem blob');
  readonly #staleMs: number;

  constructor(directory: string, options: FsBlobStoreOptions = {}) {
    this.#dirs = new FsLayout(directory);
    this.#state = new FsBlobState(this.#dirs);
    this.#staleMs = options.staleWriteMs ?? 30_000;
    mkdirSync(this.#dirs.root, { recursive: true, mode: DIR_MODE });
    for (const name of FsLayout.DIRS) {
      mkdirSync(`${this.#dirs.root}/${name}`, { recursive: true, mode: DIR_MODE });
    }
  }

  stage(secret: NewSecret): Promise<void> {
    return this.#run(async () => {
      checkStageable(secret);
      const names = [secret.id, secret.receiptHash, ...secret.files.map((file) => file.id)];
      if (!names.every(isSafeName)) throw new Error('ids and hashes must be b64u strings');
      const dirs = this.#dirs;
      if (await exists(dirs.secretDir(secret.id)))
        throw new Error('a staged secret with this id already exists');
      const placed: string[] = [];
      try {
        for (const [index, file] of secret.files.entries()) {
          const tmp = `${dirs.tmp}/${token()}`;
          await mkdir(tmp, { mode: DIR_MODE });
          await writeDurable(`${tmp}/meta.json`, JSON.stringify(blobMeta(secret, index)));
          await writeDurable(`${tmp}/data`, '');
          await mkdir(`${tmp}/grants`, { mode: DIR_MODE });
          await this.#state.place(tmp, dirs.blobDir(file.id), 'a blob with this id already exists');
          placed.push(file.id);
        }
        await syncDir(dirs.blobs);
        await replaceFile(dirs.tmp, dirs.receiptFile(secret.receiptHash), secret.id);
        const tmp = `${dirs.tmp}/${token()}`;
        await mkdir(tmp, { mode: DIR_MODE });
        await writeDurable(`${tmp}/secret.json`, JSON.stringify(encodeSecret(secret)));
        await this.#state.place(
          tmp,
          dirs.secretDir(secret.id),
          'a staged secret with this id already exists',
        );
        await syncDir(dirs.secrets);
      } catch (error) {
        for (const id of placed) await trash(dirs.blobDir(id), dirs.trash, `b.${id}`).catch(() => {});
        throw error;
      }
    });
  }

  uploadState(blobId: string, now: number): Promise<UploadState | null> {
    return this.#run(async () => {
      const meta = await this.#state.liveMeta(blobId, now);
      if (!meta) return null;
      const file = await currentFile(this.#dirs.blobDir(blobId));
      if (!file) return null;
      const sealed = await exists(this.#dirs.sealedFile(meta.secretId));
      return { blobId, secretId: meta.secretId, length: meta.length, offset: file.size, sealed };
    });
  }

  write(blobId: string, offset: number, source: AsyncIterable<Uint8Array>, now: number): Promise<number> {
    return this.#run(async () => {
      const meta = await this.#state.liveMeta(blobId, now);
      if (!meta) throw new BlobNotFoundError('the upload is unknown, removed or expired');
      if (await exists(this.#dirs.sealedFile(meta.secretId))) {
        throw new BlobSealedError('the upload is finished: the secret was created');
      }
      const blobDir = this.#dirs.blobDir(blobId);
      return writeBlob({ blobDir, length: meta.length, offset, source, staleMs: this.#staleMs });
    });
  }

  seal(secretId: string, now: number): Promise<NewSecret | null> {
    return this.#run(async () => {
      const record = await this.#state.record(secretId);
      const secret = record && record.expiresAt > now ? decodeSecret(record) : null;
      if (!record || !secret || (await exists(this.#dirs.sealedFile(secretId)))) return null;
      for (const file of record.files) {
        const current = await currentFile(this.#dirs.blobDir(file.id));
        if (current?.size !== file.size) return null;
      }
      if (!(await orMissing(createExclusive(this.#dirs.sealedFile(secretId)), false))) return null;
      await syncDir(this.#dirs.secretDir(secretId));
      return secret;
    });
  }

  unseal(secretId: string): Promise<void> {
    return this.#run(async () => {
      if (isSafeName(secretId)) await orMissing(unlink(this.#dirs.sealedFile(secretId)), undefined);
    });
  }

  removeSecret(secretId: string): Promise<void> {
    return this.#run(async () => {
      const record = await this.#state.record(secretId);
      if (record) await this.#state.removeAll(record);
    });
  }

  removeByReceipt(receiptHash: string): Promise<boolean> {
    return this.#run(async () => {
      if (!isSafeName(receiptHash)) return false;
      const receiptFile = this.#dirs.receiptFile(receiptHash);
      const secretId = await orMissing(readFile(receiptFile, 'utf8'), null);
      const record = secretId === null ? null : await this.#state.record(secretId);
      if (!record) {
        if (secretId !== null) await orMissing(unlink(receiptFile), undefined);
        return false;
      }
      await this.#state.removeAll(record);
      return true;
    });
  }

  grant(blobIds: string[], grantHash: string, expiresAt: number, lastView: boolean): Promise<void> {
    return this.#run(async () => {
      if (!isSafeName(grantHash)) throw new Error('a grant hash must be a b64u string');
      const secretIds = new Set<string>();
      const granted: string[] = [];
      for (const id of blobIds) {
        const meta = await this.#state.meta(id);
        if (!meta) continue;
        await orMissing(
          createExclusive(`${this.#dirs.grantsDir(id)}/${grantName(grantHash, expiresAt)}`),
          false,
        );
        secretIds.add(meta.secretId);
        granted.push(id);
      }
      // Only after every grant file: completeDownload must never see the marker without this claim's grants.
      if (lastView)
        for (const id of granted) await orMissing(createExclusive(this.#dirs.lastViewFile(id)), false);
      for (const secretId of secretIds) await this.#state.slim(secretId);
    });
  }

  checkGrant(blobId: string, grantHash: string, now: number): Promise<{ size: number } | null> {
    return this.#run(async () => {
      const grant = await this.#state.findGrant(blobId, grantHash);
      if (!grant || grant.expiresAt <= now) return null;
      const meta = await this.#state.meta(blobId);
      const file = meta && (await currentFile(this.#dirs.blobDir(blobId)));
      return meta && file?.size === meta.length ? { size: meta.length } : null;
    });
  }

  async *read(blobId: string, start: number, end: number): AsyncIterable<Uint8Array> {
    try {
      yield* this.#read(blobId, start, end);
    } catch (error) {
      throw translate(error);
    }
  }

  async *#read(blobId: string, start: number, end: number): AsyncIterable<Uint8Array> {
    await this.#run(async () => {});
    const meta = await this.#state.meta(blobId);
    if (!meta || start < 0 || end > meta.length || start > end) {
      throw new Error('the blob is gone or the range is outside it');
    }
    const handle = await this.#state.openData(blobId);
    try {
      if (start === end) return;
      const stream = handle.createReadStream({
        start,
        end: end - 1,
        autoClose: false,
        highWaterMark: 256 * 1024,
      });
      yield* stream as AsyncIterable<Uint8Array>;
    } finally {
      await handle.close();
    }
  }

  completeDownload(blobId: string, grantHash: string, now: number): Promise<boolean> {
    return this.#run(async () => {
      const grant = await this.#state.findGrant(blobId, grantHash);
      if (!grant || grant.expiresAt <= now) return false;
      const meta = await this.#state.meta(blobId);
      if (!meta) return false;
      const used = await orMissing(
        unlink(`${this.#dirs.grantsDir(blobId)}/${grant.name}`).then(() => true),
        false,
      );
      if (!used) return false;
      await this.#state.log(meta, now);
      if (
        (await exists(this.#dirs.lastViewFile(blobId))) &&
        (await this.#state.liveGrants(blobId, now)) === 0
      ) {
        await this.#state.deleteBlob(blobId, meta);
      }
      return true;
    });
  }

  downloads(receiptHash: string, now: number): Promise<DownloadEvent[]> {
    return this.#run(async () => {
      if (!isSafeName(receiptHash)) return [];
      const events = (await listDir(this.#dirs.logDir(receiptHash)))
        .map(parseLogName)
        .filter((event) => event !== null && event.forgetAt > now) as { file: number; at: number }[];
      return events.sort((a, b) => a.at - b.at).map(({ file, at }) => ({ file, at }));
    });
  }

  sweep(now: number): Promise<BlobSweepResult> {
    return this.#run(() => sweepFs(this.#state, now));
  }

  list(): Promise<string[]> {
    return this.#run(async () => {
      const ids = new Set(await listDir(this.#dirs.blobs));
      // A deletion in progress (or interrupted by a crash, until the next sweep) still holds bytes.
      for (const name of await listDir(this.#dirs.trash)) {
        if (name.startsWith('b.')) ids.add(name.split('.')[1]!);
      }
      return [...ids];
    });
  }

  ping(): Promise<void> {
    return this.#run(async () => {
      if (!(await exists(this.#dirs.blobs))) throw new StoreUnavailableError('the blob directory is missing');
    });
  }

  async close(): Promise<void> {
    await this.#gate.close();
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

/** The source's own error as it was; filesystem errors as unavailability, without paths (they hold ids). */
function translate(error: unknown): unknown {
  if (error instanceof SourceFailure) return error.original;
  const code = (error as NodeJS.ErrnoException)?.code;
  if ((error as NodeJS.ErrnoException)?.syscall !== undefined || code !== undefined) {
    return new StoreUnavailableError(`the filesystem blob store failed (${code ?? 'I/O error'})`);
  }
  return error;
}
