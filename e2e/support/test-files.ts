import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';

/** Plaintext bytes of one full 64 KiB record (core's `recordDataBytes()`). */
export const RECORD_DATA_BYTES = 65_519;

export interface TestFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

const BLOCK = 1 << 20;

/**
 * Writes `size` bytes of a fast deterministic pattern to `dir/name`, streamed in 1 MiB blocks (never the
 * whole file in memory), and returns its SHA-256. Each block differs (its index is stamped every 4 KiB), so a
 * block sent twice or skipped changes the hash.
 */
export async function writePatternFile(dir: string, name: string, size: number): Promise<TestFile> {
  const base = new Uint8Array(BLOCK);
  let x = 0x9e3779b9;
  for (let i = 0; i < BLOCK; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    base[i] = x & 0xff;
  }
  const file = path.join(dir, name);
  const handle = await open(file, 'w');
  const hash = createHash('sha256');
  try {
    const block = new Uint8Array(BLOCK);
    const view = new DataView(block.buffer);
    for (let offset = 0, index = 0; offset < size; offset += BLOCK, index++) {
      block.set(base);
      for (let at = 0; at < BLOCK; at += 4096) view.setUint32(at, index);
      const part = block.subarray(0, Math.min(BLOCK, size - offset));
      hash.update(part);
      await handle.write(part);
    }
  } finally {
    await handle.close();
  }
  return { path: file, name, size, sha256: hash.digest('hex') };
}

/** SHA-256 of a file on disk, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file);
  try {
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  } finally {
    await handle.close().catch(() => {});
  }
  return hash.digest('hex');
}
