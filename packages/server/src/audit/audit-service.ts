import type { AccountsStore } from '../accounts/accounts-store.js';
import { type Principal, requireScope } from '../auth/principal.js';
import type { ServerConfig } from '../config.js';
import type { LifecycleEvents } from '../service/events.js';
import type { AuditStore } from './audit-store.js';
import type { AuditQuery, AuditRecord } from './audit-types.js';
import { AuditRecorder } from './recorder.js';

/** The filters of a listing or an export: everything of `AuditQuery` but the organisation (the caller's). */
export type AuditFilters = Omit<AuditQuery, 'org' | 'after' | 'limit' | 'order'> & {
  order?: 'asc' | 'desc' | undefined;
};

/** Records per store read of an export. */
export const EXPORT_PAGE = 500;
/** Records pruned at most per sweep, so that a large backlog is worked off over several sweeps. */
export const PRUNE_PER_SWEEP = 10_000;

/**
 * Reading the audit trail (docs/audit.md): an organisation's records for a caller holding `audit:read` in
 * it, page by page or as a whole export. Also where followers of the trail (syslog, webhooks) learn at once
 * that records were stored in this process (`onAppended`).
 */
export class AuditService {
  readonly #store: AuditStore;
  readonly #recorder: AuditRecorder | null;
  readonly #retentionMs: number;
  readonly #now: () => number;

  constructor(deps: {
    store: AuditStore;
    recorder: AuditRecorder | null;
    /** `BURNLINK_AUDIT_RETENTION`. */
    retentionMs: number;
    now: () => number;
  }) {
    this.#store = deps.store;
    this.#recorder = deps.recorder;
    this.#retentionMs = deps.retentionMs;
    this.#now = deps.now;
  }

  /** The store of the trail (followers read it from their cursors). */
  get store(): AuditStore {
    return this.#store;
  }

  /** Whether events are being recorded (`BURNLINK_AUDIT` is on). */
  get recording(): boolean {
    return this.#recorder !== null;
  }

  /**
   * One page of the caller's organisation's records; `next` is the last id of a full page (pass it as
   * `after`), null on the last page.
   */
  async list(
    principal: Principal,
    query: AuditFilters & { after?: number | undefined; limit: number },
  ): Promise<{ records: AuditRecord[]; next: number | null }> {
    requireScope(principal, 'audit:read');
    const records = await this.#store.listAudit({ ...query, org: principal.orgId });
    const last = records.at(-1);
    return { records, next: records.length === query.limit && last !== undefined ? last.id : null };
  }

  /** Every record of the caller's organisation that matches, read page by page (the scope checked first). */
  export(principal: Principal, filters: AuditFilters): AsyncIterable<AuditRecord[]> {
    requireScope(principal, 'audit:read');
    return pages(this.#store, principal.orgId, filters);
  }

  /**
   * Retention (the periodic sweep): deletes records older than `BURNLINK_AUDIT_RETENTION`, at most
   * `PRUNE_PER_SWEEP`, leaving each organisation's newest record and a checkpoint. Answers how many went.
   */
  prune(): Promise<number> {
    const now = this.#now();
    return this.#store.pruneAudit(now - this.#retentionMs, now, PRUNE_PER_SWEEP);
  }

  /** Calls `listener` with records as this process stores them; a no-op when nothing is recorded. */
  onAppended(listener: (records: AuditRecord[]) => void): () => void {
    return this.#recorder?.onAppended(listener) ?? (() => {});
  }

  /** Resolves once the events emitted so far are stored (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#recorder?.flush();
  }

  /** Stops recording after storing what is queued (the app's onClose, before the stores close). */
  async close(): Promise<void> {
    this.#recorder?.stop();
    await this.#recorder?.flush();
  }
}

/**
 * The app's audit trail: a recorder on `events` when `config.audit.enabled` (`BURNLINK_AUDIT`), writing to
 * the accounts store's trail, and the service that reads it.
 */
/**
 * Events wait up to this long for others to share their append (bench/audit.js: batches of one event-loop
 * turn cost a transaction per handful of records); records reach the trail and its followers this much later.
 */
export const RECORD_LINGER_MS = 10;

export function createAuditService(deps: {
  config: ServerConfig;
  events: LifecycleEvents;
  accounts: AccountsStore;
  now: () => number;
  warn: (what: string, types: string[]) => void;
}): AuditService {
  const { config, events, accounts, warn, now } = deps;
  const store = accounts.audit;
  let recorder: AuditRecorder | null = null;
  if (config.audit.enabled) {
    recorder = new AuditRecorder({
      events,
      store,
      owners: async (secretIds) => {
        const owned = await accounts.ownersOf(secretIds);
        return new Map([...owned].map(([id, row]) => [id, row.orgId]));
      },
      ips: config.audit.ips,
      warn,
      lingerMs: RECORD_LINGER_MS,
    });
    recorder.start();
  }
  return new AuditService({ store, recorder, retentionMs: config.audit.retentionMs, now });
}

/** An organisation's matching records, page by page (`org` may be `PUBLIC_ORG`: the admin export). */
export async function* pages(
  store: AuditStore,
  org: string,
  filters: AuditFilters,
): AsyncIterable<AuditRecord[]> {
  let after: number | undefined;
  for (;;) {
    const page = await store.listAudit({ ...filters, org, after, limit: EXPORT_PAGE });
    if (page.length > 0) yield page;
    if (page.length < EXPORT_PAGE) return;
    after = page.at(-1)?.id;
  }
}
