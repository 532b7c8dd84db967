import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import { KdfPool } from './kdf-pool.js';

/** Work that finishes (or fails) when the test says so. */
function held<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  let started = false;
  const work = () => {
    started = true;
    return done;
  };
  return { work, finish, fail, started: () => started };
}

describe('KdfPool', () => {
  test('runs `concurrency` at once, queues `queue` in order, refuses the rest with server_busy', async () => {
    const pool = new KdfPool({ concurrency: 2, queue: 1 });
    const [a, b, c] = [held<string>(), held<string>(), held<string>()];
    const runs = [pool.run(a.work), pool.run(b.work), pool.run(c.work)];
    expect([a.started(), b.started(), c.started()]).toEqual([true, true, false]);
    expect(pool.stats).toEqual({ active: 2, queued: 1, refused: 0 });

    const refused = await pool.run(async () => 'never').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('server_busy');
    expect((refused as ApiError).statusCode).toBe(503);
    expect((refused as ApiError).headers).toEqual({ 'retry-after': '1' });
    expect(pool.stats.refused).toBe(1);

    a.finish('a');
    await expect(runs[0]).resolves.toBe('a');
    // The freed slot went straight to the waiting run: never more than `concurrency` at once.
    expect(c.started()).toBe(true);
    expect(pool.stats).toEqual({ active: 2, queued: 0, refused: 1 });
    b.finish('b');
    c.finish('c');
    await expect(Promise.all(runs)).resolves.toEqual(['a', 'b', 'c']);
    expect(pool.stats).toEqual({ active: 0, queued: 0, refused: 1 });
  });

  test('a failing derivation frees its slot', async () => {
    const pool = new KdfPool({ concurrency: 1, queue: 1 });
    const [a, b] = [held<number>(), held<number>()];
    const first = pool.run(a.work);
    const second = pool.run(b.work);
    a.fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    expect(b.started()).toBe(true);
    b.finish(2);
    await expect(second).resolves.toBe(2);
    expect(pool.stats).toEqual({ active: 0, queued: 0, refused: 0 });
  });
});
