import type pg from 'pg';
import type { Row } from '../accounts/accounts-rows.js';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { withDeadline } from '../stores/deadline.js';
import { OperationGate } from '../stores/operation-gate.js';
import { inTransaction, pgUnavailable, statementName } from '../stores/postgres-driver.js';
import { DEFAULT_POSTGRES_TIMEOUT_MS } from '../stores/postgres-url.js';
import {
  auditListSql,
  failingText,
  toAuditRecord,
  toCheckpoint,
  toDelivery,
  toWebhook,
} from './audit-rows.js';
import type { AuditStore } from './audit-store.js';
import type {
  AuditCheckpoint,
  AuditDraft,
  AuditHead,
  AuditQuery,
  AuditRecord,
  Webhook,
  WebhookDelivery,
  WebhookFailing,
} from './audit-types.js';
import { chainDrafts } from './chain.js';
import { DELIVERY_LOG_LIMIT } from './sqlite-audit-store.js';

/** Runs one statement (on the pool, or on a transaction's client). */
type Run = (text: string, values: unknown[]) => Promise<pg.QueryResult<Row>>;

const clampLimit = (limit: number) => Math.max(0, Math.floor(limit));

/**
 * Takes the append lock and reserves `$1` ids in one statement: the row lock on the one-row sequence is held
 * until COMMIT, so appends from every node take turns, and ids increase in commit order.
 */
const RESERVE_IDS = `UPDATE burnlink_acc_audit_sequence SET next_id = next_id + $1 WHERE id = 1
  RETURNING next_id - $1 AS first_id`;

/**
 * Inserts a batch and moves the heads in one statement: records from parallel arrays (`unnest`), heads
 * upserted from the batch's last record per organisation.
 */
const INSERT_BATCH = `WITH records AS (
    INSERT INTO burnlink_acc_audit_records (id, at, type, org, actor_type, actor_id, subject_type, subject_id,
      outcome, details, ip, prev_hash, hash)
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
  )
  INSERT INTO burnlink_acc_audit_heads (org, id, hash)
  SELECT * FROM unnest($14::text[], $15::bigint[], $16::text[])
  ON CONFLICT (org) DO UPDATE SET id = EXCLUDED.id, hash = EXCLUDED.hash`;

/** Several delivery attempts in their order (`WITH ORDINALITY` keeps it for the identity column). */
const INSERT_DELIVERIES = `INSERT INTO burnlink_acc_webhook_deliveries (webhook_id, message_id, record_id, type, at,
    attempt, status, ok, error, duration_ms)
  SELECT webhook_id, message_id, record_id, type, at, attempt, status, ok, error, duration_ms
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::integer[], $7::integer[],
    $8::boolean[], $9::text[], $10::integer[])
    WITH ORDINALITY AS d(webhook_id, message_id, record_id, type, at, attempt, status, ok, error, duration_ms, n)
  ORDER BY n`;

/** Keeps the newest $2 attempts of each endpoint of $1 (after an insert in the same transaction). */
const CAP_DELIVERIES = `DELETE FROM burnlink_acc_webhook_deliveries d
  WHERE d.webhook_id = ANY ($1::text[]) AND d.id <= (
    SELECT e.id FROM burnlink_acc_webhook_deliveries e WHERE e.webhook_id = d.webhook_id
    ORDER BY e.id DESC OFFSET $2 LIMIT 1)`;

/**
 * The audit store in the PostgreSQL accounts database, on the accounts store's pool (`accounts.audit`; tables
 * of migration 2, `postgres-accounts-schema.ts`).
 *
 * `appendAudit` is one transaction of four statements: `UPDATE … audit_sequence … RETURNING` reserves the
 * batch's ids and locks the sequence row until COMMIT (every node's appends take turns there); a read of the
 * heads of the batch's organisations (a fresh snapshot, taken after the lock, so it sees the previous append);
 * one statement inserting every record (`unnest` of parallel arrays) and upserting the heads; COMMIT. Because
 * the lock is held until the commit, a later append both gets higher ids and commits later: a reader that has
 * seen id N never later finds a new record below N. A rolled-back append leaves its ids unused (a gap), never
 * reused. `pruneAudit` runs beside appends, one at a time (a transaction-scoped advisory lock per schema).
 */
export class PostgresAuditStore implements AuditStore {
  readonly #pool: pg.Pool;
  readonly #timeoutMs: number;
  readonly #gate = new OperationGate('PostgreSQL audit');
  readonly #query: Run;

  /** Built by `PostgresAccountsStore` on its pool, once its schema is migrated. */
  constructor(pool: pg.Pool, timeoutMs = DEFAULT_POSTGRES_TIMEOUT_MS) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#query = (text, values) =>
      this.#bounded(pool.query<Row>({ name: statementName(text), text, values }));
  }

  /** Lets calls in flight finish and refuses new ones; the accounts store ends the pool after. */
  close(): Promise<void> {
    return this.#gate.close();
  }

  appendAudit(drafts: AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return this.#gate.run(async () => []);
    return this.#transaction(async (run) => {
      const reserved = await run(RESERVE_IDS, [drafts.length]);
      const firstId = Number(reserved.rows[0]?.first_id);
      if (!Number.isSafeInteger(firstId)) throw new Error('the audit sequence row is missing');
      const orgs = [...new Set(drafts.map((d) => d.org))];
      const found = await run('SELECT org, hash FROM burnlink_acc_audit_heads WHERE org = ANY ($1::text[])', [
        orgs,
      ]);
      const heads = new Map(found.rows.map((row) => [String(row.org), String(row.hash)]));
      const records = chainDrafts(drafts, firstId, heads);
      const last = [...new Map(records.map((r) => [r.org, r])).values()];
      const column = (pick: (r: AuditRecord) => unknown) => records.map(pick);
      await run(INSERT_BATCH, [
        column((r) => r.id),
        column((r) => r.at),
        column((r) => r.type),
        column((r) => r.org),
        column((r) => r.actor.type),
        column((r) => r.actor.id),
        column((r) => r.subject?.type ?? null),
        column((r) => r.subject?.id ?? null),
        column((r) => r.outcome),
        column((r) => JSON.stringify(r.details)),
        column((r) => r.ip),
        column((r) => r.prevHash),
        column((r) => r.hash),
        last.map((r) => r.org),
        last.map((r) => r.id),
        last.map((r) => r.hash),
      ]);
      return records;
    });
  }

  listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const text = auditListSql(query, {
      table: 'burnlink_acc_audit_records',
      param,
      typeIn: (types) => `type = ANY (${param(types)}::text[])`,
    });
    return this.#all(text, values, toAuditRecord);
  }

  auditAfter(afterId: number, limit: number): Promise<AuditRecord[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_audit_records WHERE id > $1 ORDER BY id LIMIT $2',
      [afterId, clampLimit(limit)],
      toAuditRecord,
    );
  }

  auditHead(org: string): Promise<AuditHead | null> {
    return this.#one('SELECT * FROM burnlink_acc_audit_heads WHERE org = $1', [org], (row) => ({
      org: String(row.org),
      id: Number(row.id),
      hash: String(row.hash),
    }));
  }

  auditCheckpoint(org: string): Promise<AuditCheckpoint | null> {
    return this.#one('SELECT * FROM burnlink_acc_audit_checkpoints WHERE org = $1', [org], toCheckpoint);
  }

  auditOrgs(): Promise<string[]> {
    return this.#all(
      `SELECT org FROM burnlink_acc_audit_heads UNION SELECT org FROM burnlink_acc_audit_checkpoints
       ORDER BY org`,
      [],
      (row) => String(row.org),
    );
  }

  pruneAudit(before: number, now: number, limit: number): Promise<number> {
    return this.#transaction(async (run) => {
      // Prunes take turns (a checkpoint must only move forward); appends go on meanwhile: they only add
      // records and move heads, and a prune never touches a head it read (nor a newer one).
      await run(`SELECT pg_advisory_xact_lock(hashtext('burnlink-audit-prune:' || current_schema()))`, []);
      const heads = await run('SELECT org, id FROM burnlink_acc_audit_heads ORDER BY org', []);
      let pruned = 0;
      for (const head of heads.rows) {
        if (pruned >= limit) break;
        // The chain's oldest records, up to the first one young enough to keep: pruning only a prefix
        // leaves a chain that still verifies from the checkpoint. Never the head.
        const { rows } = await run(
          `SELECT id, at, hash FROM burnlink_acc_audit_records WHERE org = $1 AND id < $2 ORDER BY id LIMIT $3`,
          [head.org, head.id, limit - pruned],
        );
        let last: Row | undefined;
        for (const row of rows) {
          if (Number(row.at) >= before) break;
          last = row;
        }
        if (last === undefined) continue;
        const deleted = await run('DELETE FROM burnlink_acc_audit_records WHERE org = $1 AND id <= $2', [
          head.org,
          last.id,
        ]);
        const count = deleted.rowCount ?? 0;
        await run(
          `INSERT INTO burnlink_acc_audit_checkpoints (org, id, hash, at, pruned) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (org) DO UPDATE SET id = EXCLUDED.id, hash = EXCLUDED.hash, at = EXCLUDED.at,
             pruned = burnlink_acc_audit_checkpoints.pruned + EXCLUDED.pruned
           WHERE burnlink_acc_audit_checkpoints.id < EXCLUDED.id`,
          [head.org, last.id, last.hash, now, count],
        );
        pruned += count;
      }
      return pruned;
    });
  }

  async getCursor(name: string): Promise<number> {
    const position = await this.#one(
      'SELECT last_id FROM burnlink_acc_audit_cursors WHERE name = $1',
      [name],
      (row) => Number(row.last_id),
    );
    return position ?? 0;
  }

  moveCursor(name: string, from: number, to: number): Promise<boolean> {
    return this.#gate.run(async () => {
      const moved = await this.#query(
        'UPDATE burnlink_acc_audit_cursors SET last_id = $3 WHERE name = $1 AND last_id = $2',
        [name, from, to],
      );
      if ((moved.rowCount ?? 0) > 0) return true;
      if (from !== 0) return false;
      // A cursor never set is at 0: the first move creates it, unless another node just did.
      const created = await this.#query(
        'INSERT INTO burnlink_acc_audit_cursors (name, last_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [name, to],
      );
      return (created.rowCount ?? 0) > 0;
    });
  }

  takeLease(name: string, holder: string, until: number, now: number): Promise<boolean> {
    return this.#changed(
      `INSERT INTO burnlink_acc_audit_leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE burnlink_acc_audit_leases.holder = EXCLUDED.holder OR burnlink_acc_audit_leases.expires_at <= $4`,
      [name, holder, until, now],
    );
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.#changed('DELETE FROM burnlink_acc_audit_leases WHERE name = $1 AND holder = $2', [
      name,
      holder,
    ]);
  }

  async createWebhook(webhook: Webhook): Promise<void> {
    const w = webhook;
    await this.#changed(
      `INSERT INTO burnlink_acc_webhooks (id, org_id, url, events, description, secret, created_at, created_by,
         disabled_at, disabled_reason, cursor, failing)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        w.id,
        w.orgId,
        w.url,
        w.events,
        w.description,
        w.secret,
        w.createdAt,
        w.createdBy,
        w.disabledAt,
        w.disabledReason,
        w.cursor,
        failingText(w.failing),
      ],
    );
  }

  getWebhook(id: string): Promise<Webhook | null> {
    return this.#one('SELECT * FROM burnlink_acc_webhooks WHERE id = $1', [id], toWebhook);
  }

  listWebhooks(orgId: string): Promise<Webhook[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_webhooks WHERE org_id = $1 ORDER BY created_at, id',
      [orgId],
      toWebhook,
    );
  }

  activeWebhooks(): Promise<Webhook[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_webhooks WHERE disabled_at IS NULL ORDER BY created_at, id',
      [],
      toWebhook,
    );
  }

  deleteWebhook(orgId: string, id: string): Promise<boolean> {
    return this.#changed(
      `WITH gone AS (DELETE FROM burnlink_acc_webhooks WHERE id = $1 AND org_id = $2 RETURNING id),
            log AS (DELETE FROM burnlink_acc_webhook_deliveries WHERE webhook_id IN (SELECT id FROM gone))
       SELECT 1 FROM gone`,
      [id, orgId],
    );
  }

  advanceWebhook(id: string, from: number, to: number): Promise<boolean> {
    return this.#changed(
      'UPDATE burnlink_acc_webhooks SET cursor = $3, failing = NULL WHERE id = $1 AND cursor = $2',
      [id, from, to],
    );
  }

  async setWebhookFailing(id: string, failing: WebhookFailing | null): Promise<void> {
    await this.#changed('UPDATE burnlink_acc_webhooks SET failing = $2 WHERE id = $1', [
      id,
      failingText(failing),
    ]);
  }

  disableWebhook(id: string, at: number, reason: string): Promise<boolean> {
    return this.#changed(
      `UPDATE burnlink_acc_webhooks SET disabled_at = $2, disabled_reason = $3
       WHERE id = $1 AND disabled_at IS NULL`,
      [id, at, reason],
    );
  }

  enableWebhook(id: string): Promise<boolean> {
    return this.#changed(
      `UPDATE burnlink_acc_webhooks SET disabled_at = NULL, disabled_reason = NULL, failing = NULL
       WHERE id = $1 AND disabled_at IS NOT NULL`,
      [id],
    );
  }

  async logDelivery(delivery: Omit<WebhookDelivery, 'id'>): Promise<WebhookDelivery> {
    const d = delivery;
    // The cap reads the log as it was before this insert (one snapshot): keep the newest LIMIT - 1 of those.
    const stored = await this.#one(
      `WITH added AS (
         INSERT INTO burnlink_acc_webhook_deliveries (webhook_id, message_id, record_id, type, at, attempt, status,
           ok, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *),
       capped AS (
         DELETE FROM burnlink_acc_webhook_deliveries WHERE webhook_id = $1 AND id <= (
           SELECT id FROM burnlink_acc_webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC
           OFFSET $11 LIMIT 1))
       SELECT * FROM added`,
      [
        d.webhookId,
        d.messageId,
        d.recordId,
        d.type,
        d.at,
        d.attempt,
        d.status,
        d.ok,
        d.error,
        Math.round(d.durationMs),
        DELIVERY_LOG_LIMIT - 1,
      ],
      toDelivery,
    );
    if (stored === null)
      throw pgUnavailable('PostgreSQL audit store', new Error('the delivery was not stored'));
    return stored;
  }

  logDeliveries(deliveries: Omit<WebhookDelivery, 'id'>[]): Promise<void> {
    if (deliveries.length === 0) return this.#gate.run(async () => {});
    const column = (pick: (d: Omit<WebhookDelivery, 'id'>) => unknown) => deliveries.map(pick);
    return this.#transaction(async (run) => {
      await run(INSERT_DELIVERIES, [
        column((d) => d.webhookId),
        column((d) => d.messageId),
        column((d) => d.recordId),
        column((d) => d.type),
        column((d) => d.at),
        column((d) => d.attempt),
        column((d) => d.status),
        column((d) => d.ok),
        column((d) => d.error),
        column((d) => Math.round(d.durationMs)),
      ]);
      await run(CAP_DELIVERIES, [[...new Set(deliveries.map((d) => d.webhookId))], DELIVERY_LOG_LIMIT]);
    });
  }

  listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2',
      [webhookId, clampLimit(limit)],
      toDelivery,
    );
  }

  // Machinery.

  #bounded<T>(promise: Promise<T>): Promise<T> {
    return withDeadline(promise, this.#timeoutMs, () => new Error('query timed out')).catch(
      (error: unknown) => {
        throw toAuditError(error);
      },
    );
  }

  #changed(text: string, values: unknown[]): Promise<boolean> {
    return this.#gate.run(async () => ((await this.#query(text, values)).rowCount ?? 0) > 0);
  }

  #one<T>(text: string, values: unknown[], map: (row: Row) => T): Promise<T | null> {
    return this.#gate.run(async () => {
      const row = (await this.#query(text, values)).rows[0];
      return row ? map(row) : null;
    });
  }

  #all<T>(text: string, values: unknown[], map: (row: Row) => T): Promise<T[]> {
    return this.#gate.run(async () => (await this.#query(text, values)).rows.map(map));
  }

  /** `BEGIN … COMMIT` on one pooled connection; rolled back when `body` throws. */
  #transaction<T>(body: (run: Run) => Promise<T>): Promise<T> {
    return this.#gate.run(() => inTransaction<Row, T>(this.#pool, (promise) => this.#bounded(promise), body));
  }
}

/**
 * Driver errors to the contract's: a uniqueness clash (a webhook id) → `AccountsConflictError`; a value the
 * schema refuses → a plain `Error`; the rest → `StoreUnavailableError`, keeping the driver's message only.
 */
function toAuditError(error: unknown): unknown {
  if (error instanceof AccountsConflictError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '23505') return new AccountsConflictError('id');
  if (code.startsWith('22') || code.startsWith('23')) {
    return new Error('a value is outside what the audit store accepts');
  }
  return pgUnavailable('PostgreSQL audit store', error);
}
