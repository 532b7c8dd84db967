/** How transfers retry after a dropped connection or a 5xx: `attempts` tries in a row without progress. */
export interface RetryPolicy {
  /** Retries in a row without progress before giving up (default 5). */
  attempts?: number;
  /** First wait in ms, doubled per retry up to 8 s (default 500). */
  delayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryPolicy> = { attempts: 5, delayMs: 500 };

/** The wait before retry number `n` (1-based). */
export function backoff(policy: Required<RetryPolicy>, n: number): number {
  return Math.min(policy.delayMs * 2 ** (n - 1), 8_000);
}

/** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `AbortSignal.timeout(ms)`, combined with the caller's signal when there is one. */
export function withTimeout(ms: number, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
