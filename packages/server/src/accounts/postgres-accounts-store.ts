import type { OrgPolicy } from '@burnlink/wire';
import pg from 'pg';
import { PostgresAuditStore } from '../audit/postgres-audit-store.js';
import { PostgresDomainStore } from '../domains/postgres-domain-store.js';
import { withDeadline } from '../stores/deadline.js';
import { OperationGate } from '../stores/operation-gate.js';
import { TickBatcher } from '../stores/postgres-batch.js';
import { inTransaction, pgUnavailable, statementName } from '../stores/postgres-driver.js';
import { DEFAULT_POSTGRES_TIMEOUT_MS, parsePostgresUrl } from '../stores/postgres-url.js';
import {
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
import { migrateAccountsPostgres } from './postgres-accounts-schema.js';
import type { Role } from './roles.js';

/** What each named uniqueness constraint means to the caller (`AccountsConflictError.what`). */
const CONFLICTS: Readonly<Record<string, string>> = {
  burnlink_acc_orgs_id: 'id',
  burnlink_acc_orgs_name: 'name',
  burnlink_acc_users_id: 'id',
  burnlink_acc_users_email: 'email',
  burnlink_acc_members_id: 'member',
  burnlink_acc_teams_id: 'id',
  burnlink_acc_teams_name: 'name',
  burnlink_acc_sessions_id: 'session',
  burnlink_acc_api_keys_id: 'id',
  burnlink_acc_invites_id: 'id',
  burnlink_acc_invites_token: 'id',
  burnlink_acc_passkeys_id: 'passkey',
  burnlink_acc_identities_id: 'identity',
  burnlink_acc_owned_secrets_id: 'secret',
  burnlink_acc_challenges_id: 'id',
  burnlink_acc_org_policies_id: 'policy',
};

/** Runs one statement (on the pool, or on a transaction's client). */
type Run = (text: string, values: unknown[]) => Promise<pg.QueryResult<Row>>;

const lower = (text: string) => text.toLowerCase();
const uniqueLower = (values: string[]) => [...new Set(values.map(lower))];
const byName = (a: Team, b: Team) => a.name.localeCompare(b.name);
const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const BATCH_SIZE = 256;

/**
 * The accounts store on PostgreSQL: required when several nodes run, and by default in the same database as
 * the secrets (`burnlink_acc_` tables, `postgres-accounts-schema.ts`). Each atomic method is one statement
 * (`acceptInvite`, `revokeKey`, `shortenKey`: an `UPDATE … WHERE` that only one caller can match) or one
 * transaction that locks what it decides on: `setRole` and `removeMember` lock every member row of the
 * organisation (`FOR UPDATE`) before counting its owners, so two nodes demoting or removing the last two
 * owners at once take turns and the second sees one owner left. `recordSecret` calls of one event-loop turn go
 * to the database as one `INSERT … SELECT FROM unnest(…)` (`TickBatcher`); a duplicate id fails alone.
 *
 * Every statement is bounded by the URL's `timeout`. A failure of the server or the connection is
 * `StoreUnavailableError` (the driver's message only: its other fields may carry values); a uniqueness clash is
 * `AccountsConflictError`; a value the schema refuses (a foreign key, a check) is a plain `Error`.
 *
 * @example
 * const accounts = await openPostgresAccounts('postgres://burnlink@db/burnlink?schema=prod');
 */
export class PostgresAccountsStore implements AccountsStore {
  /** The audit trail and webhooks, on this store's pool. */
  readonly audit: PostgresAuditStore;
  /** Custom domains and branding, on this store's pool. */
  readonly domains: PostgresDomainStore;
  readonly #pool: pg.Pool;
  readonly #timeoutMs: number;
  readonly #gate = new OperationGate('PostgreSQL accounts');
  readonly #records: TickBatcher<OwnedSecret, void>;
  readonly #query: Run;

  constructor(pool: pg.Pool, timeoutMs = DEFAULT_POSTGRES_TIMEOUT_MS) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#query = (text, values) =>
      this.#bounded(pool.query<Row>({ name: statementName(text), text, values }));
    const batches = Math.max(1, Math.floor((pool.options.max ?? 10) / 3));
    this.#records = new TickBatcher(batches, BATCH_SIZE, (secrets) => this.#recordAll(secrets));
    this.audit = new PostgresAuditStore(pool, timeoutMs);
    this.domains = new PostgresDomainStore(pool, timeoutMs);
  }

  // Organisations.

  createOrg(org: Org): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_orgs (id, name, name_key, created_at, join_domains) VALUES ($1, $2, $3, $4, $5)`,
      [org.id, org.name, lower(org.name), org.createdAt, uniqueLower(org.joinDomains)],
    );
  }
  getOrg(id: string): Promise<Org | null> {
    return this.#one('SELECT * FROM burnlink_acc_orgs WHERE id = $1', [id], toOrg);
  }
  findOrgByName(name: string): Promise<Org | null> {
    return this.#one('SELECT * FROM burnlink_acc_orgs WHERE name_key = $1', [lower(name)], toOrg);
  }
  listOrgs(): Promise<Org[]> {
    return this.#all('SELECT * FROM burnlink_acc_orgs ORDER BY created_at, id', [], toOrg);
  }
  orgsJoinableBy(domain: string): Promise<Org[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_orgs WHERE $1 = ANY (join_domains) ORDER BY created_at, id',
      [lower(domain)],
      toOrg,
    );
  }
  setJoinDomains(orgId: string, domains: string[]): Promise<boolean> {
    return this.#changed('UPDATE burnlink_acc_orgs SET join_domains = $2 WHERE id = $1', [
      orgId,
      uniqueLower(domains),
    ]);
  }

  // People.

  createUser(user: User): Promise<void> {
    return this.#write(
      'INSERT INTO burnlink_acc_users (id, email, name, created_at) VALUES ($1, $2, $3, $4)',
      [user.id, lower(user.email), user.name, user.createdAt],
    );
  }
  getUser(id: string): Promise<User | null> {
    return this.#one('SELECT * FROM burnlink_acc_users WHERE id = $1', [id], toUser);
  }
  findUserByEmail(email: string): Promise<User | null> {
    return this.#one('SELECT * FROM burnlink_acc_users WHERE email = $1', [lower(email)], toUser);
  }

  // Members.

  addMember(member: Member): Promise<void> {
    return this.#write(
      'INSERT INTO burnlink_acc_members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)',
      [member.orgId, member.userId, member.role, member.createdAt],
    );
  }
  getMember(orgId: string, userId: string): Promise<Member | null> {
    return this.#one(
      'SELECT * FROM burnlink_acc_members WHERE org_id = $1 AND user_id = $2',
      [orgId, userId],
      toMember,
    );
  }
  listMembers(orgId: string): Promise<MemberView[]> {
    return this.#all(
      `SELECT m.*, u.email, u.name FROM burnlink_acc_members m LEFT JOIN burnlink_acc_users u ON u.id = m.user_id
       WHERE m.org_id = $1 ORDER BY m.created_at, m.user_id`,
      [orgId],
      (row) => ({ ...toMember(row), email: String(row.email ?? ''), name: String(row.name ?? '') }),
    );
  }
  membershipsOf(userId: string): Promise<Member[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_members WHERE user_id = $1 ORDER BY created_at, org_id',
      [userId],
      toMember,
    );
  }
  setRole(orgId: string, userId: string, role: Role): Promise<'ok' | 'not_found' | 'last_owner'> {
    return this.#transaction(async (run) => {
      const refusal = await lockedOwnerCheck(run, orgId, userId, role !== 'owner');
      if (refusal) return refusal;
      await run('UPDATE burnlink_acc_members SET role = $3 WHERE org_id = $1 AND user_id = $2', [
        orgId,
        userId,
        role,
      ]);
      return 'ok';
    });
  }
  removeMember(orgId: string, userId: string): Promise<'ok' | 'not_found' | 'last_owner'> {
    return this.#transaction(async (run) => {
      const refusal = await lockedOwnerCheck(run, orgId, userId, true);
      if (refusal) return refusal;
      await run('DELETE FROM burnlink_acc_members WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
      await run(
        `DELETE FROM burnlink_acc_team_members
         WHERE user_id = $2 AND team_id IN (SELECT id FROM burnlink_acc_teams WHERE org_id = $1)`,
        [orgId, userId],
      );
      await run('DELETE FROM burnlink_acc_sessions WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
      return 'ok';
    });
  }

  // Teams.

  createTeam(team: Team): Promise<void> {
    return this.#write(
      'INSERT INTO burnlink_acc_teams (id, org_id, name, name_key, created_at) VALUES ($1, $2, $3, $4, $5)',
      [team.id, team.orgId, team.name, lower(team.name), team.createdAt],
    );
  }
  getTeam(id: string): Promise<Team | null> {
    return this.#one('SELECT * FROM burnlink_acc_teams WHERE id = $1', [id], toTeam);
  }
  async listTeams(orgId: string): Promise<Team[]> {
    const teams = await this.#all('SELECT * FROM burnlink_acc_teams WHERE org_id = $1', [orgId], toTeam);
    return teams.sort(byName);
  }
  deleteTeam(id: string): Promise<boolean> {
    // Its memberships go with it (ON DELETE CASCADE).
    return this.#changed('DELETE FROM burnlink_acc_teams WHERE id = $1', [id]);
  }
  async addTeamMember(teamId: string, userId: string): Promise<void> {
    await this.#changed(
      `INSERT INTO burnlink_acc_team_members (team_id, user_id)
       SELECT id, $2 FROM burnlink_acc_teams WHERE id = $1 ON CONFLICT DO NOTHING`,
      [teamId, userId],
    );
  }
  removeTeamMember(teamId: string, userId: string): Promise<boolean> {
    return this.#changed('DELETE FROM burnlink_acc_team_members WHERE team_id = $1 AND user_id = $2', [
      teamId,
      userId,
    ]);
  }
  async teamMembers(teamId: string): Promise<string[]> {
    const ids = await this.#all(
      'SELECT user_id FROM burnlink_acc_team_members WHERE team_id = $1',
      [teamId],
      (row) => String(row.user_id),
    );
    return ids.sort(codeOrder);
  }
  async teamsOf(orgId: string, userId: string): Promise<string[]> {
    const ids = await this.#all(
      `SELECT t.id FROM burnlink_acc_teams t JOIN burnlink_acc_team_members tm ON tm.team_id = t.id
       WHERE t.org_id = $1 AND tm.user_id = $2`,
      [orgId, userId],
      (row) => String(row.id),
    );
    return ids.sort(codeOrder);
  }

  // Sessions.

  createSession(s: Session): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_sessions (id_hash, user_id, org_id, csrf_hash, created_at, last_seen_at, expires_at,
       label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.idHash, s.userId, s.orgId, s.csrfHash, s.createdAt, s.lastSeenAt, s.expiresAt, s.label],
    );
  }
  sessionWithRole(idHash: string): Promise<{ session: Session; role: Role | null } | null> {
    return this.#one(
      `SELECT s.*, m.role AS member_role FROM burnlink_acc_sessions s
       LEFT JOIN burnlink_acc_members m ON m.org_id = s.org_id AND m.user_id = s.user_id WHERE s.id_hash = $1`,
      [idHash],
      (row) => ({
        session: toSession(row),
        role: row.member_role == null ? null : (String(row.member_role) as Role),
      }),
    );
  }
  keyWithRole(id: string): Promise<{ key: ApiKey; role: Role | null } | null> {
    return this.#one(
      `SELECT k.*, m.role AS member_role FROM burnlink_acc_api_keys k
       LEFT JOIN burnlink_acc_members m ON m.org_id = k.org_id AND m.user_id = k.created_by WHERE k.id = $1`,
      [id],
      (row) => ({
        key: toKey(row),
        role: row.member_role == null ? null : (String(row.member_role) as Role),
      }),
    );
  }
  getSession(idHash: string): Promise<Session | null> {
    return this.#one('SELECT * FROM burnlink_acc_sessions WHERE id_hash = $1', [idHash], toSession);
  }
  async touchSession(idHash: string, lastSeenAt: number): Promise<void> {
    await this.#changed(
      'UPDATE burnlink_acc_sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2',
      [idHash, lastSeenAt],
    );
  }
  deleteSession(idHash: string): Promise<boolean> {
    return this.#changed('DELETE FROM burnlink_acc_sessions WHERE id_hash = $1', [idHash]);
  }
  deleteUserSessions(userId: string): Promise<number> {
    return this.#count('DELETE FROM burnlink_acc_sessions WHERE user_id = $1', [userId]);
  }
  listUserSessions(userId: string): Promise<Session[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_sessions WHERE user_id = $1 ORDER BY created_at DESC, id_hash',
      [userId],
      toSession,
    );
  }

  // API keys.

  createKey(k: ApiKey): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_api_keys (id, org_id, created_by, name, scopes, hash, created_at, expires_at,
       last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        k.id,
        k.orgId,
        k.createdBy,
        k.name,
        k.scopes,
        k.hash,
        k.createdAt,
        k.expiresAt,
        k.lastUsedAt,
        k.revokedAt,
      ],
    );
  }
  getKey(id: string): Promise<ApiKey | null> {
    return this.#one('SELECT * FROM burnlink_acc_api_keys WHERE id = $1', [id], toKey);
  }
  listKeys(orgId: string): Promise<ApiKey[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_api_keys WHERE org_id = $1 ORDER BY created_at DESC, id',
      [orgId],
      toKey,
    );
  }
  revokeKey(id: string, at: number): Promise<boolean> {
    return this.#changed(
      'UPDATE burnlink_acc_api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      [id, at],
    );
  }
  shortenKey(id: string, expiresAt: number): Promise<boolean> {
    return this.#changed(
      'UPDATE burnlink_acc_api_keys SET expires_at = least(expires_at, $2) WHERE id = $1 AND revoked_at IS NULL',
      [id, expiresAt],
    );
  }
  async touchKey(id: string, at: number): Promise<void> {
    await this.#changed(
      `UPDATE burnlink_acc_api_keys SET last_used_at = $2
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`,
      [id, at],
    );
  }

  // Invites.

  createInvite(i: Invite): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_invites (id, org_id, email, role, token_hash, invited_by, created_at, expires_at,
       accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        i.id,
        i.orgId,
        lower(i.email),
        i.role,
        i.tokenHash,
        i.invitedBy,
        i.createdAt,
        i.expiresAt,
        i.acceptedAt,
      ],
    );
  }
  getInviteByToken(tokenHash: string): Promise<Invite | null> {
    return this.#one('SELECT * FROM burnlink_acc_invites WHERE token_hash = $1', [tokenHash], toInvite);
  }
  listInvites(orgId: string, now: number): Promise<Invite[]> {
    return this.#all(
      `SELECT * FROM burnlink_acc_invites WHERE org_id = $1 AND accepted_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC, id`,
      [orgId, now],
      toInvite,
    );
  }
  acceptInvite(tokenHash: string, now: number): Promise<Invite | null> {
    // Concurrent callers queue on the row lock; the WHERE is checked again on the row each one then sees.
    return this.#one(
      `UPDATE burnlink_acc_invites SET accepted_at = $2
       WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 RETURNING *`,
      [tokenHash, now],
      toInvite,
    );
  }
  deleteInvite(orgId: string, id: string): Promise<boolean> {
    return this.#changed('DELETE FROM burnlink_acc_invites WHERE id = $1 AND org_id = $2', [id, orgId]);
  }

  // Passkeys and identities.

  addPasskey(p: Passkey): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_passkeys (id, user_id, public_key, counter, transports, name, created_at,
       last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [p.id, p.userId, Buffer.from(p.publicKey), p.counter, p.transports, p.name, p.createdAt, p.lastUsedAt],
    );
  }
  getPasskey(id: string): Promise<Passkey | null> {
    return this.#one('SELECT * FROM burnlink_acc_passkeys WHERE id = $1', [id], toPasskey);
  }
  listPasskeys(userId: string): Promise<Passkey[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_passkeys WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
      toPasskey,
    );
  }
  async usePasskey(id: string, counter: number, at: number): Promise<void> {
    await this.#changed('UPDATE burnlink_acc_passkeys SET counter = $2, last_used_at = $3 WHERE id = $1', [
      id,
      counter,
      at,
    ]);
  }
  removePasskey(userId: string, id: string): Promise<boolean> {
    return this.#changed('DELETE FROM burnlink_acc_passkeys WHERE id = $1 AND user_id = $2', [id, userId]);
  }
  linkIdentity(identity: OidcIdentity): Promise<void> {
    return this.#write('INSERT INTO burnlink_acc_identities (issuer, subject, user_id) VALUES ($1, $2, $3)', [
      identity.issuer,
      identity.subject,
      identity.userId,
    ]);
  }
  findIdentity(issuer: string, subject: string): Promise<OidcIdentity | null> {
    return this.#one(
      'SELECT * FROM burnlink_acc_identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
      (row) => ({ issuer: String(row.issuer), subject: String(row.subject), userId: String(row.user_id) }),
    );
  }

  listIdentities(userId: string): Promise<OidcIdentity[]> {
    return this.#all(
      'SELECT * FROM burnlink_acc_identities WHERE user_id = $1 ORDER BY issuer, subject',
      [userId],
      (row) => ({ issuer: String(row.issuer), subject: String(row.subject), userId: String(row.user_id) }),
    );
  }

  // Sign-in challenges.

  putChallenge(challenge: Challenge): Promise<void> {
    const c = challenge;
    return this.#write(
      'INSERT INTO burnlink_acc_challenges (id, purpose, payload, expires_at) VALUES ($1, $2, $3, $4)',
      [c.id, c.purpose, c.payload, c.expiresAt],
    );
  }
  async takeChallenge(id: string, now: number): Promise<Challenge | null> {
    const challenge = await this.#one(
      'DELETE FROM burnlink_acc_challenges WHERE id = $1 RETURNING *',
      [id],
      (row): Challenge => ({
        id: String(row.id),
        purpose: String(row.purpose) as Challenge['purpose'],
        payload: String(row.payload),
        expiresAt: Number(row.expires_at),
      }),
    );
    return challenge !== null && challenge.expiresAt > now ? challenge : null;
  }

  // Owned secrets.

  getPolicy(orgId: string): Promise<StoredPolicy | null> {
    return this.#one(
      'SELECT policy, updated_at FROM burnlink_acc_org_policies WHERE org_id = $1',
      [orgId],
      toStoredPolicy,
    );
  }
  setPolicy(orgId: string, policy: OrgPolicy, at: number): Promise<void> {
    return this.#write(
      `INSERT INTO burnlink_acc_org_policies (org_id, policy, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
      [orgId, JSON.stringify(policy), at],
    );
  }

  recordSecret(secret: OwnedSecret): Promise<void> {
    return this.#gate.run(() =>
      withDeadline(this.#records.add(secret), this.#timeoutMs, () =>
        pgUnavailable('PostgreSQL accounts store', new Error('query timed out')),
      ),
    );
  }
  getOwnedSecret(secretId: string): Promise<OwnedSecret | null> {
    return this.#one(
      'SELECT * FROM burnlink_acc_owned_secrets WHERE secret_id = $1',
      [secretId],
      toOwnedSecret,
    );
  }
  async ownersOf(secretIds: string[]): Promise<Map<string, OwnedSecret>> {
    if (secretIds.length === 0) return new Map();
    const secrets = await this.#all(
      'SELECT * FROM burnlink_acc_owned_secrets WHERE secret_id = ANY ($1::text[])',
      [secretIds],
      toOwnedSecret,
    );
    return new Map(secrets.map((secret) => [secret.secretId, secret]));
  }
  listOwnedSecrets(query: OwnedSecretQuery): Promise<OwnedSecret[]> {
    const { text, values } = ownedSecretsQuery(query);
    return this.#all(text, values, toOwnedSecret);
  }

  sweep(now: number, idleBefore: number, retentionMs: number): Promise<AccountsSweepResult> {
    return this.#gate.run(async () => {
      const { rows } = await this.#query(
        `WITH s AS (DELETE FROM burnlink_acc_sessions WHERE expires_at <= $1 OR last_seen_at < $2 RETURNING 1),
              i AS (DELETE FROM burnlink_acc_invites WHERE coalesce(accepted_at, expires_at) < $3 RETURNING 1),
              o AS (DELETE FROM burnlink_acc_owned_secrets WHERE expires_at < $3 RETURNING 1),
              c AS (DELETE FROM burnlink_acc_challenges WHERE expires_at <= $1 RETURNING 1)
         SELECT (SELECT count(*) FROM s) AS sessions, (SELECT count(*) FROM i) AS invites,
                (SELECT count(*) FROM o) AS secrets`,
        [now, idleBefore, now - retentionMs],
      );
      const row = rows[0] ?? {};
      return { sessions: Number(row.sessions), invites: Number(row.invites), secrets: Number(row.secrets) };
    });
  }

  ping(): Promise<void> {
    return this.#gate.run(async () => {
      await this.#query('SELECT 1', []);
    });
  }

  /** Lets calls in flight finish, then ends the pool; every call afterwards rejects as unavailable. */
  async close(): Promise<void> {
    await Promise.all([this.#gate.close(), this.audit.close(), this.domains.close()]);
    if (!this.#pool.ended) await this.#pool.end();
  }

  // Machinery.

  /** One batch of `recordSecret`: one statement; ids already stored (or twice in the batch) fail alone. */
  /**
   * Committed without waiting for the WAL flush (`synchronous_commit` off for this statement's transaction):
   * a crash of the database server may lose the last fraction of a second of ownership rows (those secrets
   * then show in no listing; they still work and burn), never leave them half-written. Waiting cost every
   * authenticated create a second flush.
   */
  async #recordAll(secrets: OwnedSecret[]): Promise<PromiseSettledResult<void>[]> {
    const column = <K extends keyof OwnedSecret>(key: K) => secrets.map((s) => s[key]);
    const { rows } = await this.#query(
      `INSERT INTO burnlink_acc_owned_secrets (secret_id, org_id, creator_id, key_id, team_id, receipt_hash,
         created_at, expires_at, notify)
       SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
         $8::bigint[], $9::boolean[]) AS u, (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
       ON CONFLICT DO NOTHING RETURNING secret_id`,
      [
        column('secretId'),
        column('orgId'),
        column('creatorId'),
        column('keyId'),
        column('teamId'),
        column('receiptHash'),
        column('createdAt'),
        column('expiresAt'),
        column('notify'),
      ],
    );
    const inserted = new Set(rows.map((row) => String(row.secret_id)));
    return secrets.map((secret) => {
      // The first of the batch with an inserted id owns the row; any other is a duplicate.
      if (inserted.delete(secret.secretId)) return { status: 'fulfilled', value: undefined };
      return { status: 'rejected', reason: new AccountsConflictError('secret') };
    });
  }

  #bounded<T>(promise: Promise<T>): Promise<T> {
    return withDeadline(promise, this.#timeoutMs, () => new Error('query timed out')).catch(
      (error: unknown) => {
        throw toAccountsError(error);
      },
    );
  }

  #write(text: string, values: unknown[]): Promise<void> {
    return this.#gate.run(async () => {
      await this.#query(text, values);
    });
  }

  #changed(text: string, values: unknown[]): Promise<boolean> {
    return this.#gate.run(async () => ((await this.#query(text, values)).rowCount ?? 0) > 0);
  }

  #count(text: string, values: unknown[]): Promise<number> {
    return this.#gate.run(async () => (await this.#query(text, values)).rowCount ?? 0);
  }

  #one<T>(text: string, values: unknown[], map: (row: Row) => T): Promise<T | null> {
    return this.#gate.run(async () => mapOrNull((await this.#query(text, values)).rows[0], map));
  }

  #all<T>(text: string, values: unknown[], map: (row: Row) => T): Promise<T[]> {
    return this.#gate.run(async () => (await this.#query(text, values)).rows.map(map));
  }

  /** `BEGIN … COMMIT` on one pooled connection; rolled back when `body` throws. */
  #transaction<T>(body: (run: Run) => Promise<T>): Promise<T> {
    return this.#gate.run(() => inTransaction<Row, T>(this.#pool, (promise) => this.#bounded(promise), body));
  }
}

/**
 * Locks every member row of the organisation (in one order, so that two such transactions queue rather than
 * deadlock), then answers why the change must not happen: `not_found`, or
 * `last_owner` when `losesOwner` and the member is the organisation's only owner. Null: go ahead.
 */
async function lockedOwnerCheck(
  run: Run,
  orgId: string,
  userId: string,
  losesOwner: boolean,
): Promise<'not_found' | 'last_owner' | null> {
  const { rows } = await run(
    'SELECT user_id, role FROM burnlink_acc_members WHERE org_id = $1 ORDER BY user_id FOR UPDATE',
    [orgId],
  );
  const member = rows.find((row) => row.user_id === userId);
  if (!member) return 'not_found';
  if (!losesOwner || member.role !== 'owner') return null;
  const owners = rows.filter((row) => row.role === 'owner').length;
  return owners <= 1 ? 'last_owner' : null;
}

/**
 * Driver errors to the contract's: a uniqueness clash → `AccountsConflictError` named by its constraint; a
 * value refused by the schema (data exceptions 22…, other integrity violations 23…) → a plain `Error`; the
 * rest → `StoreUnavailableError`, keeping the driver's message only.
 */
function toAccountsError(error: unknown): unknown {
  if (error instanceof AccountsConflictError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '23505') {
    const constraint = String((error as { constraint?: unknown }).constraint ?? '');
    return new AccountsConflictError(CONFLICTS[constraint] ?? 'id');
  }
  if (code.startsWith('22') || code.startsWith('23')) {
    return new Error('a value is outside what the accounts store accepts');
  }
  return pgUnavailable('PostgreSQL accounts store', error);
}

/** The SQL of one `listOwnedSecrets` shape and its values. */
function ownedSecretsQuery(query: OwnedSecretQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [query.orgId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const owners: string[] = [];
  const creatorId = query.creatorId ?? null;
  const keyId = query.keyId ?? null;
  if (creatorId !== null) owners.push(`creator_id = ${param(creatorId)}`);
  else if (keyId !== null) owners.push(`key_id = ${param(keyId)}`);
  if (query.teamIds !== undefined) owners.push(`team_id = ANY (${param(query.teamIds)}::text[])`);
  let where = 'org_id = $1';
  if (owners.length > 0) where += ` AND (${owners.join(' OR ')})`;
  if (query.before) {
    where += ` AND (created_at, secret_id) < (${param(query.before.createdAt)}, ${param(query.before.secretId)})`;
  }
  const limit = param(Math.max(0, Math.floor(query.limit)));
  return {
    text: `SELECT * FROM burnlink_acc_owned_secrets WHERE ${where}
           ORDER BY created_at DESC, secret_id DESC LIMIT ${limit}`,
    values,
  };
}

/**
 * Opens the PostgreSQL accounts store named by a `postgres://` URL (`postgres-url.ts`: `schema`, `pool`,
 * `timeout`), creating or upgrading its tables first. Throws `StoreUnavailableError` when the server cannot
 * be reached or the migration fails.
 */
export async function openPostgresAccounts(url: string): Promise<PostgresAccountsStore> {
  const target = parsePostgresUrl(url);
  const pool = new pg.Pool(target.config);
  // An idle connection that breaks (server restart) is dropped by the pool; the next query opens a new one.
  pool.on('error', () => {});
  try {
    await migrateAccountsPostgres(pool, target.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw pgUnavailable('PostgreSQL accounts store', error);
  }
  return new PostgresAccountsStore(pool, target.timeoutMs);
}
