import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsStore } from '../accounts/accounts-store.js';
import { openPostgresAccounts } from '../accounts/postgres-accounts-store.js';
import { SqliteAccountsStore } from '../accounts/sqlite-accounts-store.js';
import { dropPostgresSchema, postgresAvailable } from '../stores/test-backends.js';
import type { AuditRecord } from './audit-types.js';
import { recordHash } from './chain.js';
import { newDraft } from './contract-audit.js';
import { verifyChain } from './verify-chain.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store under test and raw SQL on its database, as someone with access to the file or server would. */
interface Tamperable {
  store: AccountsStore;
  /** The audit records table's name. */
  table: string;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const literal = (value: string | number | null) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;

/** An UPDATE that writes every column of `record` onto the row with id `id`. */
function overwrite(table: string, id: number, record: AuditRecord): string {
  const set = {
    id: record.id,
    at: record.at,
    type: record.type,
    org: record.org,
    actor_type: record.actor.type,
    actor_id: record.actor.id,
    subject_type: record.subject?.type ?? null,
    subject_id: record.subject?.id ?? null,
    outcome: record.outcome,
    details: JSON.stringify(record.details),
    ip: record.ip,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
  const assignments = Object.entries(set).map(([column, value]) => `${column} = ${literal(value)}`);
  return `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = ${id}`;
}

/**
 * The tamper-evidence tests on a real backend: each case builds a chain of its own organisation (interleaved
 * with another organisation's records), changes it by raw SQL, and expects `verifyChain` (ChainWalk over pages,
 * head and checkpoint) to name the first record that gives it away.
 */
function describeTamper(name: string, open: () => Promise<Tamperable>): void {
  describe(`tamper evidence: ${name}`, () => {
    let t: Tamperable;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t.close();
    });

    /** Six records of a fresh organisation, interleaved with another's; answers the organisation's. */
    async function chain(): Promise<{ org: string; records: AuditRecord[] }> {
      const org = `org_${randomBytes(6).toString('hex')}`;
      const other = `org_${randomBytes(6).toString('hex')}`;
      const appended = await t.store.audit.appendAudit(
        [org, other, org, org, other, org, org, other, org].map((o, i) =>
          newDraft({ org: o, at: Date.UTC(2026, 0, 1) + i * 1000, details: { views_left: i } }),
        ),
      );
      const records = appended.filter((r) => r.org === org);
      expect(await verifyChain(t.store.audit, org)).toEqual({ ok: true, records: 6 });
      return { org, records };
    }

    async function problemOf(org: string) {
      const verdict = await verifyChain(t.store.audit, org);
      if (verdict.ok) throw new Error(`the tampered chain of ${org} verified`);
      return verdict.problem;
    }

    it('detects an edited record: its details changed', async () => {
      const { org, records } = await chain();
      const target = records[2]!;
      await t.exec(`UPDATE ${t.table} SET details = '{"views_left":9}' WHERE id = ${target.id}`);
      expect(await problemOf(org)).toMatchObject({ kind: 'edited', recordId: target.id });
    });

    it('detects an edited record: its outcome and actor changed, hash left alone', async () => {
      const { org, records } = await chain();
      const target = records[4]!;
      await t.exec(
        `UPDATE ${t.table} SET outcome = 'ok', actor_type = 'system', actor_id = NULL WHERE id = ${target.id}`,
      );
      expect(await problemOf(org)).toMatchObject({ kind: 'edited', recordId: target.id });
    });

    it('detects a record deleted in the middle: the next one no longer follows', async () => {
      const { org, records } = await chain();
      await t.exec(`DELETE FROM ${t.table} WHERE id = ${records[2]!.id}`);
      const problem = await problemOf(org);
      expect(problem).toMatchObject({ kind: 'broken_link', recordId: records[3]!.id });
      expect(problem.message).toContain(`record ${records[1]!.id}`);
    });

    it('detects the first record deleted', async () => {
      const { org, records } = await chain();
      await t.exec(`DELETE FROM ${t.table} WHERE id = ${records[0]!.id}`);
      expect(await problemOf(org)).toMatchObject({ kind: 'broken_link', recordId: records[1]!.id });
    });

    it('detects the last record deleted: the chain ends before its head', async () => {
      const { org, records } = await chain();
      await t.exec(`DELETE FROM ${t.table} WHERE id = ${records[5]!.id}`);
      const problem = await problemOf(org);
      expect(problem).toMatchObject({ kind: 'truncated', recordId: records[4]!.id });
      expect(problem.message).toContain(`head is record ${records[5]!.id}`);
    });

    it('detects two records swapped (their ids exchanged)', async () => {
      const { org, records } = await chain();
      const [a, b] = [records[1]!, records[2]!];
      await t.exec(overwrite(t.table, a.id, { ...b, id: -1 }));
      await t.exec(overwrite(t.table, b.id, { ...a, id: b.id }));
      await t.exec(overwrite(t.table, -1, { ...b, id: a.id }));
      expect(await problemOf(org)).toMatchObject({ kind: 'edited', recordId: a.id });
    });

    it('detects two records swapped and rehashed to look consistent: the record after them breaks', async () => {
      const { org, records } = await chain();
      const [before, a, b, after] = [records[0]!, records[1]!, records[2]!, records[3]!];
      // b's content now first (under a's id), then a's content (under b's id), each rehashed onto the other.
      const first = { ...b, id: a.id, prevHash: before.hash };
      first.hash = recordHash(first.prevHash, first);
      const second = { ...a, id: b.id, prevHash: first.hash };
      second.hash = recordHash(second.prevHash, second);
      await t.exec(overwrite(t.table, a.id, first));
      await t.exec(overwrite(t.table, b.id, second));
      expect(await problemOf(org)).toMatchObject({ kind: 'broken_link', recordId: after.id });
    });

    it('a prune leaves a chain that verifies from its checkpoint; deleting past the checkpoint is detected', async () => {
      const { org, records } = await chain();
      // Prune this organisation's first three (every organisation's records of that time go too).
      await t.store.audit.pruneAudit(records[2]!.at + 1, Date.now(), 1_000_000);
      expect(await t.store.audit.auditCheckpoint(org)).toMatchObject({ id: records[2]!.id });
      expect(await verifyChain(t.store.audit, org)).toEqual({ ok: true, records: 3 });
      await t.exec(`DELETE FROM ${t.table} WHERE id = ${records[3]!.id}`);
      expect(await problemOf(org)).toMatchObject({ kind: 'broken_link', recordId: records[4]!.id });
    });
  });
}

describeTamper('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-tamper-'));
  const path = join(dir, 'accounts.db');
  const store = new SqliteAccountsStore(path);
  const raw = new Database(path);
  return {
    store,
    table: 'audit_records',
    exec: async (sql) => {
      raw.exec(sql);
    },
    close: async () => {
      raw.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL', () => {
  describeTamper('postgres', async () => {
    const schema = `bltest_tamper_${randomBytes(6).toString('hex')}`;
    const store = await openPostgresAccounts(`${POSTGRES_URL}?schema=${schema}`);
    const raw = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await raw.connect();
    return {
      store,
      table: 'burnlink_acc_audit_records',
      exec: async (sql) => {
        await raw.query(sql);
      },
      close: async () => {
        await raw.end();
        await store.close();
        await dropPostgresSchema(POSTGRES_URL, schema);
      },
    };
  });
});
