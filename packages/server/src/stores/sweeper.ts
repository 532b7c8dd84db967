/** Anything with a sweep: the SecretStore, the BlobStore. */
export interface Sweepable<R> {
  sweep(now: number): Promise<R>;
}

export interface SweeperOptions<R> {
  /** Mean time between the end of one sweep and the start of the next, in milliseconds. */
  intervalMs: number;
  /** The clock handed to `store.sweep` (injectable for tests). */
  now: () => number;
  /** Each wait is `intervalMs` scaled by a random factor in [1 − jitter, 1 + jitter]. Default 0.2. */
  jitter?: number;
  onResult?: (result: R) => void;
  onError?: (error: unknown) => void;
}

export interface Sweeper {
  /** Cancels the next run and resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Sweeps the store periodically: expired secrets out, receipts past retention purged. Runs never overlap (the
 * next one is scheduled only when the previous one settled); the jitter spreads the sweeps of several nodes
 * sharing one backend; the timer is `unref()`ed so it never keeps the process alive. Expiry does not depend
 * on it: every store treats an expired secret as gone anyway; the sweeper only frees the space.
 *
 * @example
 * const sweeper = startSweeper(store, { intervalMs: 60_000, now: Date.now });
 * await sweeper.stop();
 */
export function startSweeper<R>(store: Sweepable<R>, options: SweeperOptions<R>): Sweeper {
  const jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    const factor = 1 - jitter + 2 * jitter * Math.random();
    timer = setTimeout(run, Math.max(1, Math.round(options.intervalMs * factor)));
    timer.unref();
  };

  const run = () => {
    timer = undefined;
    running = (async () => {
      try {
        const result = await store.sweep(options.now());
        options.onResult?.(result);
      } catch (error) {
        try {
          options.onError?.(error);
        } catch {
          // A failing error reporter must not stop the sweeps.
        }
      }
    })().finally(() => {
      running = undefined;
      schedule();
    });
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
