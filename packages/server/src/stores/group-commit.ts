import type { Database, Statement } from 'better-sqlite3';

/** Told after every committed batch: how many operations shared one transaction (and one fsync). */
export interface CommitInfo {
  operations: number;
  durationMs: number;
}

interface Queued {
  run: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs write operations in one SQLite transaction per event-loop turn: every operation queued during a turn
 * runs, in order, inside `BEGIN IMMEDIATE … COMMIT` on the next `setImmediate`, and each promise settles only
 * after the COMMIT returned (with `synchronous=FULL`, after the fsync). One fsync thus serves every request
 * that arrived in the same turn, instead of one each.
 *
 * better-sqlite3 is synchronous, so a whole batch runs without yielding: nothing else touches the database
 * between an operation's read and its write, which is what makes each operation atomic. Each operation runs
 * inside its own SAVEPOINT: when one throws, only its own writes are rolled back and only its promise rejects.
 * If SQLite itself aborted the transaction (I/O error, disk full), or COMMIT fails, every operation of the
 * batch rejects: none of them is durable.
 */
export class GroupCommit {
  readonly #db: Database;
  readonly #wrapError: (error: unknown) => unknown;
  readonly #onCommit: ((info: CommitInfo) => void) | undefined;
  readonly #statements: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Statement>;
  #queue: Queued[] = [];
  #scheduled = false;

  constructor(db: Database, wrapError: (error: unknown) => unknown, onCommit?: (info: CommitInfo) => void) {
    this.#db = db;
    this.#wrapError = wrapError;
    this.#onCommit = onCommit;
    this.#statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT op'),
      release: db.prepare('RELEASE op'),
      undo: db.prepare('ROLLBACK TO op'),
    };
  }

  /** Queues `run` for this turn's transaction; resolves with its result once the transaction committed. */
  run<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: never) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs and commits everything queued so far, synchronously. Called by the timer and by close(). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const started = performance.now();
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.#statements.begin.run();
      for (const op of batch) results.push(this.#runOne(op));
      this.#statements.commit.run();
    } catch (error) {
      if (this.#db.open && this.#db.inTransaction) {
        try {
          this.#statements.rollback.run();
        } catch {
          // The transaction is lost either way; the original error is the one worth reporting.
        }
      }
      const wrapped = this.#wrapError(error);
      for (const op of batch) op.reject(wrapped);
      return;
    }
    this.#onCommit?.({ operations: batch.length, durationMs: performance.now() - started });
    batch.forEach((op, i) => {
      const result = results[i]!;
      if (result.ok) op.resolve(result.value as never);
      else op.reject(result.value);
    });
  }

  #runOne(op: Queued): { ok: boolean; value: unknown } {
    this.#statements.savepoint.run();
    try {
      const value = op.run();
      this.#statements.release.run();
      return { ok: true, value };
    } catch (error) {
      // SQLite rolls the whole transaction back on some errors: then earlier operations are lost too.
      if (!this.#db.inTransaction) throw error;
      this.#statements.undo.run();
      this.#statements.release.run();
      return { ok: false, value: this.#wrapError(error) };
    }
  }
}
