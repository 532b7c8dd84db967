import type { Actor } from '../service/events.js';

export type { Actor, ActorType } from '../service/events.js';

/** The built-in organisation of anonymous secrets (and of events no organisation owns), so every install has a trail. */
export const PUBLIC_ORG = 'public';

/** The `prevHash` of an organisation's first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a record is about: a secret, a key, a member, … (`type` names the kind; `id` is its id, never a secret value). */
export interface AuditSubject {
  type:
    | 'secret'
    | 'key'
    | 'member'
    | 'invite'
    | 'team'
    | 'passkey'
    | 'session'
    | 'webhook'
    | 'domain'
    | 'address'
    | 'org';
  id: string;
}

export type AuditOutcome = 'ok' | 'failed' | 'refused';

/** A detail value: numbers (views left, attempts left, file index), short strings, flags, lists of names. */
export type AuditDetail = string | number | boolean | string[];

/**
 * A record before the store numbers and chains it. Never holds content, a token, a key, a receipt or a
 * passphrase; `ip` only when `BURNLINK_AUDIT_IPS=on` (the recorder drops it otherwise).
 */
export interface AuditDraft {
  /** ms since the epoch: when the step committed. */
  at: number;
  /** The event type (`secret.viewed`, `member.added`, `alert.lockouts`, …): see docs/audit.md. */
  type: string;
  /** Organisation id, or `PUBLIC_ORG`. */
  org: string;
  actor: Actor;
  subject: AuditSubject | null;
  outcome: AuditOutcome;
  /** `{}` when there is nothing more to say. Keys are snake_case. */
  details: Record<string, AuditDetail>;
  ip: string | null;
}

/**
 * A stored record. `id` is global and strictly increasing in commit order (a reader that has seen id N never
 * later finds a new record below N). `hash = SHA-256(prevHash || canonicalJson(record without prevHash and
 * hash))` as lower-case hex, chained per organisation (`chain.ts`).
 */
export interface AuditRecord extends AuditDraft {
  id: number;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  org: string;
  /** Beyond this id in the listing's order (exclusive): the `next` of the previous page. */
  after?: number | undefined;
  limit: number;
  /** `asc` (default) oldest first; `desc` newest first. */
  order?: 'asc' | 'desc' | undefined;
  /** Exact types, or prefixes ending in `.*` (`secret.*`); any of them. */
  types?: string[] | undefined;
  /** The actor's id (user id or key id), or `anonymous` / `system` for those actor types. */
  actor?: string | undefined;
  /** `at >= since` */
  since?: number | undefined;
  /** `at < until` */
  until?: number | undefined;
}

/** The last record of an organisation's chain. */
export interface AuditHead {
  org: string;
  id: number;
  hash: string;
}

/**
 * What retention leaves of the records it pruned: the last pruned record's id and hash, so a later verify
 * starts there (the first remaining record's `prevHash` must equal `hash`).
 */
export interface AuditCheckpoint {
  org: string;
  id: number;
  hash: string;
  /** When the prune ran. */
  at: number;
  /** How many records have been pruned in all. */
  pruned: number;
}

/** A registered webhook endpoint of an organisation (Standard Webhooks). */
export interface Webhook {
  id: string;
  orgId: string;
  url: string;
  /** Event types or `prefix.*` patterns, or `['*']` for every event of the organisation. */
  events: string[];
  description: string;
  /**
   * The signing secret (`whsec_` + base64 of 24+ random bytes). Stored as is: signing needs it. Shown once,
   * at creation; never listed, logged or audited.
   */
  secret: string;
  createdAt: number;
  /** The user (or key) that registered it; null for the admin command. */
  createdBy: string | null;
  /** Null while active; when it was disabled after persistent failure (or by hand). */
  disabledAt: number | null;
  disabledReason: string | null;
  /** The id of the last audit record this endpoint has dealt with (delivered, or not matching its events). */
  cursor: number;
  /** The retry state of the record at the head of its line, or null when nothing is failing. */
  failing: WebhookFailing | null;
}

export interface WebhookFailing {
  /** The audit record being retried. */
  recordId: number;
  /** When its first attempt failed: after 24 h of failures the endpoint is disabled. */
  since: number;
  attempts: number;
  /** Not before this time. */
  nextAt: number;
}

/** One attempt to deliver to an endpoint (its delivery log). */
export interface WebhookDelivery {
  /** Assigned by the store, increasing. */
  id: number;
  webhookId: string;
  /** The Standard Webhooks `webhook-id` (`msg_<audit id>`, or `msg_test_…` for a test). */
  messageId: string;
  /** The audit record delivered, or null for a test delivery. */
  recordId: number | null;
  type: string;
  at: number;
  attempt: number;
  /** The HTTP status answered, or null when no answer came (refused, timeout, DNS). */
  status: number | null;
  ok: boolean;
  /** Why it failed, in a few words (`timeout after 10s`, `HTTP 500`, `private address refused`); null when ok. */
  error: string | null;
  durationMs: number;
}
