import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { memberOf, newOwnedSecret, orgWithOwner } from './contract-fixtures.js';
import { describeAccountsContract } from './contract-suite.js';
import { ACCOUNTS_MIGRATIONS } from './postgres-accounts-schema.js';
import { openPostgresAccounts } from './postgres-accounts-store.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own in the shared `test` database, so parallel test files never meet. */
const newSchema = () => `bltest_acc_${randomBytes(6).toString('hex')}`;

async function openIsolated() {
  const schema = newSchema();
  const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL accounts store', () => {
  describeAccountsContract('postgres', openIsolated);

  describe('PostgresAccountsStore specifics', () => {
    it('migrates once when several nodes start at once, beside the secret store’s tables', async () => {
      const schema = newSchema();
      const url = `${POSTGRES_URL}?schema=${schema}`;
      const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresAccounts(url)));
      const pool = new pg.Pool({
        connectionString: POSTGRES_URL,
        options: `-c search_path=${schema}`,
        max: 1,
      });
      try {
        const versions = await pool.query('SELECT version FROM burnlink_acc_schema_version ORDER BY version');
        expect(versions.rows.map((row) => row.version)).toEqual(ACCOUNTS_MIGRATIONS.map((_, i) => i + 1));
        const tables = await pool.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [schema],
        );
        expect(tables.rows.every((row) => String(row.table_name).startsWith('burnlink_acc_'))).toBe(true);
        // Reopening finds everything in place and keeps what was stored.
        const { org } = await orgWithOwner(stores[0]!);
        const again = await openPostgresAccounts(url);
        expect(await again.getOrg(org.id)).toEqual(org);
        await again.close();
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await pool.end();
        await dropPostgresSchema(POSTGRES_URL, schema);
      }
    });

    it('two nodes demoting the last two owners at once leave exactly one owner', async () => {
      const schema = newSchema();
      const url = `${POSTGRES_URL}?schema=${schema}`;
      const [a, b] = [await openPostgresAccounts(url), await openPostgresAccounts(url)];
      try {
        for (let round = 0; round < 5; round++) {
          const { org, owner } = await orgWithOwner(a);
          const second = await memberOf(a, org.id, 'owner');
          const outcomes = await Promise.all([
            a.setRole(org.id, owner.id, 'member'),
            round % 2 ? b.removeMember(org.id, second.id) : b.setRole(org.id, second.id, 'admin'),
          ]);
          expect(outcomes.sort()).toEqual(['last_owner', 'ok']);
          const owners = (await b.listMembers(org.id)).filter((m) => m.role === 'owner');
          expect(owners).toHaveLength(1);
        }
      } finally {
        await a.close();
        await b.close();
        await dropPostgresSchema(POSTGRES_URL, schema);
      }
    });

    it('orders and pages owned secrets in byte order on a database whose collation is not (ICU en)', async () => {
      const database = `bltest_acc_icu_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      try {
        await admin.query(
          `CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'`,
        );
        const url = new URL(POSTGRES_URL);
        url.pathname = `/${database}`;
        const store = await openPostgresAccounts(url.toString());
        try {
          const { org } = await orgWithOwner(store);
          const now = Date.now();
          const secrets = ['a', 'B', 'b', 'Z', '_', '-', '0', 'ab', 'aB'].map((id) =>
            newOwnedSecret(org.id, { secretId: `${id}x`, createdAt: now }),
          );
          for (const secret of secrets) await store.recordSecret(secret);
          const byteOrder = secrets.map((s) => s.secretId).sort((x, y) => (x < y ? 1 : -1));
          const listed = await store.listOwnedSecrets({ orgId: org.id, limit: 100 });
          expect(listed.map((s) => s.secretId)).toEqual(byteOrder);
          const page = await store.listOwnedSecrets({
            orgId: org.id,
            before: { createdAt: now, secretId: byteOrder[3]! },
            limit: 100,
          });
          expect(page.map((s) => s.secretId)).toEqual(byteOrder.slice(4));
        } finally {
          await store.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      }
    });

    it('an unreachable server is StoreUnavailableError without the URL’s password; so is a closed store', async () => {
      const password = randomBytes(8).toString('hex');
      const opening = openPostgresAccounts(`postgres://burnlink:${password}@127.0.0.1:1/test?timeout=500`);
      const error = await opening.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(String((error as Error).message)).not.toContain(password);

      const { store, cleanup } = await openIsolated();
      const { org } = await orgWithOwner(store);
      const pending = store.recordSecret(newOwnedSecret(org.id));
      await store.close();
      await expect(pending).resolves.toBeUndefined();
      await expect(store.getOrg(org.id)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.recordSecret(newOwnedSecret(org.id))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await cleanup();
    });
  });
});
