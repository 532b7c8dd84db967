import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openPostgresAccounts } from '../accounts/postgres-accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import type { AuditRecord } from './audit-types.js';
import { describeAuditContract, newDraft } from './contract-audit.js';
import { verifyChain } from './verify-chain.js';

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

  it('two nodes appending at once give one total order: no duplicate id, no record committed behind a reader, valid chains', async () => {
    const schema = newSchema();
    const url = `${POSTGRES_URL}?schema=${schema}`;
    const nodes = [await openPostgresAccounts(url), await openPostgresAccounts(url)];
    const reader = await openPostgresAccounts(url);
    try {
      const orgs = ['org_a', 'org_b', 'org_c', 'public'];
      let done = false;
      // A follower reading as the appends commit: it never goes back, so a record committed later with a
      // lower id than one it has seen would be missed.
      const followed: AuditRecord[] = [];
      const follow = (async () => {
        let cursor = 0;
        for (;;) {
          const finished = done;
          const page = await reader.audit.auditAfter(cursor, 100);
          followed.push(...page);
          if (page.length > 0) cursor = page.at(-1)!.id;
          else if (finished) return;
        }
      })();
      // Each node: 200 records in 40 batches of 5, all in flight at once.
      const appended = await Promise.all(
        nodes.flatMap((node, n) =>
          Array.from({ length: 40 }, (_, b) =>
            node.audit.appendAudit(
              Array.from({ length: 5 }, (_, i) => newDraft({ org: orgs[(n + b + i) % orgs.length]! })),
            ),
          ),
        ),
      );
      done = true;
      await follow;
      const ids = appended.flat().map((r) => r.id);
      expect(ids).toHaveLength(400);
      expect(new Set(ids).size).toBe(400);
      for (const batch of appended) {
        expect(batch.map((r) => r.id - batch[0]!.id)).toEqual([0, 1, 2, 3, 4]);
      }
      const sorted = [...ids].sort((x, y) => x - y);
      expect(followed.map((r) => r.id)).toEqual(sorted);
      expect(await reader.audit.auditAfter(0, 1000)).toEqual(followed);
      for (const org of orgs) {
        expect(await verifyChain(reader.audit, org)).toEqual({
          ok: true,
          records: followed.filter((r) => r.org === org).length,
        });
      }
    } finally {
      await Promise.all([...nodes, reader].map((store) => store.close()));
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  }, 60_000);

  it('prunes from two nodes while a third appends: every chain still verifies from its checkpoint', async () => {
    const schema = newSchema();
    const url = `${POSTGRES_URL}?schema=${schema}`;
    const [a, b, writer] = [
      await openPostgresAccounts(url),
      await openPostgresAccounts(url),
      await openPostgresAccounts(url),
    ];
    try {
      const orgs = ['org_a', 'org_b', 'public'];
      const old = Date.UTC(2026, 0, 1);
      await writer.audit.appendAudit(
        Array.from({ length: 300 }, (_, i) => newDraft({ org: orgs[i % 3]!, at: old })),
      );
      const now = Date.UTC(2027, 0, 1);
      const appending = Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          writer.audit.appendAudit([newDraft({ org: orgs[i % 3]!, at: i % 2 ? old : now })]),
        ),
      );
      const pruning = Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).audit.pruneAudit(old + 1, now, 20)),
      );
      const [, pruned] = await Promise.all([appending, pruning]);
      expect(pruned.reduce((x, y) => x + y, 0)).toBe(200);
      let kept = 0;
      for (const org of orgs) {
        const verdict = await verifyChain(writer.audit, org);
        expect(verdict).toMatchObject({ ok: true });
        kept += verdict.ok ? verdict.records : 0;
      }
      const checkpoints = await Promise.all(orgs.map((org) => writer.audit.auditCheckpoint(org)));
      expect(checkpoints.reduce((n, c) => n + (c?.pruned ?? 0), 0)).toBe(200);
      expect(kept).toBe(330 - 200);
    } finally {
      await Promise.all([a, b, writer].map((store) => store.close()));
      await dropPostgresSchema(POSTGRES_URL, schema);
    }
  }, 60_000);

  it('a batch the database refuses stores nothing and moves no head; a closed store is unavailable', async () => {
    const { store, cleanup } = await openIsolated();
    try {
      const [before] = await store.audit.appendAudit([newDraft({ org: 'a' })]);
      const refused = store.audit.appendAudit([
        newDraft({ org: 'a' }),
        newDraft({ org: 'b', at: Number.NaN }),
      ]);
      await expect(refused).rejects.toThrow();
      expect(await store.audit.auditAfter(0, 10)).toEqual([before]);
      expect(await store.audit.auditOrgs()).toEqual(['a']);
      const [after] = await store.audit.appendAudit([newDraft({ org: 'a' })]);
      // The refused batch's ids may stay unused (a gap), never reused out of order.
      expect(after!.id).toBeGreaterThan(before!.id);
      expect(after!.prevHash).toBe(before!.hash);
      expect(await verifyChain(store.audit, 'a')).toEqual({ ok: true, records: 2 });
    } finally {
      await store.close();
      await cleanup();
    }
    await expect(store.audit.appendAudit([newDraft()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.audit.getCursor('syslog')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
