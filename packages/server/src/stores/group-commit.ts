import type { Database, Statement } from 'better-sqlite3';
import { type EncodedError, encodeError } from './sqlite-errors.js';

/** Told after every committed batch: how many operations shared one transaction (and one fsync). */
export interface CommitInfo {
  operations: number;
  durationMs: number;
}

/** One operation's outcome inside a committed batch. */
export type OperationResult = { ok: true; value: unknown } | { ok: false; error: EncodedError };

/** A batch's outcome: committed (each operation's own result), or failed as a whole (nothing durable). */
export type BatchResult =
  | { committed: true; results: OperationResult[]; durationMs: number }
  | { committed: false; error: EncodedError };

/**
 * Runs a batch of write operations in ONE SQLite transaction, `BEGIN IMMEDIATE … COMMIT`, synchronously; the
 * batch is committed (with `synchronous=FULL`, fsynced) when `commit` returns. One fsync thus serves every
 * operation of the batch instead of one each. Which operations form a batch is the caller's choice: every
 * batch waiting for the writer thread (`sqlite-writer-worker.ts`), or one event-loop turn's (`:memory:`).
 *
 * better-sqlite3 is synchronous, so a whole batch runs without yielding: nothing else touches the database
 * between an operation's read and its write, which is what makes each operation atomic. Each operation runs
 * inside its own SAVEPOINT: when one throws, only its own writes are rolled back and only its result is an
 * error. If SQLite itself aborted the transaction (I/O error, disk full), or COMMIT fails, the whole batch
 * fails: none of it is durable. Errors come back encoded (`sqlite-errors.ts`), ready to cross threads.
 */
export class GroupCommit {
  readonly #db: Database;
  readonly #statements: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Statement>;

  constructor(db: Database) {
    this.#db = db;
    this.#statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT op'),
      release: db.prepare('RELEASE op'),
      undo: db.prepare('ROLLBACK TO op'),
    };
  }

  /** Runs every operation, in order, in one transaction and commits it. */
  commit(operations: readonly (() => unknown)[]): BatchResult {
    const started = performance.now();
    const results: OperationResult[] = [];
    try {
      this.#statements.begin.run();
      for (const run of operations) results.push(this.#runOne(run));
      this.#statements.commit.run();
    } catch (error) {
      if (this.#db.open && this.#db.inTransaction) {
        try {
          this.#statements.rollback.run();
        } catch {
          // The transaction is lost either way; the original error is the one worth reporting.
        }
      }
      return { committed: false, error: encodeError(error) };
    }
    return { committed: true, results, durationMs: performance.now() - started };
  }

  #runOne(run: () => unknown): OperationResult {
    this.#statements.savepoint.run();
    try {
      const value = run();
      this.#statements.release.run();
      return { ok: true, value };
    } catch (error) {
      // SQLite rolls the whole transaction back on some errors: then earlier operations are lost too.
      if (!this.#db.inTransaction) throw error;
      this.#statements.undo.run();
      this.#statements.release.run();
      return { ok: false, error: encodeError(error) };
    }
  }
}
