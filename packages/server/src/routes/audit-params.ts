import type { ExportFormat } from '../audit/audit-export.js';
import type { AuditFilters } from '../audit/audit-service.js';
import { AUDITED_TYPES } from '../audit/event-catalogue.js';
import { ApiError } from '../errors.js';

export const AUDIT_LIMIT = { default: 100, max: 500 };

const LIST_PARAMS = ['after', 'limit', 'order', 'type', 'actor', 'since', 'until'] as const;
const EXPORT_PARAMS = ['format', 'order', 'type', 'actor', 'since', 'until'] as const;
/** `secret.*`, `member.*`, … : the prefixes of the catalogued types. */
const PREFIXES = [...new Set(AUDITED_TYPES.map((type) => `${type.slice(0, type.indexOf('.'))}.*`))];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const ACTOR = /^[A-Za-z0-9_-]{1,64}$/;

const bad = (message: string) => new ApiError('invalid_request', message);

/** `GET /api/v1/audit`'s query string, checked: each mistake answers 400 naming the parameter and what is allowed. */
export function listParams(query: unknown): AuditFilters & { after?: number; limit: number } {
  const q = strings(query, LIST_PARAMS);
  const limit = q.limit === undefined ? AUDIT_LIMIT.default : integer('limit', q.limit, 1, AUDIT_LIMIT.max);
  const after = q.after === undefined ? undefined : integer('after', q.after, 0, Number.MAX_SAFE_INTEGER);
  return { ...filters(q), limit, ...(after === undefined ? {} : { after }) };
}

/** `GET /api/v1/audit/export`'s query string, checked. */
export function exportParams(query: unknown): AuditFilters & { format: ExportFormat } {
  const q = strings(query, EXPORT_PARAMS);
  const format = q.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw bad('format must be jsonl or csv.');
  return { ...filters(q), format };
}

function strings<K extends string>(query: unknown, allowed: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!(allowed as readonly string[]).includes(name)) {
      const shown = /^[a-z_]{1,20}$/.test(name) ? `"${name}"` : 'a parameter';
      throw bad(`Unknown query parameter ${shown}; allowed: ${allowed.join(', ')}.`);
    }
    if (typeof value !== 'string') throw bad(`${name} is given more than once; give it once.`);
    out[name as K] = value;
  }
  return out;
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw bad(
      `${name} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}.`,
    );
  }
  return value;
}

function filters(q: Partial<Record<'order' | 'type' | 'actor' | 'since' | 'until', string>>): AuditFilters {
  const out: AuditFilters = {};
  if (q.order !== undefined) {
    if (q.order !== 'asc' && q.order !== 'desc') throw bad('order must be asc or desc.');
    out.order = q.order;
  }
  if (q.type !== undefined) out.types = types(q.type);
  if (q.actor !== undefined) {
    if (!ACTOR.test(q.actor)) throw bad('actor must be a user id, an API key id, anonymous or system.');
    out.actor = q.actor;
  }
  if (q.since !== undefined) out.since = time('since', q.since);
  if (q.until !== undefined) out.until = time('until', q.until);
  if (out.since !== undefined && out.until !== undefined && out.since >= out.until)
    throw bad('since must be before until.');
  return out;
}

function types(text: string): string[] {
  const list = text.split(',').map((t) => t.trim());
  if (list.length > 50) throw bad('type takes at most 50 types or patterns.');
  for (const type of list) {
    if (type === '*' || PREFIXES.includes(type) || (AUDITED_TYPES as string[]).includes(type)) continue;
    const shown = /^[a-z_.*]{1,60}$/.test(type) ? `"${type}"` : 'a value';
    throw bad(
      `type has ${shown}, which is not an event type: give types from docs/audit.md (secret.viewed, member.added, …) or patterns (${PREFIXES.join(', ')}), separated by commas.`,
    );
  }
  return list;
}

function time(name: string, text: string): number {
  const ms = ISO_8601.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw bad(`${name} must be an ISO 8601 time, like 2026-12-04T10:00:00Z.`);
  return ms;
}
