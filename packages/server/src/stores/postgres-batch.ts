/**
 * Group commit for the PostgreSQL store: the calls that arrive while earlier batches are in flight (or in
 * the same event-loop turn) go to the database together, as ONE statement — one round trip, one transaction,
 * one WAL flush for all of them — instead of one commit each. A lone call still goes alone, one turn later.
 *
 * At most `maxInFlight` batches run at once (the rest of the pool stays free for other calls), each of at
 * most `maxBatch` items. `run` settles every item of its batch on its own (`PromiseSettledResult`): it decides
 * what a failure means for each (see `PostgresStore.create`).
 *
 * @example
 * const creates = new TickBatcher(4, 64, (secrets) => insertAll(secrets));
 * await creates.add(secret);
 */
export class TickBatcher<I, O> {
  readonly #maxInFlight: number;
  readonly #maxBatch: number;
  readonly #run: (items: I[]) => Promise<PromiseSettledResult<O>[]>;
  #queue: { item: I; resolve: (value: O) => void; reject: (reason: unknown) => void }[] = [];
  #scheduled = false;
  #inFlight = 0;

  constructor(
    maxInFlight: number,
    maxBatch: number,
    run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
  ) {
    this.#maxInFlight = maxInFlight;
    this.#maxBatch = maxBatch;
    this.#run = run;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Flushes after the I/O of this turn has been read (setImmediate), so the calls of the turn go together. */
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#maxInFlight || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#inFlight++;
      this.#run(batch.map((entry) => entry.item))
        .then(
          (results) => {
            batch.forEach((entry, i) => {
              const result = results[i]!;
              if (result.status === 'fulfilled') entry.resolve(result.value);
              else entry.reject(result.reason);
            });
          },
          (error: unknown) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .finally(() => {
          this.#inFlight--;
          this.#schedule();
        });
    }
  }
}
