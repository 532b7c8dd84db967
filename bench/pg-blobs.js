// PostgreSQL blob store: write and read MB/s of one blob, through the store's own API (no HTTP), in a schema
// of its own on the bench database, dropped at the end. The best round of each direction is kept.
// Usage: node bench/pg-blobs.js [--size 256MiB] [--rounds 3]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgresBlobStore } from '../packages/server/dist/blobs/postgres-blob-store.js';
import { parseSize, sizeName } from './lib/disk.js';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BLOCK = 64 * 1024;

export async function benchPgBlobs({ size = 256 * 2 ** 20, rounds = 3 } = {}) {
  const schema = `blbench_blobs_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}`);
  const block = randomBytes(BLOCK);
  const blocks = Math.ceil(size / BLOCK);
  async function* source() {
    for (let i = 0; i < blocks; i++) yield i < blocks - 1 ? block : block.subarray(0, size - i * BLOCK);
  }
  const best = { write: 0, read: 0 };
  try {
    for (let round = 0; round < rounds; round++) {
      const id = randomBytes(16).toString('base64url');
      let started = performance.now();
      const result = await store.write(id, 0, source(), size);
      if (result.outcome !== 'done' || result.written !== size) throw new Error('the write stopped short');
      best.write = Math.max(best.write, size / 1e6 / ((performance.now() - started) / 1000));
      started = performance.now();
      let read = 0;
      for await (const chunk of await store.read(id, 0, size)) read += chunk.byteLength;
      if (read !== size) throw new Error('the read stopped short');
      best.read = Math.max(best.read, size / 1e6 / ((performance.now() - started) / 1000));
      await store.delete([id]);
    }
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  console.log(
    `\nPostgreSQL blob store, ${sizeName(size)}, best of ${rounds}: ` +
      `write ${best.write.toFixed(0)} MB/s, read ${best.read.toFixed(0)} MB/s`,
  );
  return best;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { size: { type: 'string' }, rounds: { type: 'string' } } });
  await benchPgBlobs({
    size: values.size ? parseSize(values.size) : undefined,
    rounds: values.rounds ? Number(values.rounds) : undefined,
  });
}
