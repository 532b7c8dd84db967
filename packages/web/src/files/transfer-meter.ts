/**
 * Turns "bytes done so far" reports into what a progress bar shows: the fraction done, the speed over the
 * last few seconds and the time left at that speed. Pure (the clock is passed in), so it is unit-tested.
 */

export interface TransferFigures {
  done: number;
  total: number;
  /** 0–1; an empty transfer counts as done. */
  fraction: number;
  /** Over the last `windowMs`; null until enough time has passed to say. */
  bytesPerSecond: number | null;
  /** At the current speed; null while the speed is unknown or zero. */
  secondsLeft: number | null;
}

export interface TransferMeter {
  /** Records `done` bytes at the current time and returns the figures to show. */
  update(done: number): TransferFigures;
}

interface Sample {
  at: number;
  done: number;
}

/** Speeds are measured over this much recent time: steady enough to read, quick to follow a change. */
const WINDOW_MS = 3000;
/** Below this much measured time a speed would be noise. */
const MIN_SPAN_MS = 500;

export function createTransferMeter(
  total: number,
  now: () => number = () => performance.now(),
): TransferMeter {
  const samples: Sample[] = [{ at: now(), done: 0 }];
  return {
    update(done) {
      const at = now();
      samples.push({ at, done });
      // Keep one sample older than the window, so the window is always fully covered.
      while (samples.length > 2 && at - samples[1]!.at >= WINDOW_MS) samples.shift();
      const first = samples[0]!;
      const span = at - first.at;
      const bytesPerSecond = span >= MIN_SPAN_MS ? ((done - first.done) * 1000) / span : null;
      const left = Math.max(0, total - done);
      return {
        done,
        total,
        fraction: total > 0 ? Math.min(1, done / total) : 1,
        bytesPerSecond,
        secondsLeft: bytesPerSecond && bytesPerSecond > 0 ? left / bytesPerSecond : left === 0 ? 0 : null,
      };
    },
  };
}
