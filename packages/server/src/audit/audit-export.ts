import type { AuditEvent } from '@burnlink/wire';
import type { AuditRecord } from './audit-types.js';

/** A record as the API, exports and webhooks show it (docs/audit.md): snake_case, times as ISO 8601. */
export function auditEventOf(record: AuditRecord): AuditEvent {
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    type: record.type,
    org: record.org,
    actor: { type: record.actor.type, id: record.actor.id },
    subject: record.subject === null ? null : { type: record.subject.type, id: record.subject.id },
    outcome: record.outcome,
    details: record.details,
    ip: record.ip,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

export type ExportFormat = 'jsonl' | 'csv';

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export const CSV_COLUMNS = [
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

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell that a spreadsheet would
 * take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'` first,
 * so opening an export never runs what a client put in a field.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

/** A record as one CSV line (CRLF), in `CSV_COLUMNS` order; details as JSON. */
export function csvLine(record: AuditRecord): string {
  const e = auditEventOf(record);
  const cells = [
    e.id,
    e.at,
    e.type,
    e.org,
    e.actor.type,
    e.actor.id,
    e.subject?.type ?? null,
    e.subject?.id ?? null,
    e.outcome,
    JSON.stringify(e.details),
    e.ip,
    e.prev_hash,
    e.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const jsonLine = (record: AuditRecord): string => `${JSON.stringify(auditEventOf(record))}\n`;

/** The export's text, chunk by chunk (one chunk per page), header first for CSV. */
export async function* exportText(
  pages: AsyncIterable<AuditRecord[]>,
  format: ExportFormat,
): AsyncIterable<string> {
  if (format === 'csv') yield csvHeader();
  const line = format === 'csv' ? csvLine : jsonLine;
  for await (const page of pages) yield page.map(line).join('');
}

/** `burnlink-audit-<org>-<YYYY-MM-DD>.<format>`. */
export function exportFilename(org: string, now: number, format: ExportFormat): string {
  const safe = org.replace(/[^A-Za-z0-9_-]/g, '_');
  return `burnlink-audit-${safe}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}
