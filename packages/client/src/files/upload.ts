import { createEncryptStream, randomBytes, resumePoint } from '@burnlink/core';
import { type FetchLike, failureFromAnswer } from '../http.js';
import type { Failure } from '../results.js';
import { ChunkReader } from './chunk-reader.js';
import type { FileSource } from './file-source.js';
import { backoff, type RetryPolicy, sleep } from './retry.js';
import type { BodyStreamer, StreamedBody } from './streamed-body.js';
import { type TusAnswer, tusRequest } from './tus.js';

/** One file's upload: a tus upload of its ciphertext, created with the secret. */
export interface UploadJob {
  fetch: FetchLike;
  contentKey: Uint8Array;
  /** Absolute URL of the tus upload. */
  url: string;
  source: FileSource;
  /** Index of the file in the payload (for messages). */
  index: number;
  /** Ciphertext length the server expects (`encryptedSize(source.size)`). */
  size: number;
  /** The secret's last file: its final PATCH must answer `Burnlink-Secret: ready`. */
  last: boolean;
  /** Bytes per PATCH request. */
  chunkBytes: number;
  /**
   * Two PATCH body buffers (each at least `chunkBytes` long, taking turns: the next body is read and
   * encrypted into one while the other is sent), or the streamer that sends each body while it is encrypted
   * (`SendOptions.streamBodies`).
   */
  buffers: [Uint8Array, Uint8Array] | BodyStreamer;
  timeoutMs: number;
  retry: Required<RetryPolicy>;
  signal?: AbortSignal | undefined;
  /** Called with the server's confirmed offset after each PATCH. */
  onOffset(offset: number): void;
  /** Whether the secret exists (peek): asked when the upload is gone after its last byte was sent. */
  secretExists(): Promise<boolean>;
}

const CANCELLED: Failure = {
  ok: false,
  reason: 'cancelled',
  message: 'the upload was cancelled; the unfinished secret is deleted',
};

/**
 * Encrypts `job.source` as its own RFC 8188 stream (random header salt, the secret's content key) and
 * PATCHes it in chunks. After a network error, a 5xx or an offset mismatch it asks the server (HEAD) how
 * much arrived and restarts encryption at the last complete record (`resumePoint`), sending only the rest.
 */
export async function uploadFile(job: UploadJob): Promise<{ ok: true } | Failure> {
  const salt = randomBytes(16);
  let offset = 0;
  let reader: ChunkReader | null = null;
  /** The next body, being read into the other buffer while the current one is sent. */
  let ahead: { offset: number; filled: Promise<Filled> } | null = null;
  let turn = 0;
  const dropAhead = async () => {
    await ahead?.filled.catch(() => {});
    ahead = null;
  };
  let failures = 0;
  let lastProblem: TusAnswer | null = null;
  const patchTimeout = job.timeoutMs + Math.ceil(job.chunkBytes / 65_536) * 1000;
  try {
    for (;;) {
      if (job.signal?.aborted) return CANCELLED;
      if (lastProblem !== null) {
        failures += 1;
        if (failures > job.retry.attempts) return gaveUp(lastProblem, job);
        await sleep(backoff(job.retry, failures), job.signal);
        if (job.signal?.aborted) return CANCELLED;
        await dropAhead();
        await reader?.cancel();
        reader = null;
        const head = await tusRequest({ ...request(job, 'HEAD'), timeoutMs: job.timeoutMs });
        if (head.status === 404 && job.last && (await job.secretExists())) return { ok: true };
        if (head.status !== 200 || head.offset === null || head.offset > job.size) {
          if (head.status === 0 || head.status >= 500) {
            lastProblem = head;
            continue;
          }
          return head.status === 404 ? gone(job) : failureFromAnswer(head, 'create');
        }
        offset = head.offset;
        lastProblem = null;
      }
      const want = Math.min(job.chunkBytes, job.size - offset);
      let body: Uint8Array | ReadableStream<Uint8Array> = new Uint8Array(0);
      let streamed: StreamedBody | null = null;
      if (want > 0) {
        reader ??= openAt(job, salt, offset);
        if (typeof job.buffers === 'function') {
          streamed = job.buffers(reader, want, offset + want === job.size);
          body = streamed.body;
        } else {
          const filling = ahead?.offset === offset ? ahead.filled : null;
          if (filling === null) await dropAhead();
          ahead = null;
          let filled: Filled;
          try {
            filled = await (filling ?? fill(reader, job.buffers[turn]!, want, offset + want === job.size));
          } catch {
            return unreadable(job);
          }
          if (filled.changed) return changed(job);
          body = filled.body;
          const next = offset + want;
          if (next < job.size) {
            turn = 1 - turn;
            const nextWant = Math.min(job.chunkBytes, job.size - next);
            const nextFill = fill(reader, job.buffers[turn]!, nextWant, next + nextWant === job.size);
            nextFill.catch(() => {}); // observed when it is used or dropped
            ahead = { offset: next, filled: nextFill };
          }
        }
      }
      const answer = await tusRequest({ ...request(job, 'PATCH'), offset, body, timeoutMs: patchTimeout });
      // A streamed body that failed on our side (the file could not be read, or changed): never retried.
      if (streamed?.problem === 'changed') return changed(job);
      if (streamed?.problem === 'unreadable') return unreadable(job);
      if (answer.status === 204 || answer.status === 200) {
        const next = offset + want;
        if (answer.offset !== next) {
          lastProblem = answer; // the server holds something else: ask it where to continue
          continue;
        }
        offset = next;
        failures = 0;
        job.onOffset(offset);
        if (offset < job.size) continue;
        if (!job.last || answer.ready) return { ok: true };
        return { ok: false, reason: 'server', message: 'the server did not confirm the secret after upload' };
      }
      if (job.signal?.aborted) return CANCELLED;
      if (answer.status === 409 && errorCode(answer) === 'upload_finished') {
        // An earlier PATCH completed the secret but its answer was lost.
        if (await job.secretExists()) return { ok: true };
        return failureFromAnswer(answer, 'create');
      }
      // 408: the server timed out a stalled body and kept what arrived; HEAD tells where to go on.
      if (answer.status === 0 || answer.status >= 500 || answer.status === 409 || answer.status === 408) {
        lastProblem = answer;
        continue;
      }
      if (answer.status === 404) return gone(job);
      return failureFromAnswer(answer, 'create');
    }
  } finally {
    await dropAhead();
    await reader?.cancel();
  }
}

interface Filled {
  body: Uint8Array;
  /** The source ended before `want` bytes, or (final) has bytes past the end. */
  changed: boolean;
}

/** Reads the next `want` bytes into `buffer`; rejects when the source cannot be read. */
async function fill(reader: ChunkReader, buffer: Uint8Array, want: number, final: boolean): Promise<Filled> {
  const body = await reader.read(buffer.subarray(0, want));
  return { body, changed: body.length < want || (final && !(await reader.atEnd())) };
}

/** The ciphertext of the file from `offset` on: encryption restarted at the record holding that byte. */
function openAt(job: UploadJob, salt: Uint8Array, offset: number): ChunkReader {
  const point = resumePoint(offset);
  const cipher = job.source
    .open(point.plainOffset)
    .pipeThrough(createEncryptStream(job.contentKey, { salt, firstRecord: point.record }));
  return new ChunkReader(cipher, point.skip);
}

function request(job: UploadJob, method: 'HEAD' | 'PATCH') {
  return { fetch: job.fetch, url: job.url, method, signal: job.signal };
}

function gaveUp(answer: TusAnswer, job: UploadJob): Failure {
  if (answer.status === 0) {
    const where = new URL(job.url).origin;
    return {
      ok: false,
      reason: 'network',
      message: `the upload to ${where} failed ${job.retry.attempts + 1} times in a row; giving up`,
    };
  }
  return failureFromAnswer(answer, 'create');
}

function errorCode(answer: TusAnswer): string | undefined {
  const error = (answer.body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

function gone(job: UploadJob): Failure {
  return {
    ok: false,
    reason: 'not_found',
    message: `the upload of file ${job.index + 1} is gone (expired or cancelled); send the secret again`,
  };
}

function changed(job: UploadJob): Failure {
  return invalid(
    'file_changed',
    `file ${job.index + 1} changed while it was being sent (its size is no longer ${job.source.size} bytes)`,
  );
}

function unreadable(job: UploadJob): Failure {
  if (job.signal?.aborted) return CANCELLED;
  return invalid('file_unreadable', `file ${job.index + 1} (of the files sent) could not be read`);
}

function invalid(code: string, message: string): Failure {
  return { ok: false, reason: 'invalid_request', code, message };
}
