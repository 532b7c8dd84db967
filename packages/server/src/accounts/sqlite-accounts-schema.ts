import type { Database } from 'better-sqlite3';

/** The schema this code reads and writes, kept in SQLite's `user_version` pragma of the accounts file. */
export const ACCOUNTS_SCHEMA_VERSION = 4;

/**
 * Version 1: organisations, people, memberships, teams, sessions, API keys, invites, passkeys, identity links
 * sign-in challenges and owned secrets. Case-insensitive uniqueness is kept by `name_key` columns (the JavaScript lower case of
 * the name, as every backend computes it), not by SQLite's ASCII-only NOCASE. Lists (join domains, scopes,
 * transports) are JSON arrays. `owned_secrets` has no foreign key: it is written on every authenticated
 * create and only read by organisation, so it carries no check that costs a lookup.
 */
const SCHEMA_V1 = `
CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  join_domains TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE members (
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'auditor', 'member')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (org_id, name_key)
) STRICT;

CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_members_by_user ON team_members (user_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  csrf_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  label TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  created_by TEXT,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at);

CREATE TABLE invites (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'auditor', 'member')),
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER
) STRICT;
CREATE INDEX invites_by_org ON invites (org_id, created_at);
CREATE INDEX invites_by_end ON invites (coalesce(accepted_at, expires_at));

CREATE TABLE passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  public_key BLOB NOT NULL,
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;
CREATE INDEX passkeys_by_user ON passkeys (user_id, created_at);

CREATE TABLE identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (issuer, subject)
) STRICT, WITHOUT ROWID;
CREATE INDEX identities_by_user ON identities (user_id);

CREATE TABLE challenges (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  payload TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX challenges_by_expiry ON challenges (expires_at);

CREATE TABLE owned_secrets (
  secret_id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  creator_id TEXT,
  key_id TEXT,
  team_id TEXT,
  receipt_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX owned_secrets_by_org ON owned_secrets (org_id, created_at DESC, secret_id DESC);
CREATE INDEX owned_secrets_by_creator ON owned_secrets (org_id, creator_id, created_at DESC, secret_id DESC);
CREATE INDEX owned_secrets_by_expiry ON owned_secrets (expires_at);
`;

/**
 * Version 2 (issue 13): the audit trail and what follows it (`../audit/sqlite-audit-store.ts`).
 * - `audit_records`: one row per record; `id` is the rowid, assigned from `audit_sequence` (never reused, even
 *   after pruning); `details` is JSON text. Indexes serve a listing per organisation (by id, by type, by time).
 * - `audit_heads`: each organisation's last record (the link the next record chains onto).
 * - `audit_checkpoints`: what pruning left of an organisation's chain (the last pruned record).
 * - `audit_sequence`: one row, the next record id.
 * - `audit_cursors`, `audit_leases`: followers' durable positions and who follows (syslog, …).
 * - `webhooks`, `webhook_deliveries`: endpoints (events as a JSON array, `failing` as JSON or null) and
 *   their delivery log (the last 1000 attempts per endpoint).
 * - `owned_secrets.notify`: the creator asked to be told of a view, burn or expiry.
 */
const SCHEMA_V2 = `
ALTER TABLE owned_secrets ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;

CREATE TABLE audit_records (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  org TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  subject_type TEXT,
  subject_id TEXT,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  ip TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_records_by_org ON audit_records (org, id);
CREATE INDEX audit_records_by_type ON audit_records (org, type, id);
CREATE INDEX audit_records_by_at ON audit_records (org, at);

CREATE TABLE audit_heads (
  org TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_checkpoints (
  org TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at INTEGER NOT NULL,
  pruned INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  next_id INTEGER NOT NULL
) STRICT;
INSERT INTO audit_sequence (id, next_id) VALUES (1, 1);

CREATE TABLE audit_cursors (
  name TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  description TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  disabled_at INTEGER,
  disabled_reason TEXT,
  cursor INTEGER NOT NULL,
  failing TEXT
) STRICT;
CREATE INDEX webhooks_by_org ON webhooks (org_id, created_at);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  record_id INTEGER,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  status INTEGER,
  ok INTEGER NOT NULL,
  error TEXT,
  duration_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
`;

/**
 * Version 3 (issue 14): each organisation's policy (docs/teams.md, "Policies"), one row per organisation that
 * ever set one. `policy` is the wire's `OrgPolicy` as JSON text; reading merges it over `OPEN_POLICY`, so a
 * field a later release adds needs no step of its own.
 */
const SCHEMA_V3 = `
CREATE TABLE org_policies (
  org_id TEXT PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  policy TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`;

/**
 * Version 4 (issue 18): custom domains and each organisation's branding (`../domains/sqlite-domain-store.ts`).
 * - `domains`: one organisation holds a name once in any state (`UNIQUE (org_id, name)`); across organisations
 *   a name is unique only among `active` and `suspended` domains (`domains_held_name`, a partial unique index:
 *   pending domains of different organisations may share a name). `domains_by_check` serves `claimDue`
 *   (never-checked rows, NULL, sort first).
 * - `org_branding`: one row per organisation that set branding or a logo. `branding` is the wire's
 *   `BrandingBody` as JSON text (null while only a logo is set); the logo is its sanitised bytes and type
 *   (all three logo columns null when there is none).
 */
const SCHEMA_V4 = `
CREATE TABLE domains (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'suspended')),
  created_at INTEGER NOT NULL,
  verified_at INTEGER,
  checked_at INTEGER,
  last_result TEXT CHECK (last_result IN ('verified', 'no_record', 'wrong_record', 'dns_error', 'taken')),
  missing_since INTEGER,
  suspended_at INTEGER,
  UNIQUE (org_id, name)
) STRICT;
CREATE UNIQUE INDEX domains_held_name ON domains (name) WHERE state IN ('active', 'suspended');
CREATE INDEX domains_by_check ON domains (checked_at);

CREATE TABLE org_branding (
  org_id TEXT PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  branding TEXT,
  updated_at INTEGER,
  logo_type TEXT CHECK (logo_type IN ('image/svg+xml', 'image/png')),
  logo_bytes BLOB,
  logo_updated_at INTEGER,
  CHECK ((branding IS NULL) = (updated_at IS NULL)),
  CHECK ((logo_bytes IS NULL) = (logo_type IS NULL) AND (logo_bytes IS NULL) = (logo_updated_at IS NULL))
) STRICT;
`;

/**
 * Each step takes the schema from the version before it to its own (index + 1). Append; never edit an applied
 * step. Later issues add theirs here.
 */
export const ACCOUNTS_STEPS: readonly string[] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4];

/**
 * Creates the schema in an empty file, upgrades an older one step by step in one transaction, accepts the
 * current one, and refuses a newer one (written by a later release) rather than misreading it.
 */
export function migrateAccounts(db: Database, steps: readonly string[] = ACCOUNTS_STEPS): number {
  const target = steps.length;
  if (checkedVersion(db, target) === target) return target;
  db.transaction(() => {
    // Read again under the write lock: another process (`burnlink admin`) may have migrated since.
    const from = checkedVersion(db, target);
    for (const step of steps.slice(from)) db.exec(step);
    db.pragma(`user_version = ${target}`);
  }).immediate();
  return target;
}

function checkedVersion(db: Database, target: number): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > target) {
    throw new Error(
      `the accounts database has schema version ${version}, newer than this server's ${target}; upgrade burnlink`,
    );
  }
  return version;
}
