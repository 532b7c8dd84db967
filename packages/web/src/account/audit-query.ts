import type { AccountText } from './account-i18n.js';
import type { AuditEvent, AuditOutcome } from './account-types.js';
import type { AccountKey } from './messages/en.js';

/**
 * The audit page's filters, as the address bar keeps them (`/audit?type=secret.*&actor=…&since=2026-12-01`)
 * and as the API and the export take them (docs/audit.md). Dates are the `<input type="date">` values
 * (`YYYY-MM-DD`, the person's own calendar day); the API gets the instants those days start and end.
 */
export interface AuditFilters {
  /** Comma-separated types or `prefix.*` patterns; '' for every type. */
  type: string;
  /** A user id, key id, `anonymous` or `system`; '' for anyone. */
  actor: string;
  /** First day shown, `YYYY-MM-DD`, or ''. */
  since: string;
  /** Last day shown (inclusive), `YYYY-MM-DD`, or ''. */
  until: string;
}

export const NO_FILTERS: AuditFilters = { type: '', actor: '', since: '', until: '' };

/** The type select's groups: a label and the patterns it stands for. */
export const TYPE_GROUPS: readonly { label: AccountKey; type: string }[] = [
  { label: 'auditGroupSecrets', type: 'secret.*,file.*,upload.*' },
  { label: 'auditGroupSignIns', type: 'session.*,passkey.*' },
  { label: 'auditGroupMembers', type: 'member.*,invite.*,team.*' },
  { label: 'auditGroupKeys', type: 'key.*' },
  { label: 'auditGroupWebhooks', type: 'webhook.*' },
  { label: 'auditGroupAlerts', type: 'alert.*' },
];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real day, else ''. */
function validDay(text: string | null): string {
  const match = DAY.exec(text ?? '');
  if (!match) return '';
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? text! : '';
}

/**
 * Type patterns as the API takes them: comma-separated, trimmed, no empty items, each made of the
 * characters event types use (`a-z`, `0-9`, `_`, `.`) with an optional trailing `*`. Anything else is dropped.
 */
export function normaliseTypes(text: string): string {
  return text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/.test(part))
    .join(',');
}

/** The filters in an address bar's query string (unknown or malformed values are ignored). */
export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  return {
    type: normaliseTypes(params.get('type') ?? ''),
    actor: (params.get('actor') ?? '').trim().slice(0, 100),
    since: validDay(params.get('since')),
    until: validDay(params.get('until')),
  };
}

/** The filters as a query string for the address bar: only those set, '' when none. */
export function filtersToSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of ['type', 'actor', 'since', 'until'] as const)
    if (filters[name]) params.set(name, filters[name]);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The instant a local calendar day starts, as ISO 8601. */
export function dayStart(day: string, offsetDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + offsetDays).toISOString();
}

/** The filters as the API's parameters: `since` the start of its day, `until` the end of its day. */
function filterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.since) params.set('since', dayStart(filters.since));
  if (filters.until) params.set('until', dayStart(filters.until, 1));
  return params;
}

/** `GET /api/v1/audit`'s parameters: newest first, a page of `limit` after `after` (a previous `next`). */
export function auditApiParams(filters: AuditFilters, after: number | null, limit = 50): URLSearchParams {
  const params = filterParams(filters);
  params.set('order', 'desc');
  params.set('limit', String(limit));
  if (after !== null) params.set('after', String(after));
  return params;
}

/** The export's parameters: everything the filters select, as JSON Lines or CSV (`auditExportUrl`). */
export function exportParams(filters: AuditFilters, format: 'jsonl' | 'csv'): URLSearchParams {
  const params = filterParams(filters);
  params.set('format', format);
  return params;
}

/** The group a type filter is, or 'custom' for any other patterns ('' for every type). */
export function typeChoice(type: string): string {
  if (!type) return '';
  return TYPE_GROUPS.some((group) => group.type === type) ? type : 'custom';
}

/** Whether the filters say "from a day after the last day" (nothing could match). */
export const daysReversed = (filters: AuditFilters): boolean =>
  Boolean(filters.since && filters.until && filters.since > filters.until);

/**
 * A record's details in a line: `views_left: 0, files: 2`, lists joined with spaces, the address last.
 * Values are shown as text (never markup).
 */
export function detailsText(event: Pick<AuditEvent, 'details' | 'ip'>): string {
  const parts = Object.entries(event.details ?? {}).map(([key, value]) => {
    const shown = Array.isArray(value)
      ? value.join(' ')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value);
    return `${key}: ${shown}`;
  });
  if (event.ip) parts.push(`ip: ${event.ip}`);
  return parts.join(', ');
}

/** Names the page knows, by id: the organisation's members (user ids) and the API keys it can list (key ids). */
export interface AuditNames {
  people: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, string>;
  /** The signed-in person's user id ("You"). */
  meId: string;
}

/** Who acted, in words: a member's name (or "You"), a key's name, else the id the record holds. */
export function actorText(actor: AuditEvent['actor'], names: AuditNames, { a }: AccountText): string {
  if (actor.type === 'anonymous') return a('actorAnonymous');
  if (actor.type === 'system') return a('actorSystem');
  const id = actor.id ?? '';
  if (actor.type === 'user') {
    if (id === names.meId) return a('you');
    return names.people.get(id) ?? a('actorUser', { id });
  }
  const key = names.keys.get(id);
  return key ? a('actorKeyNamed', { name: key }) : a('actorKey', { id });
}

const SUBJECT_LABELS: Record<string, AccountKey> = {
  secret: 'subjectSecret',
  key: 'subjectKey',
  member: 'subjectMember',
  invite: 'subjectInvite',
  team: 'subjectTeam',
  passkey: 'subjectPasskey',
  session: 'subjectSession',
  webhook: 'subjectWebhook',
  address: 'subjectAddress',
  org: 'subjectOrg',
};

/** What a record is about, in words: its kind and id (a member's or key's name when known); '—' for nothing. */
export function subjectText(subject: AuditEvent['subject'], names: AuditNames, { a }: AccountText): string {
  if (!subject) return '—';
  const label = SUBJECT_LABELS[subject.type];
  const known =
    subject.type === 'member'
      ? names.people.get(subject.id)
      : subject.type === 'key'
        ? names.keys.get(subject.id)
        : undefined;
  const what = known ?? subject.id;
  return label ? `${a(label)} ${what}` : `${subject.type} ${what}`;
}

export const OUTCOME_LABELS: Record<AuditOutcome, AccountKey> = {
  ok: 'outcomeOk',
  failed: 'outcomeFailed',
  refused: 'outcomeRefused',
};
