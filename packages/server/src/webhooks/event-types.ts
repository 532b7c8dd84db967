import { AUDITED_TYPES } from '../audit/event-catalogue.js';

/**
 * Every event type an endpoint may name, sorted: the audit trail's (docs/audit.md; the catalogue is keyed by
 * the lifecycle event types, so a new type fails to compile until it is catalogued).
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [...AUDITED_TYPES].sort();

/** The `prefix.*` patterns that match at least one type (`secret.*`, `alert.*`, …), sorted. */
export const WEBHOOK_EVENT_PATTERNS: readonly string[] = [
  ...new Set(WEBHOOK_EVENT_TYPES.map((type) => `${type.slice(0, type.indexOf('.'))}.*`)),
].sort();

/** Whether `name` is a type, a `prefix.*` pattern matching some type, or `*`. */
export function isWebhookEventName(name: string): boolean {
  return name === '*' || WEBHOOK_EVENT_TYPES.includes(name) || WEBHOOK_EVENT_PATTERNS.includes(name);
}
