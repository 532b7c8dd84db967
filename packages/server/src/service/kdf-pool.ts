import { ApiError } from '../errors.js';

/**
 * At most `concurrency` server-side key derivations (PBKDF2) at once, with a short wait queue; past that the
 * request is refused with 503 `server_busy` and `Retry-After` instead of waiting behind an unbounded backlog.
 *
 * Why a bound although PBKDF2 already runs off the event loop: WebCrypto's `deriveBits` runs on libuv's thread
 * pool (4 threads unless `UV_THREADPOOL_SIZE` says otherwise), which file I/O shares. Unbounded derivations
 * would take every core and every pool thread; bounded, the event loop and file I/O keep their share.
 *
 * @example
 * const pool = new KdfPool({ concurrency: 2, queue: 4 });
 * const bits = await pool.run(() => derive(passphrase)); // throws ApiError('server_busy') when full
 */
export class KdfPool {
  readonly concurrency: number;
  readonly queueLimit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  #refused = 0;

  constructor(options: { concurrency: number; queue: number }) {
    this.concurrency = Math.max(1, options.concurrency);
    this.queueLimit = Math.max(0, options.queue);
  }

  /** Derivations running now, waiting now, and refused since start (for /metrics). */
  get stats(): { active: number; queued: number; refused: number } {
    return { active: this.#active, queued: this.#waiting.length, refused: this.#refused };
  }

  /** Runs `work` when a slot is free; throws `server_busy` at once when every slot and the queue are taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.concurrency) {
      if (this.#waiting.length >= this.queueLimit) {
        this.#refused += 1;
        throw new ApiError('server_busy', undefined, {}, { 'retry-after': '1' });
      }
      // The slot is handed over by the finishing run (#active is not decremented in between).
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}
