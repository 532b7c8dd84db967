import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Timeouts } from '../config.js';
import { ApiError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its body as a stream with an idle timeout of its own (`idleLimited`), not by deadline. */
    streamedBody?: boolean;
  }
}

/**
 * Node's own timers, for `http.createServer`. Its `requestTimeout` covers a whole request, uploads included,
 * so it stays off: bodies have per-route limits (below). Node checks its timers every
 * `connectionsCheckingInterval` (30 s by default); a tenth of the headers timeout keeps the overshoot small.
 */
export function nodeServerOptions(timeouts: Timeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: 0,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersMs / 10))),
  };
}

/** True when the request announces a body (a length above 0, or chunked). */
function hasBody(raw: IncomingMessage): boolean {
  const length = raw.headers['content-length'];
  return (length !== undefined && length !== '0') || raw.headers['transfer-encoding'] !== undefined;
}

/** 408 `request_timeout`, telling the client that the connection closes. */
export function requestTimeoutError(): ApiError {
  return new ApiError('request_timeout', undefined, {}, { Connection: 'close' });
}

/** A request whose body must have arrived by `deadline` (ms, `performance.now()`). */
interface PendingBody {
  request: FastifyRequest;
  reply: FastifyReply;
  payload: NodeJS.ReadableStream;
  deadline: number;
}

/**
 * A JSON body must have arrived `bodyMs` after the request reached its route, or the request answers 408
 * `request_timeout` and its connection is closed: a stalled body holds neither a socket nor its buffered
 * bytes for longer. The expiry fails the body stream that Fastify's parser reads, so the answer goes through
 * the one error handler.
 *
 * No timer or listener per request: each body joins a queue in deadline order (one `bodyMs` for all), and
 * one timer checks it every tenth of `bodyMs` (within 10 ms – 1 s), so a body times out up to that much late.
 * A body that arrived or was answered leaves the queue at the next check, or sooner when it reaches the head.
 * Whether the route reads its body as a stream (`streamedBody`) is looked up only when a deadline passes.
 */
export function registerBodyTimeout(app: FastifyInstance, timeouts: Timeouts): void {
  let queue: PendingBody[] = [];
  const settled = (entry: PendingBody) => entry.request.raw.complete || entry.reply.sent;
  const expire = (entry: PendingBody) => {
    const { request, reply, payload } = entry;
    if (request.routeOptions.config?.streamedBody === true) return;
    closeAfterAnswer(request.raw, reply.raw);
    // Fastify's body reader listens for 'error' until the body ends; without it nobody can be answered.
    if (payload.listenerCount('error') > 0) payload.emit('error', requestTimeoutError());
    else request.raw.socket.destroy();
  };
  const check = () => {
    const now = performance.now();
    const waiting: PendingBody[] = [];
    for (const entry of queue) {
      if (settled(entry)) continue;
      if (entry.deadline <= now) expire(entry);
      else waiting.push(entry);
    }
    queue = waiting;
  };
  const timer = setInterval(check, Math.max(10, Math.min(1_000, Math.floor(timeouts.bodyMs / 10))));
  timer.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (hasBody(request.raw)) {
      // Bodies usually arrive at once: dropping the settled head keeps the queue at the requests in flight.
      while (queue.length > 0 && settled(queue[0] as PendingBody)) queue.shift();
      queue.push({ request, reply, payload, deadline: performance.now() + timeouts.bodyMs });
    }
    done(null, payload);
  });
}

/**
 * Closes the connection when `response` makes no write progress for `idleMs` — the client stopped reading, so
 * its socket no longer drains. The socket's own inactivity timer, reset by each write that reaches it, is armed
 * for this response only: once the response finished or closed, Node's keep-alive timer takes the socket over.
 */
export function closeWhenStalled(request: IncomingMessage, response: ServerResponse, idleMs: number): void {
  const socket = request.socket;
  // An injected request (tests) has a stand-in socket without timers, as Node's own server allows for.
  if (typeof socket?.setTimeout !== 'function') return;
  const stalled = () => socket.destroy();
  const disarm = () => socket.off('timeout', stalled);
  socket.on('timeout', stalled);
  socket.setTimeout(idleMs);
  response.once('finish', disarm);
  response.once('close', disarm);
}

/** Destroys the socket once the answer is written: the rest of the request body is never read. */
export function closeAfterAnswer(request: IncomingMessage, response: NodeJS.EventEmitter): void {
  response.once('finish', () => request.socket.destroy());
}

/** The request body with a limit on the pause between two chunks; `timedOut` says whether it struck. */
export interface IdleLimited {
  chunks: AsyncIterable<Uint8Array>;
  readonly timedOut: boolean;
}

/**
 * `source` as an async iterable that throws when no chunk arrives for `idleMs` (the time the consumer takes
 * with a chunk does not count). The source is never closed here: the caller still answers on its connection.
 *
 * @example const body = idleLimited(request.raw, 60_000); await blobs.write(id, offset, body.chunks, n);
 */
export function idleLimited(source: AsyncIterable<Uint8Array>, idleMs: number): IdleLimited {
  const state = { timedOut: false };
  async function* chunks(): AsyncIterable<Uint8Array> {
    const iterator = source[Symbol.asyncIterator]();
    for (;;) {
      const next = iterator.next();
      // Once the idle timer wins, this read is abandoned; its later failure (the socket closed) is expected.
      next.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          state.timedOut = true;
          reject(requestTimeoutError());
        }, idleMs);
      });
      let step: IteratorResult<Uint8Array>;
      try {
        step = await Promise.race([next, idle]);
      } finally {
        clearTimeout(timer);
      }
      if (step.done) return;
      yield step.value;
    }
  }
  return {
    chunks: chunks(),
    get timedOut() {
      return state.timedOut;
    },
  };
}
