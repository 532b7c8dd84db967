import { access, constants, mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RevealedFile } from '@burnlink/client';
import { encryptedSize } from '@burnlink/core';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { NAME_CHANGE_TEXT } from '../files/file-names.js';
import { type CommittedFile, createPendingFile } from '../files/file-writer.js';
import { ProgressBar } from '../progress/progress-bar.js';
import { UsageError } from '../usage-error.js';
import { visible } from '../visible.js';
import { failed } from './output.js';
import { interruptible } from './send-files.js';

// `get --output DIR`: the directory is made before the secret is claimed; each file is downloaded to a
// temporary name, verified while decrypting, then given its sanitised, never-overwriting name.

/** Creates `dir` (and parents) if needed and checks it is writable; else a usage error (nothing consumed yet). */
export async function prepareOutput(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create --output ${dir} (${errorCode(error)})`);
  }
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new UsageError(`cannot write to --output ${dir} (${errorCode(error)})`);
  }
}

export interface SavedFile {
  file: RevealedFile;
  /** Where it was written, or null when it failed. */
  path: string | null;
  /** What was changed from the sender's name (empty when kept as it was). */
  changes: CommittedFile['changes'];
}

/**
 * Downloads every file into `dir`. A failed file does not stop the others (the secret is already
 * consumed): it is reported, and the exit code is the first failure's. Ctrl-C stops all.
 */
export async function saveFiles(
  ctx: CliContext,
  files: RevealedFile[],
  dir: string,
  announce: boolean,
): Promise<{ saved: SavedFile[]; code: number }> {
  const total = files.reduce((n, f) => n + encryptedSize(f.size), 0);
  const bar = new ProgressBar(ctx.stderr, 'receiving', files.length, total, ctx.now);
  const saved: SavedFile[] = files.map((file) => ({ file, path: null, changes: [] }));
  let code: number = EXIT.OK;
  let before = 0;
  for (const [index, file] of files.entries()) {
    let pending: Awaited<ReturnType<typeof createPendingFile>>;
    try {
      pending = await createPendingFile(dir);
    } catch (error) {
      bar.clear();
      ctx.stderr.write(`burnlink: cannot write to ${dir} (${errorCode(error)})\n`);
      code = code || EXIT.WRITE_FAILED;
      continue;
    }
    const result = await interruptible(ctx, (signal) =>
      file.download(pending.sink, {
        signal,
        onProgress: (p) => bar.update(index + 1, before + p.bytes),
      }),
    );
    before += encryptedSize(file.size);
    if (result.ok) {
      try {
        const committed = await pending.commit(file.name);
        saved[index]!.path = committed.path;
        saved[index]!.changes = committed.changes;
      } catch (error) {
        await pending.discard();
        bar.clear();
        ctx.stderr.write(`burnlink: cannot write to ${dir} (${errorCode(error)})\n`);
        code = code || EXIT.WRITE_FAILED;
      }
      continue;
    }
    await pending.discard();
    bar.clear();
    const writeError = pending.writeError();
    if (writeError !== undefined) {
      ctx.stderr.write(`burnlink: cannot write to ${dir} (${errorCode(writeError)})\n`);
      code = code || EXIT.WRITE_FAILED;
      continue;
    }
    code = code || failed(ctx, result);
    if (result.reason === 'cancelled') return { saved, code: EXIT.CANCELLED };
  }
  if (code === EXIT.OK) bar.finish();
  else bar.clear();
  for (const { file, path, changes } of saved) {
    if (path === null) continue;
    if (announce) ctx.stderr.write(`saved ${visible(path)}\n`);
    // Said also with --json: a renamed file is a warning, and the sender's name may have been an attack.
    if (changes.length > 0) ctx.stderr.write(renamedNote(file.name, path, changes));
  }
  return { saved, code };
}

/** `burnlink: renamed "-rf" to _-rf (…)`: the sender's name made visible, and why it was not kept. */
function renamedNote(name: string, path: string, changes: CommittedFile['changes']): string {
  const why = changes.map((change) => NAME_CHANGE_TEXT[change]).join('; ');
  return `burnlink: renamed "${visible(name)}" to ${visible(basename(path))} (${why})\n`;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
