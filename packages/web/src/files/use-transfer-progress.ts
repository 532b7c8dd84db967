import { useCallback, useRef, useState } from 'preact/hooks';
import { createTransferMeter, type TransferFigures, type TransferMeter } from './transfer-meter.js';

/** How often the figures re-render: the SDK reports every chunk, far more often than anyone can read. */
const RENDER_EVERY_MS = 200;

/**
 * Progress figures for one transfer, throttled: `report(done, total)` may be called per chunk; the figures
 * change at most every 200 ms (and always at the end). A new `total` starts a new measurement.
 */
export function useTransferProgress() {
  const [figures, setFigures] = useState<TransferFigures | null>(null);
  const state = useRef<{ meter: TransferMeter; total: number; last: number } | null>(null);
  const report = useCallback((done: number, total: number) => {
    const now = performance.now();
    let current = state.current;
    if (!current || current.total !== total) {
      current = { meter: createTransferMeter(total), total, last: Number.NEGATIVE_INFINITY };
      state.current = current;
    }
    if (done < total && now - current.last < RENDER_EVERY_MS) return;
    current.last = now;
    setFigures(current.meter.update(done));
  }, []);
  const reset = useCallback(() => {
    state.current = null;
    setFigures(null);
  }, []);
  return { figures, report, reset };
}
