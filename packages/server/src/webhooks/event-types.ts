import { DEFAULT_ALERTS } from '../config-audit.js';
import type { LifecycleEventType } from '../service/events.js';

/**
 * The event types an endpoint may subscribe to: every type of the audit trail (docs/audit.md). Keyed by the
 * lifecycle event types so that a new event type fails to compile until it is listed here; `file.bytes` (a
 * throughput measure, never recorded) is not one.
 */
const SUBSCRIBABLE: Record<Exclude<LifecycleEventType, 'file.bytes' | `alert.${string}`>, true> = {
  'secret.created': true,
  'secret.viewed': true,
  'secret.burned': true,
  'secret.expired': true,
  'secret.locked': true,
  'secret.claim_failed': true,
  'file.downloaded': true,
  'upload.cancelled': true,
  'session.signed_in': true,
  'session.sign_in_failed': true,
  'session.signed_out': true,
  'member.added': true,
  'member.removed': true,
  'member.role_changed': true,
  'invite.created': true,
  'key.created': true,
  'key.revoked': true,
  'key.shortened': true,
  'passkey.added': true,
  'passkey.removed': true,
  'team.created': true,
  'team.deleted': true,
  'team.member_added': true,
  'team.member_removed': true,
  'rate_limit.tripped': true,
  'upload.quota_refused': true,
  'webhook.created': true,
  'webhook.deleted': true,
  'webhook.enabled': true,
  'webhook.disabled': true,
};

/** Every event type an endpoint may name, sorted. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  ...Object.keys(SUBSCRIBABLE),
  ...Object.keys(DEFAULT_ALERTS).map((kind) => `alert.${kind}`),
].sort();

/** The `prefix.*` patterns that match at least one type (`secret.*`, `alert.*`, …), sorted. */
export const WEBHOOK_EVENT_PATTERNS: readonly string[] = [
  ...new Set(WEBHOOK_EVENT_TYPES.map((type) => `${type.slice(0, type.indexOf('.'))}.*`)),
].sort();

/** Whether `name` is a type, a `prefix.*` pattern matching some type, or `*`. */
export function isWebhookEventName(name: string): boolean {
  return name === '*' || WEBHOOK_EVENT_TYPES.includes(name) || WEBHOOK_EVENT_PATTERNS.includes(name);
}
