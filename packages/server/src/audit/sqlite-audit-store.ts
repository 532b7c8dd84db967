import Database from 'better-sqlite3';
import type { Row } from '../accounts/accounts-rows.js';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import {
  AUDIT_COLUMNS,
  auditListSql,
  auditValues,
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

type Statement = Database.Statement<unknown[], Row>;

/** The delivery log keeps this many attempts per endpoint. */
export const DELIVERY_LOG_LIMIT = 1000;
/** Listing shapes kept prepared; past this the cache starts over (filters vary little in practice). */
const LIST_CACHE_LIMIT = 200;

/**
 * The audit store in the SQLite accounts file, on the accounts store's connection (`accounts.audit`; tables
 * of schema step 2, `sqlite-accounts-schema.ts`). better-sqlite3 is synchronous, so each method runs to its end
 * without yielding. `appendAudit` is one `BEGIN IMMEDIATE` transaction (which also serialises it with another
 * process on the file): read the next id and the heads of the batch's organisations, chain the drafts
 * (`chainDrafts`), insert them with one prepared statement, move the heads and the next id, commit (WAL,
 * without waiting for an fsync: see `#unsynced`). Ids come from `audit_sequence`, never from the table's maximum, so pruning never lets an
 * id come back.
 */
export class SqliteAuditStore implements AuditStore {
  readonly #db: Database.Database;
  readonly #sql: ReturnType<typeof prepare>;
  readonly #lists = new Map<string, Statement>();

  /** Built by `SqliteAccountsStore` on its connection, once its schema is migrated. */
  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = prepare(db);
  }

  appendAudit(drafts: AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return this.#run(() => []);
    return this.#unsynced(() => {
      const next = this.#sql.nextId.get() as { next_id: number };
      const heads = new Map<string, string>();
      for (const org of new Set(drafts.map((d) => d.org))) {
        const head = this.#sql.head.get(org);
        if (head) heads.set(org, String(head.hash));
      }
      const records = chainDrafts(drafts, Number(next.next_id), heads);
      for (const record of records) this.#sql.insertRecord.run(...auditValues(record));
      const last = new Map(records.map((r) => [r.org, r]));
      for (const record of last.values()) this.#sql.putHead.run(record.org, record.id, record.hash);
      this.#sql.setNextId.run(Number(next.next_id) + records.length);
      return records;
    });
  }

  listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return this.#run(() => {
      const values: unknown[] = [];
      const param = (value: unknown) => {
        values.push(value);
        return '?';
      };
      const text = auditListSql(query, {
        table: 'audit_records',
        param,
        typeIn: (types) => `type IN (SELECT value FROM json_each(${param(JSON.stringify(types))}))`,
      });
      let statement = this.#lists.get(text);
      if (!statement) {
        if (this.#lists.size >= LIST_CACHE_LIMIT) this.#lists.clear();
        statement = this.#db.prepare<unknown[], Row>(text);
        this.#lists.set(text, statement);
      }
      return statement.all(...values).map(toAuditRecord);
    });
  }

  auditAfter(afterId: number, limit: number): Promise<AuditRecord[]> {
    return this.#run(() => this.#sql.after.all(afterId, clampLimit(limit)).map(toAuditRecord));
  }

  auditHead(org: string): Promise<AuditHead | null> {
    return this.#run(() => {
      const row = this.#sql.head.get(org);
      return row ? { org: String(row.org), id: Number(row.id), hash: String(row.hash) } : null;
    });
  }

  auditCheckpoint(org: string): Promise<AuditCheckpoint | null> {
    return this.#run(() => {
      const row = this.#sql.checkpoint.get(org);
      return row ? toCheckpoint(row) : null;
    });
  }

  auditOrgs(): Promise<string[]> {
    return this.#run(() => this.#sql.orgs.all().map((row) => String(row.org)));
  }

  pruneAudit(before: number, now: number, limit: number): Promise<number> {
    return this.#transaction(() => {
      let pruned = 0;
      for (const head of this.#sql.heads.all()) {
        if (pruned >= limit) break;
        // The chain's oldest records, up to the first one young enough to keep: pruning only a prefix
        // leaves a chain that still verifies from the checkpoint.
        const rows = this.#sql.oldest.all(head.org, head.id, limit - pruned);
        let last: Row | undefined;
        for (const row of rows) {
          if (Number(row.at) >= before) break;
          last = row;
        }
        if (last === undefined) continue;
        const deleted = this.#sql.deleteUpTo.run(head.org, last.id).changes;
        this.#sql.putCheckpoint.run(head.org, last.id, last.hash, now, deleted);
        pruned += deleted;
      }
      return pruned;
    });
  }

  getCursor(name: string): Promise<number> {
    return this.#run(() => Number(this.#sql.getCursor.get(name)?.last_id ?? 0));
  }

  moveCursor(name: string, from: number, to: number): Promise<boolean> {
    return this.#unsynced(() => {
      const row = this.#sql.getCursor.get(name);
      if (Number(row?.last_id ?? 0) !== from) return false;
      this.#sql.putCursor.run(name, to);
      return true;
    });
  }

  takeLease(name: string, holder: string, until: number, now: number): Promise<boolean> {
    return this.#unsynced(() => this.#sql.takeLease.run(name, holder, until, now).changes > 0);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.#run(() => {
      this.#sql.releaseLease.run(name, holder);
    });
  }

  createWebhook(webhook: Webhook): Promise<void> {
    return this.#run(() => {
      const w = webhook;
      this.#sql.insertWebhook.run(
        w.id,
        w.orgId,
        w.url,
        JSON.stringify(w.events),
        w.description,
        w.secret,
        w.createdAt,
        w.createdBy,
        w.disabledAt,
        w.disabledReason,
        w.cursor,
        failingText(w.failing),
      );
    });
  }

  getWebhook(id: string): Promise<Webhook | null> {
    return this.#run(() => {
      const row = this.#sql.getWebhook.get(id);
      return row ? toWebhook(row) : null;
    });
  }

  listWebhooks(orgId: string): Promise<Webhook[]> {
    return this.#run(() => this.#sql.listWebhooks.all(orgId).map(toWebhook));
  }

  activeWebhooks(): Promise<Webhook[]> {
    return this.#run(() => this.#sql.activeWebhooks.all().map(toWebhook));
  }

  deleteWebhook(orgId: string, id: string): Promise<boolean> {
    return this.#transaction(() => {
      if (this.#sql.deleteWebhook.run(id, orgId).changes === 0) return false;
      this.#sql.deleteDeliveries.run(id);
      return true;
    });
  }

  advanceWebhook(id: string, from: number, to: number): Promise<boolean> {
    return this.#unsynced(() => this.#sql.advanceWebhook.run(to, id, from).changes > 0);
  }

  setWebhookFailing(id: string, failing: WebhookFailing | null): Promise<void> {
    return this.#unsynced(() => {
      this.#sql.setFailing.run(failingText(failing), id);
    });
  }

  disableWebhook(id: string, at: number, reason: string): Promise<boolean> {
    return this.#run(() => this.#sql.disableWebhook.run(at, reason, id).changes > 0);
  }

  enableWebhook(id: string): Promise<boolean> {
    return this.#run(() => this.#sql.enableWebhook.run(id).changes > 0);
  }

  logDelivery(delivery: Omit<WebhookDelivery, 'id'>): Promise<WebhookDelivery> {
    return this.#unsynced(() => {
      const row = this.#insertDelivery(delivery);
      this.#sql.capDeliveries.run(delivery.webhookId, delivery.webhookId, DELIVERY_LOG_LIMIT);
      return toDelivery(row);
    });
  }

  logDeliveries(deliveries: Omit<WebhookDelivery, 'id'>[]): Promise<void> {
    if (deliveries.length === 0) return this.#run(() => undefined);
    return this.#unsynced(() => {
      for (const delivery of deliveries) this.#insertDelivery(delivery);
      for (const id of new Set(deliveries.map((d) => d.webhookId))) {
        this.#sql.capDeliveries.run(id, id, DELIVERY_LOG_LIMIT);
      }
    });
  }

  #insertDelivery(d: Omit<WebhookDelivery, 'id'>): Row {
    return this.#sql.insertDelivery.get(
      d.webhookId,
      d.messageId,
      d.recordId,
      d.type,
      d.at,
      d.attempt,
      d.status,
      d.ok ? 1 : 0,
      d.error,
      Math.round(d.durationMs),
    ) as Row;
  }

  listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.#run(() => this.#sql.listDeliveries.all(webhookId, clampLimit(limit)).map(toDelivery));
  }

  /** Runs a synchronous body now; what SQLite throws becomes the contract's errors. */
  #run<T>(body: () => T): Promise<T> {
    if (!this.#db.open)
      return Promise.reject(new StoreUnavailableError('the SQLite accounts store is closed'));
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(toAuditError(error));
    }
  }

  /** A read-then-write body in one `BEGIN IMMEDIATE` transaction. */
  #transaction<T>(body: () => T): Promise<T> {
    return this.#run(() => this.#db.transaction(body).immediate());
  }

  /**
   * A write on the hot path (appends, a follower's cursor and lease moves, retry state, the delivery log) in one
   * `BEGIN IMMEDIATE` transaction committed without an fsync of its own (`synchronous=NORMAL`, as the accounts
   * store's batched writes): this connection is on the event loop, where a blocking fsync per batch cost a
   * third of authenticated creates. A crash of the process (a restart, kill -9) loses nothing; a crash of the
   * machine may lose the last transactions whole (WAL commits are atomic: records, heads and the sequence go
   * together, so the chain still verifies), which for a follower means a record delivered again.
   */
  #unsynced<T>(body: () => T): Promise<T> {
    return this.#run(() => {
      this.#db.pragma('synchronous = NORMAL');
      try {
        return this.#db.transaction(body).immediate();
      } finally {
        this.#db.pragma('synchronous = FULL');
      }
    });
  }
}

const clampLimit = (limit: number) => Math.max(0, Math.floor(limit));

/** A uniqueness clash (a webhook id) is `AccountsConflictError`; anything else the store's failure. */
function toAuditError(error: unknown): unknown {
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    const unique = error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    if (unique) return new AccountsConflictError('id');
    return new Error('a value is outside what the audit store accepts', { cause: error });
  }
  return new StoreUnavailableError('the SQLite audit store failed', { cause: error });
}

function prepare(db: Database.Database) {
  const p = (text: string) => db.prepare<unknown[], Row>(text);
  return {
    nextId: p('SELECT next_id FROM audit_sequence WHERE id = 1'),
    setNextId: p('UPDATE audit_sequence SET next_id = ? WHERE id = 1'),
    head: p('SELECT * FROM audit_heads WHERE org = ?'),
    heads: p('SELECT org, id FROM audit_heads ORDER BY org'),
    putHead: p(
      `INSERT INTO audit_heads (org, id, hash) VALUES (?, ?, ?)
       ON CONFLICT (org) DO UPDATE SET id = excluded.id, hash = excluded.hash`,
    ),
    insertRecord: p(
      `INSERT INTO audit_records (${AUDIT_COLUMNS.join(', ')})
       VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
    ),
    after: p('SELECT * FROM audit_records WHERE id > ? ORDER BY id LIMIT ?'),
    checkpoint: p('SELECT * FROM audit_checkpoints WHERE org = ?'),
    orgs: p('SELECT org FROM audit_heads UNION SELECT org FROM audit_checkpoints ORDER BY org'),
    // (org, head id, limit): the oldest records of a chain, never its head.
    oldest: p('SELECT id, at, hash FROM audit_records WHERE org = ? AND id < ? ORDER BY id LIMIT ?'),
    deleteUpTo: p('DELETE FROM audit_records WHERE org = ? AND id <= ?'),
    // (org, id, hash, at, pruned now)
    putCheckpoint: p(
      `INSERT INTO audit_checkpoints (org, id, hash, at, pruned) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org) DO UPDATE SET id = excluded.id, hash = excluded.hash, at = excluded.at,
         pruned = audit_checkpoints.pruned + excluded.pruned`,
    ),

    getCursor: p('SELECT last_id FROM audit_cursors WHERE name = ?'),
    putCursor: p(
      `INSERT INTO audit_cursors (name, last_id) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id`,
    ),
    // (name, holder, until, now): taken when free, expired, or already the holder's.
    takeLease: p(
      `INSERT INTO audit_leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE audit_leases.holder = excluded.holder OR audit_leases.expires_at <= ?`,
    ),
    releaseLease: p('DELETE FROM audit_leases WHERE name = ? AND holder = ?'),

    insertWebhook: p(
      `INSERT INTO webhooks (id, org_id, url, events, description, secret, created_at, created_by, disabled_at,
       disabled_reason, cursor, failing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getWebhook: p('SELECT * FROM webhooks WHERE id = ?'),
    listWebhooks: p('SELECT * FROM webhooks WHERE org_id = ? ORDER BY created_at, rowid'),
    activeWebhooks: p('SELECT * FROM webhooks WHERE disabled_at IS NULL ORDER BY created_at, rowid'),
    deleteWebhook: p('DELETE FROM webhooks WHERE id = ? AND org_id = ?'),
    deleteDeliveries: p('DELETE FROM webhook_deliveries WHERE webhook_id = ?'),
    advanceWebhook: p('UPDATE webhooks SET cursor = ?, failing = NULL WHERE id = ? AND cursor = ?'),
    setFailing: p('UPDATE webhooks SET failing = ? WHERE id = ?'),
    disableWebhook: p(
      'UPDATE webhooks SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL',
    ),
    enableWebhook: p(
      `UPDATE webhooks SET disabled_at = NULL, disabled_reason = NULL, failing = NULL
       WHERE id = ? AND disabled_at IS NOT NULL`,
    ),
    insertDelivery: p(
      `INSERT INTO webhook_deliveries (webhook_id, message_id, record_id, type, at, attempt, status, ok, error,
       duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
    // (webhook id, webhook id, how many to keep): everything older than the newest ones kept.
    capDeliveries: p(
      `DELETE FROM webhook_deliveries WHERE webhook_id = ? AND id < (
         SELECT min(id) FROM (SELECT id FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?))`,
    ),
    listDeliveries: p('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?'),
  };
}
