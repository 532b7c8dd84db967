/**
 * Fault points for the service tests, without a hook in production code: a store is wrapped so that one of
 * its methods can be paused at a chosen moment (before or after the real call), made to fail, or watched.
 */

/** A point a paused call waits at: `reached` resolves when a call arrives, `release()` lets it go on. */
export interface Gate {
  reached: Promise<void>;
  release(): void;
  /** For the paused call: signals `reached`, then waits for `release()`. */
  wait(): Promise<void>;
}

export function gate(): Gate {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const wait = () => {
    arrive();
    return released;
  };
  return { reached, release, wait } as Gate;
}

type Method<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T];

export interface Interception {
  /** Runs before the real call; throwing fails the call without running it. */
  before?: (args: unknown[]) => Promise<void> | void;
  /** Runs after the real call resolved, before the caller sees the result. */
  after?: (result: unknown, args: unknown[]) => Promise<void> | void;
  /** Intercept only while this says so (e.g. only the call for one blob id). Default: every call. */
  when?: (args: unknown[]) => boolean;
}

/**
 * A proxy of `target` in which the named methods run their interceptions. Other methods (and properties)
 * pass through untouched, bound to the real target.
 */
export function intercept<T extends object>(target: T, hooks: Partial<Record<Method<T>, Interception>>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const hook = (hooks as Record<PropertyKey, Interception | undefined>)[property];
      if (!hook) return value.bind(object);
      return async (...args: unknown[]) => {
        if (hook.when && !hook.when(args)) return value.apply(object, args);
        await hook.before?.(args);
        const result = await value.apply(object, args);
        await hook.after?.(result, args);
        return result;
      };
    },
  });
}

/** A gate as an interception step: the first matching call waits at it, later ones pass. */
export function pauseOnce(g: Gate): () => Promise<void> {
  let used = false;
  return async () => {
    if (used) return;
    used = true;
    await g.wait();
  };
}
