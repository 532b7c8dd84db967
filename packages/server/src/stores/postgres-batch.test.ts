import { describe, expect, it } from 'vitest';
import { TickBatcher } from './postgres-batch.js';

const settledAll = <T>(values: T[]): PromiseSettledResult<T>[] =>
  values.map((value) => ({ status: 'fulfilled', value }));

describe('TickBatcher', () => {
  it('runs the calls of one turn as one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new TickBatcher<number, number>(2, 10, async (items) => {
      batches.push(items);
      return items.map((item) =>
        item === 3
          ? { status: 'rejected', reason: new Error('three') }
          : { status: 'fulfilled', value: item * 10 },
      );
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.add(n)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      10,
      20,
      'three',
      40,
    ]);
  });

  it('keeps at most maxInFlight batches of at most maxBatch items; later calls join the next batch', async () => {
    const batches: number[][] = [];
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const batcher = new TickBatcher<number, number>(2, 3, async (items) => {
      batches.push(items);
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return settledAll(items);
    });
    const first = [1, 2, 3, 4, 5, 6, 7].map((n) => batcher.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const later = [8, 9].map((n) => batcher.add(n));
    release.shift()?.();
    await Promise.all(first.slice(0, 3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches[2]).toEqual([7, 8, 9]);
    for (const go of release.splice(0)) go();
    await new Promise((resolve) => setImmediate(resolve));
    for (const go of release.splice(0)) go();
    expect(await Promise.all([...first, ...later])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
  });

  it('a batch that throws rejects each of its calls with that error', async () => {
    const batcher = new TickBatcher<number, number>(1, 10, async () => {
      throw new Error('down');
    });
    const outcomes = await Promise.allSettled([1, 2].map((n) => batcher.add(n)));
    expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).message)).toEqual([
      'down',
      'down',
    ]);
  });
});
