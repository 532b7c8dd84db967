import type { OrgPolicy } from '@burnlink/wire';
import type { AuditStore } from '../audit/audit-store.js';
import type { DomainStore } from '../domains/domain-store.js';
import type {
  AccountsSweepResult,
  ApiKey,
  Challenge,
  Invite,
  Member,
  MemberView,
  OidcIdentity,
  Org,
  OwnedSecret,
  OwnedSecretQuery,
  Passkey,
  Session,
  StoredPolicy,
  Team,
  User,
} from './accounts-types.js';
import type { Role } from './roles.js';

/**
 * The accounts store (DESIGN §9): organisations, people, memberships, teams, sessions, API keys, invites,
 * passkeys, identity-provider links and which secrets an organisation owns. One contract, three backends
 * (memory for tests, SQLite next to the secrets, PostgreSQL for several nodes); `contract-suite.ts` runs the
 * same tests against each.
 *
 * Rules every backend keeps:
 * - A uniqueness clash (organisation name, email, membership, team name, key id, passkey id, identity) throws
 *   `AccountsConflictError`; nothing is written.
 * - A backend that cannot be reached throws `StoreUnavailableError` (from the secret store's module).
 * - Reads of something unknown answer null (or false / 'not_found'), never throw.
 * - Methods marked atomic decide in one step, so two nodes racing get one winner.
 * - Records are returned as fresh objects; changing them changes nothing stored.
 */
export interface AccountsStore {
  /** The audit trail, cursors, leases and webhooks, in the same database (`../audit/audit-store.ts`). */
  readonly audit: AuditStore;
  /** Custom domains and branding, in the same database (`../domains/domain-store.ts`). */
  readonly domains: DomainStore;

  createOrg(org: Org): Promise<void>;
  getOrg(id: string): Promise<Org | null>;
  /** Case-insensitive. */
  findOrgByName(name: string): Promise<Org | null>;
  /** Every organisation, oldest first (for `burnlink admin list-orgs`). */
  listOrgs(): Promise<Org[]>;
  /** Organisations whose `joinDomains` hold `domain` (lower case). */
  orgsJoinableBy(domain: string): Promise<Org[]>;
  setJoinDomains(orgId: string, domains: string[]): Promise<boolean>;

  createUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | null>;
  /** Case-insensitive. */
  findUserByEmail(email: string): Promise<User | null>;

  addMember(member: Member): Promise<void>;
  getMember(orgId: string, userId: string): Promise<Member | null>;
  /** Oldest first. */
  listMembers(orgId: string): Promise<MemberView[]>;
  /** Organisations this person belongs to, oldest membership first. */
  membershipsOf(userId: string): Promise<Member[]>;
  /**
   * Atomic. Changes a member's role; refuses (`last_owner`) to leave the organisation without an owner.
   */
  setRole(orgId: string, userId: string, role: Role): Promise<'ok' | 'not_found' | 'last_owner'>;
  /**
   * Atomic. Removes a member, their team memberships in that organisation, and ends their sessions in it;
   * refuses (`last_owner`) to remove the last owner.
   */
  removeMember(orgId: string, userId: string): Promise<'ok' | 'not_found' | 'last_owner'>;

  createTeam(team: Team): Promise<void>;
  getTeam(id: string): Promise<Team | null>;
  listTeams(orgId: string): Promise<Team[]>;
  deleteTeam(id: string): Promise<boolean>;
  /** The member must belong to the team's organisation (the caller checks); adding twice is a no-op. */
  addTeamMember(teamId: string, userId: string): Promise<void>;
  removeTeamMember(teamId: string, userId: string): Promise<boolean>;
  teamMembers(teamId: string): Promise<string[]>;
  /** Ids of the teams of `orgId` this person is in. */
  teamsOf(orgId: string, userId: string): Promise<string[]>;

  /**
   * The lookups of every authenticated request, one read each: a session with its person's role in the
   * session's organisation, a key with its creator's role in the key's organisation (null when the key has no
   * creator or the creator is no longer a member). Null when the session or key is unknown.
   */
  sessionWithRole(idHash: string): Promise<{ session: Session; role: Role | null } | null>;
  keyWithRole(id: string): Promise<{ key: ApiKey; role: Role | null } | null>;

  createSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  touchSession(idHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a person ("sign out everywhere"); answers how many ended. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Newest first. */
  listUserSessions(userId: string): Promise<Session[]>;

  createKey(key: ApiKey): Promise<void>;
  getKey(id: string): Promise<ApiKey | null>;
  /** Newest first, revoked ones included. */
  listKeys(orgId: string): Promise<ApiKey[]>;
  /** Atomic; false when unknown or already revoked. */
  revokeKey(id: string, at: number): Promise<boolean>;
  /** Moves a key's expiry earlier (rotation); never later. False when unknown or revoked. */
  shortenKey(id: string, expiresAt: number): Promise<boolean>;
  touchKey(id: string, at: number): Promise<void>;

  createInvite(invite: Invite): Promise<void>;
  getInviteByToken(tokenHash: string): Promise<Invite | null>;
  /** Pending (not accepted, not expired at `now`) invites, newest first. */
  listInvites(orgId: string, now: number): Promise<Invite[]>;
  /**
   * Atomic and single-use: marks the invite accepted and answers it, or null when unknown, used or expired.
   */
  acceptInvite(tokenHash: string, now: number): Promise<Invite | null>;
  deleteInvite(orgId: string, id: string): Promise<boolean>;

  addPasskey(passkey: Passkey): Promise<void>;
  getPasskey(id: string): Promise<Passkey | null>;
  listPasskeys(userId: string): Promise<Passkey[]>;
  /** Records a use: the authenticator's new signature counter and the time. */
  usePasskey(id: string, counter: number, at: number): Promise<void>;
  removePasskey(userId: string, id: string): Promise<boolean>;

  linkIdentity(identity: OidcIdentity): Promise<void>;
  findIdentity(issuer: string, subject: string): Promise<OidcIdentity | null>;
  /** A person's identity-provider links (a person may remove their last passkey only when they have one). */
  listIdentities(userId: string): Promise<OidcIdentity[]>;

  putChallenge(challenge: Challenge): Promise<void>;
  /** Atomic and single-use: deletes and answers the challenge, or null when unknown, taken or expired. */
  takeChallenge(id: string, now: number): Promise<Challenge | null>;

  /**
   * The organisation's policy and when it was set, or null when none was ever set. Fields the stored policy
   * lacks (added by a later release) read as `OPEN_POLICY`'s.
   */
  getPolicy(orgId: string): Promise<StoredPolicy | null>;
  /** Sets (replaces) the organisation's policy as it is given; `at` becomes its `updatedAt`. */
  setPolicy(orgId: string, policy: OrgPolicy, at: number): Promise<void>;

  recordSecret(secret: OwnedSecret): Promise<void>;
  getOwnedSecret(secretId: string): Promise<OwnedSecret | null>;
  /** The owned secrets among `secretIds`, by id, in one read; ids of no organisation's secret are absent. */
  ownersOf(secretIds: string[]): Promise<Map<string, OwnedSecret>>;
  /** Newest first (`createdAt`, then `secretId`, descending). */
  listOwnedSecrets(query: OwnedSecretQuery): Promise<OwnedSecret[]>;

  /**
   * Removes what has ended: sessions past their absolute end or idle since before `idleBefore`, invites
   * expired or accepted before `now - retentionMs`, owned secrets that expired before `now - retentionMs`,
   * and challenges past their expiry (not counted).
   */
  sweep(now: number, idleBefore: number, retentionMs: number): Promise<AccountsSweepResult>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A uniqueness clash; `what` names the field (e.g. `email`, `name`), never a value. */
export class AccountsConflictError extends Error {
  readonly what: string;
  constructor(what: string) {
    super(`${what} is already taken`);
    this.name = 'AccountsConflictError';
    this.what = what;
  }
}
