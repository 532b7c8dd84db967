import type { OrgPolicy } from '@burnlink/wire';
import { MemoryAuditStore } from '../audit/memory-audit-store.js';
import { MemoryDomainStore } from '../domains/memory-domain-store.js';
import { policyFromJson } from './accounts-rows.js';
import { AccountsConflictError, type AccountsStore } from './accounts-store.js';
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

const copy = <T>(value: T): T => structuredClone(value);
const lower = (text: string) => text.toLowerCase();
const memberKey = (orgId: string, userId: string) => `${orgId}\u0000${userId}`;
const newestFirst = (a: { createdAt: number }, b: { createdAt: number }) => b.createdAt - a.createdAt;

/** The accounts store in process memory: tests and `BURNLINK_STORE=memory:`. Single-threaded, so atomic. */
export class MemoryAccountsStore implements AccountsStore {
  readonly audit = new MemoryAuditStore();
  readonly domains = new MemoryDomainStore();
  readonly #orgs = new Map<string, Org>();
  readonly #users = new Map<string, User>();
  readonly #members = new Map<string, Member>();
  readonly #teams = new Map<string, Team>();
  readonly #teamMembers = new Map<string, Set<string>>();
  readonly #sessions = new Map<string, Session>();
  readonly #keys = new Map<string, ApiKey>();
  readonly #invites = new Map<string, Invite>();
  readonly #passkeys = new Map<string, Passkey>();
  readonly #identities = new Map<string, OidcIdentity>();
  readonly #secrets = new Map<string, OwnedSecret>();
  readonly #challenges = new Map<string, Challenge>();
  /** Policies as JSON text, like the SQL backends, so reading merges over `OPEN_POLICY` the same way. */
  readonly #policies = new Map<string, { json: string; updatedAt: number }>();

  async createOrg(org: Org): Promise<void> {
    if (this.#orgs.has(org.id)) throw new AccountsConflictError('id');
    if ([...this.#orgs.values()].some((o) => lower(o.name) === lower(org.name))) {
      throw new AccountsConflictError('name');
    }
    this.#orgs.set(org.id, copy({ ...org, joinDomains: [...new Set(org.joinDomains.map(lower))] }));
  }
  async getOrg(id: string): Promise<Org | null> {
    const org = this.#orgs.get(id);
    return org ? copy(org) : null;
  }
  async findOrgByName(name: string): Promise<Org | null> {
    const org = [...this.#orgs.values()].find((o) => lower(o.name) === lower(name));
    return org ? copy(org) : null;
  }
  async listOrgs(): Promise<Org[]> {
    // Map order is insertion order, and the sort is stable: ties keep it.
    return [...this.#orgs.values()].sort((a, b) => a.createdAt - b.createdAt).map(copy);
  }
  async orgsJoinableBy(domain: string): Promise<Org[]> {
    return [...this.#orgs.values()]
      .filter((o) => o.joinDomains.includes(lower(domain)))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async setJoinDomains(orgId: string, domains: string[]): Promise<boolean> {
    const org = this.#orgs.get(orgId);
    if (!org) return false;
    org.joinDomains = [...new Set(domains.map(lower))];
    return true;
  }

  async createUser(user: User): Promise<void> {
    if (this.#users.has(user.id)) throw new AccountsConflictError('id');
    if ([...this.#users.values()].some((u) => u.email === lower(user.email))) {
      throw new AccountsConflictError('email');
    }
    this.#users.set(user.id, copy({ ...user, email: lower(user.email) }));
  }
  async getUser(id: string): Promise<User | null> {
    const user = this.#users.get(id);
    return user ? copy(user) : null;
  }
  async findUserByEmail(email: string): Promise<User | null> {
    const user = [...this.#users.values()].find((u) => u.email === lower(email));
    return user ? copy(user) : null;
  }

  async addMember(member: Member): Promise<void> {
    const key = memberKey(member.orgId, member.userId);
    if (this.#members.has(key)) throw new AccountsConflictError('member');
    this.#members.set(key, copy(member));
  }
  async getMember(orgId: string, userId: string): Promise<Member | null> {
    const member = this.#members.get(memberKey(orgId, userId));
    return member ? copy(member) : null;
  }
  async listMembers(orgId: string): Promise<MemberView[]> {
    return [...this.#members.values()]
      .filter((m) => m.orgId === orgId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((m) => {
        const user = this.#users.get(m.userId);
        return { ...copy(m), email: user?.email ?? '', name: user?.name ?? '' };
      });
  }
  async membershipsOf(userId: string): Promise<Member[]> {
    return [...this.#members.values()]
      .filter((m) => m.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  #lastOwner(orgId: string, userId: string): boolean {
    const owners = [...this.#members.values()].filter((m) => m.orgId === orgId && m.role === 'owner');
    return owners.length === 1 && owners[0]?.userId === userId;
  }
  async setRole(orgId: string, userId: string, role: Role): Promise<'ok' | 'not_found' | 'last_owner'> {
    const member = this.#members.get(memberKey(orgId, userId));
    if (!member) return 'not_found';
    if (role !== 'owner' && this.#lastOwner(orgId, userId)) return 'last_owner';
    member.role = role;
    return 'ok';
  }
  async removeMember(orgId: string, userId: string): Promise<'ok' | 'not_found' | 'last_owner'> {
    const key = memberKey(orgId, userId);
    if (!this.#members.has(key)) return 'not_found';
    if (this.#lastOwner(orgId, userId)) return 'last_owner';
    this.#members.delete(key);
    for (const team of this.#teams.values()) {
      if (team.orgId === orgId) this.#teamMembers.get(team.id)?.delete(userId);
    }
    for (const [hash, session] of this.#sessions) {
      if (session.userId === userId && session.orgId === orgId) this.#sessions.delete(hash);
    }
    return 'ok';
  }

  async createTeam(team: Team): Promise<void> {
    if (this.#teams.has(team.id)) throw new AccountsConflictError('id');
    const clash = [...this.#teams.values()].some(
      (t) => t.orgId === team.orgId && lower(t.name) === lower(team.name),
    );
    if (clash) throw new AccountsConflictError('name');
    this.#teams.set(team.id, copy(team));
    this.#teamMembers.set(team.id, new Set());
  }
  async getTeam(id: string): Promise<Team | null> {
    const team = this.#teams.get(id);
    return team ? copy(team) : null;
  }
  async listTeams(orgId: string): Promise<Team[]> {
    return [...this.#teams.values()]
      .filter((t) => t.orgId === orgId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(copy);
  }
  async deleteTeam(id: string): Promise<boolean> {
    this.#teamMembers.delete(id);
    return this.#teams.delete(id);
  }
  async addTeamMember(teamId: string, userId: string): Promise<void> {
    this.#teamMembers.get(teamId)?.add(userId);
  }
  async removeTeamMember(teamId: string, userId: string): Promise<boolean> {
    return this.#teamMembers.get(teamId)?.delete(userId) ?? false;
  }
  async teamMembers(teamId: string): Promise<string[]> {
    return [...(this.#teamMembers.get(teamId) ?? [])].sort();
  }
  async teamsOf(orgId: string, userId: string): Promise<string[]> {
    return [...this.#teams.values()]
      .filter((t) => t.orgId === orgId && this.#teamMembers.get(t.id)?.has(userId))
      .map((t) => t.id)
      .sort();
  }

  async sessionWithRole(idHash: string): Promise<{ session: Session; role: Role | null } | null> {
    const session = this.#sessions.get(idHash);
    if (!session) return null;
    const member = this.#members.get(memberKey(session.orgId, session.userId));
    return { session: copy(session), role: member?.role ?? null };
  }
  async keyWithRole(id: string): Promise<{ key: ApiKey; role: Role | null } | null> {
    const key = this.#keys.get(id);
    if (!key) return null;
    const member =
      key.createdBy === null ? undefined : this.#members.get(memberKey(key.orgId, key.createdBy));
    return { key: copy(key), role: member?.role ?? null };
  }

  async createSession(session: Session): Promise<void> {
    if (this.#sessions.has(session.idHash)) throw new AccountsConflictError('session');
    this.#sessions.set(session.idHash, copy(session));
  }
  async getSession(idHash: string): Promise<Session | null> {
    const session = this.#sessions.get(idHash);
    return session ? copy(session) : null;
  }
  async touchSession(idHash: string, lastSeenAt: number): Promise<void> {
    const session = this.#sessions.get(idHash);
    if (session && lastSeenAt > session.lastSeenAt) session.lastSeenAt = lastSeenAt;
  }
  async deleteSession(idHash: string): Promise<boolean> {
    return this.#sessions.delete(idHash);
  }
  async deleteUserSessions(userId: string): Promise<number> {
    let ended = 0;
    for (const [hash, session] of this.#sessions) {
      if (session.userId !== userId) continue;
      this.#sessions.delete(hash);
      ended += 1;
    }
    return ended;
  }
  async listUserSessions(userId: string): Promise<Session[]> {
    return [...this.#sessions.values()]
      .filter((s) => s.userId === userId)
      .sort(newestFirst)
      .map(copy);
  }

  async createKey(key: ApiKey): Promise<void> {
    if (this.#keys.has(key.id)) throw new AccountsConflictError('id');
    this.#keys.set(key.id, copy(key));
  }
  async getKey(id: string): Promise<ApiKey | null> {
    const key = this.#keys.get(id);
    return key ? copy(key) : null;
  }
  async listKeys(orgId: string): Promise<ApiKey[]> {
    return [...this.#keys.values()]
      .filter((k) => k.orgId === orgId)
      .sort(newestFirst)
      .map(copy);
  }
  async revokeKey(id: string, at: number): Promise<boolean> {
    const key = this.#keys.get(id);
    if (!key || key.revokedAt !== null) return false;
    key.revokedAt = at;
    return true;
  }
  async shortenKey(id: string, expiresAt: number): Promise<boolean> {
    const key = this.#keys.get(id);
    if (!key || key.revokedAt !== null) return false;
    key.expiresAt = Math.min(key.expiresAt, expiresAt);
    return true;
  }
  async touchKey(id: string, at: number): Promise<void> {
    const key = this.#keys.get(id);
    if (key && (key.lastUsedAt === null || at > key.lastUsedAt)) key.lastUsedAt = at;
  }

  async createInvite(invite: Invite): Promise<void> {
    if ([...this.#invites.values()].some((i) => i.id === invite.id || i.tokenHash === invite.tokenHash)) {
      throw new AccountsConflictError('id');
    }
    this.#invites.set(invite.id, copy({ ...invite, email: lower(invite.email) }));
  }
  async getInviteByToken(tokenHash: string): Promise<Invite | null> {
    const invite = [...this.#invites.values()].find((i) => i.tokenHash === tokenHash);
    return invite ? copy(invite) : null;
  }
  async listInvites(orgId: string, now: number): Promise<Invite[]> {
    return [...this.#invites.values()]
      .filter((i) => i.orgId === orgId && i.acceptedAt === null && i.expiresAt > now)
      .sort(newestFirst)
      .map(copy);
  }
  async acceptInvite(tokenHash: string, now: number): Promise<Invite | null> {
    const invite = [...this.#invites.values()].find((i) => i.tokenHash === tokenHash);
    if (!invite || invite.acceptedAt !== null || invite.expiresAt <= now) return null;
    invite.acceptedAt = now;
    return copy(invite);
  }
  async deleteInvite(orgId: string, id: string): Promise<boolean> {
    const invite = this.#invites.get(id);
    if (!invite || invite.orgId !== orgId) return false;
    return this.#invites.delete(id);
  }

  async addPasskey(passkey: Passkey): Promise<void> {
    if (this.#passkeys.has(passkey.id)) throw new AccountsConflictError('passkey');
    this.#passkeys.set(passkey.id, copy(passkey));
  }
  async getPasskey(id: string): Promise<Passkey | null> {
    const passkey = this.#passkeys.get(id);
    return passkey ? copy(passkey) : null;
  }
  async listPasskeys(userId: string): Promise<Passkey[]> {
    return [...this.#passkeys.values()]
      .filter((p) => p.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async usePasskey(id: string, counter: number, at: number): Promise<void> {
    const passkey = this.#passkeys.get(id);
    if (!passkey) return;
    passkey.counter = counter;
    passkey.lastUsedAt = at;
  }
  async removePasskey(userId: string, id: string): Promise<boolean> {
    const passkey = this.#passkeys.get(id);
    if (!passkey || passkey.userId !== userId) return false;
    return this.#passkeys.delete(id);
  }

  async linkIdentity(identity: OidcIdentity): Promise<void> {
    const key = `${identity.issuer}\u0000${identity.subject}`;
    if (this.#identities.has(key)) throw new AccountsConflictError('identity');
    this.#identities.set(key, copy(identity));
  }
  async findIdentity(issuer: string, subject: string): Promise<OidcIdentity | null> {
    const identity = this.#identities.get(`${issuer}\u0000${subject}`);
    return identity ? copy(identity) : null;
  }
  async listIdentities(userId: string): Promise<OidcIdentity[]> {
    return [...this.#identities.values()]
      .filter((i) => i.userId === userId)
      .sort((a, b) => (a.issuer + a.subject < b.issuer + b.subject ? -1 : 1))
      .map(copy);
  }

  async putChallenge(challenge: Challenge): Promise<void> {
    if (this.#challenges.has(challenge.id)) throw new AccountsConflictError('id');
    this.#challenges.set(challenge.id, copy(challenge));
  }
  async takeChallenge(id: string, now: number): Promise<Challenge | null> {
    const challenge = this.#challenges.get(id);
    if (!challenge) return null;
    this.#challenges.delete(id);
    return challenge.expiresAt > now ? challenge : null;
  }

  async getPolicy(orgId: string): Promise<StoredPolicy | null> {
    const stored = this.#policies.get(orgId);
    return stored ? { policy: policyFromJson(stored.json), updatedAt: stored.updatedAt } : null;
  }
  async setPolicy(orgId: string, policy: OrgPolicy, at: number): Promise<void> {
    this.#policies.set(orgId, { json: JSON.stringify(policy), updatedAt: at });
  }

  async recordSecret(secret: OwnedSecret): Promise<void> {
    if (this.#secrets.has(secret.secretId)) throw new AccountsConflictError('secret');
    this.#secrets.set(secret.secretId, copy(secret));
  }
  async getOwnedSecret(secretId: string): Promise<OwnedSecret | null> {
    const secret = this.#secrets.get(secretId);
    return secret ? copy(secret) : null;
  }
  async ownersOf(secretIds: string[]): Promise<Map<string, OwnedSecret>> {
    const owners = new Map<string, OwnedSecret>();
    for (const id of secretIds) {
      const secret = this.#secrets.get(id);
      if (secret) owners.set(id, copy(secret));
    }
    return owners;
  }
  async listOwnedSecrets(query: OwnedSecretQuery): Promise<OwnedSecret[]> {
    const teams = new Set(query.teamIds ?? []);
    const byOwner = query.creatorId != null || query.keyId != null || query.teamIds !== undefined;
    const before = query.before ?? null;
    return [...this.#secrets.values()]
      .filter((s) => s.orgId === query.orgId)
      .filter((s) => {
        if (!byOwner) return true;
        if (query.creatorId != null && s.creatorId === query.creatorId) return true;
        if (query.creatorId == null && query.keyId != null && s.keyId === query.keyId) return true;
        return s.teamId !== null && teams.has(s.teamId);
      })
      .filter(
        (s) =>
          before === null ||
          s.createdAt < before.createdAt ||
          (s.createdAt === before.createdAt && s.secretId < before.secretId),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.secretId < b.secretId ? 1 : -1))
      .slice(0, query.limit)
      .map(copy);
  }

  async sweep(now: number, idleBefore: number, retentionMs: number): Promise<AccountsSweepResult> {
    const result = { sessions: 0, invites: 0, secrets: 0 };
    for (const [hash, session] of this.#sessions) {
      if (session.expiresAt > now && session.lastSeenAt >= idleBefore) continue;
      this.#sessions.delete(hash);
      result.sessions += 1;
    }
    for (const [id, challenge] of this.#challenges) {
      if (challenge.expiresAt <= now) this.#challenges.delete(id);
    }
    const horizon = now - retentionMs;
    for (const [id, invite] of this.#invites) {
      const ended = invite.acceptedAt ?? invite.expiresAt;
      if (ended >= horizon) continue;
      this.#invites.delete(id);
      result.invites += 1;
    }
    for (const [id, secret] of this.#secrets) {
      if (secret.expiresAt >= horizon) continue;
      this.#secrets.delete(id);
      result.secrets += 1;
    }
    return result;
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}
