import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const BLOCK = 1024 * 1024;

/**
 * Writes `size` bytes of a fast deterministic pattern to `path` (1 MiB at a time, never the whole file in
 * memory: each block is a fixed pseudo-random block with its index stamped in) and resolves with the
 * SHA-256 (hex) of what was written.
 */
export async function writePatternFile(path: string, size: number, seed = 1): Promise<string> {
  const base = new Uint8Array(BLOCK);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < BLOCK; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    base[i] = x & 0xff;
  }
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    for (let at = 0, block = 0; at < size; at += BLOCK, block++) {
      const chunk = base.subarray(0, Math.min(BLOCK, size - at));
      if (chunk.length >= 4) new DataView(chunk.buffer, chunk.byteOffset).setUint32(0, block);
      hash.update(chunk);
      await handle.write(chunk, 0, chunk.length, at);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
