import type { AccountsStore } from '../accounts/accounts-store.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { ServerConfig } from '../config.js';
import type { LifecycleEvents } from '../service/events.js';
import { WebhookSender } from './deliver.js';
import { WebhookDispatcher } from './dispatcher.js';
import type { Resolver } from './target-guard.js';
import { WebhookService } from './webhook-service.js';

/** Test knobs: a short delivery timeout, a poll interval, a resolver, a shorter disable period. */
export interface WebhookOptions {
  timeoutMs?: number;
  pollMs?: number;
  resolve?: Resolver;
  disableAfterMs?: number;
  /** Start the dispatcher's poll (default: when the audit trail is on). Tests step it with `runOnce`. */
  autoStart?: boolean;
}

export interface Webhooks {
  service: WebhookService;
  dispatcher: WebhookDispatcher;
  /** The audit store both follow. */
  store: AuditStore;
  /** Stops the dispatcher and closes the kept-alive connections. */
  close(): Promise<void>;
}

/**
 * The webhook service for the routes and the dispatcher that follows the trail (started here when the audit
 * trail is on; `BURNLINK_AUDIT=off` stops webhooks with it). The caller stops the dispatcher on close.
 */
export function startWebhooks(deps: {
  config: ServerConfig;
  store: AccountsStore;
  events: LifecycleEvents;
  now: () => number;
  warn: (what: string, error: unknown) => void;
  timeoutMs?: number;
  pollMs?: number;
  resolve?: Resolver;
  disableAfterMs?: number;
  autoStart?: boolean;
}): Webhooks {
  const { config, events, now, warn } = deps;
  const store = deps.store.audit;
  const allowPrivate = config.audit.webhookAllowPrivate;
  const resolve = deps.resolve ? { resolve: deps.resolve } : {};
  const sender = new WebhookSender({
    allowPrivate,
    now,
    ...resolve,
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  });
  const dispatcher = new WebhookDispatcher({
    store,
    sender,
    events,
    now,
    warn,
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    ...(deps.disableAfterMs === undefined ? {} : { disableAfterMs: deps.disableAfterMs }),
  });
  const service = new WebhookService({
    store,
    sender,
    events,
    now,
    allowPrivate,
    ...resolve,
    nudge: () => dispatcher.nudge(),
  });
  if (deps.autoStart ?? config.audit.enabled) dispatcher.start();
  const close = async () => {
    await dispatcher.stop();
    sender.close();
  };
  return { service, dispatcher, store, close };
}
