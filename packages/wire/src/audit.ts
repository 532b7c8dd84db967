import { type Static, Type } from 'typebox';
import { IsoTime } from './formats.js';

// The audit trail (docs/audit.md): reading it (`audit:read`) and exporting it.

const Text = (description: string) => Type.String({ maxLength: 1000, description });

/** Filters shared by the listing and the export; every value is text, checked by the server with clear errors. */
const filters = {
  order: Type.Optional(Text('`asc` (default, oldest first) or `desc` (newest first)')),
  type: Type.Optional(
    Text(
      'Comma-separated event types or `prefix.*` patterns (`secret.*,member.added`); docs/audit.md lists them',
    ),
  ),
  actor: Type.Optional(Text('A user id, an API key id, `anonymous` or `system`')),
  since: Type.Optional(Text('ISO 8601 time: records at or after it')),
  until: Type.Optional(Text('ISO 8601 time: records before it')),
};

export const AuditListQuery = Type.Object({
  after: Type.Optional(
    Text('A record id: the page after it, in the listing order (the `next` of the previous page)'),
  ),
  limit: Type.Optional(Text('Records per page: 1 to 500, default 100')),
  ...filters,
});
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditExportQuery = Type.Object({
  format: Type.Optional(Text('`jsonl` (default: JSON Lines) or `csv`')),
  ...filters,
});
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditActor = Type.Object(
  {
    type: Type.Union([
      Type.Literal('user'),
      Type.Literal('api_key'),
      Type.Literal('anonymous'),
      Type.Literal('system'),
    ]),
    id: Type.Union([Type.Null(), Type.String()], {
      description: 'User id or key id; null for anonymous and system',
    }),
  },
  { additionalProperties: false },
);

export const AuditSubject = Type.Object(
  {
    type: Type.Union([
      Type.Literal('secret'),
      Type.Literal('key'),
      Type.Literal('member'),
      Type.Literal('invite'),
      Type.Literal('team'),
      Type.Literal('passkey'),
      Type.Literal('session'),
      Type.Literal('webhook'),
      Type.Literal('domain'),
      Type.Literal('address'),
      Type.Literal('org'),
    ]),
    id: Type.String(),
  },
  { additionalProperties: false },
);

export const AuditEvent = Type.Object(
  {
    id: Type.Integer({ minimum: 1, description: 'Global, increasing in the order records were stored' }),
    at: IsoTime('When the step happened'),
    type: Type.String({ description: 'The event type (docs/audit.md, the event catalogue)' }),
    org: Type.String({ description: 'Organisation id, or `public` for anonymous secrets' }),
    actor: AuditActor,
    subject: Type.Union([Type.Null(), AuditSubject]),
    outcome: Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('refused')]),
    details: Type.Object(
      {},
      {
        additionalProperties: Type.Union([
          Type.String(),
          Type.Number(),
          Type.Boolean(),
          Type.Array(Type.String()),
        ]),
        description: 'Views left, attempts left, file index, role, …: never a secret value',
      },
    ),
    ip: Type.Union([Type.Null(), Type.String()], {
      description: 'The client address, only with BURNLINK_AUDIT_IPS=on',
    }),
    prev_hash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: "The hash of the organisation's previous record",
    }),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256(prev_hash || canonical JSON)' }),
  },
  { additionalProperties: false },
);
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditListReply = Type.Object(
  {
    events: Type.Array(AuditEvent),
    next: Type.Union([Type.Null(), Type.Integer()], {
      description: 'Pass as `after` for the next page; null on the last page',
    }),
  },
  { additionalProperties: false },
);
export type AuditListReply = Static<typeof AuditListReply>;
