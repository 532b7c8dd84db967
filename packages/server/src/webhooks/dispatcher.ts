import { randomUUID } from 'node:crypto';
import { matchesType } from '../audit/audit-query.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { Webhook, WebhookDelivery } from '../audit/audit-types.js';
import type { LifecycleEvents } from '../service/events.js';
import { SendAbortedError, type WebhookSender } from './deliver.js';
import { recordMessage } from './sign.js';

type Attempt = Awaited<ReturnType<WebhookSender['send']>>;

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
  #leaseUntil = 0;

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
      // Renewed when a third of it has passed, not at every nudge (each append nudges).
      if (!this.#leased || now() >= this.#leaseUntil - (leaseMs * 2) / 3) {
        const until = now() + leaseMs;
        this.#leased = await store.takeLease(DISPATCH_LEASE, this.#holder, until, now());
        if (this.#leased) this.#leaseUntil = until;
      }
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

  /**
   * Works one endpoint's line until it is caught up, fails, or is gone. The durable cursor moves, and the
   * page's attempts are logged, once per page of records (and before a failure is recorded), not per
   * delivery: a node killed mid-page delivers that page's delivered records again (at least once; receivers
   * dedupe by `webhook-id`).
   */
  async #runLine(id: string): Promise<void> {
    const { store, batch } = this.#o;
    while (!this.#stopped) {
      const endpoint = await store.getWebhook(id);
      if (endpoint === null || endpoint.disabledAt !== null) return;
      if (endpoint.failing !== null && endpoint.failing.nextAt > this.#o.now()) return;
      const records = await store.auditAfter(endpoint.cursor, batch);
      if (records.length === 0) return;
      const durable = endpoint.cursor;
      /** The last record dealt with: delivered, or not this endpoint's. */
      let cursor = durable;
      const attempts: Omit<WebhookDelivery, 'id'>[] = [];
      const settle = async () => {
        await store.logDeliveries(attempts.splice(0));
        return cursor === durable || (await store.advanceWebhook(id, durable, cursor));
      };
      for (const record of records) {
        if (this.#stopped) {
          await settle();
          return;
        }
        if (record.org !== endpoint.orgId || !matchesType(record.type, endpoint.events)) {
          cursor = record.id;
          continue;
        }
        const attempt = await this.#attempt(endpoint, record);
        if (attempt === null) {
          await settle();
          return;
        }
        attempts.push(attempt.logged);
        if (!attempt.ok) {
          // The records before it are done: settle them (which clears `failing`), then record the failure.
          if (!(await settle())) return;
          await this.#failed(endpoint, record, attempt);
          return;
        }
        cursor = record.id;
        endpoint.failing = null;
      }
      if (!(await settle())) return;
      if (records.length < batch) return;
    }
  }

  /** One attempt at a record, to be logged; null when the dispatcher is stopping (it does not count). */
  async #attempt(
    endpoint: Webhook,
    record: Parameters<typeof recordMessage>[0],
  ): Promise<(Attempt & { attempt: number; at: number; logged: Omit<WebhookDelivery, 'id'> }) | null> {
    const { sender, now } = this.#o;
    const message = recordMessage(record);
    const previous = endpoint.failing?.recordId === record.id ? endpoint.failing : null;
    const attempt = (previous?.attempts ?? 0) + 1;
    const at = now();
    let result: Attempt;
    try {
      result = await sender.send(endpoint.url, endpoint.secret, message, this.#abort.signal);
    } catch (error) {
      if (error instanceof SendAbortedError) return null;
      throw error;
    }
    const logged = {
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
    };
    return { ...result, attempt, at, logged };
  }

  /** A failed attempt at the head record: schedules the retry, or disables the endpoint after 24 h. */
  async #failed(
    endpoint: Webhook,
    record: { id: number },
    result: Attempt & { attempt: number; at: number },
  ): Promise<void> {
    const { store, now, events, disableAfterMs } = this.#o;
    const previous = endpoint.failing?.recordId === record.id ? endpoint.failing : null;
    const since = previous?.since ?? result.at;
    const failedAt = now();
    if (failedAt - since >= disableAfterMs) {
      const reason = `failing since ${new Date(since).toISOString()} (${result.attempt} attempts; last: ${result.error})`;
      if (await store.disableWebhook(endpoint.id, failedAt, reason)) {
        events.emit({
          type: 'webhook.disabled',
          at: failedAt,
          orgId: endpoint.orgId,
          webhookId: endpoint.id,
          reason,
        });
      }
      return;
    }
    await store.setWebhookFailing(endpoint.id, {
      recordId: record.id,
      since,
      attempts: result.attempt,
      nextAt: failedAt + retryDelay(result.attempt),
    });
  }
}
