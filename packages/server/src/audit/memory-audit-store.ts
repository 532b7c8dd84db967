import { AccountsConflictError } from '../accounts/accounts-store.js';
import { matchesAuditQuery } from './audit-query.js';
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

const copy = <T>(value: T): T => structuredClone(value);
const DELIVERY_LOG_LIMIT = 1000;

/** The audit store in memory (tests, `memory:` installs): the same contract as the SQL backends. */
export class MemoryAuditStore implements AuditStore {
  readonly #records: AuditRecord[] = [];
  readonly #heads = new Map<string, AuditHead>();
  readonly #checkpoints = new Map<string, AuditCheckpoint>();
  readonly #cursors = new Map<string, number>();
  readonly #leases = new Map<string, { holder: string; until: number }>();
  readonly #webhooks = new Map<string, Webhook>();
  readonly #deliveries = new Map<string, WebhookDelivery[]>();
  #nextId = 1;
  #nextDeliveryId = 1;

  async appendAudit(drafts: AuditDraft[]): Promise<AuditRecord[]> {
    const heads = new Map([...this.#heads].map(([org, head]) => [org, head.hash]));
    const records = chainDrafts(drafts, this.#nextId, heads);
    this.#nextId += records.length;
    for (const record of records) {
      this.#records.push(record);
      this.#heads.set(record.org, { org: record.org, id: record.id, hash: record.hash });
    }
    return copy(records);
  }

  async listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const desc = query.order === 'desc';
    const ordered = desc ? [...this.#records].reverse() : this.#records;
    const out: AuditRecord[] = [];
    for (const record of ordered) {
      if (out.length >= query.limit) break;
      if (query.after !== undefined && (desc ? record.id >= query.after : record.id <= query.after)) continue;
      if (matchesAuditQuery(record, query)) out.push(record);
    }
    return copy(out);
  }

  async auditAfter(afterId: number, limit: number): Promise<AuditRecord[]> {
    return copy(this.#records.filter((r) => r.id > afterId).slice(0, limit));
  }

  async auditHead(org: string): Promise<AuditHead | null> {
    return copy(this.#heads.get(org) ?? null);
  }

  async auditCheckpoint(org: string): Promise<AuditCheckpoint | null> {
    return copy(this.#checkpoints.get(org) ?? null);
  }

  async auditOrgs(): Promise<string[]> {
    return [...new Set([...this.#heads.keys(), ...this.#checkpoints.keys()])].sort();
  }

  async pruneAudit(before: number, now: number, limit: number): Promise<number> {
    let pruned = 0;
    // Organisation by organisation (sorted), each chain's oldest records up to the first one young enough to
    // keep, never the head: pruning only a prefix leaves a chain that still verifies from the checkpoint.
    for (const org of [...this.#heads.keys()].sort()) {
      const headId = this.#heads.get(org)?.id;
      const gone = new Set<number>();
      let last: AuditRecord | undefined;
      for (const record of this.#records) {
        if (pruned + gone.size >= limit) break;
        if (record.org !== org) continue;
        if (record.id === headId || record.at >= before) break;
        gone.add(record.id);
        last = record;
      }
      if (last === undefined) continue;
      const previous = this.#checkpoints.get(org);
      this.#checkpoints.set(org, {
        org,
        id: last.id,
        hash: last.hash,
        at: now,
        pruned: (previous?.pruned ?? 0) + gone.size,
      });
      pruned += gone.size;
      for (let i = this.#records.length - 1; i >= 0; i--) {
        if (gone.has(this.#records[i]!.id)) this.#records.splice(i, 1);
      }
    }
    return pruned;
  }

  async getCursor(name: string): Promise<number> {
    return this.#cursors.get(name) ?? 0;
  }

  async moveCursor(name: string, from: number, to: number): Promise<boolean> {
    if ((this.#cursors.get(name) ?? 0) !== from) return false;
    this.#cursors.set(name, to);
    return true;
  }

  async takeLease(name: string, holder: string, until: number, now: number): Promise<boolean> {
    const lease = this.#leases.get(name);
    if (lease !== undefined && lease.holder !== holder && lease.until > now) return false;
    this.#leases.set(name, { holder, until });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.#leases.get(name)?.holder === holder) this.#leases.delete(name);
  }

  async createWebhook(webhook: Webhook): Promise<void> {
    if (this.#webhooks.has(webhook.id)) throw new AccountsConflictError('id');
    this.#webhooks.set(webhook.id, copy(webhook));
  }

  async getWebhook(id: string): Promise<Webhook | null> {
    return copy(this.#webhooks.get(id) ?? null);
  }

  async listWebhooks(orgId: string): Promise<Webhook[]> {
    return copy([...this.#webhooks.values()].filter((w) => w.orgId === orgId));
  }

  async activeWebhooks(): Promise<Webhook[]> {
    return copy([...this.#webhooks.values()].filter((w) => w.disabledAt === null));
  }

  async deleteWebhook(orgId: string, id: string): Promise<boolean> {
    if (this.#webhooks.get(id)?.orgId !== orgId) return false;
    this.#webhooks.delete(id);
    this.#deliveries.delete(id);
    return true;
  }

  async advanceWebhook(id: string, from: number, to: number): Promise<boolean> {
    const webhook = this.#webhooks.get(id);
    if (webhook === undefined || webhook.cursor !== from) return false;
    webhook.cursor = to;
    webhook.failing = null;
    return true;
  }

  async setWebhookFailing(id: string, failing: WebhookFailing | null): Promise<void> {
    const webhook = this.#webhooks.get(id);
    if (webhook !== undefined) webhook.failing = copy(failing);
  }

  async disableWebhook(id: string, at: number, reason: string): Promise<boolean> {
    const webhook = this.#webhooks.get(id);
    if (webhook === undefined || webhook.disabledAt !== null) return false;
    webhook.disabledAt = at;
    webhook.disabledReason = reason;
    return true;
  }

  async enableWebhook(id: string): Promise<boolean> {
    const webhook = this.#webhooks.get(id);
    if (webhook === undefined || webhook.disabledAt === null) return false;
    webhook.disabledAt = null;
    webhook.disabledReason = null;
    webhook.failing = null;
    return true;
  }

  async logDelivery(delivery: Omit<WebhookDelivery, 'id'>): Promise<WebhookDelivery> {
    const stored = {
      ...copy(delivery),
      durationMs: Math.round(delivery.durationMs),
      id: this.#nextDeliveryId++,
    };
    const log = this.#deliveries.get(delivery.webhookId) ?? [];
    log.push(stored);
    if (log.length > DELIVERY_LOG_LIMIT) log.splice(0, log.length - DELIVERY_LOG_LIMIT);
    this.#deliveries.set(delivery.webhookId, log);
    return copy(stored);
  }

  async logDeliveries(deliveries: Omit<WebhookDelivery, 'id'>[]): Promise<void> {
    for (const delivery of deliveries) await this.logDelivery(delivery);
  }

  async listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    return copy([...(this.#deliveries.get(webhookId) ?? [])].reverse().slice(0, limit));
  }
}
