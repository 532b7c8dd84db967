/**
 * Reads a byte stream in chunks of a requested size (the PATCH bodies of an upload), after dropping a
 * prefix. Holds at most one source chunk besides the buffer being filled.
 */
export class ChunkReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Uint8Array = new Uint8Array(0);
  #skip: number;
  #done = false;

  constructor(stream: ReadableStream<Uint8Array>, skip = 0) {
    this.#reader = stream.getReader();
    this.#skip = skip;
  }

  /**
   * Fills `buffer` from the start as far as the stream allows; resolves with the filled part (shorter than
   * `buffer` only when the stream ended). Rejects with the stream's error.
   */
  async read(buffer: Uint8Array): Promise<Uint8Array> {
    let filled = 0;
    while (filled < buffer.length) {
      if (this.#pending.length === 0 && !(await this.#pull())) break;
      const take = Math.min(this.#pending.length, buffer.length - filled);
      buffer.set(this.#pending.subarray(0, take), filled);
      this.#pending = this.#pending.subarray(take);
      filled += take;
    }
    return buffer.subarray(0, filled);
  }

  /**
   * The next bytes as they come, at most `max` of them (a view of the source's chunk, not a copy); null at
   * the end. Rejects with the stream's error.
   */
  async next(max: number): Promise<Uint8Array | null> {
    if (this.#pending.length === 0 && !(await this.#pull())) return null;
    const take = Math.min(this.#pending.length, max);
    const chunk = this.#pending.subarray(0, take);
    this.#pending = this.#pending.subarray(take);
    return chunk;
  }

  /** True when no byte is left (reads ahead at most one chunk). */
  async atEnd(): Promise<boolean> {
    return this.#pending.length === 0 && !(await this.#pull());
  }

  /** Stops reading and releases the source. */
  async cancel(): Promise<void> {
    this.#done = true;
    await this.#reader.cancel().catch(() => {});
  }

  /** Loads the next non-empty chunk past the skipped prefix into `#pending`; false at the end. */
  async #pull(): Promise<boolean> {
    while (!this.#done) {
      const { done, value } = await this.#reader.read();
      if (done) {
        this.#done = true;
        return false;
      }
      let chunk = value;
      if (this.#skip > 0) {
        const dropped = Math.min(this.#skip, chunk.length);
        this.#skip -= dropped;
        chunk = chunk.subarray(dropped);
      }
      if (chunk.length > 0) {
        this.#pending = chunk;
        return true;
      }
    }
    return false;
  }
}
