import type { BatchResult } from './group-commit.js';
import { decodeError } from './sqlite-errors.js';
import type { WriteLink } from './sqlite-write-link.js';
import type { WriteArgs, WriteName, WriteOp, WriteResult } from './sqlite-writer.js';

interface Queued {
  op: WriteOp;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * Forms the batches of `SqliteStore`'s writes: the writes queued during an event-loop turn go to the writer
 * as ONE batch (one message) on the next `setImmediate`. The writer commits every batch waiting for it in
 * one transaction, so the busier the store, the more writes share an fsync. Each promise settles after the
 * writer's COMMIT returned, with the operation's own result or error; a failed transaction rejects all of
 * its operations.
 */
export class SqliteWriteQueue {
  readonly #link: WriteLink;
  #queue: Queued[] = [];
  #scheduled = false;
  #inFlight = 0;
  #idle: (() => void)[] = [];

  constructor(link: WriteLink) {
    this.#link = link;
  }

  run<K extends WriteName>(name: K, ...args: WriteArgs<K>): Promise<WriteResult<K>> {
    return new Promise<WriteResult<K>>((resolve, reject) => {
      this.#queue.push({ op: [name, args], resolve: resolve as (value: never) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#send());
      }
    });
  }

  /** Waits until every write queued so far is answered, then closes the link. */
  async close(): Promise<void> {
    if (this.#scheduled || this.#inFlight > 0) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    await this.#link.close();
  }

  #send(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    this.#inFlight += 1;
    this.#link.send(
      batch.map((queued) => queued.op),
      (result) => this.#settle(batch, result),
    );
  }

  #settle(batch: Queued[], result: BatchResult): void {
    this.#inFlight -= 1;
    if (result.committed) {
      batch.forEach((queued, i) => {
        const outcome = result.results[i];
        if (outcome?.ok) queued.resolve(outcome.value as never);
        else queued.reject(outcome ? decodeError(outcome.error) : new Error('the writer lost an operation'));
      });
    } else {
      const error = decodeError(result.error);
      for (const queued of batch) queued.reject(error);
    }
    if (this.#inFlight === 0 && !this.#scheduled) for (const resolve of this.#idle.splice(0)) resolve();
  }
}
