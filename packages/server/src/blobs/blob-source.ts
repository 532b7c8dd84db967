import type { WriteResult } from './blob-store.js';

/**
 * The source side of `BlobStore.write`, the same for every backend: pulls chunks from `source` and hands
 * each to `put` (the backend stores it at the next position), applying the contract's rules once:
 * - empty chunks are skipped; the sum of stored chunks never exceeds `maxBytes` — the chunk that would cross
 *   it is not handed to `put`, and nothing more is pulled (`too_large`);
 * - an error thrown by the source ends the write as `source_failed`, counting what `put` stored before;
 * - an error thrown by `put` (the store failed) rejects: nothing of the write counts.
 *
 * The source belongs to the caller: a write stops pulling from it but never closes it (`return()`), so that
 * the HTTP layer can still answer 413 on the request's connection (closing a request body destroys its socket).
 * `put` is awaited before the next pull: a backend never holds more than the chunk in hand plus its own buffer.
 *
 * @example
 * const result = await pump(source, maxBytes, (chunk) => file.write(chunk));
 */
export async function pump(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  put: (chunk: Uint8Array) => Promise<void>,
): Promise<WriteResult> {
  const iterator = source[Symbol.asyncIterator]();
  let written = 0;
  for (;;) {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await iterator.next();
    } catch (error) {
      return { outcome: 'source_failed', written, error };
    }
    if (step.done) return { outcome: 'done', written };
    const chunk = step.value;
    if (chunk.byteLength === 0) continue;
    if (written + chunk.byteLength > maxBytes) return { outcome: 'too_large', written };
    await put(chunk);
    written += chunk.byteLength;
  }
}
