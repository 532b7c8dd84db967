import { randomUUID } from 'node:crypto';
import { matchesType } from '../audit/audit-query.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { Webhook } from '../audit/audit-types.js';
import type { LifecycleEvents } from '../service/events.js';
import { SendAbortedError, type WebhookSender } from './deliver.js';
import { recordMessage } from './sign.js';

/** The lease that makes one node the dispatcher. */
export const DISPATCH_LEASE = 'webhooks';

/** Wait before retry `n` (1-based): 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every 2 h. */
export const RETRY_SCHEDULE_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000];

/** An endpoint failing this long (since the first failed attempt at its head record) is disabled. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;

export function retryDelay(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), RETRY_SCHEDULE_MS.length) - 1;
  return RETRY_SCHEDULE_MS[index] as number;
}

export interface DispatcherOptions {
  store: AuditStore;
  sender: WebhookSender;
  /** Where `webhook.disabled` is emitted (the trail and the alert monitor listen). */
  events: LifecycleEvents;
  now: () => number;
  /** Reports a failure of the dispatcher itself (a store error), never a delivery's: those go to the log. */
  warn: (what: string, error: unknown) => void;
  /** How often the trail is polled for new records when nobody nudges; default 1 s. */
  pollMs?: number;
  /** How long the lease lasts without renewal (each poll renews it); default 10 s. */
  leaseMs?: number;
  /** Records read per endpoint per step; default 100. */
  batch?: number;
  /** Failing this long disables an endpoint; default 24 h. */
  disableAfterMs?: number;
}

/**
 * Delivers the audit trail to the webhook endpoints (docs/webhooks.md). The outbox is the trail itself:
 * each endpoint keeps a durable cursor (the last record it dealt with) and a retry state in the store, so a
 * node killed at any point resumes where the store says — at least once; receivers dedupe by `webhook-id`.
 *
 * One node dispatches at a time (the `webhooks` lease). Each endpoint has its own line, worked by its own
 * task, so a slow or failing endpoint never holds up another: it reads its organisation's records after its
 * cursor, skips those its events do not match (moving the cursor past them), delivers the next one, and
 * only on success moves on. A failure keeps the record at the head and retries it on `RETRY_SCHEDULE_MS`;
 * after 24 h of failures the endpoint is disabled and `webhook.disabled` is emitted. Every attempt is logged
 * in the endpoint's delivery log.
 */
export class WebhookDispatcher {
  readonly #o: Required<DispatcherOptions>;
  readonly #holder = randomUUID();
  readonly #lines = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;
  #again = false;
  #started = false;
  #stopped = false;
  #leased = false;

  constructor(options: DispatcherOptions) {
    this.#o = {
      pollMs: 1_000,
      leaseMs: 10_000,
      batch: 100,
      disableAfterMs: DISABLE_AFTER_MS,
      ...options,
    };
  }

  /** Starts polling (the first step runs at once). */
  start(): void {
    if (this.#stopped) return;
    this.#started = true;
    this.nudge();
  }

  /** New records were appended (or an endpoint changed): step now rather than at the next poll. */
  nudge(): void {
    if (this.#stopped || !this.#started) return;
    if (this.#ticking !== null) {
      this.#again = true;
      return;
    }
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = null;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.nudge();
      } else {
        this.#timer = setTimeout(() => this.nudge(), this.#o.pollMs);
        this.#timer.unref();
      }
    });
  }

  /** Stops: aborts deliveries in flight (they are not counted and go again later), waits, frees the lease. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#ticking;
    await Promise.allSettled([...this.#lines.values()]);
    if (this.#leased) {
      await this.#o.store.releaseLease(DISPATCH_LEASE, this.#holder).catch(() => {});
    }
  }

  /** One step now, waiting for every line it started to finish (tests; the poll does the same). */
  async runOnce(): Promise<void> {
    await this.#ticking;
    await this.#tick();
    await Promise.allSettled([...this.#lines.values()]);
  }

  async #tick(): Promise<void> {
    const { store, now, leaseMs, warn } = this.#o;
    try {
      this.#leased = await store.takeLease(DISPATCH_LEASE, this.#holder, now() + leaseMs, now());
      if (!this.#leased) return;
      const endpoints = await store.activeWebhooks();
      for (const endpoint of endpoints) {
        if (this.#lines.has(endpoint.id)) continue;
        if (endpoint.failing !== null && endpoint.failing.nextAt > now()) continue;
        const line = this.#runLine(endpoint.id)
          .catch((error: unknown) => warn('webhook dispatch failed', error))
          .finally(() => this.#lines.delete(endpoint.id));
        this.#lines.set(endpoint.id, line);
      }
    } catch (error) {
      warn('webhook dispatch failed', error);
    }
  }

  /** Works one endpoint's line until it is caught up, fails, or is gone. */
  async #runLine(id: string): Promise<void> {
    const { store, batch } = this.#o;
    while (!this.#stopped) {
      const endpoint = await store.getWebhook(id);
      if (endpoint === null || endpoint.disabledAt !== null) return;
      if (endpoint.failing !== null && endpoint.failing.nextAt > this.#o.now()) return;
      const records = await store.auditAfter(endpoint.cursor, batch);
      if (records.length === 0) return;
      let cursor = endpoint.cursor;
      let skipped = cursor;
      for (const record of records) {
        if (this.#stopped) return;
        if (record.org !== endpoint.orgId || !matchesType(record.type, endpoint.events)) {
          skipped = record.id;
          continue;
        }
        if (skipped !== cursor) {
          if (!(await store.advanceWebhook(id, cursor, skipped))) return;
          cursor = skipped;
        }
        if ((await this.#deliver(endpoint, record)) !== true) return;
        if (!(await store.advanceWebhook(id, cursor, record.id))) return;
        cursor = record.id;
        skipped = cursor;
        endpoint.failing = null;
      }
      if (skipped !== cursor && !(await store.advanceWebhook(id, cursor, skipped))) return;
      if (records.length < batch) return;
    }
  }

  /**
   * One attempt at the head record: logs it; on failure, schedules the retry or disables the endpoint.
   * Answers whether it was delivered, or null when the dispatcher is stopping (the attempt does not count).
   */
  async #deliver(endpoint: Webhook, record: Parameters<typeof recordMessage>[0]): Promise<boolean | null> {
    const { store, sender, now, events, disableAfterMs } = this.#o;
    const message = recordMessage(record);
    const previous = endpoint.failing?.recordId === record.id ? endpoint.failing : null;
    const attempt = (previous?.attempts ?? 0) + 1;
    const at = now();
    let result: Awaited<ReturnType<WebhookSender['send']>>;
    try {
      result = await sender.send(endpoint.url, endpoint.secret, message, this.#abort.signal);
    } catch (error) {
      if (error instanceof SendAbortedError) return null;
      throw error;
    }
    await store.logDelivery({
      webhookId: endpoint.id,
      messageId: message.id,
      recordId: record.id,
      type: record.type,
      at,
      attempt,
      status: result.status,
      ok: result.ok,
      error: result.error,
      durationMs: result.durationMs,
    });
    if (result.ok) return true;
    const since = previous?.since ?? at;
    const failedAt = now();
    if (failedAt - since >= disableAfterMs) {
      const reason = `failing since ${new Date(since).toISOString()} (${attempt} attempts; last: ${result.error})`;
      if (await store.disableWebhook(endpoint.id, failedAt, reason)) {
        events.emit({
          type: 'webhook.disabled',
          at: failedAt,
          orgId: endpoint.orgId,
          webhookId: endpoint.id,
          reason,
        });
      }
      return false;
    }
    await store.setWebhookFailing(endpoint.id, {
      recordId: record.id,
      since,
      attempts: attempt,
      nextAt: failedAt + retryDelay(attempt),
    });
    return false;
  }
}
