import { randomBytes } from 'node:crypto';
import { formatSecretLink } from '@burnlink/core';
import type { OrgPolicy } from '@burnlink/wire';
import { newApiKey } from '../auth/api-key-format.js';
import { callerOf, type Principal, requireScope } from '../auth/principal.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../errors.js';
import { validatePolicy } from '../policies/org-policy.js';
import type { LifecycleEvents } from '../service/events.js';
import type { SecretService } from '../service/secret-service.js';
import type { ReceiptInfo, ReceiptState } from '../stores/secret-store.js';
import { newRandomId, receiptHash, tokenHashHex } from '../tokens.js';
import { AccountsConflictError, type AccountsStore } from './accounts-store.js';
import type { ApiKey, Invite, MemberView, OwnedSecret, StoredPolicy, Team, User } from './accounts-types.js';
import { POLICY_CACHE_MS, PolicyCache } from './policies.js';
import { canManageRole, type Role, type Scope } from './roles.js';

export interface AccountsServiceDeps {
  store: AccountsStore;
  secrets: SecretService;
  config: ServerConfig;
  now: () => number;
  events: LifecycleEvents;
  /**
   * How long this node keeps an organisation's policy for creates (default `POLICY_CACHE_MS`, 5 s): a change
   * made on another node applies here within this time. Tests of several nodes set 0.
   */
  policyCacheMs?: number;
}

export const DEFAULT_KEY_LIFETIME_MS = 365 * 86_400_000;
export const LIST_LIMIT = { default: 50, max: 200 };

export type ListScope = 'own' | 'team' | 'org';

/** An owned secret as the owner's listing shows it: metadata and state, never content or a receipt token. */
export interface OwnedSecretView {
  secret: OwnedSecret;
  state: ReceiptState;
  maxViews: number | null;
  viewsLeft: number | null;
  viewedAt: number[];
  passphrase: boolean | null;
  creator: { id: string; email: string; name: string } | null;
  key: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
}

/** What the accounts store keeps of an invite token: SHA-256, hex. */
export const inviteTokenHash = (token: string): string => tokenHashHex(token);
/** The role whose limits an organisation key (no person, no role) is held to when it manages others. */
const actingRole = (principal: Principal): Role => principal.role ?? 'admin';

/**
 * What the identity routes do (docs/teams.md): keys, members, teams, invites and the secrets an organisation
 * owns. Every method takes the resolved `Principal` and checks its scope and reach itself, so a route cannot
 * forget a check; identity changes are emitted as events after they are stored.
 */
export class AccountsService {
  readonly #d: AccountsServiceDeps;
  readonly #policies: PolicyCache;

  constructor(deps: AccountsServiceDeps) {
    this.#d = deps;
    // A cache's age is measured on the monotonic clock, not the injectable one tests move about.
    this.#policies = new PolicyCache(
      deps.store,
      () => performance.now(),
      deps.policyCacheMs ?? POLICY_CACHE_MS,
    );
  }

  /** The store, for the sign-in service and `burnlink admin` (routes use the methods here). */
  get store(): AccountsStore {
    return this.#d.store;
  }

  async me(principal: Principal) {
    const { store } = this.#d;
    const [org, user, teamIds, memberships] = await Promise.all([
      store.getOrg(principal.orgId),
      principal.userId === null ? null : store.getUser(principal.userId),
      principal.userId === null ? [] : store.teamsOf(principal.orgId, principal.userId),
      principal.userId === null ? [] : store.membershipsOf(principal.userId),
    ]);
    const teams = await this.#teamsByIds(principal.orgId, teamIds);
    const orgs = await Promise.all(
      memberships.map(async (m) => ({
        id: m.orgId,
        name: (await store.getOrg(m.orgId))?.name ?? '',
        role: m.role,
      })),
    );
    return { org, user, teams, orgs };
  }

  /** People by id (for "created by" columns); unknown ids are left out. */
  async people(ids: (string | null)[]): Promise<Map<string, { id: string; email: string; name: string }>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const users = await Promise.all(unique.map((id) => this.#d.store.getUser(id)));
    return new Map(
      users.flatMap((u) => (u === null ? [] : [[u.id, { id: u.id, email: u.email, name: u.name }] as const])),
    );
  }

  // ---- Policies -------------------------------------------------------------------------------------------

  /**
   * The organisation's policy for a create, or null when it never set one. Kept in memory for a few seconds
   * (`policyCacheMs`): an authenticated create pays at most one read per organisation in that time.
   */
  policyOf(orgId: string): Promise<OrgPolicy | null> {
    return this.#policies.get(orgId);
  }

  /**
   * The caller's organisation's policy and when it was set (null: never), read from the store. Anyone who
   * creates for the organisation may read the rules they create under, and so may whoever manages them.
   */
  async readPolicy(principal: Principal): Promise<StoredPolicy | null> {
    if (!principal.scopes.has('secrets:create') && !principal.scopes.has('policies:manage')) {
      throw new ApiError(
        'insufficient_scope',
        'Reading the policy needs the scope secrets:create or policies:manage.',
      );
    }
    return this.#d.store.getPolicy(principal.orgId);
  }

  /**
   * Replaces the caller's organisation's policy (`policies:manage`) after checking it (`validatePolicy`: 400
   * `invalid_restrictions`, or `restriction_unavailable` for country rules without a GeoIP database), and
   * emits `policy.updated`. It applies to this node's creates at once, to other nodes' within the cache time.
   */
  async setPolicy(principal: Principal, policy: OrgPolicy): Promise<StoredPolicy> {
    requireScope(principal, 'policies:manage');
    const valid = validatePolicy(policy, { geoip: this.#d.config.policies.geoipDb !== null });
    const at = this.#d.now();
    await this.#policies.set(principal.orgId, valid, at);
    this.#d.events.emit({ type: 'policy.updated', at, orgId: principal.orgId, caller: callerOf(principal) });
    return { policy: valid, updatedAt: at };
  }

  // ---- API keys -------------------------------------------------------------------------------------------

  async createKey(
    principal: Principal,
    request: { name: string; scopes: string[]; expiresInSeconds?: number | undefined },
  ): Promise<{ key: ApiKey; secret: string }> {
    if (principal.via === 'api_key') {
      if (!principal.scopes.has('keys:manage')) {
        throw new ApiError('insufficient_scope', 'Creating a key with a key needs the scope keys:manage.');
      }
    }
    const scopes = [...new Set(request.scopes)];
    const beyond = scopes.filter((scope) => !principal.scopes.has(scope as Scope));
    if (beyond.length > 0) {
      throw new ApiError(
        'insufficient_scope',
        `A key gets at most its creator's own scopes; not ${beyond.join(', ')}. Yours: ${[...principal.scopes].join(', ')}.`,
      );
    }
    const { config, now, store, events } = this.#d;
    const maxMs = config.accounts.apiKeyMaxLifetimeMs;
    const lifetimeMs =
      request.expiresInSeconds === undefined
        ? Math.min(DEFAULT_KEY_LIFETIME_MS, maxMs)
        : request.expiresInSeconds * 1000;
    if (lifetimeMs > maxMs) {
      throw new ApiError(
        'invalid_request',
        `expires_in is longer than this server allows: at most ${Math.floor(maxMs / 1000)} seconds.`,
      );
    }
    const made = newApiKey();
    const at = now();
    const key: ApiKey = {
      id: made.id,
      orgId: principal.orgId,
      createdBy: principal.userId,
      name: request.name,
      scopes: scopes as Scope[],
      hash: made.hash,
      createdAt: at,
      expiresAt: at + lifetimeMs,
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.createKey(key);
    events.emit({
      type: 'key.created',
      at,
      orgId: key.orgId,
      keyId: key.id,
      scopes: key.scopes,
      caller: callerOf(principal),
    });
    return { key, secret: made.key };
  }

  /** Own keys; every key of the organisation with `keys:manage`. Newest first. */
  async listKeys(principal: Principal): Promise<ApiKey[]> {
    const keys = await this.#d.store.listKeys(principal.orgId);
    if (principal.scopes.has('keys:manage')) return keys;
    return keys.filter((key) => this.#ownsKey(principal, key));
  }

  async revokeKey(principal: Principal, id: string): Promise<void> {
    const key = await this.#manageableKey(principal, id);
    const at = this.#d.now();
    if (await this.#d.store.revokeKey(key.id, at)) {
      this.#d.events.emit({
        type: 'key.revoked',
        at,
        orgId: key.orgId,
        keyId: key.id,
        caller: callerOf(principal),
      });
    }
  }

  async shortenKey(principal: Principal, id: string, expiresInSeconds: number): Promise<ApiKey> {
    const key = await this.#manageableKey(principal, id);
    const at = this.#d.now();
    const expiresAt = at + expiresInSeconds * 1000;
    if (expiresAt > key.expiresAt) {
      throw new ApiError(
        'invalid_request',
        "expires_in may only move a key's expiry earlier (rotation), never later.",
      );
    }
    if (!(await this.#d.store.shortenKey(key.id, expiresAt))) throw new ApiError('key_not_found');
    this.#d.events.emit({
      type: 'key.shortened',
      at,
      orgId: key.orgId,
      keyId: key.id,
      expiresAt,
      caller: callerOf(principal),
    });
    return { ...key, expiresAt };
  }

  /**
   * A person's own keys are the ones they made. A key (without `keys:manage`) owns only itself: a leaked CI key
   * can rotate or revoke itself, but not list or revoke the other keys of the person who made it.
   */
  #ownsKey(principal: Principal, key: ApiKey): boolean {
    if (principal.via === 'api_key') return key.id === principal.key?.id;
    return key.createdBy === principal.userId;
  }

  async #manageableKey(principal: Principal, id: string): Promise<ApiKey> {
    const key = await this.#d.store.getKey(id);
    if (key === null || key.orgId !== principal.orgId) throw new ApiError('key_not_found');
    if (!this.#ownsKey(principal, key) && !principal.scopes.has('keys:manage'))
      throw new ApiError('key_not_found');
    return key;
  }

  // ---- Owned secrets --------------------------------------------------------------------------------------

  /** Before an authenticated create: the team (if any) must be the caller's, or within an org-wide reach. */
  async checkTeam(principal: Principal, teamId: string | undefined): Promise<string | null> {
    if (teamId === undefined) return null;
    const team = await this.#d.store.getTeam(teamId);
    if (team === null || team.orgId !== principal.orgId) throw new ApiError('team_not_found');
    if (principal.reach === 'org') return team.id;
    const mine =
      principal.userId === null ? [] : await this.#d.store.teamsOf(principal.orgId, principal.userId);
    if (!mine.includes(team.id)) throw new ApiError('forbidden', 'You are not in that team.');
    return team.id;
  }

  /**
   * Records who owns a secret just created, its team, and whether its creator asked to be notified when it is
   * viewed, burned or expires (`mail/notifier.ts`). Should the accounts store fail, the secret is burned again,
   * so no unowned secret of an organisation is left behind, and the error goes to the client.
   */
  async recordCreated(
    principal: Principal,
    created: { id: string; receipt: string; expiresAt: number },
    options: { teamId: string | null; notify: boolean },
  ): Promise<void> {
    const { teamId } = options;
    const hash = receiptHash(created.receipt);
    try {
      await this.#d.store.recordSecret({
        secretId: created.id,
        orgId: principal.orgId,
        creatorId: principal.userId,
        keyId: principal.key?.id ?? null,
        teamId,
        receiptHash: hash,
        createdAt: this.#d.now(),
        expiresAt: created.expiresAt,
        notify: options.notify,
      });
    } catch (error) {
      await this.#d.secrets.burnByHash(hash).catch(() => false);
      throw error;
    }
  }

  async listSecrets(
    principal: Principal,
    query: {
      scope: ListScope;
      state?: ReceiptState | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<{ secrets: OwnedSecretView[]; next: string | null }> {
    if (query.scope === 'org' && principal.reach !== 'org') {
      throw new ApiError(
        'forbidden',
        'Listing every secret of the organisation needs the owner, admin or auditor role.',
      );
    }
    const { store } = this.#d;
    const limit = Math.min(query.limit ?? LIST_LIMIT.default, LIST_LIMIT.max);
    const filter =
      query.scope === 'org'
        ? {}
        : query.scope === 'own'
          ? principal.userId !== null
            ? { creatorId: principal.userId }
            : { creatorId: null, keyId: principal.key?.id ?? null }
          : {
              teamIds:
                principal.userId === null ? [] : await store.teamsOf(principal.orgId, principal.userId),
            };
    if (query.scope === 'team' && (filter as { teamIds: string[] }).teamIds.length === 0) {
      return { secrets: [], next: null };
    }
    let before = decodeCursor(query.cursor);
    const views: OwnedSecretView[] = [];
    // A page's rows share a few creators, keys and teams: each is read once per listing, not once per row.
    const names = {
      user: once((id: string) => store.getUser(id)),
      key: once((id: string) => store.getKey(id)),
      team: once((id: string) => store.getTeam(id)),
    };
    // A state filter is applied after reading each row's receipt: read pages until the page is full.
    for (let round = 0; round < 20 && views.length < limit; round++) {
      // One row more than a page tells whether the store has more after this batch.
      const rows = await store.listOwnedSecrets({
        orgId: principal.orgId,
        ...filter,
        before,
        limit: limit + 1,
      });
      const batch = rows.slice(0, limit);
      let read = 0;
      for (const row of batch) {
        read += 1;
        const view = await this.#view(row, names);
        before = { createdAt: row.createdAt, secretId: row.secretId };
        if (query.state !== undefined && view.state !== query.state) continue;
        views.push(view);
        if (views.length === limit) break;
      }
      // The last page: the store's last batch, read to its end. So `next` is null exactly when nothing follows.
      if (rows.length <= limit && read === batch.length) {
        return { secrets: views, next: null };
      }
    }
    return { secrets: views, next: before === null ? null : encodeCursor(before) };
  }

  async burnSecret(principal: Principal, secretId: string): Promise<void> {
    const owned = await this.#d.store.getOwnedSecret(secretId);
    if (owned === null || owned.orgId !== principal.orgId) throw new ApiError('secret_not_found');
    if (!(await this.#reaches(principal, owned))) {
      throw new ApiError('forbidden', "A member burns only their own and their teams' secrets.");
    }
    // Idempotent: a receipt already past retention means the secret is long gone.
    await this.#d.secrets.burnByHash(owned.receiptHash, callerOf(principal));
  }

  async #reaches(principal: Principal, owned: OwnedSecret): Promise<boolean> {
    if (principal.reach === 'org') return true;
    if (principal.userId !== null && owned.creatorId === principal.userId) return true;
    if (principal.userId === null) return owned.keyId !== null && owned.keyId === principal.key?.id;
    if (owned.teamId === null) return false;
    return (await this.#d.store.teamsOf(principal.orgId, principal.userId)).includes(owned.teamId);
  }

  async #view(row: OwnedSecret, names: Names): Promise<OwnedSecretView> {
    const { secrets, now } = this.#d;
    const [receipt, creator, key, team] = await Promise.all([
      secrets.receiptByHash(row.receiptHash),
      row.creatorId === null ? null : names.user(row.creatorId),
      row.keyId === null ? null : names.key(row.keyId),
      row.teamId === null ? null : names.team(row.teamId),
    ]);
    return {
      secret: row,
      state: stateOf(receipt, row, now()),
      maxViews: receipt?.maxViews ?? null,
      viewsLeft: receipt?.viewsLeft ?? null,
      viewedAt: receipt?.viewedAt ?? [],
      passphrase: receipt?.hasPassphrase ?? null,
      creator: creator === null ? null : { id: creator.id, email: creator.email, name: creator.name },
      key: key === null ? null : { id: key.id, name: key.name },
      team: team === null ? null : { id: team.id, name: team.name },
    };
  }

  // ---- Members --------------------------------------------------------------------------------------------

  async listMembers(principal: Principal): Promise<(MemberView & { teams: string[] })[]> {
    const { store } = this.#d;
    const members = await store.listMembers(principal.orgId);
    return Promise.all(
      members.map(async (m) => ({ ...m, teams: await store.teamsOf(principal.orgId, m.userId) })),
    );
  }

  async setRole(principal: Principal, userId: string, role: Role): Promise<MemberView & { teams: string[] }> {
    requireManage(principal);
    const { store, now, events } = this.#d;
    const member = await store.getMember(principal.orgId, userId);
    if (member === null) throw new ApiError('member_not_found');
    const actor = actingRole(principal);
    if (!canManageRole(actor, member.role) || !canManageRole(actor, role)) {
      throw new ApiError('forbidden', 'Only an owner may grant, change or remove the owner role.');
    }
    const outcome = await store.setRole(principal.orgId, userId, role);
    if (outcome === 'not_found') throw new ApiError('member_not_found');
    if (outcome === 'last_owner') throw new ApiError('last_owner');
    if (member.role !== role) {
      events.emit({
        type: 'member.role_changed',
        at: now(),
        orgId: principal.orgId,
        userId,
        from: member.role,
        to: role,
        caller: callerOf(principal),
      });
    }
    const view = (await this.listMembers(principal)).find((m) => m.userId === userId);
    if (view === undefined) throw new ApiError('member_not_found');
    return view;
  }

  async removeMember(principal: Principal, userId: string): Promise<void> {
    requireManage(principal);
    const { store, now, events } = this.#d;
    const member = await store.getMember(principal.orgId, userId);
    if (member === null) throw new ApiError('member_not_found');
    if (!canManageRole(actingRole(principal), member.role)) {
      throw new ApiError('forbidden', 'Only an owner may remove an owner.');
    }
    const outcome = await store.removeMember(principal.orgId, userId);
    if (outcome === 'not_found') throw new ApiError('member_not_found');
    if (outcome === 'last_owner') throw new ApiError('last_owner');
    events.emit({
      type: 'member.removed',
      at: now(),
      orgId: principal.orgId,
      userId,
      caller: callerOf(principal),
    });
  }

  // ---- Invites --------------------------------------------------------------------------------------------

  /**
   * An invite: a single-use token whose join URL (`ORIGIN/join#TOKEN`) is handed over inside a one-time
   * burnlink secret, so the invite link itself burns after one view. Answers that secret's link.
   */
  async createInvite(
    principal: Principal | null,
    request: { orgId?: string; email: string; role: Role },
    origin: string,
  ): Promise<{ invite: Invite; link: string }> {
    const orgId = principal?.orgId ?? request.orgId;
    if (orgId === undefined) throw new ApiError('invalid_request', 'An invite needs an organisation.');
    if (principal !== null) {
      requireManage(principal);
      if (!canManageRole(actingRole(principal), request.role)) {
        throw new ApiError('forbidden', 'Only an owner may invite an owner.');
      }
    }
    const { store, config, now, events, secrets } = this.#d;
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const lifetimeMs = config.accounts.inviteLifetimeMs;
    const invite: Invite = {
      id: newRandomId(),
      orgId,
      email: request.email.toLowerCase(),
      role: request.role,
      tokenHash: tokenHashHex(token),
      invitedBy: principal?.userId ?? null,
      createdAt: at,
      expiresAt: at + lifetimeMs,
      acceptedAt: null,
    };
    await store.createInvite(invite);
    const ttlSeconds = Math.min(Math.floor(lifetimeMs / 1000), config.ttl.maxSeconds);
    // The invitation's secret is the server's (public: it has no owner), like its view and its burn.
    const sealed = await secrets.sealOnServer(`${origin}/join#${token}`, {}, { ttlSeconds, maxViews: 1 });
    events.emit({
      type: 'invite.created',
      at,
      orgId,
      inviteId: invite.id,
      role: invite.role,
      ...(principal === null ? {} : { caller: callerOf(principal) }),
    });
    return { invite, link: formatSecretLink(origin, sealed.id, sealed.linkKey) };
  }

  async listInvites(principal: Principal): Promise<Invite[]> {
    requireManage(principal);
    return this.#d.store.listInvites(principal.orgId, this.#d.now());
  }

  async deleteInvite(principal: Principal, id: string): Promise<void> {
    requireManage(principal);
    if (!(await this.#d.store.deleteInvite(principal.orgId, id))) throw new ApiError('invite_not_found');
  }

  /**
   * Accepts an invite (single use) for a person: the invite's email finds or creates them, and they join its
   * organisation with its role (a member already keeps their role). Used by the sign-in routes.
   */
  async acceptInvite(token: string, person: { name: string }): Promise<{ orgId: string; userId: string }> {
    return this.acceptInviteByHash(inviteTokenHash(token), person);
  }

  /**
   * The invite whose token hashes to `tokenHash` while it can still be accepted (not used, not expired), or
   * null. Nothing is used: the sign-in routes check an invite when a ceremony starts and accept it at its end.
   */
  async liveInvite(tokenHash: string): Promise<Invite | null> {
    const invite = await this.#d.store.getInviteByToken(tokenHash);
    if (invite === null || invite.acceptedAt !== null || this.#d.now() >= invite.expiresAt) return null;
    return invite;
  }

  /**
   * `acceptInvite` by the token's hash (`inviteTokenHash`): a sign-in ceremony keeps only the hash between its
   * start and its end, never the token.
   */
  async acceptInviteByHash(
    tokenHash: string,
    person: { name: string },
  ): Promise<{ orgId: string; userId: string }> {
    const { store, now, events } = this.#d;
    const invite = await store.acceptInvite(tokenHash, now());
    if (invite === null) throw new ApiError('invite_not_found');
    let user = await store.findUserByEmail(invite.email);
    if (user === null) {
      user = { id: newRandomId(), email: invite.email, name: person.name.slice(0, 100), createdAt: now() };
      try {
        await store.createUser(user);
      } catch (error) {
        if (!(error instanceof AccountsConflictError)) throw error;
        user = await store.findUserByEmail(invite.email);
        if (user === null) throw error;
      }
    }
    if ((await store.getMember(invite.orgId, user.id)) === null) {
      try {
        await store.addMember({ orgId: invite.orgId, userId: user.id, role: invite.role, createdAt: now() });
        events.emit({
          type: 'member.added',
          at: now(),
          orgId: invite.orgId,
          userId: user.id,
          role: invite.role,
          // The inviter let them in (`burnlink admin invite`: the system).
          ...(invite.invitedBy === null
            ? {}
            : {
                caller: {
                  actor: { type: 'user' as const, id: invite.invitedBy },
                  orgId: invite.orgId,
                  ip: null,
                },
              }),
        });
      } catch (error) {
        if (!(error instanceof AccountsConflictError)) throw error;
      }
    }
    return { orgId: invite.orgId, userId: user.id };
  }

  // ---- Teams ----------------------------------------------------------------------------------------------

  async listTeams(principal: Principal): Promise<(Team & { members: string[] })[]> {
    const { store } = this.#d;
    const teams = await store.listTeams(principal.orgId);
    return Promise.all(teams.map(async (t) => ({ ...t, members: await store.teamMembers(t.id) })));
  }

  async createTeam(principal: Principal, name: string): Promise<Team> {
    requireManage(principal);
    const team: Team = { id: newRandomId(), orgId: principal.orgId, name, createdAt: this.#d.now() };
    try {
      await this.#d.store.createTeam(team);
    } catch (error) {
      if (error instanceof AccountsConflictError)
        throw new ApiError('already_exists', 'A team with that name exists.');
      throw error;
    }
    this.#d.events.emit({
      type: 'team.created',
      at: team.createdAt,
      orgId: team.orgId,
      teamId: team.id,
      caller: callerOf(principal),
    });
    return team;
  }

  async deleteTeam(principal: Principal, teamId: string): Promise<void> {
    requireManage(principal);
    await this.#team(principal, teamId);
    await this.#d.store.deleteTeam(teamId);
    this.#d.events.emit({
      type: 'team.deleted',
      at: this.#d.now(),
      orgId: principal.orgId,
      teamId,
      caller: callerOf(principal),
    });
  }

  async setTeamMember(principal: Principal, teamId: string, userId: string, member: boolean): Promise<void> {
    requireManage(principal);
    await this.#team(principal, teamId);
    const { store } = this.#d;
    if (member) {
      if ((await store.getMember(principal.orgId, userId)) === null) throw new ApiError('member_not_found');
      await store.addTeamMember(teamId, userId);
    } else if (!(await store.removeTeamMember(teamId, userId))) {
      throw new ApiError('member_not_found', 'That person is not in this team.');
    }
    this.#d.events.emit({
      type: member ? 'team.member_added' : 'team.member_removed',
      at: this.#d.now(),
      orgId: principal.orgId,
      teamId,
      userId,
      caller: callerOf(principal),
    });
  }

  async #team(principal: Principal, teamId: string): Promise<Team> {
    const team = await this.#d.store.getTeam(teamId);
    if (team === null || team.orgId !== principal.orgId) throw new ApiError('team_not_found');
    return team;
  }

  async #teamsByIds(orgId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    const teams = await this.#d.store.listTeams(orgId);
    return teams.filter((t) => ids.includes(t.id)).map((t) => ({ id: t.id, name: t.name }));
  }

  // ---- Sessions -------------------------------------------------------------------------------------------

  sessionsOf(userId: string) {
    return this.#d.store.listUserSessions(userId);
  }

  /** Ends one of the caller's own sessions, named by its public id (a prefix of its hash). */
  async endSession(principal: Principal & { userId: string }, publicId: string): Promise<void> {
    const sessions = await this.#d.store.listUserSessions(principal.userId);
    const session = sessions.find((s) => s.idHash.startsWith(publicId));
    if (session === undefined || !(await this.#d.store.deleteSession(session.idHash))) {
      throw new ApiError('session_not_found');
    }
    if (session.idHash === principal.session?.idHash) this.signedOut(principal, false);
  }

  async endAllSessions(principal: Principal & { userId: string }): Promise<void> {
    await this.#d.store.deleteUserSessions(principal.userId);
    this.signedOut(principal, true);
  }

  signedOut(principal: Principal, everywhere: boolean): void {
    if (principal.userId === null) return;
    this.#d.events.emit({
      type: 'session.signed_out',
      at: this.#d.now(),
      orgId: principal.orgId,
      userId: principal.userId,
      everywhere,
      caller: callerOf(principal),
    });
  }

  /** Resolves when the accounts store answers (for `/readyz`). */
  ping(): Promise<void> {
    return this.#d.store.ping();
  }

  /** Removes ended sessions, old invites and owned-secret rows past the receipt retention. */
  sweep() {
    const now = this.#d.now();
    return this.#d.store.sweep(
      now,
      now - this.#d.config.accounts.sessionIdleMs,
      this.#d.config.receiptRetentionMs,
    );
  }
}

/** The lookups a listing shares between its rows. */
interface Names {
  user: (id: string) => Promise<User | null>;
  key: (id: string) => Promise<ApiKey | null>;
  team: (id: string) => Promise<Team | null>;
}

/** `read`, asked at most once per id (the first answer, or failure, is kept). */
function once<T>(read: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (id) => {
    let answer = answers.get(id);
    if (answer === undefined) {
      answer = read(id);
      answers.set(id, answer);
    }
    return answer;
  };
}

function requireManage(principal: Principal): void {
  if (!principal.scopes.has('members:manage')) {
    throw new ApiError(
      'insufficient_scope',
      'This needs the scope members:manage, which this caller does not have.',
    );
  }
}

function stateOf(receipt: ReceiptInfo | null, row: OwnedSecret, now: number): ReceiptState {
  if (receipt !== null) return receipt.state;
  return now >= row.expiresAt ? 'expired' : 'burned';
}

function encodeCursor(before: { createdAt: number; secretId: string }): string {
  return Buffer.from(JSON.stringify([before.createdAt, before.secretId])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: number; secretId: string } | null {
  if (cursor === undefined) return null;
  try {
    const [createdAt, secretId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'number' && typeof secretId === 'string') return { createdAt, secretId };
  } catch {
    // falls through to the error below
  }
  throw new ApiError('invalid_request', 'cursor is not one this server handed out; start without it.');
}
