import type { Output } from '../cli-context.js';
import { formatProgress } from './progress-format.js';

/** How often the line is redrawn at most. */
const REDRAW_MS = 100;

/**
 * A one-line progress bar on stderr, redrawn in place (`\r`, clear to end of line). It draws only when
 * the output is a terminal: in a pipe, a log or CI it writes nothing at all.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar(ctx.stderr, 'sending', files.length, total, ctx.now);
 * bar.update(1, doneBytes);
 * bar.finish();
 * ```
 */
export class ProgressBar {
  readonly #out: Output;
  readonly #verb: string;
  readonly #files: number;
  readonly #total: number;
  readonly #now: () => number;
  readonly #start: number;
  #lastDraw = -Infinity;
  #file = 1;
  #done = 0;
  #drawn = false;

  constructor(out: Output, verb: string, files: number, total: number, now: () => number) {
    this.#out = out;
    this.#verb = verb;
    this.#files = files;
    this.#total = total;
    this.#now = now;
    this.#start = now();
  }

  /** `file` is 1-based; `done` counts bytes over all files. */
  update(file: number, done: number): void {
    this.#file = file;
    this.#done = done;
    const now = this.#now();
    if (now - this.#lastDraw >= REDRAW_MS || done >= this.#total) this.#draw(now);
  }

  /** Draws the last state and ends the line (or nothing, when nothing was drawn). */
  finish(): void {
    if (!this.#out.isTTY) return;
    this.#draw(this.#now());
    this.#out.write('\n');
    this.#drawn = false;
  }

  /** Clears the line, e.g. before an error message. */
  clear(): void {
    if (this.#drawn) this.#out.write('\r\u001b[K');
    this.#drawn = false;
  }

  #draw(now: number): void {
    if (!this.#out.isTTY) return;
    this.#lastDraw = now;
    this.#drawn = true;
    const line = formatProgress({
      verb: this.#verb,
      file: this.#file,
      files: this.#files,
      done: this.#done,
      total: this.#total,
      elapsedMs: now - this.#start,
    });
    this.#out.write(`\r${line}\u001b[K`);
  }
}
