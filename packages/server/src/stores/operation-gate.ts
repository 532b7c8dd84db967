import { StoreUnavailableError } from './secret-store.js';

/**
 * Tracks a network store's operations in flight so that `close()` lets them finish (the contract: close
 * flushes what was written) while refusing new ones as unavailable, never as gone.
 *
 * @example
 * const gate = new OperationGate('Redis');
 * const done = gate.run(() => client.get(key));
 * await gate.close(); // waits for `done` to settle
 */
export class OperationGate {
  readonly #name: string;
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(name: string) {
    this.#name = name;
  }

  run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError(`the ${this.#name} store is closed`));
    const promise = operation();
    this.#pending.add(promise);
    const settle = () => this.#pending.delete(promise);
    promise.then(settle, settle);
    return promise;
  }

  /** Refuses new operations and resolves once those in flight have settled. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#pending]);
  }
}
