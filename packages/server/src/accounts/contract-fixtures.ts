import { randomBytes } from 'node:crypto';
import type { AccountsStore } from './accounts-store.js';
import type {
  ApiKey,
  Invite,
  Member,
  Org,
  OwnedSecret,
  Passkey,
  Session,
  Team,
  User,
} from './accounts-types.js';
import type { Role } from './roles.js';

/** Opens a fresh store for the suite, and how to clean up after it (a temp file, a schema). */
export type OpenAccounts = () => Promise<{ store: AccountsStore; cleanup?: () => Promise<void> }>;

export interface AccountsContext {
  readonly store: AccountsStore;
  readonly open: OpenAccounts;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const randomId = (bytes = 12): string => randomBytes(bytes).toString('base64url');
export const randomHash = (): string => randomBytes(32).toString('hex');

/**
 * Fixtures use random ids and names, so the suite can share one database (PostgreSQL) between its tests.
 * `at` spreads creation times so that "oldest first" and "newest first" never meet a tie.
 */
export function newOrg(overrides: Partial<Org> = {}): Org {
  return { id: randomId(), name: `Org ${randomId(6)}`, createdAt: Date.now(), joinDomains: [], ...overrides };
}

export function newUser(overrides: Partial<User> = {}): User {
  return {
    id: randomId(),
    email: `${randomId(6)
      .toLowerCase()
      .replaceAll(/[^a-z0-9]/g, 'x')}@example.test`,
    name: 'Ada Lovelace',
    createdAt: Date.now(),
    ...overrides,
  };
}

export function newTeam(orgId: string, overrides: Partial<Team> = {}): Team {
  return { id: randomId(), orgId, name: `Team ${randomId(6)}`, createdAt: Date.now(), ...overrides };
}

export function newSession(userId: string, orgId: string, overrides: Partial<Session> = {}): Session {
  const now = Date.now();
  return {
    idHash: randomHash(),
    userId,
    orgId,
    csrfHash: randomHash(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + DAY,
    label: 'Firefox on Linux',
    ...overrides,
  };
}

export function newKey(orgId: string, createdBy: string | null, overrides: Partial<ApiKey> = {}): ApiKey {
  const now = Date.now();
  return {
    id: randomId(),
    orgId,
    createdBy,
    name: 'deploy',
    scopes: ['secrets:create', 'secrets:list'],
    hash: randomHash(),
    createdAt: now,
    expiresAt: now + 365 * DAY,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function newInvite(orgId: string, overrides: Partial<Invite> = {}): Invite {
  const now = Date.now();
  return {
    id: randomId(),
    orgId,
    email: `${randomId(6)
      .toLowerCase()
      .replaceAll(/[^a-z0-9]/g, 'x')}@example.test`,
    role: 'member',
    tokenHash: randomHash(),
    invitedBy: null,
    createdAt: now,
    expiresAt: now + 7 * DAY,
    acceptedAt: null,
    ...overrides,
  };
}

export function newPasskey(userId: string, overrides: Partial<Passkey> = {}): Passkey {
  return {
    id: randomId(16),
    userId,
    publicKey: new Uint8Array(randomBytes(77)),
    counter: 0,
    transports: ['internal', 'hybrid'],
    name: 'Laptop',
    createdAt: Date.now(),
    lastUsedAt: null,
    ...overrides,
  };
}

export function newOwnedSecret(orgId: string, overrides: Partial<OwnedSecret> = {}): OwnedSecret {
  const now = Date.now();
  return {
    secretId: randomId(16),
    orgId,
    creatorId: null,
    keyId: null,
    teamId: null,
    receiptHash: randomHash(),
    createdAt: now,
    expiresAt: now + DAY,
    notify: false,
    ...overrides,
  };
}

/** An organisation with its first member (an owner, joined when the organisation was made), both stored. */
export async function orgWithOwner(
  store: AccountsStore,
  orgOverrides: Partial<Org> = {},
): Promise<{ org: Org; owner: User }> {
  const org = newOrg(orgOverrides);
  await store.createOrg(org);
  const owner = await memberOf(store, org.id, 'owner', { createdAt: org.createdAt });
  return { org, owner };
}

/** A new person, stored, and made a member of `orgId` with `role`. */
export async function memberOf(
  store: AccountsStore,
  orgId: string,
  role: Role,
  overrides: Partial<Member> = {},
): Promise<User> {
  const user = newUser();
  await store.createUser(user);
  await store.addMember({ orgId, userId: user.id, role, createdAt: Date.now(), ...overrides });
  return user;
}

/** What a promise rejected with (or a failure when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
