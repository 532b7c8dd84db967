import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { describeStoreContract } from './contract-suite.js';
import { openPostgresStore } from './postgres-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL store', () => {
  describeStoreContract('postgres', async () => {
    // A schema of its own per opened store on the shared `test` database, dropped afterwards.
    const schema = `bltest_${randomBytes(6).toString('hex')}`;
    const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}`);
    return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
  });
});
