import type { FileSource, ServerLimits, TransferProgress } from '@burnlink/client';
import { encryptedSize } from '@burnlink/core';
import type { CliContext } from '../cli-context.js';
import { fileSourceFromPath, PathSourceError } from '../files/path-file-source.js';
import { ProgressBar } from '../progress/progress-bar.js';
import { formatBytes } from '../progress/progress-format.js';
import { UsageError } from '../usage-error.js';

// `send --file PATH`: turning paths into sources, the server's limits, and the upload progress bar.

/** Opens every `--file` (checked before anything is read or sent). */
/**
 * Bytes per tus PATCH of a file (send and respond). Each body is streamed while it is encrypted (no buffer of
 * this size), so the size only sets how often the server fsyncs and records the offset, and how often progress
 * moves. A proxy in front of the server must allow bodies this large (deploy/nginx.conf).
 */
export const PATCH_BYTES = 64 * 1024 * 1024;

export async function fileSources(paths: string[]): Promise<FileSource[]> {
  const sources: FileSource[] = [];
  for (const path of paths) {
    if (path === '-') throw new UsageError('--file - (standard input) is not supported: give a file path');
    try {
      sources.push(await fileSourceFromPath(path));
    } catch (error) {
      if (!(error instanceof PathSourceError)) throw error;
      if (error.code === 'not_a_file') throw new UsageError(`--file ${path} is not a regular file`);
      throw new UsageError(`cannot read --file ${path} (${error.code})`);
    }
  }
  return sources;
}

/** Refuses files over the server's limits (plaintext sizes, as the server counts them) before uploading. */
export function checkFileLimits(paths: string[], sources: FileSource[], limits: ServerLimits['files']): void {
  if (sources.length === 0) return;
  if (limits.maxFiles === 0) throw new UsageError('this server does not accept files (its limit is 0 files)');
  if (sources.length > limits.maxFiles) {
    throw new UsageError(
      `too many files: ${sources.length} given; this server accepts at most ${limits.maxFiles} per secret`,
    );
  }
  for (const [i, source] of sources.entries()) {
    if (source.size > limits.maxFileBytes) {
      throw new UsageError(
        `--file ${paths[i]} is ${formatBytes(source.size)}; this server accepts files of at most ${limitText(limits.maxFileBytes)}`,
      );
    }
  }
  const sum = sources.reduce((n, s) => n + s.size, 0);
  if (sum > limits.maxSecretBytes) {
    throw new UsageError(
      `the files add up to ${formatBytes(sum)}; this server accepts at most ${limitText(limits.maxSecretBytes)} of files per secret`,
    );
  }
}

function limitText(bytes: number): string {
  return `${formatBytes(bytes)} (${bytes} bytes)`;
}

/** The upload progress bar (stderr, only on a terminal) fed by `send`'s `onProgress`. */
export function uploadProgress(ctx: CliContext, sources: FileSource[]) {
  const total = sources.reduce((n, s) => n + encryptedSize(s.size), 0);
  const bar = new ProgressBar(ctx.stderr, 'sending', sources.length, total, ctx.now);
  return {
    onProgress: (p: TransferProgress) => bar.update(p.file + 1, p.allBytes),
    done: (ok: boolean) => (ok ? bar.finish() : bar.clear()),
  };
}

/**
 * An AbortSignal that Ctrl-C aborts while `run` is in progress (the transfer then cancels cleanly); outside
 * of it, Ctrl-C keeps its usual effect.
 */
export async function interruptible<T>(
  ctx: CliContext,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const release = ctx.onInterrupt?.(() => controller.abort());
  try {
    return await run(controller.signal);
  } finally {
    release?.();
  }
}
