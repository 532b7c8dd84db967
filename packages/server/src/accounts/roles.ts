/**
 * Roles and permission scopes (docs/teams.md has the matrix). A role grants a set of scopes and a reach:
 * how far `secrets:list` and `secrets:burn` extend — the caller's own and their teams' secrets, or the whole
 * organisation's. An API key carries scopes of its own, never more than its creator's role grants.
 */
export const SCOPES = [
  'secrets:create',
  'secrets:list',
  'secrets:burn',
  'audit:read',
  'keys:manage',
  'members:manage',
  'policies:manage',
  'webhooks:manage',
  'domains:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ['owner', 'admin', 'auditor', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Which secrets `secrets:list` / `secrets:burn` reach: own and team, or every secret of the organisation. */
export type Reach = 'own_and_team' | 'org';

const ALL: readonly Scope[] = SCOPES;

/**
 * The matrix. Owners and admins hold every scope (only an owner may grant, change or remove the owner role;
 * see `canManageRole`); auditors read the audit trail and every secret's metadata and nothing else; members
 * create, list and burn their own and their teams' secrets.
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  owner: ALL,
  admin: ALL,
  auditor: ['secrets:list', 'audit:read'],
  member: ['secrets:create', 'secrets:list', 'secrets:burn'],
};

export const ROLE_REACH: Readonly<Record<Role, Reach>> = {
  owner: 'org',
  admin: 'org',
  auditor: 'org',
  member: 'own_and_team',
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHasScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}

/**
 * May a member with role `actor` give someone role `target`, or change or remove someone who holds it? Owners
 * manage every role; admins manage every role but `owner`; others manage none.
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'admin') return target !== 'owner';
  return false;
}
