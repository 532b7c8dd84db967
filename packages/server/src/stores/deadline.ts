/**
 * Rejects with `onTimeout()` when `promise` has not settled `ms` after the call. The deadline is checked only
 * after the event loop has polled for I/O once more (a `setImmediate` behind the timer): when the process was
 * busy for longer than `ms`, a reply already waiting in the socket is read first and never mistaken for a
 * timeout — a plain timer (as in the drivers' own command timeouts) fires before that read and turns a busy
 * node's good answers into spurious 503s.
 *
 * @example
 * const value = await withDeadline(client.get(key), 2000, () => new Error('timed out'));
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(onTimeout());
      });
    }, ms);
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
