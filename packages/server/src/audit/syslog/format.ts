import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { SyslogFormat } from '../../config-audit.js';
import { auditEventOf } from '../audit-export.js';
import type { AuditRecord } from '../audit-types.js';

/**
 * RFC 5424 messages for the audit trail (docs/siem.md): `<PRI>1 TIMESTAMP HOSTNAME burnlink PROCID MSGID
 * [burnlink@32473 id="…" org="…" type="…" outcome="…"] MSG`, MSG being the record as JSON or as CEF. The
 * structured data carries the record id in both formats: the key a receiver deduplicates on (delivery is at
 * least once).
 */

/** Facility `authpriv` (10): security and authorisation messages, kept apart from the general log on most hosts. */
export const SYSLOG_FACILITY = 10;

/**
 * The SD-ID of the structured data. 32473 is the Private Enterprise Number reserved for documentation and
 * examples (RFC 5612); burnlink has none of its own.
 */
export const SD_ID = 'burnlink@32473';

export const APP_NAME = 'burnlink';

/** Where a message comes from: fixed per process. */
export interface SyslogOrigin {
  /** HOSTNAME: the node's host name (printable US-ASCII, at most 255 octets). */
  hostname: string;
  /** PROCID: the process id. */
  procId: string;
  /** The server's version, for the CEF header. */
  version: string;
}

/** This process: `os.hostname()`, its pid, and the server package's version. */
export function localOrigin(): SyslogOrigin {
  const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
  return { hostname: hostname(), procId: String(process.pid), version: pkg.version };
}

/** The syslog severity: `alert.*` warning (4), a failed or refused step notice (5), anything else info (6). */
export function syslogSeverity(record: Pick<AuditRecord, 'type' | 'outcome'>): 4 | 5 | 6 {
  if (record.type.startsWith('alert.')) return 4;
  return record.outcome === 'ok' ? 6 : 5;
}

/** The CEF severity (0–10): `alert.*` 8 (high), a failed or refused step 5 (medium), anything else 3 (low). */
export function cefSeverity(record: Pick<AuditRecord, 'type' | 'outcome'>): 3 | 5 | 8 {
  if (record.type.startsWith('alert.')) return 8;
  return record.outcome === 'ok' ? 3 : 5;
}

/**
 * A header field of RFC 5424 (HOSTNAME, APP-NAME, PROCID, MSGID): printable US-ASCII (33–126) only, at most
 * `max` octets; anything else becomes `_`, and an empty value the NILVALUE `-`.
 */
export function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

/**
 * An SD-PARAM value (RFC 5424 §6.3.3): `"`, `\` and `]` are escaped with a backslash. Control characters
 * (which would break the message's line for line-based receivers) are written as the text `\uXXXX`.
 */
export const sdValue = (value: string): string =>
  value
    .replace(/["\\\]]/g, (c) => `\\${c}`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
    .replace(/[\x00-\x1f\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * JSON with every character outside printable ASCII escaped as `\uXXXX`: the message is plain ASCII, needs no
 * BOM, and survives any receiver's charset handling and a UDP cut on any byte.
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** A CEF header field: `\` and `|` escaped with a backslash; line breaks (not allowed there) become spaces. */
export const cefHeader = (value: string): string =>
  value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');

/** A CEF extension value: `\` and `=` escaped with a backslash, line breaks written as `\n` / `\r`. */
export const cefValue = (value: string): string =>
  value.replace(/[\\=\r\n]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));

/** `secret.claim_failed` → `secret claim failed`: the CEF Name. */
const cefName = (type: string) => type.replace(/[._]/g, ' ');

/**
 * The CEF line of a record:
 * `CEF:0|burnlink|burnlink|VERSION|TYPE|NAME|SEVERITY|rt=… externalId=… cs1Label=org cs1=… outcome=… …`.
 * Extensions: `rt` (ms since the epoch), `externalId` (the record id), `cs1` org, `suid` the actor's id and
 * `cs2` its type, `cs3`/`cs4` the subject's type and id, `src` the client address, `msg` the details as JSON,
 * `cs5`/`cs6` the chain's previous hash and hash.
 */
export function cefMessage(record: AuditRecord, version: string): string {
  const ext: [string, string | null][] = [
    ['rt', String(record.at)],
    ['externalId', String(record.id)],
    ['cs1Label', 'org'],
    ['cs1', record.org],
    ['outcome', record.outcome],
    ['cs2Label', 'actor_type'],
    ['cs2', record.actor.type],
    ['suid', record.actor.id],
    ['cs3Label', 'subject_type'],
    ['cs3', record.subject?.type ?? null],
    ['cs4Label', 'subject_id'],
    ['cs4', record.subject?.id ?? null],
    ['src', record.ip],
    ['msg', JSON.stringify(record.details)],
    ['cs5Label', 'prev_hash'],
    ['cs5', record.prevHash],
    ['cs6Label', 'hash'],
    ['cs6', record.hash],
  ];
  const header = [
    'CEF:0',
    'burnlink',
    'burnlink',
    version,
    record.type,
    cefName(record.type),
    String(cefSeverity(record)),
  ];
  const extensions = ext
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}=${cefValue(value)}`)
    .join(' ');
  return `${header.map((field, i) => (i === 0 ? field : cefHeader(field))).join('|')}|${extensions}`;
}

/**
 * One RFC 5424 message for `record` (no framing: the transport adds it). Timestamps are UTC with
 * milliseconds; MSGID is the record type.
 *
 * @example
 * formatSyslog(record, 'json', localOrigin());
 * // <86>1 2026-12-04T10:00:00.000Z node1 burnlink 4242 secret.viewed [burnlink@32473 id="12" …] {"id":12,…}
 */
export function formatSyslog(record: AuditRecord, format: SyslogFormat, origin: SyslogOrigin): string {
  const pri = SYSLOG_FACILITY * 8 + syslogSeverity(record);
  const header = [
    `<${pri}>1`,
    new Date(record.at).toISOString(),
    headerField(origin.hostname, 255),
    APP_NAME,
    headerField(origin.procId, 128),
    headerField(record.type, 32),
  ].join(' ');
  const sd = `[${SD_ID} id="${record.id}" org="${sdValue(record.org)}" type="${sdValue(record.type)}" outcome="${record.outcome}"]`;
  const msg = format === 'json' ? asciiJson(auditEventOf(record)) : cefMessage(record, origin.version);
  return `${header} ${sd} ${msg}`;
}
