import type { OrgPolicy } from '@burnlink/wire';
import type { Role, Scope } from './roles.js';

/** Times are ms since the epoch; ids are random base64url strings made by the caller (`newRandomId`). */

export interface Org {
  id: string;
  /** Unique, case-insensitively (the admin command-line finds organisations by name). */
  name: string;
  createdAt: number;
  /** Email domains whose verified OpenID Connect users join automatically as members (lower case). */
  joinDomains: string[];
}

export interface User {
  id: string;
  /** Lower case; unique. */
  email: string;
  name: string;
  createdAt: number;
}

export interface Member {
  orgId: string;
  userId: string;
  role: Role;
  createdAt: number;
}

/** A member as listed: the membership with the person's email and name. */
export interface MemberView extends Member {
  email: string;
  name: string;
}

export interface Team {
  id: string;
  orgId: string;
  /** Unique within its organisation, case-insensitively. */
  name: string;
  createdAt: number;
}

export interface Session {
  /** SHA-256 (hex) of the session token in the cookie; the token itself is never stored. */
  idHash: string;
  userId: string;
  /** The organisation the session acts in. */
  orgId: string;
  /** SHA-256 (hex) of the CSRF token handed to the page for this session. */
  csrfHash: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end, whatever the activity. */
  expiresAt: number;
  /** A short, non-identifying label shown in "my sessions" (browser family and OS), or ''. */
  label: string;
}

export interface ApiKey {
  /** The `<key id>` part of `bl_<key id>_<secret>`. */
  id: string;
  orgId: string;
  /** The person who made it, or null for a key made by `burnlink admin create-key`. */
  createdBy: string | null;
  name: string;
  scopes: Scope[];
  /** SHA-256 (hex) of the whole key string. */
  hash: string;
  createdAt: number;
  expiresAt: number;
  /** Coarse: updated at most once per `KEY_TOUCH_MS`. */
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface Invite {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  /** SHA-256 (hex) of the invite token. */
  tokenHash: string;
  invitedBy: string | null;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
}

export interface Passkey {
  /** The WebAuthn credential id, base64url. */
  id: string;
  userId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  userId: string;
}

/**
 * What the accounts store knows of a secret made with a session or a key: its owner, never its content.
 * The receipt hash (the store's own key for the receipt, not the token) lets the owner read its state and
 * burn it by id.
 */
export interface OwnedSecret {
  secretId: string;
  orgId: string;
  /** The person who made it (directly, or through their key); null for a key made by the admin command. */
  creatorId: string | null;
  /** The key it was made with, or null for a session. */
  keyId: string | null;
  teamId: string | null;
  receiptHash: string;
  createdAt: number;
  expiresAt: number;
  /** The creator asked to be told when it is viewed, burned or expires (webhooks, mail); false for old rows. */
  notify: boolean;
}

export interface OwnedSecretQuery {
  orgId: string;
  /** Only these creators' secrets (`own`), or null for no creator filter. */
  creatorId?: string | null;
  /** With `creatorId` null: only a key's secrets (a key without a person lists its own). */
  keyId?: string | null;
  /** Only secrets of these teams (`team`). Combined with `creatorId` as OR when both are given. */
  teamIds?: string[];
  /** Newest first; the cursor is the last row's `[createdAt, secretId]` from the previous page. */
  before?: { createdAt: number; secretId: string } | null;
  limit: number;
}

export interface AccountsSweepResult {
  sessions: number;
  invites: number;
  secrets: number;
}

/**
 * A sign-in ceremony in progress (a WebAuthn challenge, an OpenID Connect state): kept server-side so that it
 * is used once, on any node. `payload` is the caller's JSON; its id travels in an HttpOnly cookie.
 */
export interface Challenge {
  id: string;
  purpose: 'passkey-register' | 'passkey-sign-in' | 'oidc';
  payload: string;
  expiresAt: number;
}

/**
 * An organisation's policy (docs/teams.md, "Policies") and when it last changed. Kept as JSON text; a field
 * added by a later release reads as `OPEN_POLICY`'s value until the policy is saved again.
 */
export interface StoredPolicy {
  policy: OrgPolicy;
  updatedAt: number;
}
