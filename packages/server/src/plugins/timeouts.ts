import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
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

/**
 * A JSON body must have arrived `bodyMs` after the request reached its route, or the request answers 408
 * `request_timeout` and its connection is closed: a stalled body holds neither a socket nor its buffered
 * bytes for longer. The timer fails the body stream that Fastify's parser reads, so the answer goes through
 * the one error handler.
 */
export function registerBodyTimeout(app: FastifyInstance, timeouts: Timeouts): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    if (request.routeOptions.config?.streamedBody === true || !hasBody(request.raw)) return payload;
    const timer = setTimeout(() => {
      if (request.raw.complete || reply.sent) return;
      closeAfterAnswer(request.raw, reply.raw);
      // Fastify's body reader listens for 'error' until the body ends; without it nobody can be answered.
      if (payload.listenerCount('error') > 0) payload.emit('error', requestTimeoutError());
      else request.raw.socket.destroy();
    }, timeouts.bodyMs);
    const clear = () => clearTimeout(timer);
    request.raw.once('end', clear);
    reply.raw.once('close', clear);
    return payload;
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
