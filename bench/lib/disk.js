// Test files on disk, never whole in memory: a deterministic pattern, its encryption with core's streaming
// encryptor, and SHA-256 digests to check that every path delivered the exact bytes.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createEncryptStream } from '@burnlink/core';

const BLOCK = 1 << 20;
const UNITS = { B: 1, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

/** `100MiB`, `1GiB`, `512KiB` or a number of bytes → bytes. */
export function parseSize(text) {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB)?$/i.exec(text.trim());
  if (!match)
    throw new Error(`BENCH_FILES: "${text}" is not a size; use bytes or KiB/MiB/GiB, e.g. 100MiB,1GiB`);
  return Number(match[1]) * UNITS[(match[2] ?? 'B').toUpperCase()];
}

/** 1 GiB → "1 GiB", 104857600 → "100 MiB". */
export function sizeName(bytes) {
  for (const unit of ['GiB', 'MiB', 'KiB']) {
    const n = bytes / UNITS[unit.toUpperCase()];
    if (n >= 1 && Number.isInteger(n)) return `${n} ${unit}`;
  }
  return `${bytes} B`;
}

/**
 * Writes `size` bytes: one 1 MiB block of xorshift32 output, rewritten with the block number in its first
 * 8 bytes so that no two blocks are equal. Fast and the same in every run.
 */
export async function writePatternFile(path, size) {
  const block = Buffer.alloc(BLOCK);
  let x = 0x9e3779b9;
  for (let i = 0; i < BLOCK; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
  const file = await open(path, 'w');
  try {
    for (let offset = 0, n = 0; offset < size; offset += BLOCK, n++) {
      block.writeBigUInt64LE(BigInt(n), 0);
      await file.write(block, 0, Math.min(BLOCK, size - offset));
    }
  } finally {
    await file.close();
  }
}

/** File → file through `createEncryptStream(key)`: the ciphertext a client would upload. */
export async function encryptFile(source, target, key) {
  await pipeline(
    createReadStream(source),
    Duplex.fromWeb(createEncryptStream(key)),
    createWriteStream(target),
  );
}

export async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: BLOCK })) hash.update(chunk);
  return hash.digest('hex');
}
