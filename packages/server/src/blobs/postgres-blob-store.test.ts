import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { chunksOf, collect, makeBlobFixture } from './contract-blob-fixtures.js';
import { runBlobStoreContract } from './contract-suite.js';
import { CHUNK_BYTES } from './postgres-blob-io.js';
import { openPostgresBlobStore } from './postgres-blob-store.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own per opened store on the shared `test` database, dropped afterwards. */
async function openIsolated() {
  const schema = `blobtest_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresBlobStore(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL blob store', () => {
  runBlobStoreContract('postgres', openIsolated);

  it('two stores on one database (two nodes) share every state, and a second migration is a no-op', async () => {
    const schema = `blobtest_${randomBytes(6).toString('hex')}`;
    const url = `${POSTGRES_URL}?schema=${schema}`;
    const [a, b] = await Promise.all([openPostgresBlobStore(url), openPostgresBlobStore(url)]);
    try {
      const size = 2 * CHUNK_BYTES + 5;
      const { secret, blobIds, bytes, now } = makeBlobFixture({ sizes: [size] });
      await a.stage(secret);
      await b.write(blobIds[0]!, 0, chunksOf(bytes[0]!.subarray(0, CHUNK_BYTES + 1), 65_536), now);
      await a.write(blobIds[0]!, CHUNK_BYTES + 1, chunksOf(bytes[0]!.subarray(CHUNK_BYTES + 1), 65_536), now);
      const seals = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).seal(secret.id, now)),
      );
      expect(seals.filter((s) => s !== null)).toHaveLength(1);
      expect(Buffer.from(await collect(b.read(blobIds[0]!, 0, size))).equals(bytes[0]!)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  });
});
