import type { AuditStore } from '../audit/audit-store.js';
import type { Webhook, WebhookDelivery } from '../audit/audit-types.js';
import { type Principal, requireScope } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { Caller, LifecycleEvents } from '../service/events.js';
import { newRandomId } from '../tokens.js';
import type { WebhookSender } from './deliver.js';
import { isWebhookEventName, WEBHOOK_EVENT_PATTERNS, WEBHOOK_EVENT_TYPES } from './event-types.js';
import { newWebhookSecret, testMessage } from './sign.js';
import {
  checkTarget,
  InvalidTargetUrlError,
  parseTargetUrl,
  type Resolver,
  TargetRefusedError,
  urlHost,
} from './target-guard.js';

/** At most this many endpoints per organisation. */
export const MAX_WEBHOOKS = 20;
export const MAX_EVENTS = 50;
export const MAX_DESCRIPTION = 200;

export interface WebhookServiceDeps {
  store: AuditStore;
  sender: WebhookSender;
  events: LifecycleEvents;
  now: () => number;
  /** `BURNLINK_WEBHOOK_ALLOW_PRIVATE`. */
  allowPrivate: boolean;
  /** Name resolution for the registration check (default: the system's). */
  resolve?: Resolver;
  /** Told when an endpoint is created or re-enabled, so its line starts at once. */
  nudge?: () => void;
}

export interface CreateWebhookRequest {
  url: string;
  events: string[];
  description?: string | undefined;
}

/** The caller of a change, for the event it emits (the audit trail records it). */
function callerOf(principal: Principal, ip: string | null): Caller {
  const actor =
    principal.via === 'api_key' && principal.key !== null
      ? { type: 'api_key' as const, id: principal.key.id }
      : { type: 'user' as const, id: principal.userId };
  return { actor, orgId: principal.orgId, ip };
}

/**
 * The webhook endpoints of an organisation (docs/webhooks.md): register, list, delete, test, re-enable and
 * read the delivery log. Every method needs `webhooks:manage` and reaches the caller's organisation only.
 * The signing secret is answered once, by `create`. Changes are emitted as `webhook.*` events.
 */
export class WebhookService {
  readonly #d: WebhookServiceDeps;

  constructor(deps: WebhookServiceDeps) {
    this.#d = deps;
  }

  async create(
    principal: Principal,
    request: CreateWebhookRequest,
    ip: string | null,
  ): Promise<{ webhook: Webhook; secret: string }> {
    requireScope(principal, 'webhooks:manage');
    const { store, now, events } = this.#d;
    const url = await this.#checkUrl(request.url);
    const names = checkEvents(request.events);
    const description = (request.description ?? '').trim();
    if (description.length > MAX_DESCRIPTION) {
      throw new ApiError('invalid_request', `description must be at most ${MAX_DESCRIPTION} characters.`);
    }
    const existing = await store.listWebhooks(principal.orgId);
    if (existing.length >= MAX_WEBHOOKS) {
      throw new ApiError(
        'too_many_webhooks',
        `This organisation has ${existing.length} webhook endpoints, the most it may have; delete one first.`,
      );
    }
    // A new endpoint starts at its organisation's last record: it receives what happens from now on.
    const head = (await store.auditHead(principal.orgId))?.id ?? 0;
    const webhook: Webhook = {
      id: newRandomId(),
      orgId: principal.orgId,
      url,
      events: names,
      description,
      secret: newWebhookSecret(),
      createdAt: now(),
      createdBy: principal.userId ?? principal.key?.id ?? null,
      disabledAt: null,
      disabledReason: null,
      cursor: head,
      failing: null,
    };
    await store.createWebhook(webhook);
    events.emit({
      type: 'webhook.created',
      at: webhook.createdAt,
      orgId: webhook.orgId,
      webhookId: webhook.id,
      caller: callerOf(principal, ip),
    });
    this.#d.nudge?.();
    return { webhook, secret: webhook.secret };
  }

  async list(principal: Principal): Promise<Webhook[]> {
    requireScope(principal, 'webhooks:manage');
    return this.#d.store.listWebhooks(principal.orgId);
  }

  async delete(principal: Principal, id: string, ip: string | null): Promise<void> {
    requireScope(principal, 'webhooks:manage');
    if (!(await this.#d.store.deleteWebhook(principal.orgId, id))) throw new ApiError('webhook_not_found');
    this.#d.events.emit({
      type: 'webhook.deleted',
      at: this.#d.now(),
      orgId: principal.orgId,
      webhookId: id,
      caller: callerOf(principal, ip),
    });
  }

  /** Sends `webhook.test` now and logs the attempt; answers it (the endpoint's line is not touched). */
  async test(principal: Principal, id: string): Promise<WebhookDelivery> {
    const webhook = await this.#get(principal, id);
    const { sender, store, now } = this.#d;
    const at = now();
    const message = testMessage(webhook.id, webhook.orgId, at);
    const result = await sender.send(webhook.url, webhook.secret, message);
    return store.logDelivery({
      webhookId: webhook.id,
      messageId: message.id,
      recordId: null,
      type: message.type,
      at,
      attempt: 1,
      status: result.status,
      ok: result.ok,
      error: result.error,
      durationMs: result.durationMs,
    });
  }

  /** Re-enables a disabled endpoint: it resumes with the record it stopped at (a no-op when active). */
  async enable(principal: Principal, id: string, ip: string | null): Promise<Webhook> {
    const webhook = await this.#get(principal, id);
    if (webhook.disabledAt !== null && (await this.#d.store.enableWebhook(id))) {
      this.#d.events.emit({
        type: 'webhook.enabled',
        at: this.#d.now(),
        orgId: principal.orgId,
        webhookId: id,
        caller: callerOf(principal, ip),
      });
      this.#d.nudge?.();
    }
    return this.#get(principal, id);
  }

  async deliveries(principal: Principal, id: string, limit: number): Promise<WebhookDelivery[]> {
    await this.#get(principal, id);
    return this.#d.store.listDeliveries(id, limit);
  }

  async #get(principal: Principal, id: string): Promise<Webhook> {
    requireScope(principal, 'webhooks:manage');
    const webhook = await this.#d.store.getWebhook(id);
    if (webhook === null || webhook.orgId !== principal.orgId) throw new ApiError('webhook_not_found');
    return webhook;
  }

  async #checkUrl(text: string): Promise<string> {
    let url: URL;
    try {
      url = parseTargetUrl(text);
    } catch (error) {
      if (error instanceof InvalidTargetUrlError) throw new ApiError('invalid_request', error.message);
      throw error;
    }
    try {
      await checkTarget(urlHost(url), {
        allowPrivate: this.#d.allowPrivate,
        ...(this.#d.resolve ? { resolve: this.#d.resolve } : {}),
      });
    } catch (error) {
      if (error instanceof TargetRefusedError) {
        throw new ApiError('webhook_target_refused', `url refused: ${error.message}`);
      }
      throw new ApiError(
        'webhook_target_refused',
        `url refused: ${urlHost(url)} does not resolve; register an endpoint that does.`,
      );
    }
    return url.href;
  }
}

function checkEvents(names: string[]): string[] {
  if (names.length === 0 || names.length > MAX_EVENTS) {
    throw new ApiError('invalid_request', `events must list 1 to ${MAX_EVENTS} event types or patterns.`);
  }
  const unknown = names.filter((name) => !isWebhookEventName(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'invalid_request',
      `events has unknown event types: ${unknown.slice(0, 5).join(', ')}. Use "*", a pattern ` +
        `(${WEBHOOK_EVENT_PATTERNS.join(', ')}) or a type: ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
    );
  }
  return [...new Set(names)];
}
