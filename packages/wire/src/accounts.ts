import { type Static, Type } from 'typebox';
import { Count, Id16, IsoTime } from './formats.js';
import { ReceiptState } from './receipts.js';

// Organisations, members, teams, invites, API keys and owned secrets (docs/teams.md, docs/api.md).

export const Scope = Type.Union(
  [
    Type.Literal('secrets:create'),
    Type.Literal('secrets:list'),
    Type.Literal('secrets:burn'),
    Type.Literal('audit:read'),
    Type.Literal('keys:manage'),
    Type.Literal('members:manage'),
    Type.Literal('policies:manage'),
    Type.Literal('webhooks:manage'),
    Type.Literal('domains:manage'),
  ],
  { description: 'A permission scope (docs/teams.md)' },
);
export type Scope = Static<typeof Scope>;

export const Role = Type.Union(
  [Type.Literal('owner'), Type.Literal('admin'), Type.Literal('auditor'), Type.Literal('member')],
  { description: 'A role in an organisation (docs/teams.md)' },
);
export type Role = Static<typeof Role>;

/** An API key's id: the 16 characters after `bl_`. */
export const KeyId = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' });
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const Email = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+$',
  description: 'An email address',
});
const Ref = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });
const Person = Type.Object(
  { id: Type.String(), email: Type.String(), name: Type.String() },
  { additionalProperties: false },
);

export const MeReply = Type.Object(
  {
    auth: Type.Union([Type.Literal('session'), Type.Literal('api_key')]),
    user: Type.Union([Type.Null(), Person], { description: 'Null for a key of the organisation' }),
    org: Ref,
    role: Type.Union([Type.Null(), Role]),
    scopes: Type.Array(Scope, { description: 'What this caller may do' }),
    reach: Type.Union([Type.Literal('own_and_team'), Type.Literal('org')], {
      description: 'Which secrets secrets:list and secrets:burn reach',
    }),
    teams: Type.Array(Ref),
    orgs: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), role: Role }, { additionalProperties: false }),
    ),
    key: Type.Union([
      Type.Null(),
      Type.Object(
        { id: KeyId, name: Type.String(), expires_at: IsoTime('When the key expires') },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);
export type MeReply = Static<typeof MeReply>;

export const CreateKeyBody = Type.Object(
  {
    name: Name('What the key is for'),
    scopes: Type.Array(Scope, { minItems: 1, maxItems: 8 }),
    expires_in: Type.Optional(
      Type.Integer({
        minimum: 60,
        description: 'Seconds until it expires (default 1 year, or the server maximum)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateKeyBody = Static<typeof CreateKeyBody>;

export const ApiKeyInfo = Type.Object(
  {
    id: KeyId,
    name: Type.String(),
    scopes: Type.Array(Scope),
    created_at: IsoTime('Created'),
    expires_at: IsoTime('Expires'),
    last_used_at: Type.Union([Type.Null(), IsoTime('Last used (to the hour)')]),
    revoked_at: Type.Union([Type.Null(), IsoTime('Revoked')]),
    state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
    created_by: Type.Union([Type.Null(), Person]),
  },
  { additionalProperties: false },
);
export type ApiKeyInfo = Static<typeof ApiKeyInfo>;

export const CreateKeyReply = Type.Object(
  {
    id: KeyId,
    key: Type.String({ description: 'The key, shown this once: bl_<id>_<secret>' }),
    name: Type.String(),
    scopes: Type.Array(Scope),
    created_at: IsoTime('Created'),
    expires_at: IsoTime('Expires'),
  },
  { additionalProperties: false },
);
export type CreateKeyReply = Static<typeof CreateKeyReply>;

export const KeyListReply = Type.Object({ keys: Type.Array(ApiKeyInfo) }, { additionalProperties: false });
export type KeyListReply = Static<typeof KeyListReply>;

export const KeyParams = Type.Object({ id: KeyId });
export const ShortenKeyBody = Type.Object(
  {
    expires_in: Type.Integer({ minimum: 0, description: 'Seconds from now; only moves the expiry earlier' }),
  },
  { additionalProperties: false },
);
export type ShortenKeyBody = Static<typeof ShortenKeyBody>;

export const ListScope = Type.Union([Type.Literal('own'), Type.Literal('team'), Type.Literal('org')]);
export type ListScope = Static<typeof ListScope>;

export const SecretListQuery = Type.Object(
  {
    scope: Type.Optional(ListScope),
    state: Type.Optional(ReceiptState),
    cursor: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: '`next` of the previous page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Default 50' })),
  },
  { additionalProperties: false },
);
export type SecretListQuery = Static<typeof SecretListQuery>;

export const OwnedSecretInfo = Type.Object(
  {
    id: Id16('Secret id'),
    state: ReceiptState,
    created_at: IsoTime('Created'),
    expires_at: IsoTime('Expires (or expired)'),
    max_views: Type.Union([Type.Null(), Count()]),
    views_left: Type.Union([Type.Null(), Count()]),
    viewed_at: Type.Array(IsoTime('One entry per view')),
    passphrase: Type.Union([Type.Null(), Type.Boolean()]),
    creator: Type.Union([Type.Null(), Person]),
    key: Type.Union([Type.Null(), Ref]),
    team: Type.Union([Type.Null(), Ref]),
  },
  { additionalProperties: false, description: 'Metadata only: never content, a link or a receipt' },
);
export type OwnedSecretInfo = Static<typeof OwnedSecretInfo>;

export const SecretListReply = Type.Object(
  {
    secrets: Type.Array(OwnedSecretInfo),
    next: Type.Union([Type.Null(), Type.String({ description: 'Pass as cursor for the next page' })]),
  },
  { additionalProperties: false },
);
export type SecretListReply = Static<typeof SecretListReply>;

export const MemberInfo = Type.Object(
  {
    user_id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Role,
    teams: Type.Array(Type.String({ description: 'Team id' })),
    joined_at: IsoTime('Joined'),
  },
  { additionalProperties: false },
);
export type MemberInfo = Static<typeof MemberInfo>;
export const MemberListReply = Type.Object(
  { members: Type.Array(MemberInfo) },
  { additionalProperties: false },
);
export type MemberListReply = Static<typeof MemberListReply>;
export const MemberParams = Type.Object({ user_id: Id16('User id') });
export const SetRoleBody = Type.Object({ role: Role }, { additionalProperties: false });
export type SetRoleBody = Static<typeof SetRoleBody>;

export const CreateInviteBody = Type.Object({ email: Email, role: Role }, { additionalProperties: false });
export type CreateInviteBody = Static<typeof CreateInviteBody>;
export const InviteInfo = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    role: Role,
    created_at: IsoTime('Created'),
    expires_at: IsoTime('Expires'),
  },
  { additionalProperties: false },
);
export type InviteInfo = Static<typeof InviteInfo>;
export const CreateInviteReply = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    role: Role,
    created_at: IsoTime('Created'),
    expires_at: IsoTime('Expires'),
    link: Type.String({ description: 'A one-time burnlink link whose secret is the join link; shown once' }),
  },
  { additionalProperties: false },
);
export type CreateInviteReply = Static<typeof CreateInviteReply>;
export const InviteListReply = Type.Object(
  { invites: Type.Array(InviteInfo) },
  { additionalProperties: false },
);
export type InviteListReply = Static<typeof InviteListReply>;
export const InviteParams = Type.Object({ id: Id16('Invite id') });

export const TeamInfo = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    members: Type.Array(Type.String({ description: 'User id' })),
    created_at: IsoTime('Created'),
  },
  { additionalProperties: false },
);
export type TeamInfo = Static<typeof TeamInfo>;
export const TeamListReply = Type.Object({ teams: Type.Array(TeamInfo) }, { additionalProperties: false });
export type TeamListReply = Static<typeof TeamListReply>;
export const CreateTeamBody = Type.Object({ name: Name('Team name') }, { additionalProperties: false });
export type CreateTeamBody = Static<typeof CreateTeamBody>;
export const TeamParams = Type.Object({ id: Id16('Team id') });
export const TeamMemberParams = Type.Object({ id: Id16('Team id'), user_id: Id16('User id') });

export const SessionInfo = Type.Object(
  {
    id: Type.String({ description: 'Public id of the session (not its token)' }),
    label: Type.String({ description: 'Browser and system, e.g. "Firefox on Linux"' }),
    created_at: IsoTime('Signed in'),
    last_seen_at: IsoTime('Last used (to the minute)'),
    expires_at: IsoTime('Absolute end'),
    current: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SessionInfo = Static<typeof SessionInfo>;
export const SessionListReply = Type.Object(
  { sessions: Type.Array(SessionInfo) },
  { additionalProperties: false },
);
export type SessionListReply = Static<typeof SessionListReply>;
export const SessionParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) });
