/**
 * The account API's replies as the pages read them (docs/teams.md). Times are ISO 8601 strings. A person or a
 * team may come as an object or as a bare id or name; `personName` and `teamName` in `format.ts` read either.
 */
export type Role = 'owner' | 'admin' | 'auditor' | 'member';
export const ROLES: readonly Role[] = ['owner', 'admin', 'auditor', 'member'];

export type Scope =
  | 'secrets:create'
  | 'secrets:list'
  | 'secrets:burn'
  | 'audit:read'
  | 'keys:manage'
  | 'members:manage'
  | 'policies:manage'
  | 'webhooks:manage';
export const SCOPES: readonly Scope[] = [
  'secrets:create',
  'secrets:list',
  'secrets:burn',
  'audit:read',
  'keys:manage',
  'members:manage',
  'policies:manage',
  'webhooks:manage',
];

export interface Person {
  id?: string;
  user_id?: string;
  email?: string;
  name?: string;
}
export type PersonRef = Person | string | null | undefined;

export interface TeamRef {
  id: string;
  name: string;
}

export interface Me {
  user: { id: string; email: string; name: string };
  org: { id: string; name: string };
  role: Role;
  scopes: Scope[];
  teams: TeamRef[];
}

/** As on the receipt page (the wire contract's `ReceiptState`). */
export type SecretState = 'pending' | 'viewed' | 'burned' | 'expired' | 'locked';
export const SECRET_STATES: readonly SecretState[] = ['pending', 'viewed', 'burned', 'expired', 'locked'];

export interface SecretRow {
  id: string;
  state: SecretState;
  created_at: string;
  expires_at: string;
  max_views: number;
  views_left: number;
  creator?: PersonRef;
  team?: TeamRef | string | null;
}

export interface SecretList {
  secrets: SecretRow[];
  next: string | null;
}

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  expires_at: string;
  last_used_at?: string | null;
  created_by?: PersonRef;
}

export interface CreatedKey extends ApiKeyView {
  /** Shown once: the server keeps only its hash. */
  key: string;
}

export interface MemberView {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  teams: (TeamRef | string)[];
  joined_at: string;
}

export interface InviteView {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
}

export interface CreatedInvite extends InviteView {
  /** The one-time invite link: shown once. */
  link: string;
}

export interface TeamView extends TeamRef {
  created_at?: string;
}

export interface SessionView {
  id: string;
  label?: string;
  created_at: string;
  last_seen_at?: string;
  expires_at?: string;
  current?: boolean;
}

export interface PasskeyView {
  id: string;
  name: string;
  created_at: string;
  last_used_at?: string | null;
}
