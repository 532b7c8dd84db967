/** Byte queue that only grows with data actually received (a hostile `rs` cannot force a huge allocation). */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first `n` bytes (fewer if the queue is shorter), without removing them. */
  peek(n: number): Uint8Array {
    return this.read(Math.min(n, this.length), false);
  }

  /** Removes and returns the first `n` bytes (fewer if the queue is shorter). */
  take(n: number): Uint8Array {
    return this.read(Math.min(n, this.length), true);
  }

  private read(size: number, consume: boolean): Uint8Array {
    const first = this.chunks[this.head];
    if (first === undefined || size === 0) return new Uint8Array(0);
    if (first.length >= size) {
      if (consume) this.consume(size);
      return first.subarray(0, size);
    }
    const out = new Uint8Array(size);
    for (let filled = 0, i = this.head; filled < size; i++) {
      const chunk = this.chunks[i]!;
      const n = Math.min(chunk.length, size - filled);
      out.set(chunk.subarray(0, n), filled);
      filled += n;
    }
    if (consume) this.consume(size);
    return out;
  }

  private consume(size: number): void {
    this.length -= size;
    while (size > 0) {
      const chunk = this.chunks[this.head]!;
      if (chunk.length <= size) {
        size -= chunk.length;
        this.chunks[this.head++] = EMPTY;
      } else {
        this.chunks[this.head] = chunk.subarray(size);
        size = 0;
      }
    }
  }
}

const EMPTY = new Uint8Array(0);
