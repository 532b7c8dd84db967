import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { openPostgresAccounts } from '../accounts/postgres-accounts-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { describeAuditContract } from './contract-audit.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own in the shared `test` database, so parallel test files never meet. */
const newSchema = () => `bltest_audit_${randomBytes(6).toString('hex')}`;

async function openIsolated() {
  const schema = newSchema();
  const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL audit store', () => {
  describeAuditContract('postgres', openIsolated);
});
