import type { OrgPolicy } from '@burnlink/wire';
import { OPEN_POLICY } from '../wire.js';
import type {
  ApiKey,
  Invite,
  Member,
  Org,
  OwnedSecret,
  Passkey,
  Session,
  StoredPolicy,
  Team,
  User,
} from './accounts-types.js';
import type { Role, Scope } from './roles.js';

/**
 * Rows of the SQL backends to records. Both name their columns alike; SQLite keeps lists as JSON text and
 * PostgreSQL as arrays, and PostgreSQL answers bigints as strings: the mappers read either.
 */
export type Row = Record<string, unknown>;

/** A JSON array (SQLite) or an array (PostgreSQL), as a fresh array of strings. */
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : (JSON.parse(String(value)) as string[]);

export const json = (value: unknown) => JSON.stringify(value);
const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function mapOrNull<T>(row: Row | undefined, map: (row: Row) => T): T | null {
  return row ? map(row) : null;
}

export function toOrg(row: Row): Org {
  return {
    id: String(row.id),
    name: String(row.name),
    createdAt: num(row.created_at),
    joinDomains: list(row.join_domains),
  };
}

export function toUser(row: Row): User {
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    createdAt: num(row.created_at),
  };
}

export function toMember(row: Row): Member {
  return {
    orgId: String(row.org_id),
    userId: String(row.user_id),
    role: String(row.role) as Role,
    createdAt: num(row.created_at),
  };
}

export function toTeam(row: Row): Team {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    name: String(row.name),
    createdAt: num(row.created_at),
  };
}

export function toSession(row: Row): Session {
  return {
    idHash: String(row.id_hash),
    userId: String(row.user_id),
    orgId: String(row.org_id),
    csrfHash: String(row.csrf_hash),
    createdAt: num(row.created_at),
    lastSeenAt: num(row.last_seen_at),
    expiresAt: num(row.expires_at),
    label: String(row.label),
  };
}

export function toKey(row: Row): ApiKey {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    createdBy: strOrNull(row.created_by),
    name: String(row.name),
    scopes: list(row.scopes) as Scope[],
    hash: String(row.hash),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    lastUsedAt: numOrNull(row.last_used_at),
    revokedAt: numOrNull(row.revoked_at),
  };
}

export function toInvite(row: Row): Invite {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    email: String(row.email),
    role: String(row.role) as Role,
    tokenHash: String(row.token_hash),
    invitedBy: strOrNull(row.invited_by),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    acceptedAt: numOrNull(row.accepted_at),
  };
}

export function toPasskey(row: Row): Passkey {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    // A fresh Uint8Array of its own: not the driver's Buffer (a view on a shared pool).
    publicKey: new Uint8Array(row.public_key as Uint8Array),
    counter: num(row.counter),
    transports: list(row.transports),
    name: String(row.name),
    createdAt: num(row.created_at),
    lastUsedAt: numOrNull(row.last_used_at),
  };
}

export function toOwnedSecret(row: Row): OwnedSecret {
  return {
    secretId: String(row.secret_id),
    orgId: String(row.org_id),
    creatorId: strOrNull(row.creator_id),
    keyId: strOrNull(row.key_id),
    teamId: strOrNull(row.team_id),
    receiptHash: String(row.receipt_hash),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    // SQLite answers 0 / 1, PostgreSQL a boolean.
    notify: row.notify === true || row.notify === 1,
  };
}

/**
 * A policy's JSON text to a policy: merged over `OPEN_POLICY`, so a field added by a later release reads as
 * "no rule" in a policy saved before it existed.
 */
export function policyFromJson(text: string): OrgPolicy {
  const stored = JSON.parse(text) as Partial<OrgPolicy>;
  return { ...structuredClone(OPEN_POLICY), ...stored };
}

export function toStoredPolicy(row: Row): StoredPolicy {
  return { policy: policyFromJson(String(row.policy)), updatedAt: num(row.updated_at) };
}
