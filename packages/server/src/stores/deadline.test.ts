import { describe, expect, it } from 'vitest';
import { withDeadline } from './deadline.js';

const timedOut = () => new Error('timed out');

describe('withDeadline', () => {
  it('passes a value or an error through', async () => {
    await expect(withDeadline(Promise.resolve(7), 50, timedOut)).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('no')), 50, timedOut)).rejects.toThrow('no');
  });

  it('rejects when nothing settles in time', async () => {
    const started = Date.now();
    await expect(withDeadline(new Promise(() => {}), 30, timedOut)).rejects.toThrow('timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('does not time out an answer that arrived while the event loop was blocked past the deadline', async () => {
    // The answer comes from I/O-like work scheduled before the block; the block outlasts the deadline.
    const answer = new Promise<string>((resolve) => setTimeout(() => setImmediate(() => resolve('ok')), 5));
    const guarded = withDeadline(answer, 20, timedOut);
    const until = Date.now() + 60;
    while (Date.now() < until) {
      // busy: the process is starved of time, as on an overloaded machine
    }
    await expect(guarded).resolves.toBe('ok');
  });
});
