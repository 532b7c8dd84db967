import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { AccountsStore } from '../src/accounts/accounts-store.js';
import { openPostgresAccounts } from '../src/accounts/postgres-accounts-store.js';
import { SqliteAccountsStore } from '../src/accounts/sqlite-accounts-store.js';
import type { AuditRecord } from '../src/audit/audit-types.js';
import { verifyChain } from '../src/audit/verify-chain.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { openPostgresStore } from '../src/stores/postgres-store.js';
import type { SecretAndRequestStore } from '../src/stores/request-store.js';
import { dropPostgresSchema, postgresAvailable } from '../src/stores/test-backends.js';
import { testApp } from './api/support.js';
import { createAs, keyThroughApi, linkParts, teamsApp } from './api/teams-support.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  name: string;
  available: () => Promise<boolean>;
  /** Two nodes' stores on one database: each node its own connections. */
  open(): Promise<{ nodes: [Node, Node]; cleanup(): Promise<void> }>;
}
interface Node {
  accounts: AccountsStore;
  store: SecretAndRequestStore;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    available: async () => true,
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'burnlink-audit-nodes-'));
      const file = join(dir, 'accounts.db');
      const store = new MemoryStore();
      const nodes: [Node, Node] = [
        { accounts: new SqliteAccountsStore(file), store },
        { accounts: new SqliteAccountsStore(file), store },
      ];
      return {
        nodes,
        cleanup: async () => {
          await Promise.allSettled(nodes.map((n) => n.accounts.close()));
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: () => postgresAvailable(POSTGRES_URL),
    async open() {
      const schema = `bltest_auditnodes_${randomBytes(6).toString('hex')}`;
      const url = `${POSTGRES_URL}?schema=${schema}`;
      const node = async (): Promise<Node> => ({
        accounts: await openPostgresAccounts(url),
        store: await openPostgresStore(url),
      });
      const nodes: [Node, Node] = [await node(), await node()];
      return {
        nodes,
        cleanup: async () => {
          await Promise.allSettled(nodes.flatMap((n) => [n.accounts.close(), n.store.close()]));
          await dropPostgresSchema(POSTGRES_URL, schema);
        },
      };
    },
  },
];

/**
 * Issue 13, "Done when — event completeness": each event type appears exactly once per action, on SQLite and
 * PostgreSQL, across several nodes. Two apps (two nodes) share one accounts store and one secret store; the
 * actions alternate between them and race where they can. Then every record is there exactly once, ids are
 * unique and increasing, and each organisation's chain verifies.
 */
for (const backend of BACKENDS) {
  describe.runIf(await backend.available())(`audit completeness across two nodes on ${backend.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    test('every action is recorded exactly once, in one order, and every chain verifies', async () => {
      const opened = await backend.open();
      cleanups.push(opened.cleanup);
      const [one, two] = opened.nodes;
      const a = await teamsApp({ accounts: one.accounts, store: one.store });
      const b = await testApp({ accounts: two.accounts, store: two.store, clock: a.clock });
      cleanups.unshift(async () => {
        await a.app.close();
        await b.app.close();
      });
      const { people, orgId } = a;
      const expected = new Map<string, number>();
      const expect1 = (org: string, type: string, n = 1) =>
        expected.set(`${org} ${type}`, (expected.get(`${org} ${type}`) ?? 0) + n);

      // An anonymous secret made on A, viewed on B, a wrong passphrase on A.
      const anon = (await createAs(a.app, {}, { text: 'x', passphrase: 'p', max_views: 2 })).json();
      expect1('public', 'secret.created');
      const { id, key } = linkParts(anon.link);
      const claim = (app: typeof a.app, passphrase: string) =>
        app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: { key, passphrase } });
      expect((await claim(b.app, 'p')).statusCode).toBe(200);
      expect1('public', 'secret.viewed');
      expect((await claim(a.app, 'wrong')).statusCode).toBe(403);
      expect1('public', 'secret.claim_failed');

      // The organisation's: a key made on B through the API, a secret with it on A, burned by the owner on B.
      const ci = await keyThroughApi(b.app, people.owner, { scopes: ['secrets:create'] });
      expect1(orgId, 'key.created');
      const owned = (await createAs(a.app, ci.headers, { text: 'y' })).json();
      expect1(orgId, 'secret.created');
      const burned = await b.app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${owned.id}/burn`,
        headers: people.owner.headers,
      });
      expect(burned.statusCode).toBe(204);
      expect1(orgId, 'secret.burned');
      await a.app.inject({ method: 'DELETE', url: `/api/v1/keys/${ci.id}`, headers: people.owner.headers });
      expect1(orgId, 'key.revoked');
      await b.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: people.admin.headers,
        payload: { name: 'Ops' },
      });
      expect1(orgId, 'team.created');

      // Races: twenty one-view secrets made on both nodes at once, each claimed by both nodes at once (one
      // wins); one secret expiring, swept by both nodes at once (one reports it).
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createAs(i % 2 === 0 ? a.app : b.app, {}, { text: `r${i}` })),
      );
      expect1('public', 'secret.created', 20);
      const claims = await Promise.all(
        made.flatMap((res) => {
          const link = linkParts(res.json().link);
          return [a.app, b.app].map((app) =>
            app.inject({
              method: 'POST',
              url: `/api/v1/secrets/${link.id}/claim`,
              payload: { key: link.key },
            }),
          );
        }),
      );
      expect(claims.filter((res) => res.statusCode === 200)).toHaveLength(20);
      expect1('public', 'secret.viewed', 20);
      const expiring = (await createAs(b.app, {}, { text: 'z', ttl: 300 })).json();
      expect1('public', 'secret.created');
      a.clock.advance(301_000);
      await Promise.all([a.app.burnlinkService.sweep(), b.app.burnlinkService.sweep()]);
      expect1('public', 'secret.expired');

      await Promise.all([a.app.burnlinkAudit.flush(), b.app.burnlinkAudit.flush()]);
      const store = one.accounts.audit;
      const records: AuditRecord[] = [];
      for (const org of await store.auditOrgs())
        records.push(...(await store.listAudit({ org, limit: 10_000 })));
      const counted = new Map<string, number>();
      for (const r of records)
        counted.set(`${r.org} ${r.type}`, (counted.get(`${r.org} ${r.type}`) ?? 0) + 1);
      expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
      // Exactly once per action: no subject has two records of one type (but failed claims).
      const keys = records
        .filter((r) => r.type !== 'secret.claim_failed')
        .map((r) => `${r.type} ${r.subject?.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(records.some((r) => r.type === 'secret.expired' && r.subject?.id === expiring.id)).toBe(true);

      const ids = (await store.auditAfter(0, 10_000)).map((r) => r.id);
      expect(ids).toHaveLength(records.length);
      expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
      for (const org of await store.auditOrgs()) {
        expect(await verifyChain(store, org), org).toMatchObject({ ok: true });
      }
    });
  });
}
