import type { Row } from '../accounts/accounts-rows.js';
import type {
  AuditCheckpoint,
  AuditDetail,
  AuditQuery,
  AuditRecord,
  AuditSubject,
  Webhook,
  WebhookDelivery,
  WebhookFailing,
} from './audit-types.js';

/**
 * Rows of the SQL audit backends to records, and the listing's SQL. Both backends name their columns alike;
 * PostgreSQL answers bigints as strings and booleans as booleans, SQLite numbers and 0 / 1: the mappers read
 * either.
 */

const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
const bool = (value: unknown) => value === true || value === 1;

export function toAuditRecord(row: Row): AuditRecord {
  return {
    id: num(row.id),
    at: num(row.at),
    type: String(row.type),
    org: String(row.org),
    actor: { type: String(row.actor_type) as AuditRecord['actor']['type'], id: strOrNull(row.actor_id) },
    subject:
      row.subject_type === null || row.subject_type === undefined
        ? null
        : { type: String(row.subject_type) as AuditSubject['type'], id: String(row.subject_id) },
    outcome: String(row.outcome) as AuditRecord['outcome'],
    details: JSON.parse(String(row.details)) as Record<string, AuditDetail>,
    ip: strOrNull(row.ip),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/** A record's column values, in the order of `AUDIT_COLUMNS`. */
export function auditValues(record: AuditRecord): unknown[] {
  return [
    record.id,
    record.at,
    record.type,
    record.org,
    record.actor.type,
    record.actor.id,
    record.subject?.type ?? null,
    record.subject?.id ?? null,
    record.outcome,
    JSON.stringify(record.details),
    record.ip,
    record.prevHash,
    record.hash,
  ];
}

export const AUDIT_COLUMNS = [
  'id',
  'at',
  'type',
  'org',
  'actor_type',
  'actor_id',
  'subject_type',
  'subject_id',
  'outcome',
  'details',
  'ip',
  'prev_hash',
  'hash',
] as const;

export function toCheckpoint(row: Row): AuditCheckpoint {
  return {
    org: String(row.org),
    id: num(row.id),
    hash: String(row.hash),
    at: num(row.at),
    pruned: num(row.pruned),
  };
}

/** `events`: a JSON array (SQLite) or an array (PostgreSQL); `failing`: JSON text or null. */
export function toWebhook(row: Row): Webhook {
  const events = Array.isArray(row.events)
    ? row.events.map(String)
    : (JSON.parse(String(row.events)) as string[]);
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    url: String(row.url),
    events,
    description: String(row.description),
    secret: String(row.secret),
    createdAt: num(row.created_at),
    createdBy: strOrNull(row.created_by),
    disabledAt: numOrNull(row.disabled_at),
    disabledReason: strOrNull(row.disabled_reason),
    cursor: num(row.cursor),
    failing: row.failing === null || row.failing === undefined ? null : toFailing(String(row.failing)),
  };
}

function toFailing(text: string): WebhookFailing {
  const parsed = JSON.parse(text) as WebhookFailing;
  return {
    recordId: num(parsed.recordId),
    since: num(parsed.since),
    attempts: num(parsed.attempts),
    nextAt: num(parsed.nextAt),
  };
}

/** `failing` as stored: JSON text of its four fields, or null. */
export function failingText(failing: WebhookFailing | null): string | null {
  if (failing === null) return null;
  const { recordId, since, attempts, nextAt } = failing;
  return JSON.stringify({ recordId, since, attempts, nextAt });
}

export function toDelivery(row: Row): WebhookDelivery {
  return {
    id: num(row.id),
    webhookId: String(row.webhook_id),
    messageId: String(row.message_id),
    recordId: numOrNull(row.record_id),
    type: String(row.type),
    at: num(row.at),
    attempt: num(row.attempt),
    status: numOrNull(row.status),
    ok: bool(row.ok),
    error: strOrNull(row.error),
    durationMs: num(row.duration_ms),
  };
}

/** The dialect bits the listing's SQL differs by. */
export interface ListDialect {
  /** The audit records table. */
  table: string;
  /** Adds a value and answers its placeholder (`?`, `$3`). */
  param: (value: unknown) => string;
  /** A condition: `type` is one of these exact types (one value: the list). */
  typeIn: (types: string[]) => string;
}

/**
 * The SQL of one `listAudit` (the WHERE clause, ordering and limit). A `prefix.*` pattern becomes the byte
 * range `type >= 'prefix.' AND type < 'prefix/'` (`/` follows `.`), which the `(org, type, id)` index serves;
 * `*` matches every type. The actor filter is the actor's id, or its type when it has none (`anonymous`,
 * `system`), as `actorKey` in `audit-query.ts`.
 */
export function auditListSql(query: AuditQuery, d: ListDialect): string {
  const desc = query.order === 'desc';
  const where = [`org = ${d.param(query.org)}`];
  if (query.after !== undefined) where.push(`id ${desc ? '<' : '>'} ${d.param(query.after)}`);
  const types = query.types ?? [];
  if (types.length > 0 && !types.includes('*')) {
    const exact = types.filter((t) => !t.endsWith('.*'));
    const ranges = [...new Set(types.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1)))];
    const any: string[] = [];
    if (exact.length > 0) any.push(d.typeIn(exact));
    for (const prefix of ranges) {
      any.push(`(type >= ${d.param(prefix)} AND type < ${d.param(`${prefix.slice(0, -1)}/`)})`);
    }
    where.push(`(${any.join(' OR ')})`);
  }
  if (query.actor !== undefined) where.push(`coalesce(actor_id, actor_type) = ${d.param(query.actor)}`);
  if (query.since !== undefined) where.push(`at >= ${d.param(query.since)}`);
  if (query.until !== undefined) where.push(`at < ${d.param(query.until)}`);
  const limit = d.param(Math.max(0, Math.floor(query.limit)));
  return `SELECT * FROM ${d.table} WHERE ${where.join(' AND ')} ORDER BY id ${desc ? 'DESC' : 'ASC'} LIMIT ${limit}`;
}
