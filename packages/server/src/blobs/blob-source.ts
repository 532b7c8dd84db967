/** Reading a write's source: its own failures (the client went away) kept apart from the store's. */

/** The source of a write failed (the client went away): the caller rethrows `original`. */
export class SourceFailure extends Error {
  constructor(readonly original: unknown) {
    super('the upload source failed');
  }
}

/** Iterates `source`, wrapping its own errors in SourceFailure (stops it when the consumer stops). */
export async function* guard(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch (error) {
        finished = true;
        throw new SourceFailure(error);
      }
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    if (!finished) await Promise.resolve(iterator.return?.()).catch(() => {});
  }
}
