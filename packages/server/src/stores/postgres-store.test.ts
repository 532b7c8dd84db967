import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRefs, makeFixture } from './contract-fixtures.js';
import { describeStoreContract } from './contract-suite.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store on a schema of its own in the shared `test` database, and how to drop it afterwards. */
async function openIsolated(): Promise<{ store: PostgresStore; cleanup: () => Promise<void> }> {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL store', () => {
  describeStoreContract('postgres', openIsolated);

  describe('PostgresStore specifics', () => {
    let opened: Awaited<ReturnType<typeof openIsolated>>;
    beforeAll(async () => {
      opened = await openIsolated();
    });
    afterAll(async () => {
      await opened?.store.close();
      await opened?.cleanup();
    });

    it('refuses a bad file size and a duplicate id as plain Errors saying which, keeping nothing', async () => {
      const { store } = opened;
      const now = Date.now();
      for (const size of [-1, 1.5]) {
        const { secret } = makeFixture({ now, files: [...fileRefs(10), { id: fileRefs(0)[0].id, size }] });
        const error = await store.create(secret).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toMatch(/outside what the store accepts/);
        expect(await store.receipt(secret.receiptHash, now)).toBeNull();
        expect(await store.knownBlobs(secret.files.map((file) => file.id))).toEqual(new Set());
      }
      const { secret } = makeFixture({ now });
      await store.create(secret);
      const duplicate = store.create({ ...makeFixture({ now }).secret, id: secret.id });
      await expect(duplicate).rejects.toThrow(/already exists/);
      await expect(duplicate).rejects.not.toBeInstanceOf(StoreUnavailableError);
    });
  });
});
