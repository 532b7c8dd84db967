import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from './memory-store.js';
import type { SecretStore, SweepResult } from './secret-store.js';
import { startSweeper } from './sweeper.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A store whose sweeps take `durationMs` and are recorded, to observe scheduling. */
function slowStore(durationMs: number, fail = false) {
  const calls: { now: number; concurrent: number }[] = [];
  let active = 0;
  const store = new MemoryStore() as SecretStore;
  store.sweep = async (now: number): Promise<SweepResult> => {
    active += 1;
    calls.push({ now, concurrent: active });
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    active -= 1;
    if (fail) throw new Error('backend down');
    return {
      expiredIds: ['a', 'b'],
      purgedReceipts: 1,
      blobIds: [],
      expiredRequestIds: [],
      purgedRequests: 0,
    };
  };
  return { store, calls };
}

describe('startSweeper', () => {
  it('sweeps every interval with the injected clock and reports results', async () => {
    vi.useFakeTimers();
    const { store, calls } = slowStore(10);
    const results: SweepResult[] = [];
    let clock = 1_000;
    const sweeper = startSweeper(store, {
      intervalMs: 100,
      jitter: 0,
      now: () => clock,
      onResult: (r) => results.push(r),
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toHaveLength(0);
    clock = 2_000;
    await vi.advanceTimersByTimeAsync(1 + 10);
    expect(calls).toEqual([{ now: 2_000, concurrent: 1 }]);
    expect(results).toEqual([
      { expiredIds: ['a', 'b'], purgedReceipts: 1, blobIds: [], expiredRequestIds: [], purgedRequests: 0 },
    ]);
    await vi.advanceTimersByTimeAsync(110 * 3);
    expect(calls).toHaveLength(4);
    await sweeper.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(4);
  });

  it('never overlaps runs, even when a sweep outlasts the interval', async () => {
    vi.useFakeTimers();
    const { store, calls } = slowStore(500);
    const sweeper = startSweeper(store, { intervalMs: 50, now: () => 0 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.every((c) => c.concurrent === 1)).toBe(true);
    const stopping = sweeper.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;
  });

  it('keeps sweeping after a failure and reports it', async () => {
    vi.useFakeTimers();
    const { store, calls } = slowStore(1, true);
    const errors: unknown[] = [];
    const sweeper = startSweeper(store, {
      intervalMs: 100,
      jitter: 0,
      now: () => 0,
      onError: (error) => {
        errors.push(error);
        throw new Error('reporter broken too');
      },
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(errors).toHaveLength(calls.length);
    const stopping = sweeper.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;
  });

  it('stop() waits for the sweep in progress', async () => {
    vi.useFakeTimers();
    const { store } = slowStore(300);
    const results: SweepResult[] = [];
    const sweeper = startSweeper(store, {
      intervalMs: 100,
      jitter: 0,
      now: () => 0,
      onResult: (r) => results.push(r),
    });
    await vi.advanceTimersByTimeAsync(150);
    let stopped = false;
    const stopping = sweeper.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await stopping;
    expect(results).toHaveLength(1);
  });

  it('spreads runs with jitter within the configured bounds', async () => {
    vi.useFakeTimers();
    const { store, calls } = slowStore(0);
    const sweeper = startSweeper(store, { intervalMs: 1_000, jitter: 0.5, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(30_000);
    const gaps = calls.slice(1).map((c, i) => c.now - calls[i]!.now);
    // A gap is the sweep's own time (its setTimeout(0) runs 1 ms later under fake timers) plus the wait.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1_500 + 1);
    expect(new Set(gaps).size).toBeGreaterThan(1);
    await sweeper.stop();
  });

  it('does not keep the process alive', async () => {
    const { store } = slowStore(0);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const sweeper = startSweeper(store, { intervalMs: 60_000, now: Date.now });
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    setTimeoutSpy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    await sweeper.stop();
  });
});
