import { concatBytes } from '@burnlink/core';
import type { ChunkReader } from './chunk-reader.js';

/**
 * Streamed PATCH bodies (`SendOptions.streamBodies`): each body is sent while it is encrypted, with no
 * chunk-sized buffer. Only a `fetch` that streams request bodies over HTTP/1.1 can use it (Node's can, browsers
 * cannot), so it lives in its own module that the caller passes in (the CLI does); a web bundle leaves it out.
 *
 * @example
 * ```ts
 * import { streamedBodies } from '@burnlink/client/files';
 * await client.send({ files, streamBodies: streamedBodies });
 * ```
 */

/** Makes the next `want` bytes of `reader` a request body; `final` when they end the file. */
export type BodyStreamer = (reader: ChunkReader, want: number, final: boolean) => StreamedBody;

/** Bytes of a streamed body handed to `fetch` at once. */
const GATHER_BYTES = 1024 * 1024;

export interface StreamedBody {
  body: ReadableStream<Uint8Array>;
  /** Set when the body failed on the sender's side; the request then fails without an answer. */
  readonly problem: 'changed' | 'unreadable' | null;
}

/**
 * The next `want` bytes of `reader` as a request body, each chunk sent as encryption yields it. A source
 * that ends early, or (`final`) has bytes past the end, fails the body before its last byte goes out, so a
 * changed file never completes the upload.
 */
export const streamedBodies: BodyStreamer = (reader, want, final) => {
  let left = want;
  const state: { problem: StreamedBody['problem'] } = { problem: null };
  const fail = (
    controller: ReadableStreamDefaultController<Uint8Array>,
    problem: 'changed' | 'unreadable',
  ) => {
    state.problem = problem;
    controller.error(new Error(`the file is ${problem}`));
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Records gathered into pieces of about GATHER_BYTES: fewer, larger writes to the socket.
      const pieces: Uint8Array[] = [];
      let size = 0;
      let past = false;
      try {
        while (size < GATHER_BYTES && size < left) {
          const chunk = await reader.next(left - size);
          if (chunk === null) return fail(controller, 'changed');
          pieces.push(chunk);
          size += chunk.length;
        }
        if (size === left && final) past = !(await reader.atEnd());
      } catch {
        return fail(controller, 'unreadable');
      }
      if (past) return fail(controller, 'changed');
      left -= size;
      controller.enqueue(pieces.length === 1 ? pieces[0]! : concatBytes(...pieces));
      if (left === 0) controller.close();
    },
  });
  return {
    body,
    get problem() {
      return state.problem;
    },
  };
};
