import { Worker } from 'node:worker_threads';
import type { BatchResult, CommitInfo } from './group-commit.js';
import type { EncodedError } from './sqlite-errors.js';
import type { SqliteWriter, WriteOp } from './sqlite-writer.js';
import type { FromWriter, ToWriter, WriterData } from './sqlite-writer-worker.js';

/** How `SqliteWriteQueue` reaches the writer: it sends a batch and is told the batch's result. */
export interface WriteLink {
  send(ops: WriteOp[], done: (result: BatchResult) => void): void;
  close(): Promise<void>;
}

type OnCommit = ((info: CommitInfo) => void) | undefined;

/**
 * The writer on the main thread, for `:memory:` (a database no second connection, and so no other thread,
 * can open). `send` commits at once, blocking the event loop for the COMMIT as the store did before it had
 * a writer thread; an in-memory database has no fsync. One batch, one transaction.
 */
export class InlineWriteLink implements WriteLink {
  readonly #writer: SqliteWriter;
  readonly #onCommit: OnCommit;

  constructor(writer: SqliteWriter, onCommit?: OnCommit) {
    this.#writer = writer;
    this.#onCommit = onCommit;
  }

  send(ops: WriteOp[], done: (result: BatchResult) => void): void {
    const result = this.#writer.commit(ops);
    if (result.committed) this.#onCommit?.({ operations: ops.length, durationMs: result.durationMs });
    done(result);
  }

  async close(): Promise<void> {}
}

/**
 * The writer thread (`sqlite-writer-worker.ts`): one `postMessage` per batch, never waiting for the last
 * one's answer; the thread commits every batch waiting for it in one transaction and answers in order. The
 * thread keeps the process alive only while a batch is in flight, as an open connection did not either. If
 * the thread dies, the batches in flight and every later one fail as unavailable.
 */
export class ThreadWriteLink implements WriteLink {
  readonly #worker: Worker;
  readonly #onCommit: OnCommit;
  readonly #waiting: ((result: BatchResult) => void)[] = [];
  readonly #exited: Promise<void>;
  #stopped: EncodedError | null = null;

  constructor(data: WriterData, onCommit?: OnCommit) {
    this.#onCommit = onCommit;
    // From sources (Vitest), the thread's entry is TypeScript: `source-worker.mjs` compiles it on the way.
    const source = import.meta.url.endsWith('.ts');
    const entry = new URL(`./sqlite-writer-worker.${source ? 'ts' : 'js'}`, import.meta.url);
    this.#worker = source
      ? new Worker(new URL('./source-worker.mjs', import.meta.url), {
          workerData: { ...data, entry: entry.href },
        })
      : new Worker(entry, { workerData: data });
    this.#worker.unref();
    this.#worker.on('message', (message: FromWriter) => {
      if (message.type === 'commit') this.#committed(message.sizes, message.result);
    });
    this.#worker.on('error', (error) => this.#stop(`the SQLite writer thread failed: ${error.message}`));
    this.#exited = new Promise((resolve) => {
      this.#worker.once('exit', () => {
        this.#stop('the SQLite writer thread stopped');
        resolve();
      });
    });
  }

  send(ops: WriteOp[], done: (result: BatchResult) => void): void {
    if (this.#stopped) {
      done({ committed: false, error: this.#stopped });
      return;
    }
    this.#waiting.push(done);
    this.#worker.ref();
    this.#worker.postMessage({ type: 'batch', ops } satisfies ToWriter);
  }

  /** Closes the thread's connection and waits for the thread to end. Call it once nothing is in flight. */
  async close(): Promise<void> {
    if (!this.#stopped) {
      this.#worker.ref();
      this.#worker.postMessage({ type: 'close' } satisfies ToWriter);
    }
    await this.#exited;
  }

  /** One transaction answered for the next `sizes.length` batches: each gets its own slice of the results. */
  #committed(sizes: number[], result: BatchResult): void {
    if (result.committed) {
      const operations = sizes.reduce((sum, size) => sum + size, 0);
      this.#onCommit?.({ operations, durationMs: result.durationMs });
    }
    let offset = 0;
    for (const size of sizes) {
      const done = this.#waiting.shift();
      done?.(result.committed ? { ...result, results: result.results.slice(offset, offset + size) } : result);
      offset += size;
    }
    if (this.#waiting.length === 0) this.#worker.unref();
  }

  #stop(message: string): void {
    this.#stopped ??= { kind: 'unavailable', message };
    for (const done of this.#waiting.splice(0)) done({ committed: false, error: this.#stopped });
  }
}
