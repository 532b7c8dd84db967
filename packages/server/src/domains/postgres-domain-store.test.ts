import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_MIGRATIONS } from '../accounts/postgres-accounts-schema.js';
import { openPostgresAccounts, type PostgresAccountsStore } from '../accounts/postgres-accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import { check, newDomain, orgId, T0 } from './contract-domain-fixtures.js';
import { describeDomainContract } from './contract-domains.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own in the shared `test` database, so parallel test files never meet. */
const newSchema = () => `bltest_dom_${randomBytes(6).toString('hex')}`;

async function openIsolated() {
  const schema = newSchema();
  const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
  return { store, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
}

/** Two stores (two nodes, two pools) on one fresh schema. */
async function twoNodes(body: (a: PostgresAccountsStore, b: PostgresAccountsStore) => Promise<void>) {
  const schema = newSchema();
  const url = `${POSTGRES_URL}?schema=${schema}`;
  const [a, b] = [await openPostgresAccounts(url), await openPostgresAccounts(url)];
  try {
    await body(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
    await dropPostgresSchema(POSTGRES_URL, schema);
  }
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL domain store', () => {
  describeDomainContract('postgres', openIsolated);

  describe('PostgresDomainStore specifics', () => {
    it('migration 4: the held-name index is unique and partial; the database itself refuses a second holder', async () => {
      expect(ACCOUNTS_MIGRATIONS).toHaveLength(4);
      const schema = newSchema();
      const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
      const pool = new pg.Pool({
        connectionString: POSTGRES_URL,
        options: `-c search_path=${schema}`,
        max: 1,
      });
      try {
        const { rows } = await pool.query(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'burnlink_acc_domains_held_name'`,
          [schema],
        );
        expect(String(rows[0]?.indexdef)).toMatch(/^CREATE UNIQUE INDEX .* WHERE \(state = ANY/);
        const first = newDomain(await orgId(store));
        await store.domains.addDomain(first);
        await store.domains.recordCheck(first.id, check('verified', T0));
        const second = newDomain(await orgId(store), { name: first.name });
        await store.domains.addDomain(second).catch(() => {});
        // Written past the store, a second active holder is still refused.
        await pool.query(
          `INSERT INTO burnlink_acc_domains (id, org_id, name, token, state, created_at)
           VALUES ($1, $2, $3, $4, 'pending', $5)`,
          [second.id, second.orgId, second.name, second.token, second.createdAt],
        );
        await expect(
          pool.query(`UPDATE burnlink_acc_domains SET state = 'active' WHERE id = $1`, [second.id]),
        ).rejects.toMatchObject({ code: '23505', constraint: 'burnlink_acc_domains_held_name' });
      } finally {
        await store.close();
        await pool.end();
        await dropPostgresSchema(POSTGRES_URL, schema);
      }
    });

    it('two nodes verifying one name for two organisations at once: exactly one wins, the other is taken', async () => {
      await twoNodes(async (a, b) => {
        for (let round = 0; round < 10; round++) {
          const first = newDomain(await orgId(a));
          const second = newDomain(await orgId(a), { name: first.name });
          await a.domains.addDomain(first);
          await a.domains.addDomain(second);
          const outcomes = await Promise.all([
            a.domains.recordCheck(first.id, check('verified', T0)),
            b.domains.recordCheck(second.id, check('verified', T0)),
          ]);
          expect(outcomes.map((o) => o?.transition).sort()).toEqual(['taken', 'verified']);
          const winner = outcomes.find((o) => o?.transition === 'verified')!.record;
          const loser = outcomes.find((o) => o?.transition === 'taken')!.record;
          expect(loser).toMatchObject({ state: 'pending', lastResult: 'taken', verifiedAt: null });
          expect(await b.domains.findActiveDomain(first.name)).toEqual(winner);
          expect(await a.domains.getDomain(loser.id)).toEqual(loser);
        }
      });
    }, 60_000);

    it('two nodes claiming at once never claim the same domain, and together claim every due one', async () => {
      await twoNodes(async (a, b) => {
        const org = await orgId(a);
        const ids: string[] = [];
        for (let i = 0; i < 60; i++) {
          const domain = newDomain(org);
          await a.domains.addDomain(domain);
          ids.push(domain.id);
        }
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).domains.claimDue(T0, T0, 5)),
        );
        const claimed = claims.flat().map((d) => d.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        const rest = await a.domains.claimDue(T0, T0, 100);
        expect([...claimed, ...rest.map((d) => d.id)].sort()).toEqual([...ids].sort());
      });
    }, 60_000);

    it('a closed store is unavailable', async () => {
      const { store, cleanup } = await openIsolated();
      const org = await orgId(store);
      await store.close();
      await expect(store.domains.listDomains(org)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.domains.claimDue(T0, T0, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.domains.recordCheck('x', check('verified', T0))).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await cleanup();
    });
  });
});
