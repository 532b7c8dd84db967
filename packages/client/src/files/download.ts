import { createDecryptStream, DecryptError } from '@burnlink/core';
import type { FileRequestHeaders } from '@burnlink/wire';
import { type FetchLike, failureFromAnswer } from '../http.js';
import type { Failure } from '../results.js';
import { backoff, type RetryPolicy, sleep } from './retry.js';
import type { ProgressListener } from './transfer-progress.js';

/** Options of {@link RevealedFile.download}. */
export interface DownloadOptions {
  /** Progress in ciphertext bytes of this file (`allBytes`/`allTotal` are this file's too). */
  onProgress?: ProgressListener;
  /** Stops the download: the sink is aborted and the result is a `cancelled` failure. */
  signal?: AbortSignal;
}

/**
 * A file of a revealed secret. `name`, `type` and `size` (plaintext bytes) come from the encrypted payload:
 * `name` is chosen by the sender, so sanitise it before using it as a path. `download` streams the
 * ciphertext through decryption into `sink`, never holding the file in memory; it resumes with a Range
 * request after a dropped connection. The grant allows one complete download per file.
 *
 * Treat what the sink received as valid only when the result is `ok`: a `decrypt_failed` result (damaged,
 * tampered, truncated, or not the announced size) aborts the sink.
 *
 * @example
 * ```ts
 * const result = await file.download(writable, { onProgress: (p) => show(p.bytes / p.total) });
 * if (!result.ok) console.error(result.message);
 * ```
 */
export interface RevealedFile {
  name: string;
  type: string;
  /** Plaintext bytes. */
  size: number;
  download(sink: WritableStream<Uint8Array>, options?: DownloadOptions): Promise<{ ok: true } | Failure>;
}

/** What {@link downloadFile} needs; built by `reveal` from the claim reply. */
export interface DownloadJob {
  fetch: FetchLike;
  /** Absolute URL of the file. */
  url: string;
  grant: string;
  contentKey: Uint8Array;
  index: number;
  /** Plaintext bytes announced in the payload. */
  plainSize: number;
  /** Ciphertext bytes announced by the server. */
  size: number;
  /** Idle timeout: no byte for this long counts as a dropped connection. */
  timeoutMs: number;
  retry: Required<RetryPolicy>;
}

const DECRYPT_FAILED: Failure = {
  ok: false,
  reason: 'decrypt_failed',
  message: 'the file could not be decrypted with this link: it is damaged, incomplete or was tampered with',
};
const CANCELLED: Failure = { ok: false, reason: 'cancelled', message: 'the download was cancelled' };
const SINK_FAILED: Failure = {
  ok: false,
  reason: 'cancelled',
  message: 'the download was stopped: the file could not be written',
};

/** Downloads and decrypts one file into `sink` (see {@link RevealedFile}). */
export async function downloadFile(
  job: DownloadJob,
  sink: WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<{ ok: true } | Failure> {
  const { signal, onProgress } = options;
  const decrypt = createDecryptStream(job.contentKey);
  const piped = decrypt.readable.pipeThrough(sizeCheck(job.plainSize)).pipeTo(sink);
  piped.catch(() => {}); // observed below
  const writer = decrypt.writable.getWriter();
  let received = 0;
  let failures = 0;
  let outcome: Failure | null = null;
  let broken = false; // the pipeline (decryption or sink) failed: `piped` says why
  const report = () =>
    onProgress?.({
      file: job.index,
      bytes: received,
      total: job.size,
      allBytes: received,
      allTotal: job.size,
    });
  report();
  while (outcome === null && !broken && received < job.size) {
    if (signal?.aborted) {
      outcome = CANCELLED;
      break;
    }
    if (failures > 0) {
      if (failures > job.retry.attempts) {
        outcome = dropped(job);
        break;
      }
      await sleep(backoff(job.retry, failures), signal);
      if (signal?.aborted) continue;
    }
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), job.timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), job.timeoutMs);
    };
    try {
      const response = await fetchFrom(
        job,
        received,
        signal ? AbortSignal.any([signal, idle.signal]) : idle.signal,
      );
      // 409 download_in_progress: the previous request with this grant has not ended on the server yet (or its
      // server died and its lease runs out): wait and resume, like after a dropped connection.
      if (response === null || response.status >= 500 || response.status === 409) {
        await response?.body?.cancel().catch(() => {});
        failures += 1;
        continue;
      }
      let skip = 0;
      if (response.status === 200) skip = received;
      else if (response.status !== 206 || rangeStart(response) !== received) {
        await response.body?.cancel().catch(() => {});
        outcome =
          response.status === 404
            ? notFound()
            : response.status === 206
              ? unexpected()
              : failureFromAnswer(
                  { status: response.status, body: await readJson(response), headers: response.headers },
                  'secret',
                );
        break;
      }
      const reader = response.body!.getReader();
      let progressed = false;
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          break; // dropped: continue with a Range request
        }
        touch();
        if (chunk.done) break;
        let bytes = chunk.value;
        if (skip > 0) {
          const dropped = Math.min(skip, bytes.length);
          skip -= dropped;
          bytes = bytes.subarray(dropped);
        }
        if (bytes.length === 0) continue;
        if (received + bytes.length > job.size) {
          outcome = unexpected();
          break;
        }
        try {
          await writer.write(bytes);
        } catch {
          broken = true;
          break;
        }
        received += bytes.length;
        progressed = true;
        report();
      }
      await reader.cancel().catch(() => {});
      if (received < job.size && outcome === null && !broken) failures = progressed ? 1 : failures + 1;
    } finally {
      clearTimeout(timer);
    }
  }
  if (outcome === null && !broken && signal?.aborted) outcome = CANCELLED;
  if (outcome !== null) {
    await writer.abort(new Error(outcome.message)).catch(() => {});
    await piped.catch(() => {});
    return outcome;
  }
  if (!broken) await writer.close().catch(() => {});
  try {
    await piped;
    return { ok: true };
  } catch (error) {
    if (error instanceof DecryptError) return DECRYPT_FAILED;
    return signal?.aborted ? CANCELLED : SINK_FAILED;
  }
}

/** Passes plaintext through and fails with `DecryptError` unless exactly `size` bytes arrive. */
function sizeCheck(size: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > size) throw new DecryptError();
      controller.enqueue(chunk);
    },
    flush() {
      if (seen !== size) throw new DecryptError();
    },
  });
}

async function fetchFrom(job: DownloadJob, offset: number, signal: AbortSignal): Promise<Response | null> {
  const headers: FileRequestHeaders = { authorization: `Bearer ${job.grant}` };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  try {
    return await job.fetch(job.url, { method: 'GET', headers, signal, redirect: 'error' });
  } catch {
    return null;
  }
}

function rangeStart(response: Response): number | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : null;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

function notFound(): Failure {
  return {
    ok: false,
    reason: 'not_found',
    message: 'unknown file: its download grant was used or has expired, or the secret was burned',
  };
}

function unexpected(): Failure {
  return { ok: false, reason: 'server', message: 'the server sent an unexpected file answer' };
}

function dropped(job: DownloadJob): Failure {
  return {
    ok: false,
    reason: 'network',
    message: `the download from ${new URL(job.url).origin} failed ${job.retry.attempts + 1} times in a row; giving up`,
  };
}
