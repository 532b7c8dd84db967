import type { AuditQuery, AuditRecord } from './audit-types.js';

/** Whether a record's type is one of `types` (exact, or a `prefix.*` pattern); `*` matches every type. */
export function matchesType(type: string, types: readonly string[]): boolean {
  return types.some((t) => t === '*' || t === type || (t.endsWith('.*') && type.startsWith(t.slice(0, -1))));
}

/** The actor filter's value for a record: the actor's id, or its type for `anonymous` and `system`. */
export const actorKey = (record: Pick<AuditRecord, 'actor'>): string => record.actor.id ?? record.actor.type;

/** Every filter of `query` but paging (`after`, `limit`, `order`), for the memory backend and tests. */
export function matchesAuditQuery(record: AuditRecord, query: AuditQuery): boolean {
  if (record.org !== query.org) return false;
  if (query.types !== undefined && query.types.length > 0 && !matchesType(record.type, query.types))
    return false;
  if (query.actor !== undefined && actorKey(record) !== query.actor) return false;
  if (query.since !== undefined && record.at < query.since) return false;
  if (query.until !== undefined && record.at >= query.until) return false;
  return true;
}
