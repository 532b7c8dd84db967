import { ApiError } from '../errors.js';

export interface ThrottleOptions {
  /** Failures allowed in the window; the next attempt is refused. Default 5. */
  maxFailures: number;
  /** Default 15 minutes. */
  windowMs: number;
  /** How many addresses are remembered at most (the oldest are forgotten first). Default 100 000. */
  maxAddresses: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  maxAddresses: 100_000,
};

/**
 * Failed sign-ins per client address (docs/teams.md): after `maxFailures` failures within `windowMs`, every
 * sign-in attempt from that address — a correct one too — is refused with 429 `rate_limited` and Retry-After
 * until the oldest of those failures leaves the window. A success does not wipe the count (an attacker with
 * one account of their own could otherwise interleave). The counter is in this process: with several nodes
 * each node counts its own (docs/teams.md says so), which multiplies the allowance by the number of nodes.
 *
 * @example
 * throttle.check(request.ip);   // throws ApiError('rate_limited') while blocked
 * throttle.fail(request.ip);    // after a failed attempt
 */
export class SignInThrottle {
  readonly #now: () => number;
  readonly #options: ThrottleOptions;
  /** Address → times of its recent failures, oldest first (at most `maxFailures`). Map order = insertion. */
  readonly #failures = new Map<string, number[]>();

  constructor(now: () => number, options: Partial<ThrottleOptions> = {}) {
    this.#now = now;
    this.#options = { ...DEFAULT_THROTTLE, ...options };
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const recent = this.#recent(address);
    if (recent.length < this.#options.maxFailures) return 0;
    const first = recent[recent.length - this.#options.maxFailures] as number;
    return Math.max(1, Math.ceil((first + this.#options.windowMs - this.#now()) / 1000));
  }

  /** Throws 429 `rate_limited` (with Retry-After) while the address is blocked. */
  check(address: string): void {
    const seconds = this.retryAfterSeconds(address);
    if (seconds > 0) {
      throw new ApiError(
        'rate_limited',
        `Too many failed sign-ins from this address; try again in ${seconds} seconds.`,
        {},
        { 'retry-after': String(seconds) },
      );
    }
  }

  fail(address: string): void {
    const recent = this.#recent(address);
    recent.push(this.#now());
    while (recent.length > this.#options.maxFailures) recent.shift();
    this.#failures.delete(address);
    this.#failures.set(address, recent);
    while (this.#failures.size > this.#options.maxAddresses) {
      const oldest = this.#failures.keys().next().value as string;
      this.#failures.delete(oldest);
    }
  }

  #recent(address: string): number[] {
    const since = this.#now() - this.#options.windowMs;
    const recent = (this.#failures.get(address) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(address);
    return recent;
  }
}
