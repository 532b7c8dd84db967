import { describe, expect, it } from 'vitest';
import { createTransferMeter } from './transfer-meter.js';

const MiB = 2 ** 20;

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createTransferMeter', () => {
  it('gives the fraction at once but no speed before half a second has passed', () => {
    const c = clock();
    const meter = createTransferMeter(100 * MiB, c.now);
    c.advance(100);
    const first = meter.update(10 * MiB);
    expect(first.fraction).toBeCloseTo(0.1);
    expect(first.bytesPerSecond).toBeNull();
    expect(first.secondsLeft).toBeNull();
  });

  it('measures the speed and the time left at that speed', () => {
    const c = clock();
    const meter = createTransferMeter(100 * MiB, c.now);
    c.advance(1000);
    const figures = meter.update(20 * MiB);
    expect(figures.bytesPerSecond).toBe(20 * MiB);
    expect(figures.secondsLeft).toBe(4);
  });

  it('follows a change of speed within a few seconds', () => {
    const c = clock();
    const meter = createTransferMeter(1000 * MiB, c.now);
    let done = 0;
    for (let i = 0; i < 10; i++) {
      c.advance(1000);
      done += 50 * MiB;
      meter.update(done);
    }
    let figures = meter.update(done);
    for (let i = 0; i < 5; i++) {
      c.advance(1000);
      done += 10 * MiB;
      figures = meter.update(done);
    }
    expect(figures.bytesPerSecond).toBeGreaterThanOrEqual(10 * MiB);
    expect(figures.bytesPerSecond).toBeLessThan(11 * MiB);
  });

  it('counts an empty transfer as complete and never goes past 100%', () => {
    expect(createTransferMeter(0).update(0)).toMatchObject({ fraction: 1, secondsLeft: 0 });
    expect(createTransferMeter(10).update(12).fraction).toBe(1);
  });
});
