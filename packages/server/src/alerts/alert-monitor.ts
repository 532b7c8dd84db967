import { normalizeIP } from '@fastify/rate-limit';
import { PUBLIC_ORG } from '../audit/audit-types.js';
import type { AlertThresholds } from '../config-audit.js';
import type { AlertEvent, AlertKind, Caller, LifecycleEvents } from '../service/events.js';

/** How many (kind, key) pairs are tracked at most; past it the least recently counted one is forgotten. */
export const MAX_TRACKED_KEYS = 10_000;

export interface AlertMonitorOptions {
  /** The bus to watch, and to emit `alert.*` into (the audit trail, and so webhooks and syslog, follow it). */
  events: LifecycleEvents;
  /** `BURNLINK_ALERTS`: a kind set to null is not counted. */
  thresholds: AlertThresholds;
  /** Clock in ms since the epoch; defaults to `Date.now`. */
  now?: () => number;
  /** Bound on the keys tracked (memory); default `MAX_TRACKED_KEYS`. */
  maxKeys?: number;
  /**
   * The organisation that owns a secret (the accounts store's owned secrets), or null for an anonymous one.
   * Asked once per lockout and once per alert about a secret, never per failed claim. Without it, the org of
   * the event's caller stands in.
   */
  ownerOf?: (secretId: string) => Promise<string | null>;
}

type AlertKey = AlertEvent['key'];

interface Tracked {
  /** When the most recent events of this key happened, oldest first: at most the threshold's count. */
  hits: number[];
  /** No alert for this key before then (the window of the last one). */
  quietUntil: number;
}

/**
 * Counts suspicious events in a sliding window per key and raises ONE `alert.<kind>` event when a threshold of
 * `BURNLINK_ALERTS` is reached, then stays quiet for that key until the window has passed (docs/alerts.md):
 *
 * | kind                        | counts                                  | key                                   |
 * | --------------------------- | --------------------------------------- | ------------------------------------- |
 * | `failed_claims_per_secret`  | `secret.claim_failed`, wrong codes (1)  | the secret                            |
 * | `failed_claims_per_address` | the same, with an address               | the client address                    |
 * | `lockouts`                  | `secret.locked`                         | the secret's organisation             |
 * | `rate_limit_trips`          | `rate_limit.tripped`                    | the address                           |
 * | `upload_quota_refusals`     | `upload.quota_refused`                  | the address                           |
 * | `webhook_disabled`          | `webhook.disabled`                      | the endpoint                          |
 *
 * (1) `secret.claim_refused` with reason `verification_code_invalid`: a wrong recipient verification code.
 *
 * An alert names the organisation concerned (`orgId`): the secret's owner for a secret or a lockout, the
 * endpoint's for a webhook, the caller's for an address; null for the public organisation (anonymous secrets
 * and callers). Addresses are grouped as the rate limits group them (IPv6 by /64). Counts live in this
 * process's memory: each node counts what it served. At most `maxKeys` keys are tracked — the least recently
 * counted one is forgotten first — so a flood of addresses costs bounded memory (each key holds at most its
 * threshold's count of times). A subscriber like the others: it never changes an outcome.
 *
 * @example
 * const monitor = new AlertMonitor({ events, thresholds: config.audit.alerts, now }).start();
 * app.addHook('onClose', async () => monitor.stop());
 */
export class AlertMonitor {
  readonly #events: LifecycleEvents;
  readonly #thresholds: AlertThresholds;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #ownerOf: ((secretId: string) => Promise<string | null>) | null;
  /** In order of last count: the first is the least recently counted (Map keeps insertion order). */
  readonly #tracked = new Map<string, Tracked>();
  #unsubscribe: (() => void)[] = [];

  constructor(options: AlertMonitorOptions) {
    this.#events = options.events;
    this.#thresholds = options.thresholds;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = Math.max(1, options.maxKeys ?? MAX_TRACKED_KEYS);
    this.#ownerOf = options.ownerOf ?? null;
  }

  /** Subscribes to the events of the kinds that are on; returns this. */
  start(): this {
    if (this.#unsubscribe.length > 0) return this;
    const events = this.#events;
    const on = (kind: AlertKind) => this.#thresholds[kind] !== null;
    const subscriptions: (() => void)[] = [];
    if (on('failed_claims_per_secret') || on('failed_claims_per_address')) {
      const failed = async (event: { secretId: string; caller?: Caller | undefined }) => {
        const address = addressOf(event.caller?.ip);
        if (address !== null)
          this.#raise(this.#count('failed_claims_per_address', address), orgOf(event.caller));
        const alert = this.#count('failed_claims_per_secret', { type: 'secret', id: event.secretId });
        if (alert !== null) this.#raise(alert, await this.#secretOrg(event.secretId, event.caller));
      };
      subscriptions.push(
        events.on('secret.claim_failed', failed),
        // A wrong verification code is a failed guess too (docs/policies.md).
        events.on('secret.claim_refused', async (event) => {
          if (event.reason === 'verification_code_invalid') await failed(event);
        }),
      );
    }
    if (on('lockouts')) {
      subscriptions.push(
        events.on('secret.locked', async (event) => {
          const orgId = await this.#secretOrg(event.secretId, event.caller);
          this.#raise(this.#count('lockouts', { type: 'org', id: orgId ?? PUBLIC_ORG }), orgId);
        }),
      );
    }
    if (on('rate_limit_trips')) {
      subscriptions.push(
        events.on('rate_limit.tripped', (event) => {
          const address = addressOf(event.ip);
          if (address !== null) this.#raise(this.#count('rate_limit_trips', address), orgOf(event.caller));
        }),
      );
    }
    if (on('upload_quota_refusals')) {
      subscriptions.push(
        events.on('upload.quota_refused', (event) => {
          const address = addressOf(event.ip);
          if (address !== null) {
            this.#raise(this.#count('upload_quota_refusals', address), orgOf(event.caller));
          }
        }),
      );
    }
    if (on('webhook_disabled')) {
      subscriptions.push(
        events.on('webhook.disabled', (event) =>
          this.#raise(this.#count('webhook_disabled', { type: 'webhook', id: event.webhookId }), event.orgId),
        ),
      );
    }
    this.#unsubscribe = subscriptions;
    return this;
  }

  /** Unsubscribes and forgets every count. */
  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#tracked.clear();
  }

  /** How many keys are tracked now (at most `maxKeys`). */
  get trackedKeys(): number {
    return this.#tracked.size;
  }

  /** Counts one event of `kind` about `key` now: the alert to raise when that reaches the threshold, else null. */
  #count(kind: AlertKind, key: AlertKey): Omit<AlertEvent, 'orgId'> | null {
    const threshold = this.#thresholds[kind];
    if (threshold === null) return null;
    const at = this.#now();
    const id = `${kind} ${key.type} ${key.id}`;
    const tracked = this.#tracked.get(id) ?? { hits: [], quietUntil: 0 };
    // Re-inserted last: the Map's first entry stays the least recently counted, the one to forget.
    this.#tracked.delete(id);
    this.#tracked.set(id, tracked);
    if (this.#tracked.size > this.#maxKeys) {
      const oldest = this.#tracked.keys().next().value;
      if (oldest !== undefined) this.#tracked.delete(oldest);
    }

    const since = at - threshold.windowMs;
    const hits = tracked.hits.filter((hit) => hit > since);
    hits.push(at);
    // Only the last `count` times can decide whether `count` fall within a window.
    if (hits.length > threshold.count) hits.splice(0, hits.length - threshold.count);
    tracked.hits = hits;
    if (hits.length < threshold.count || at < tracked.quietUntil) return null;
    tracked.quietUntil = at + threshold.windowMs;
    return { type: `alert.${kind}`, at, key, count: hits.length, windowMs: threshold.windowMs };
  }

  #raise(alert: Omit<AlertEvent, 'orgId'> | null, orgId: string | null): void {
    if (alert !== null) this.#events.emit({ ...alert, orgId });
  }

  /** The organisation that owns the secret, else (no owner lookup, or it failed) the caller's. */
  async #secretOrg(secretId: string, caller: Caller | undefined): Promise<string | null> {
    if (this.#ownerOf === null) return orgOf(caller);
    return this.#ownerOf(secretId).catch(() => orgOf(caller));
  }
}

/** The organisation the caller acted in, when the event says (null: anonymous or unknown). */
const orgOf = (caller: Caller | undefined): string | null => caller?.orgId ?? null;

/** The client address as the rate limits count it (IPv6 by /64), or null when the event has none. */
function addressOf(ip: string | null | undefined): AlertKey | null {
  if (ip === null || ip === undefined || ip === '') return null;
  return { type: 'address', id: normalizeIP(ip, 64) };
}
