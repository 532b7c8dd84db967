import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { signatureHeaders, type WebhookMessage } from './sign.js';
import {
  checkTarget,
  guardedLookup,
  parseTargetUrl,
  type Resolver,
  TargetRefusedError,
  urlHost,
} from './target-guard.js';

/** How one attempt ended. `status` is null when no answer came. Never carries the answer's body. */
export interface SendResult {
  status: number | null;
  ok: boolean;
  /** A few words (`HTTP 500`, `timeout after 10s`, `target refused: …`); null when ok. */
  error: string | null;
  durationMs: number;
}

export interface WebhookSenderOptions {
  /** `BURNLINK_WEBHOOK_ALLOW_PRIVATE`: may targets be private, loopback or link-local? */
  allowPrivate: boolean;
  /** The whole attempt (connect, answer, reading its start) must end within this; default 10 s. */
  timeoutMs?: number;
  /** Name resolution (default: the system's); tests inject one. */
  resolve?: Resolver;
  /** The clock of `webhook-timestamp` (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/** At most this much of an answer is read (and thrown away): receivers have nothing to tell us. */
const MAX_ANSWER_BYTES = 4096;
const USER_AGENT = 'burnlink-webhooks/1';

/** Thrown by `send` when its signal aborts (shutdown): the attempt does not count. */
export class SendAbortedError extends Error {
  override readonly name = 'SendAbortedError';
}

/**
 * Sends signed deliveries: one `POST` per attempt, on a connection to an address the SSRF guard checked
 * (`target-guard.ts`; kept alive between deliveries), no redirects followed, within a timeout. A 2xx answer is success; anything
 * else (another status, a refused target, a DNS failure, a reset, the timeout) is a failure to retry. The
 * answer's body is read up to 4 KiB and discarded, never logged.
 */
export class WebhookSender {
  readonly #allowPrivate: boolean;
  readonly #timeoutMs: number;
  readonly #resolve: Resolver | undefined;
  readonly #now: () => number;
  // Kept-alive connections, each to an address the guard checked when it was opened. Idle ones close after
  // 4 s, before the usual 5 s of servers; one the receiver closed first is retried once on a fresh one.
  readonly #httpAgent = new HttpAgent({ keepAlive: true, timeout: 4_000 });
  readonly #httpsAgent = new HttpsAgent({ keepAlive: true, timeout: 4_000 });

  constructor(options: WebhookSenderOptions) {
    this.#allowPrivate = options.allowPrivate;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#resolve = options.resolve;
    this.#now = options.now ?? Date.now;
  }

  /** The attempt's timeout in ms. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Sends `message` to `url` signed with `secret`. Throws only `SendAbortedError` (when `signal` aborts). */
  async send(
    url: string,
    secret: string,
    message: WebhookMessage,
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const started = performance.now();
    const done = (status: number | null, error: string | null): SendResult => ({
      status,
      ok: error === null,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    let target: URL;
    try {
      target = parseTargetUrl(url);
      const host = urlHost(target);
      // A literal address never goes through `lookup`: check it here.
      if (isIP(host) !== 0) await checkTarget(host, { allowPrivate: this.#allowPrivate });
    } catch (error) {
      return done(null, describe(error, this.#timeoutMs));
    }
    if (signal?.aborted) throw new SendAbortedError('shutting down');
    const headers = {
      ...signatureHeaders(secret, message, this.#now()),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(message.body)),
      'user-agent': USER_AGENT,
    };
    const lookup = guardedLookup({
      allowPrivate: this.#allowPrivate,
      ...(this.#resolve ? { resolve: this.#resolve } : {}),
    });
    const https = target.protocol === 'https:';
    const request = https ? httpsRequest : httpRequest;
    const agent = https ? this.#httpsAgent : this.#httpAgent;
    return new Promise<SendResult>((resolve, reject) => {
      let settled = false;
      let req: ClientRequest | null = null;
      /** Settles once; `drop` destroys the connection (else a fully read answer leaves it to the pool). */
      const finish = (status: number | null, error: string | null, drop: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (drop) req?.destroy();
        resolve(done(status, error));
      };
      const timer = setTimeout(
        () => finish(null, `timeout after ${seconds(this.#timeoutMs)}`, true),
        this.#timeoutMs,
      );
      const onAbort = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req?.destroy();
        reject(new SendAbortedError('shutting down'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const attempt = (mayRetry: boolean) => {
        const current = request(target, { method: 'POST', headers, lookup, agent }, (res) => {
          const status = res.statusCode ?? 0;
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read >= MAX_ANSWER_BYTES) finish(status, statusError(status), true);
          });
          res.on('end', () => finish(status, statusError(status), false));
          res.on('error', () => finish(status, statusError(status), true));
        });
        req = current;
        current.on('error', (error: NodeJS.ErrnoException) => {
          // A kept-alive connection the receiver had just closed: once more, on a fresh one.
          if (!settled && mayRetry && current.reusedSocket && error.code === 'ECONNRESET') {
            attempt(false);
            return;
          }
          finish(null, describe(error, this.#timeoutMs), true);
        });
        current.end(message.body);
      };
      attempt(true);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

function statusError(status: number): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `HTTP ${status} (redirects are not followed)`;
  return `HTTP ${status}`;
}

/** A failure in a few words, without the URL (which may carry a token in its query). */
function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof TargetRefusedError) return `target refused: ${error.message}`;
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return 'host name does not resolve';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
      return `timeout after ${seconds(timeoutMs)}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
  }
  if (
    (typeof e?.code === 'string' && e.code.startsWith('ERR_TLS')) ||
    /certificate|self.signed/i.test(e?.message ?? '')
  ) {
    return 'TLS certificate not accepted';
  }
  if (e?.name === 'InvalidTargetUrlError') return e.message;
  return e?.code ? `connection failed (${e.code})` : 'connection failed';
}
