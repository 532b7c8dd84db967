import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { UploadBudget } from '../config-rate-limits.js';
import { ApiError } from '../errors.js';
import { type GuardEvents, guardCaller } from './guard-events.js';

/**
 * The per-address upload byte budget (`BURNLINK_UPLOAD_BUDGET`): bytes of tus PATCH bodies one client address
 * may send per fixed window, counted in the same kind of windowed counter as the rate limits — in this process,
 * or shared by every node in Redis or PostgreSQL (`WindowedCounter`, offered by the store with its rate-limit
 * backend).
 *
 * Bytes are charged as they arrive, in slices reserved ahead (up to 8 MiB, no more than the PATCH's
 * Content-Length still announces), not as the declared Content-Length up front: a PATCH without a length
 * (chunked) is charged what it sends, not the whole upload, and a PATCH cut short is charged at most one slice
 * more than it sent. The first slice is reserved before any byte is read: an address over budget gets 429 at
 * once, its body unread. When the budget runs out mid-body the body is cut at the budget's last byte: what
 * arrived up to there is stored and recorded (the offset stays consistent; HEAD tells it), nothing past it is
 * read, and the PATCH answers 429 with `Retry-After` (the window's end) and the recorded `Upload-Offset`.
 * A counter that fails lets bytes through, as the rate limits do: the budget fails open.
 *
 * Each PATCH answered 429 by the budget emits one `upload.quota_refused` event (the address, the caller
 * already known, and the upload's secret, looked up only then) when `guard` is given.
 */
export interface WindowedCounter {
  /** Adds `amount` to `key`'s window (the first add starts a window of `windowMs`): its total and time left. */
  add(key: string, amount: number, windowMs: number): Promise<{ total: number; ttlMs: number }>;
}

/** Counters are kept in KiB so that every backend's integer counts a budget of up to 1 TiB. */
const UNIT = 1024;
/**
 * Bytes reserved per counter step. 1 MiB slices cost about a quarter of a single PATCH's throughput on SQLite
 * (bench: 256 MiB uploads, budget on vs off, ratio 0.53–0.79); 8 MiB slices are within noise (0.95–1.09).
 */
const SLICE = 8 * 1024 * 1024;

export interface UploadAllowance {
  /** The PATCH body, ending with the `rate_limited` error at the budget's last byte. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** The body was cut at the budget. */
  readonly exceeded: boolean;
  /** The 429 to answer once the cut body's bytes are recorded at `offset`. */
  error(offset: number): ApiError;
}

export type UploadBudgetGuard = (
  request: FastifyRequest,
  body: AsyncIterable<Uint8Array>,
  /** The upload (blob id) the PATCH writes: a refusal names its secret. */
  uploadId: string,
) => Promise<UploadAllowance>;

/** Where refusals are reported, and how the secret of an upload is found (null when it is gone). */
export interface UploadBudgetEvents extends GuardEvents {
  secretOf: (uploadId: string) => Promise<string | null>;
}

/** No budget: the body as it is. */
export const NO_UPLOAD_BUDGET: UploadBudgetGuard = async (_request, body) => ({
  chunks: body,
  exceeded: false,
  error: () => budgetError(1, null),
});

export function uploadBudgetGuard(
  budget: UploadBudget | null,
  counter: WindowedCounter,
  warn: (what: string, error: unknown) => void,
  guard: UploadBudgetEvents | null = null,
): UploadBudgetGuard {
  if (budget === null) return NO_UPLOAD_BUDGET;
  const limit = Math.floor(budget.bytes / UNIT);
  return async (request, body, uploadId) => {
    const key = `upload:${normalizeIP(request.ip, 64)}`;
    let reported = false;
    /** The 429 the client gets, reported once per request (the body's own cut is not an answer). */
    const refused = (error: ApiError): ApiError => {
      if (guard === null || reported) return error;
      reported = true;
      const event = { at: guard.now(), ip: request.ip, caller: guardCaller(request) };
      void guard
        .secretOf(uploadId)
        .catch(() => null)
        .then((secretId) => guard.events.emit({ type: 'upload.quota_refused', ...event, secretId }));
      return error;
    };
    const length = contentLength(request.headers['content-length']);
    let retryAfter = 1;
    /** Reserves `want` bytes more: how many of them the budget allows. */
    const reserve = async (want: number): Promise<number> => {
      const units = Math.ceil(want / UNIT);
      let counted: { total: number; ttlMs: number };
      try {
        counted = await counter.add(key, units, budget.windowMs);
      } catch (error) {
        warn('the upload budget counter failed; bytes let through', error);
        return want;
      }
      if (counted.total <= limit) return want;
      retryAfter = Math.max(1, Math.ceil(counted.ttlMs / 1000));
      return Math.min(want, Math.max(0, limit - (counted.total - units)) * UNIT);
    };
    const nextSlice = (used: number) =>
      length !== null && length > used ? Math.min(SLICE, length - used) : SLICE;

    let allowed = length === 0 ? 0 : await reserve(nextSlice(0));
    if (length !== 0 && allowed === 0) throw refused(budgetError(retryAfter, null));
    let used = 0;
    let exceeded = false;
    async function* chunks(): AsyncIterable<Uint8Array> {
      for await (const chunk of body) {
        let at = 0;
        while (at < chunk.length) {
          if (used === allowed) {
            if (exceeded) throw budgetError(retryAfter, null);
            const want = nextSlice(used);
            const got = await reserve(want);
            allowed += got;
            if (got < want) exceeded = true;
            if (got === 0) throw budgetError(retryAfter, null);
          }
          const take = Math.min(chunk.length - at, allowed - used);
          yield chunk.subarray(at, at + take);
          used += take;
          at += take;
        }
      }
    }
    return {
      chunks: chunks(),
      get exceeded() {
        return exceeded;
      },
      error: (offset) => refused(budgetError(retryAfter, offset)),
    };
  };
}

function budgetError(retryAfterSeconds: number, offset: number | null): ApiError {
  return new ApiError(
    'rate_limited',
    `This address has used its upload budget for now; retry in ${retryAfterSeconds} s (HEAD tells where the upload stands).`,
    {},
    {
      'retry-after': String(retryAfterSeconds),
      ...(offset === null ? {} : { 'upload-offset': String(offset) }),
    },
  );
}

function contentLength(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** This process's counters (one node, or tests): fixed windows on `now`, ended ones dropped as they are met. */
export function memoryCounter(now: () => number = Date.now): WindowedCounter {
  const windows = new Map<string, { total: number; resetAt: number }>();
  return {
    async add(key, amount, windowMs) {
      const at = now();
      if (windows.size > 10_000) {
        for (const [each, window] of windows) if (window.resetAt <= at) windows.delete(each);
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { total: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.total += amount;
      return { total: window.total, ttlMs: window.resetAt - at };
    },
  };
}
