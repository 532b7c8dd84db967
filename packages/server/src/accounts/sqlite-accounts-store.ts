import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OrgPolicy } from '@burnlink/wire';
import Database from 'better-sqlite3';
import { SqliteAuditStore } from '../audit/sqlite-audit-store.js';
import { SqliteDomainStore } from '../domains/sqlite-domain-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import {
  json,
  mapOrNull,
  type Row,
  toInvite,
  toKey,
  toMember,
  toOrg,
  toOwnedSecret,
  toPasskey,
  toSession,
  toStoredPolicy,
  toTeam,
  toUser,
} from './accounts-rows.js';
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
import { migrateAccounts } from './sqlite-accounts-schema.js';

export interface SqliteAccountsOptions {
  /** How long a statement waits for another process's lock (`burnlink admin`) before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** Called after each committed batch of `recordSecret` / touches (tests check that they are grouped). */
  onBatch?: (operations: number) => void;
}

type Statement = Database.Statement<unknown[], Row>;

const lower = (text: string) => text.toLowerCase();
const uniqueLower = (values: string[]) => [...new Set(values.map(lower))];
const byName = (a: Team, b: Team) => a.name.localeCompare(b.name);
const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A write that waits for the next batch: its body (run inside the batch's transaction) and its caller. */
interface Queued {
  run: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The accounts store in its own SQLite file (by default `DATA_DIR/accounts.db`, next to the secrets' file):
 * WAL, `synchronous=FULL`, foreign keys, schema version in `user_version` (`sqlite-accounts-schema.ts`).
 *
 * One connection on the main thread; better-sqlite3 is synchronous, so each method runs to its end without
 * yielding, and a method that reads then writes does both in one `BEGIN IMMEDIATE` transaction (which also
 * serialises it with another process on the same file). Accounts writes are rare, so they commit one by one —
 * except what runs on every authenticated request: `recordSecret` (every create), `touchSession` and
 * `touchKey`. Those of one event-loop turn are queued and committed together in ONE transaction (one fsync)
 * on `setImmediate`; touches of one session or key in a batch coalesce to the latest. Each caller's promise
 * resolves after the commit that holds its write; a duplicate secret id fails alone (SQLite undoes only the
 * failed statement), while a failed commit fails the whole batch.
 *
 * @example
 * const accounts = new SqliteAccountsStore('/var/lib/burnlink/accounts.db');
 */
export class SqliteAccountsStore implements AccountsStore {
  /** The audit trail and webhooks, on this store's connection. */
  readonly audit: SqliteAuditStore;
  /** Custom domains and branding, on this store's connection. */
  readonly domains: SqliteDomainStore;
  readonly #db: Database.Database;
  readonly #sql: ReturnType<typeof prepare>;
  readonly #listQueries = new Map<string, Statement>();
  readonly #onBatch: ((operations: number) => void) | undefined;
  #queue: Queued[] = [];
  #sessionTouches = new Map<string, number>();
  #keyTouches = new Map<string, number>();
  #touchWaiters: Omit<Queued, 'run'>[] = [];
  #scheduled = false;
  #closed = false;

  constructor(path: string, options: SqliteAccountsOptions = {}) {
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    this.#onBatch = options.onBatch;
    let db: Database.Database | undefined;
    try {
      // Email addresses and names live here: a new directory is readable by the server only.
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('foreign_keys = ON');
      migrateAccounts(db);
      this.#sql = prepare(db);
      this.audit = new SqliteAuditStore(db);
      this.domains = new SqliteDomainStore(db);
    } catch (error) {
      db?.close();
      throw new StoreUnavailableError('cannot open the SQLite accounts database', { cause: error });
    }
    this.#db = db;
  }

  // Organisations.

  createOrg(org: Org): Promise<void> {
    return this.#run(
      () => {
        this.#sql.insertOrg.run(
          org.id,
          org.name,
          lower(org.name),
          org.createdAt,
          json(uniqueLower(org.joinDomains)),
        );
      },
      (message) => (message.includes('orgs.name_key') ? 'name' : 'id'),
    );
  }
  getOrg(id: string): Promise<Org | null> {
    return this.#run(() => mapOrNull(this.#sql.getOrg.get(id), toOrg));
  }
  findOrgByName(name: string): Promise<Org | null> {
    return this.#run(() => mapOrNull(this.#sql.findOrgByName.get(lower(name)), toOrg));
  }
  listOrgs(): Promise<Org[]> {
    return this.#run(() => this.#sql.listOrgs.all().map(toOrg));
  }
  orgsJoinableBy(domain: string): Promise<Org[]> {
    return this.#run(() => this.#sql.orgsJoinableBy.all(lower(domain)).map(toOrg));
  }
  setJoinDomains(orgId: string, domains: string[]): Promise<boolean> {
    return this.#run(() => this.#sql.setJoinDomains.run(json(uniqueLower(domains)), orgId).changes > 0);
  }

  // People.

  createUser(user: User): Promise<void> {
    return this.#run(
      () => {
        this.#sql.insertUser.run(user.id, lower(user.email), user.name, user.createdAt);
      },
      (message) => (message.includes('users.email') ? 'email' : 'id'),
    );
  }
  getUser(id: string): Promise<User | null> {
    return this.#run(() => mapOrNull(this.#sql.getUser.get(id), toUser));
  }
  findUserByEmail(email: string): Promise<User | null> {
    return this.#run(() => mapOrNull(this.#sql.findUserByEmail.get(lower(email)), toUser));
  }

  // Members.

  addMember(member: Member): Promise<void> {
    return this.#run(
      () => {
        this.#sql.insertMember.run(member.orgId, member.userId, member.role, member.createdAt);
      },
      () => 'member',
    );
  }
  getMember(orgId: string, userId: string): Promise<Member | null> {
    return this.#run(() => mapOrNull(this.#sql.getMember.get(orgId, userId), toMember));
  }
  listMembers(orgId: string): Promise<MemberView[]> {
    return this.#run(() =>
      this.#sql.listMembers.all(orgId).map((row) => ({
        ...toMember(row),
        email: String(row.email ?? ''),
        name: String(row.name ?? ''),
      })),
    );
  }
  membershipsOf(userId: string): Promise<Member[]> {
    return this.#run(() => this.#sql.membershipsOf.all(userId).map(toMember));
  }
  setRole(orgId: string, userId: string, role: Role): Promise<'ok' | 'not_found' | 'last_owner'> {
    return this.#transaction(() => {
      const member = this.#sql.getMember.get(orgId, userId);
      if (!member) return 'not_found';
      if (role !== 'owner' && this.#lastOwner(orgId, userId, member)) return 'last_owner';
      this.#sql.setRole.run(role, orgId, userId);
      return 'ok';
    });
  }
  removeMember(orgId: string, userId: string): Promise<'ok' | 'not_found' | 'last_owner'> {
    return this.#transaction(() => {
      const member = this.#sql.getMember.get(orgId, userId);
      if (!member) return 'not_found';
      if (this.#lastOwner(orgId, userId, member)) return 'last_owner';
      this.#sql.deleteMember.run(orgId, userId);
      this.#sql.deleteOrgTeamMemberships.run(userId, orgId);
      this.#sql.deleteOrgSessions.run(userId, orgId);
      return 'ok';
    });
  }
  #lastOwner(orgId: string, userId: string, member: Row): boolean {
    if (member.role !== 'owner') return false;
    const others = this.#sql.otherOwners.get(orgId, userId) as { n: number };
    return others.n === 0;
  }

  // Teams.

  createTeam(team: Team): Promise<void> {
    return this.#run(
      () => {
        this.#sql.insertTeam.run(team.id, team.orgId, team.name, lower(team.name), team.createdAt);
      },
      (message) => (message.includes('teams.name_key') ? 'name' : 'id'),
    );
  }
  getTeam(id: string): Promise<Team | null> {
    return this.#run(() => mapOrNull(this.#sql.getTeam.get(id), toTeam));
  }
  listTeams(orgId: string): Promise<Team[]> {
    return this.#run(() => this.#sql.listTeams.all(orgId).map(toTeam).sort(byName));
  }
  deleteTeam(id: string): Promise<boolean> {
    // team_members go with it (ON DELETE CASCADE).
    return this.#run(() => this.#sql.deleteTeam.run(id).changes > 0);
  }
  addTeamMember(teamId: string, userId: string): Promise<void> {
    return this.#run(() => {
      this.#sql.addTeamMember.run(userId, teamId);
    });
  }
  removeTeamMember(teamId: string, userId: string): Promise<boolean> {
    return this.#run(() => this.#sql.removeTeamMember.run(teamId, userId).changes > 0);
  }
  teamMembers(teamId: string): Promise<string[]> {
    return this.#run(() =>
      this.#sql.teamMembers
        .all(teamId)
        .map((row) => String(row.user_id))
        .sort(codeOrder),
    );
  }
  teamsOf(orgId: string, userId: string): Promise<string[]> {
    return this.#run(() =>
      this.#sql.teamsOf
        .all(orgId, userId)
        .map((row) => String(row.id))
        .sort(codeOrder),
    );
  }

  // Sessions.

  createSession(session: Session): Promise<void> {
    return this.#run(
      () => {
        const s = session;
        this.#sql.insertSession.run(
          s.idHash,
          s.userId,
          s.orgId,
          s.csrfHash,
          s.createdAt,
          s.lastSeenAt,
          s.expiresAt,
          s.label,
        );
      },
      () => 'session',
    );
  }
  sessionWithRole(idHash: string): Promise<{ session: Session; role: Role | null } | null> {
    return this.#run(() =>
      mapOrNull(this.#sql.sessionWithRole.get(idHash), (row) => ({
        session: toSession(row),
        role: row.member_role === null ? null : (String(row.member_role) as Role),
      })),
    );
  }
  keyWithRole(id: string): Promise<{ key: ApiKey; role: Role | null } | null> {
    return this.#run(() =>
      mapOrNull(this.#sql.keyWithRole.get(id), (row) => ({
        key: toKey(row),
        role: row.member_role === null ? null : (String(row.member_role) as Role),
      })),
    );
  }
  getSession(idHash: string): Promise<Session | null> {
    return this.#run(() => mapOrNull(this.#sql.getSession.get(idHash), toSession));
  }
  touchSession(idHash: string, lastSeenAt: number): Promise<void> {
    return this.#touch(this.#sessionTouches, idHash, lastSeenAt);
  }
  deleteSession(idHash: string): Promise<boolean> {
    return this.#run(() => this.#sql.deleteSession.run(idHash).changes > 0);
  }
  deleteUserSessions(userId: string): Promise<number> {
    return this.#run(() => this.#sql.deleteUserSessions.run(userId).changes);
  }
  listUserSessions(userId: string): Promise<Session[]> {
    return this.#run(() => this.#sql.listUserSessions.all(userId).map(toSession));
  }

  // API keys.

  createKey(key: ApiKey): Promise<void> {
    return this.#run(
      () => {
        const k = key;
        this.#sql.insertKey.run(
          k.id,
          k.orgId,
          k.createdBy,
          k.name,
          json(k.scopes),
          k.hash,
          k.createdAt,
          k.expiresAt,
          k.lastUsedAt,
          k.revokedAt,
        );
      },
      () => 'id',
    );
  }
  getKey(id: string): Promise<ApiKey | null> {
    return this.#run(() => mapOrNull(this.#sql.getKey.get(id), toKey));
  }
  listKeys(orgId: string): Promise<ApiKey[]> {
    return this.#run(() => this.#sql.listKeys.all(orgId).map(toKey));
  }
  revokeKey(id: string, at: number): Promise<boolean> {
    return this.#run(() => this.#sql.revokeKey.run(at, id).changes > 0);
  }
  shortenKey(id: string, expiresAt: number): Promise<boolean> {
    return this.#run(() => this.#sql.shortenKey.run(expiresAt, id).changes > 0);
  }
  touchKey(id: string, at: number): Promise<void> {
    return this.#touch(this.#keyTouches, id, at);
  }

  // Invites.

  createInvite(invite: Invite): Promise<void> {
    return this.#run(
      () => {
        const i = invite;
        this.#sql.insertInvite.run(
          i.id,
          i.orgId,
          lower(i.email),
          i.role,
          i.tokenHash,
          i.invitedBy,
          i.createdAt,
          i.expiresAt,
          i.acceptedAt,
        );
      },
      () => 'id',
    );
  }
  getInviteByToken(tokenHash: string): Promise<Invite | null> {
    return this.#run(() => mapOrNull(this.#sql.getInviteByToken.get(tokenHash), toInvite));
  }
  listInvites(orgId: string, now: number): Promise<Invite[]> {
    return this.#run(() => this.#sql.listInvites.all(orgId, now).map(toInvite));
  }
  acceptInvite(tokenHash: string, now: number): Promise<Invite | null> {
    // One UPDATE … RETURNING: the check and the mark are one statement.
    return this.#run(() => mapOrNull(this.#sql.acceptInvite.get(now, tokenHash, now), toInvite));
  }
  deleteInvite(orgId: string, id: string): Promise<boolean> {
    return this.#run(() => this.#sql.deleteInvite.run(id, orgId).changes > 0);
  }

  // Passkeys and identities.

  addPasskey(passkey: Passkey): Promise<void> {
    return this.#run(
      () => {
        const p = passkey;
        this.#sql.insertPasskey.run(
          p.id,
          p.userId,
          Buffer.from(p.publicKey),
          p.counter,
          json(p.transports),
          p.name,
          p.createdAt,
          p.lastUsedAt,
        );
      },
      () => 'passkey',
    );
  }
  getPasskey(id: string): Promise<Passkey | null> {
    return this.#run(() => mapOrNull(this.#sql.getPasskey.get(id), toPasskey));
  }
  listPasskeys(userId: string): Promise<Passkey[]> {
    return this.#run(() => this.#sql.listPasskeys.all(userId).map(toPasskey));
  }
  usePasskey(id: string, counter: number, at: number): Promise<void> {
    return this.#run(() => {
      this.#sql.usePasskey.run(counter, at, id);
    });
  }
  removePasskey(userId: string, id: string): Promise<boolean> {
    return this.#run(() => this.#sql.removePasskey.run(id, userId).changes > 0);
  }
  linkIdentity(identity: OidcIdentity): Promise<void> {
    return this.#run(
      () => {
        this.#sql.insertIdentity.run(identity.issuer, identity.subject, identity.userId);
      },
      () => 'identity',
    );
  }
  findIdentity(issuer: string, subject: string): Promise<OidcIdentity | null> {
    return this.#run(() =>
      mapOrNull(this.#sql.findIdentity.get(issuer, subject), (row) => ({
        issuer: String(row.issuer),
        subject: String(row.subject),
        userId: String(row.user_id),
      })),
    );
  }

  listIdentities(userId: string): Promise<OidcIdentity[]> {
    return this.#run(() =>
      this.#sql.listIdentities.all(userId).map((row) => ({
        issuer: String(row.issuer),
        subject: String(row.subject),
        userId: String(row.user_id),
      })),
    );
  }

  // Sign-in challenges.

  putChallenge(challenge: Challenge): Promise<void> {
    return this.#run(
      () => {
        const c = challenge;
        this.#sql.insertChallenge.run(c.id, c.purpose, c.payload, c.expiresAt);
      },
      () => 'id',
    );
  }
  takeChallenge(id: string, now: number): Promise<Challenge | null> {
    return this.#run(() => {
      const row = this.#sql.takeChallenge.get(id);
      if (row === undefined || Number(row.expires_at) <= now) return null;
      return {
        id: String(row.id),
        purpose: String(row.purpose) as Challenge['purpose'],
        payload: String(row.payload),
        expiresAt: Number(row.expires_at),
      };
    });
  }

  // Owned secrets.

  getPolicy(orgId: string): Promise<StoredPolicy | null> {
    return this.#run(() => mapOrNull(this.#sql.getPolicy.get(orgId), toStoredPolicy));
  }
  setPolicy(orgId: string, policy: OrgPolicy, at: number): Promise<void> {
    return this.#run(() => {
      this.#sql.setPolicy.run(orgId, json(policy), at);
    });
  }

  recordSecret(secret: OwnedSecret): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    const s = secret;
    const values = [
      s.secretId,
      s.orgId,
      s.creatorId,
      s.keyId,
      s.teamId,
      s.receiptHash,
      s.createdAt,
      s.expiresAt,
      s.notify ? 1 : 0,
    ];
    return new Promise((resolve, reject) => {
      this.#queue.push({ run: () => this.#sql.insertSecret.run(...values), resolve, reject });
      this.#schedule();
    });
  }
  getOwnedSecret(secretId: string): Promise<OwnedSecret | null> {
    return this.#run(() => mapOrNull(this.#sql.getOwnedSecret.get(secretId), toOwnedSecret));
  }
  ownersOf(secretIds: string[]): Promise<Map<string, OwnedSecret>> {
    return this.#run(() => {
      const owners = new Map<string, OwnedSecret>();
      if (secretIds.length === 0) return owners;
      for (const row of this.#sql.ownersOf.all(json(secretIds))) {
        const secret = toOwnedSecret(row);
        owners.set(secret.secretId, secret);
      }
      return owners;
    });
  }
  listOwnedSecrets(query: OwnedSecretQuery): Promise<OwnedSecret[]> {
    return this.#run(() => {
      const { text, values } = ownedSecretsQuery(query);
      let statement = this.#listQueries.get(text);
      if (!statement) {
        statement = this.#db.prepare<unknown[], Row>(text);
        this.#listQueries.set(text, statement);
      }
      return statement.all(...values).map(toOwnedSecret);
    });
  }

  sweep(now: number, idleBefore: number, retentionMs: number): Promise<AccountsSweepResult> {
    const horizon = now - retentionMs;
    return this.#transaction(() => {
      this.#sql.sweepChallenges.run(now);
      return {
        sessions: this.#sql.sweepSessions.run(now, idleBefore).changes,
        invites: this.#sql.sweepInvites.run(horizon).changes,
        secrets: this.#sql.sweepSecrets.run(horizon).changes,
      };
    });
  }

  ping(): Promise<void> {
    return this.#run(() => {
      this.#sql.ping.get();
    });
  }

  /** Commits what is queued, then closes the file; every call afterwards rejects as unavailable. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    this.#db.close();
  }

  // Machinery.

  #touch(touches: Map<string, number>, id: string, at: number): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    touches.set(id, Math.max(at, touches.get(id) ?? at));
    return new Promise((resolve, reject) => {
      this.#touchWaiters.push({ resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  /** Commits every queued insert and touch in one transaction, then settles their callers. */
  #flush(): void {
    this.#scheduled = false;
    const queued = this.#queue;
    const sessions = this.#sessionTouches;
    const keys = this.#keyTouches;
    const waiters = this.#touchWaiters;
    if (queued.length === 0 && waiters.length === 0) return;
    this.#queue = [];
    this.#sessionTouches = new Map();
    this.#keyTouches = new Map();
    this.#touchWaiters = [];
    let outcomes: unknown[];
    // Ownership rows and touches are committed without an fsync of their own (WAL, synchronous=NORMAL): a
    // crash of the process loses nothing, a crash of the machine may lose the last batches (a secret then
    // shows in no listing; it still works and burns as any). With FULL each batch cost a blocking fsync on the
    // event loop, 3 ms alone and 9 ms for 64, which took a third off authenticated creates (bench/auth.js).
    this.#db.pragma('synchronous = NORMAL');
    try {
      outcomes = this.#db
        .transaction(() => {
          const results = queued.map(({ run }) => {
            try {
              run();
              return null;
            } catch (error) {
              // A constraint undoes only its statement; anything that ended the transaction fails the batch.
              if (!this.#db.inTransaction) throw error;
              return error;
            }
          });
          for (const [idHash, at] of sessions) this.#sql.touchSession.run(at, idHash, at);
          for (const [id, at] of keys) this.#sql.touchKey.run(at, id, at);
          return results;
        })
        .immediate();
    } catch (error) {
      const mapped = toAccountsError(error, () => 'secret');
      for (const { reject } of [...queued, ...waiters]) reject(mapped);
      return;
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
    this.#onBatch?.(queued.length + sessions.size + keys.size);
    queued.forEach(({ resolve, reject }, i) => {
      const error = outcomes[i];
      if (error === null) resolve();
      else reject(toAccountsError(error, () => 'secret'));
    });
    for (const { resolve } of waiters) resolve();
  }

  /** Runs a synchronous body now; maps what SQLite throws (conflicts by `what`). */
  #run<T>(body: () => T, what?: (message: string) => string): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(toAccountsError(error, what));
    }
  }

  /** A read-then-write body in one `BEGIN IMMEDIATE` transaction. */
  #transaction<T>(body: () => T): Promise<T> {
    return this.#run(() => this.#db.transaction(body).immediate());
  }
}

function closedError(): StoreUnavailableError {
  return new StoreUnavailableError('the SQLite accounts store is closed');
}

/**
 * A uniqueness clash is `AccountsConflictError` (named by `what`, from SQLite's message, which names the
 * column, never the value); another constraint (a foreign key, a CHECK) is the caller's mistake, a plain
 * `Error`; everything else means the store failed.
 */
function toAccountsError(error: unknown, what?: (message: string) => string): unknown {
  if (error instanceof AccountsConflictError || error instanceof StoreUnavailableError) return error;
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    const unique = error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    if (unique && what) return new AccountsConflictError(what(error.message));
    return new Error('a value is outside what the accounts store accepts', { cause: error });
  }
  return new StoreUnavailableError('the SQLite accounts store failed', { cause: error });
}

/** The SQL of one `listOwnedSecrets` shape (cached per text) and its values. */
function ownedSecretsQuery(query: OwnedSecretQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [query.orgId];
  const owners: string[] = [];
  const creatorId = query.creatorId ?? null;
  const keyId = query.keyId ?? null;
  if (creatorId !== null) {
    owners.push('creator_id = ?');
    values.push(creatorId);
  } else if (keyId !== null) {
    owners.push('key_id = ?');
    values.push(keyId);
  }
  if (query.teamIds !== undefined) {
    owners.push('team_id IN (SELECT value FROM json_each(?))');
    values.push(json(query.teamIds));
  }
  let where = 'org_id = ?';
  if (owners.length > 0) where += ` AND (${owners.join(' OR ')})`;
  if (query.before) {
    where += ' AND (created_at < ? OR (created_at = ? AND secret_id < ?))';
    values.push(query.before.createdAt, query.before.createdAt, query.before.secretId);
  }
  values.push(Math.max(0, Math.floor(query.limit)));
  return {
    text: `SELECT * FROM owned_secrets WHERE ${where} ORDER BY created_at DESC, secret_id DESC LIMIT ?`,
    values,
  };
}

function prepare(db: Database.Database) {
  const p = (text: string) => db.prepare<unknown[], Row>(text);
  return {
    ping: p('SELECT 1'),
    insertOrg: p('INSERT INTO orgs (id, name, name_key, created_at, join_domains) VALUES (?, ?, ?, ?, ?)'),
    getOrg: p('SELECT * FROM orgs WHERE id = ?'),
    findOrgByName: p('SELECT * FROM orgs WHERE name_key = ?'),
    listOrgs: p('SELECT * FROM orgs ORDER BY created_at, rowid'),
    orgsJoinableBy: p(
      `SELECT * FROM orgs WHERE EXISTS (SELECT 1 FROM json_each(orgs.join_domains) WHERE value = ?)
       ORDER BY created_at, rowid`,
    ),
    setJoinDomains: p('UPDATE orgs SET join_domains = ? WHERE id = ?'),

    insertUser: p('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)'),
    getUser: p('SELECT * FROM users WHERE id = ?'),
    findUserByEmail: p('SELECT * FROM users WHERE email = ?'),

    insertMember: p('INSERT INTO members (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)'),
    getMember: p('SELECT * FROM members WHERE org_id = ? AND user_id = ?'),
    listMembers: p(
      `SELECT m.*, u.email, u.name FROM members m LEFT JOIN users u ON u.id = m.user_id
       WHERE m.org_id = ? ORDER BY m.created_at`,
    ),
    membershipsOf: p('SELECT * FROM members WHERE user_id = ? ORDER BY created_at'),
    otherOwners: p(`SELECT count(*) AS n FROM members WHERE org_id = ? AND user_id <> ? AND role = 'owner'`),
    setRole: p('UPDATE members SET role = ? WHERE org_id = ? AND user_id = ?'),
    deleteMember: p('DELETE FROM members WHERE org_id = ? AND user_id = ?'),
    deleteOrgTeamMemberships: p(
      'DELETE FROM team_members WHERE user_id = ? AND team_id IN (SELECT id FROM teams WHERE org_id = ?)',
    ),
    deleteOrgSessions: p('DELETE FROM sessions WHERE user_id = ? AND org_id = ?'),

    insertTeam: p('INSERT INTO teams (id, org_id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)'),
    getTeam: p('SELECT * FROM teams WHERE id = ?'),
    listTeams: p('SELECT * FROM teams WHERE org_id = ?'),
    deleteTeam: p('DELETE FROM teams WHERE id = ?'),
    // (userId, teamId); nothing for an unknown team.
    addTeamMember: p(
      'INSERT INTO team_members (team_id, user_id) SELECT id, ? FROM teams WHERE id = ? ON CONFLICT DO NOTHING',
    ),
    removeTeamMember: p('DELETE FROM team_members WHERE team_id = ? AND user_id = ?'),
    teamMembers: p('SELECT user_id FROM team_members WHERE team_id = ?'),
    teamsOf: p(
      `SELECT t.id FROM teams t JOIN team_members tm ON tm.team_id = t.id WHERE t.org_id = ? AND tm.user_id = ?`,
    ),

    insertSession: p(
      `INSERT INTO sessions (id_hash, user_id, org_id, csrf_hash, created_at, last_seen_at, expires_at, label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getSession: p('SELECT * FROM sessions WHERE id_hash = ?'),
    sessionWithRole: p(
      `SELECT s.*, m.role AS member_role FROM sessions s
       LEFT JOIN members m ON m.org_id = s.org_id AND m.user_id = s.user_id WHERE s.id_hash = ?`,
    ),
    keyWithRole: p(
      `SELECT k.*, m.role AS member_role FROM api_keys k
       LEFT JOIN members m ON m.org_id = k.org_id AND m.user_id = k.created_by WHERE k.id = ?`,
    ),
    touchSession: p('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?'),
    deleteSession: p('DELETE FROM sessions WHERE id_hash = ?'),
    deleteUserSessions: p('DELETE FROM sessions WHERE user_id = ?'),
    listUserSessions: p('SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC'),

    insertKey: p(
      `INSERT INTO api_keys (id, org_id, created_by, name, scopes, hash, created_at, expires_at, last_used_at,
       revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getKey: p('SELECT * FROM api_keys WHERE id = ?'),
    listKeys: p('SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at DESC'),
    revokeKey: p('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    shortenKey: p('UPDATE api_keys SET expires_at = min(expires_at, ?) WHERE id = ? AND revoked_at IS NULL'),
    touchKey: p(
      'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    ),

    insertInvite: p(
      `INSERT INTO invites (id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getInviteByToken: p('SELECT * FROM invites WHERE token_hash = ?'),
    listInvites: p(
      `SELECT * FROM invites WHERE org_id = ? AND accepted_at IS NULL AND expires_at > ?
       ORDER BY created_at DESC`,
    ),
    acceptInvite: p(
      `UPDATE invites SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > ?
       RETURNING *`,
    ),
    deleteInvite: p('DELETE FROM invites WHERE id = ? AND org_id = ?'),

    insertPasskey: p(
      `INSERT INTO passkeys (id, user_id, public_key, counter, transports, name, created_at, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getPasskey: p('SELECT * FROM passkeys WHERE id = ?'),
    listPasskeys: p('SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at'),
    usePasskey: p('UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ?'),
    removePasskey: p('DELETE FROM passkeys WHERE id = ? AND user_id = ?'),
    insertIdentity: p('INSERT INTO identities (issuer, subject, user_id) VALUES (?, ?, ?)'),
    findIdentity: p('SELECT * FROM identities WHERE issuer = ? AND subject = ?'),
    listIdentities: p('SELECT * FROM identities WHERE user_id = ? ORDER BY issuer, subject'),

    insertSecret: p(
      `INSERT INTO owned_secrets (secret_id, org_id, creator_id, key_id, team_id, receipt_hash, created_at,
       expires_at, notify) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getOwnedSecret: p('SELECT * FROM owned_secrets WHERE secret_id = ?'),
    ownersOf: p('SELECT * FROM owned_secrets WHERE secret_id IN (SELECT value FROM json_each(?))'),

    sweepSessions: p('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?'),
    sweepInvites: p('DELETE FROM invites WHERE coalesce(accepted_at, expires_at) < ?'),
    sweepSecrets: p('DELETE FROM owned_secrets WHERE expires_at < ?'),
    sweepChallenges: p('DELETE FROM challenges WHERE expires_at <= ?'),
    getPolicy: p('SELECT policy, updated_at FROM org_policies WHERE org_id = ?'),
    setPolicy: p(
      `INSERT INTO org_policies (org_id, policy, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
    ),
    insertChallenge: p('INSERT INTO challenges (id, purpose, payload, expires_at) VALUES (?, ?, ?, ?)'),
    takeChallenge: p('DELETE FROM challenges WHERE id = ? RETURNING *'),
  };
}
