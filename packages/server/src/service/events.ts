/**
 * Lifecycle events: what the secret service tells subscribers (metrics, the audit trail — which webhooks and
 * syslog follow — and alerts) after a step has COMMITTED in the SecretStore. An event carries the secret id,
 * the time, who asked (`caller`, when a request did) and what the step knows (views left, attempts left, file
 * index) — never a token, verifier, receipt, key or content.
 */

export type ActorType = 'user' | 'api_key' | 'anonymous' | 'system';

/** Who did something: a person (user id), an API key (key id), an anonymous client, or the server itself. */
export interface Actor {
  type: ActorType;
  /** User id or key id; null for `anonymous` and `system`. */
  id: string | null;
}

/**
 * The request behind a step, as the routes know it: the actor, the organisation it acted in (null when
 * anonymous) and the client address (kept in the audit trail only with `BURNLINK_AUDIT_IPS=on`).
 */
export interface Caller {
  actor: Actor;
  orgId: string | null;
  ip: string | null;
}

/** `{ caller }` when there is one: events leave the field out rather than carry `undefined`. */
export const withCaller = (caller: Caller | undefined): { caller?: Caller } =>
  caller === undefined ? {} : { caller };

export type LifecycleEvent =
  | {
      type: 'secret.created';
      secretId: string;
      at: number;
      files: number;
      expiresAt: number;
      maxViews: number;
      caller?: Caller;
    }
  | { type: 'secret.viewed'; secretId: string; at: number; viewsLeft: number; files: number; caller?: Caller }
  | { type: 'secret.burned'; secretId: string; at: number; caller?: Caller }
  | { type: 'secret.expired'; secretId: string; at: number }
  | { type: 'secret.locked'; secretId: string; at: number; caller?: Caller }
  | { type: 'secret.claim_failed'; secretId: string; at: number; attemptsLeft: number; caller?: Caller }
  /** A restriction refused a claim or a code request before anything was consumed (docs/policies.md). */
  | { type: 'secret.claim_refused'; secretId: string; at: number; reason: RefusalReason; caller?: Caller }
  /** A verification code was mailed to one of the secret's recipients (which one and the code are not kept). */
  | { type: 'secret.verification_sent'; secretId: string; at: number; caller?: Caller }
  /** A create broke its organisation's policy: `rule` is the OrgPolicy field. Nothing was stored. */
  | { type: 'policy.violated'; at: number; orgId: string; rule: string; caller?: Caller }
  | { type: 'file.downloaded'; secretId: string; at: number; file: number; caller?: Caller }
  | {
      type: 'upload.cancelled';
      secretId: string;
      at: number;
      reason: 'cancelled' | 'too_large';
      caller?: Caller;
    }
  /** Bytes that went into a file's upload (recorded) or out of a download, for throughput metrics. */
  | {
      type: 'file.bytes';
      secretId: string;
      at: number;
      file: number;
      direction: 'upload' | 'download';
      bytes: number;
    }
  | RequestEvent
  | IdentityEvent
  | GuardEvent;

/**
 * Requests for a secret (docs/api.md "Requests"). `requestId` is also the id of the response, an ordinary
 * secret (whose own events — claimed, burned, expired — follow as `secret.*`). `orgId` is the organisation
 * that asked (null: anonymous).
 */
export type RequestEvent =
  | {
      type: 'request.created';
      requestId: string;
      at: number;
      orgId: string | null;
      expiresAt: number;
      caller?: Caller;
    }
  /** The one response was stored; `expiresAt` is when it expires unread. */
  | {
      type: 'request.answered';
      requestId: string;
      at: number;
      orgId: string | null;
      files: number;
      expiresAt: number;
      caller?: Caller;
    }
  /** Burned by the requester (inbox token or receipt): waiting, or with its unread response. */
  | { type: 'request.burned'; requestId: string; at: number; orgId: string | null; caller?: Caller }
  /** The sweeper found it waiting past its expiry. */
  | { type: 'request.expired'; requestId: string; at: number; orgId: string | null };

/**
 * Refusals that protect the service (issue 13), for alerts and the trail: a rate-limit bucket that tripped
 * and an upload refused by the per-address byte budget. `ip` is the client address (alerts count per
 * address; the trail keeps it only with `BURNLINK_AUDIT_IPS=on`).
 */
/** Why a restriction refused: the error code the client got. */
export type RefusalReason =
  | 'recipient_verification_required'
  | 'verification_code_invalid'
  | 'outside_office_hours'
  | 'network_not_allowed'
  | 'country_not_allowed'
  | 'key_claim_disabled';

export type GuardEvent =
  | { type: 'rate_limit.tripped'; at: number; bucket: string; ip: string; caller?: Caller }
  | { type: 'upload.quota_refused'; at: number; ip: string; secretId: string | null; caller?: Caller }
  | {
      type: 'webhook.created' | 'webhook.deleted' | 'webhook.enabled';
      at: number;
      orgId: string;
      webhookId: string;
      caller?: Caller;
    }
  | { type: 'webhook.disabled'; at: number; orgId: string; webhookId: string; reason: string }
  | AlertEvent;

/** The kinds of `BURNLINK_ALERTS`; each raises `alert.<kind>`. */
export type AlertKind =
  | 'failed_claims_per_secret'
  | 'failed_claims_per_address'
  | 'lockouts'
  | 'rate_limit_trips'
  | 'upload_quota_refusals'
  | 'webhook_disabled';

/**
 * A threshold crossed: `count` events of the kind within `windowMs`, about one secret, address or endpoint
 * (`key`; an address only as the trail may keep it). `orgId` is the organisation concerned, or null (public).
 */
export interface AlertEvent {
  type: `alert.${AlertKind}`;
  at: number;
  orgId: string | null;
  key: { type: 'secret' | 'address' | 'webhook' | 'org'; id: string };
  count: number;
  windowMs: number;
}

/**
 * Identity events (issue 12), for the audit trail: who signed in or out, membership and role changes, keys.
 * `caller` is who did it (a person, an API key) and from where; without one the server or `burnlink admin`
 * did (actor `system`). Never a key, token, session id or email address.
 */
export type IdentityEvent =
  | {
      type: 'session.signed_in';
      at: number;
      orgId: string;
      userId: string;
      method: 'passkey' | 'oidc';
      caller?: Caller;
    }
  | {
      type: 'session.sign_in_failed';
      at: number;
      method: 'passkey' | 'oidc';
      reason: string;
      caller?: Caller;
    }
  | {
      type: 'session.signed_out';
      at: number;
      orgId: string;
      userId: string;
      everywhere: boolean;
      caller?: Caller;
    }
  | { type: 'member.added'; at: number; orgId: string; userId: string; role: string; caller?: Caller }
  | { type: 'member.removed'; at: number; orgId: string; userId: string; caller?: Caller }
  | {
      type: 'member.role_changed';
      at: number;
      orgId: string;
      userId: string;
      from: string;
      to: string;
      caller?: Caller;
    }
  | {
      type: 'invite.created';
      at: number;
      orgId: string;
      inviteId: string;
      role: string;
      caller?: Caller;
    }
  | { type: 'key.created'; at: number; orgId: string; keyId: string; scopes: string[]; caller?: Caller }
  | { type: 'key.revoked'; at: number; orgId: string; keyId: string; caller?: Caller }
  | {
      type: 'key.shortened';
      at: number;
      orgId: string;
      keyId: string;
      expiresAt: number;
      caller?: Caller;
    }
  | { type: 'passkey.added'; at: number; userId: string; passkeyId: string; caller?: Caller }
  | { type: 'passkey.removed'; at: number; userId: string; passkeyId: string; caller?: Caller }
  | { type: 'team.created'; at: number; orgId: string; teamId: string; caller?: Caller }
  | { type: 'team.deleted'; at: number; orgId: string; teamId: string; caller?: Caller }
  | {
      type: 'team.member_added' | 'team.member_removed';
      at: number;
      orgId: string;
      teamId: string;
      userId: string;
      caller?: Caller;
    }
  /** The organisation's policy was replaced (`PUT /api/v1/org/policy`). */
  | { type: 'policy.updated'; at: number; orgId: string; caller?: Caller }
  /** Custom domains (docs/domains.md): added, removed, verified by DNS, its record gone missing, suspended. */
  | {
      type: 'domain.added' | 'domain.removed' | 'domain.verified' | 'domain.reactivated';
      at: number;
      orgId: string;
      domainId: string;
      name: string;
      caller?: Caller;
    }
  | { type: 'domain.record_missing'; at: number; orgId: string; domainId: string; name: string }
  | {
      type: 'domain.suspended';
      at: number;
      orgId: string;
      domainId: string;
      name: string;
      missingSince: number;
    }
  /** The organisation's branding or logo was set or removed. */
  | { type: 'branding.updated'; at: number; orgId: string; caller?: Caller };

export type LifecycleEventType = LifecycleEvent['type'];
export type EventOf<T extends LifecycleEventType> = Extract<LifecycleEvent, { type: T }>;
type Handler<T extends LifecycleEventType> = (event: EventOf<T>) => void | Promise<void>;

/**
 * A typed in-process event bus. `emit` never throws and never waits: each handler runs in its own microtask
 * after the step that emitted, so a subscriber can neither change nor delay an outcome. A handler that throws
 * (or rejects) is reported to `onError` — which logs the event type only — and ignored.
 *
 * @example
 * const events = new LifecycleEvents((error, type) => log.warn({ type }, 'subscriber failed'));
 * events.on('secret.viewed', (event) => metrics.claimed.inc());
 */
export class LifecycleEvents {
  readonly #handlers = new Map<LifecycleEventType, Handler<LifecycleEventType>[]>();
  readonly #onError: (error: unknown, type: LifecycleEventType) => void;

  constructor(onError: (error: unknown, type: LifecycleEventType) => void = () => {}) {
    this.#onError = onError;
  }

  /** Subscribes to one event type; returns a function that unsubscribes. */
  on<T extends LifecycleEventType>(type: T, handler: Handler<T>): () => void {
    const list = this.#handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<LifecycleEventType>);
    this.#handlers.set(type, list);
    return () => {
      const current = this.#handlers.get(type) ?? [];
      this.#handlers.set(
        type,
        current.filter((h) => h !== (handler as unknown)),
      );
    };
  }

  emit(event: LifecycleEvent): void {
    const handlers = this.#handlers.get(event.type);
    if (!handlers || handlers.length === 0) return;
    // Frozen: one subscriber cannot change what the next one sees (emitters hand over a fresh object).
    const frozen = Object.freeze(event);
    for (const handler of handlers) {
      queueMicrotask(() => {
        try {
          const result = handler(frozen as never);
          if (result instanceof Promise) result.catch((error: unknown) => this.#report(error, event.type));
        } catch (error) {
          this.#report(error, event.type);
        }
      });
    }
  }

  #report(error: unknown, type: LifecycleEventType): void {
    try {
      this.#onError(error, type);
    } catch {
      // A failing reporter must not break the emitter either.
    }
  }
}
