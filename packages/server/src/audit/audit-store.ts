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

/**
 * The audit trail and what follows it (syslog shipping, webhooks), kept in the accounts database: one
 * contract, three backends (memory, SQLite, PostgreSQL), each reached as `accountsStore.audit`.
 * `contract-audit.ts` runs the same tests against each.
 *
 * Rules every backend keeps:
 * - `appendAudit` is atomic and serialised across nodes: ids are global and increase in commit order, and each
 *   organisation's chain links each record to the one before (`chain.ts` computes the hashes).
 * - Records are never updated; only `pruneAudit` deletes, and it leaves a checkpoint.
 * - Cursors and leases are compare-and-set, so two nodes racing get one winner.
 * - A backend that cannot be reached throws `StoreUnavailableError`. Records are returned as fresh objects.
 */
export interface AuditStore {
  /** Atomic: numbers the drafts in order, chains each onto its organisation's head, stores all or none. */
  appendAudit(drafts: AuditDraft[]): Promise<AuditRecord[]>;
  /** One organisation's records by the query (paging by id). */
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /** Every organisation's records with id > `afterId`, ascending (for shippers). */
  auditAfter(afterId: number, limit: number): Promise<AuditRecord[]>;
  /** The last record of an organisation's chain, or null when it has none (even pruned: then the checkpoint's). */
  auditHead(org: string): Promise<AuditHead | null>;
  auditCheckpoint(org: string): Promise<AuditCheckpoint | null>;
  /** Organisations that have a chain (records or a checkpoint), sorted. */
  auditOrgs(): Promise<string[]>;
  /**
   * Deletes records with `at < before`, but always keeps each organisation's last record; moves each
   * organisation's checkpoint to its last pruned record. Answers how many were deleted. At most `limit` per call.
   */
  pruneAudit(before: number, now: number, limit: number): Promise<number>;

  /** A durable position (`syslog`, …): the id last dealt with, 0 when never set. */
  getCursor(name: string): Promise<number>;
  /** Compare-and-set: moves `name` from `from` to `to`; false when it was not at `from`. */
  moveCursor(name: string, from: number, to: number): Promise<boolean>;
  /**
   * Takes or renews the lease `name` (one shipper or dispatcher across nodes) for `holder` until `until`:
   * true when it was free, expired at `now`, or already `holder`'s.
   */
  takeLease(name: string, holder: string, until: number, now: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;

  createWebhook(webhook: Webhook): Promise<void>;
  getWebhook(id: string): Promise<Webhook | null>;
  /** An organisation's endpoints, oldest first. */
  listWebhooks(orgId: string): Promise<Webhook[]>;
  /** Endpoints that are not disabled, of every organisation (for the dispatcher). */
  activeWebhooks(): Promise<Webhook[]>;
  /** Deletes the endpoint and its delivery log; false when the organisation has no such endpoint. */
  deleteWebhook(orgId: string, id: string): Promise<boolean>;
  /**
   * Compare-and-set on the endpoint's cursor: moves it from `from` to `to` and clears `failing`; false when
   * the cursor was not at `from` (another node moved it) or the endpoint is gone.
   */
  advanceWebhook(id: string, from: number, to: number): Promise<boolean>;
  setWebhookFailing(id: string, failing: WebhookFailing | null): Promise<void>;
  /** Marks the endpoint disabled; false when it was already disabled or is gone. */
  disableWebhook(id: string, at: number, reason: string): Promise<boolean>;
  /** Re-enables a disabled endpoint, its cursor unchanged (it resumes where it stopped). */
  enableWebhook(id: string): Promise<boolean>;
  logDelivery(delivery: Omit<WebhookDelivery, 'id'>): Promise<WebhookDelivery>;
  /** Logs several attempts in their order, in one write (the dispatcher's page of deliveries). */
  logDeliveries(deliveries: Omit<WebhookDelivery, 'id'>[]): Promise<void>;
  /** Newest first; the log keeps at most the last 1000 attempts per endpoint. */
  listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
}
