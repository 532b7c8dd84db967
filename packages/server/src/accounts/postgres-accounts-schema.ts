import type { Pool } from 'pg';
import { type MigrationSet, runMigrations } from '../stores/postgres-migrations.js';

/**
 * Migration 1 of the accounts tables. Every table is prefixed `burnlink_acc_`, so they live beside the secret
 * store's in the same database (and schema) without a clash. Case-insensitive uniqueness is kept by `name_key`
 * columns (the JavaScript lower case, as every backend computes it). Times are ms since the epoch (bigint).
 * `owned_secrets.secret_id` sorts in byte order (`COLLATE "C"`): the list's tiebreak and its cursor compare
 * ids the way the other backends do, whatever the database's collation. Constraints are named: a uniqueness
 * clash is reported by what its constraint names (`CONFLICTS` in the store).
 */
const V1_ACCOUNTS = `
CREATE TABLE burnlink_acc_orgs (
  id text NOT NULL CONSTRAINT burnlink_acc_orgs_id PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL CONSTRAINT burnlink_acc_orgs_name UNIQUE,
  created_at bigint NOT NULL,
  join_domains text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE burnlink_acc_users (
  id text NOT NULL CONSTRAINT burnlink_acc_users_id PRIMARY KEY,
  email text NOT NULL CONSTRAINT burnlink_acc_users_email UNIQUE,
  name text NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE burnlink_acc_members (
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES burnlink_acc_users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'auditor', 'member')),
  created_at bigint NOT NULL,
  CONSTRAINT burnlink_acc_members_id PRIMARY KEY (org_id, user_id)
);
CREATE INDEX burnlink_acc_members_by_user ON burnlink_acc_members (user_id);

CREATE TABLE burnlink_acc_teams (
  id text NOT NULL CONSTRAINT burnlink_acc_teams_id PRIMARY KEY,
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  name text NOT NULL,
  name_key text NOT NULL,
  created_at bigint NOT NULL,
  CONSTRAINT burnlink_acc_teams_name UNIQUE (org_id, name_key)
);

CREATE TABLE burnlink_acc_team_members (
  team_id text NOT NULL REFERENCES burnlink_acc_teams (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES burnlink_acc_users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX burnlink_acc_team_members_by_user ON burnlink_acc_team_members (user_id);

CREATE TABLE burnlink_acc_sessions (
  id_hash text NOT NULL CONSTRAINT burnlink_acc_sessions_id PRIMARY KEY,
  user_id text NOT NULL REFERENCES burnlink_acc_users (id) ON DELETE CASCADE,
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  csrf_hash text NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  label text NOT NULL
);
CREATE INDEX burnlink_acc_sessions_by_user ON burnlink_acc_sessions (user_id, created_at);
CREATE INDEX burnlink_acc_sessions_by_expiry ON burnlink_acc_sessions (expires_at);
CREATE INDEX burnlink_acc_sessions_by_last_seen ON burnlink_acc_sessions (last_seen_at);

CREATE TABLE burnlink_acc_api_keys (
  id text NOT NULL CONSTRAINT burnlink_acc_api_keys_id PRIMARY KEY,
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  created_by text,
  name text NOT NULL,
  scopes text[] NOT NULL,
  hash text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  last_used_at bigint,
  revoked_at bigint
);
CREATE INDEX burnlink_acc_api_keys_by_org ON burnlink_acc_api_keys (org_id, created_at);

CREATE TABLE burnlink_acc_invites (
  id text NOT NULL CONSTRAINT burnlink_acc_invites_id PRIMARY KEY,
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'auditor', 'member')),
  token_hash text NOT NULL CONSTRAINT burnlink_acc_invites_token UNIQUE,
  invited_by text,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  accepted_at bigint
);
CREATE INDEX burnlink_acc_invites_by_org ON burnlink_acc_invites (org_id, created_at);
CREATE INDEX burnlink_acc_invites_by_end ON burnlink_acc_invites ((coalesce(accepted_at, expires_at)));

CREATE TABLE burnlink_acc_passkeys (
  id text NOT NULL CONSTRAINT burnlink_acc_passkeys_id PRIMARY KEY,
  user_id text NOT NULL REFERENCES burnlink_acc_users (id) ON DELETE CASCADE,
  public_key bytea NOT NULL,
  counter bigint NOT NULL,
  transports text[] NOT NULL,
  name text NOT NULL,
  created_at bigint NOT NULL,
  last_used_at bigint
);
CREATE INDEX burnlink_acc_passkeys_by_user ON burnlink_acc_passkeys (user_id, created_at);

CREATE TABLE burnlink_acc_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id text NOT NULL REFERENCES burnlink_acc_users (id) ON DELETE CASCADE,
  CONSTRAINT burnlink_acc_identities_id PRIMARY KEY (issuer, subject)
);
CREATE INDEX burnlink_acc_identities_by_user ON burnlink_acc_identities (user_id);

CREATE TABLE burnlink_acc_challenges (
  id text NOT NULL CONSTRAINT burnlink_acc_challenges_id PRIMARY KEY,
  purpose text NOT NULL,
  payload text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX burnlink_acc_challenges_by_expiry ON burnlink_acc_challenges (expires_at);

CREATE TABLE burnlink_acc_owned_secrets (
  secret_id text COLLATE "C" NOT NULL CONSTRAINT burnlink_acc_owned_secrets_id PRIMARY KEY,
  org_id text NOT NULL,
  creator_id text,
  key_id text,
  team_id text,
  receipt_hash text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX burnlink_acc_owned_secrets_by_org
  ON burnlink_acc_owned_secrets (org_id, created_at DESC, secret_id DESC);
CREATE INDEX burnlink_acc_owned_secrets_by_creator
  ON burnlink_acc_owned_secrets (org_id, creator_id, created_at DESC, secret_id DESC);
CREATE INDEX burnlink_acc_owned_secrets_by_expiry ON burnlink_acc_owned_secrets (expires_at);
`;

/**
 * Migration 2 (issue 13): the audit trail and what follows it (`../audit/postgres-audit-store.ts`), the same
 * tables as SQLite's step 2. `audit_records.id` is assigned from the one-row `audit_sequence`, whose row lock
 * also serialises appends across nodes (ids increase in commit order, never reused after pruning). `type` and
 * `org` compare in byte order (`COLLATE "C"`), so a `prefix.*` filter is an index range. `details` and
 * `webhooks.failing` are JSON text; `webhooks.events` an array.
 */
const V2_AUDIT = `
ALTER TABLE burnlink_acc_owned_secrets ADD COLUMN notify boolean NOT NULL DEFAULT false;

CREATE TABLE burnlink_acc_audit_records (
  id bigint NOT NULL CONSTRAINT burnlink_acc_audit_records_id PRIMARY KEY,
  at bigint NOT NULL,
  type text COLLATE "C" NOT NULL,
  org text COLLATE "C" NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  subject_type text,
  subject_id text,
  outcome text NOT NULL,
  details text NOT NULL,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX burnlink_acc_audit_records_by_org ON burnlink_acc_audit_records (org, id);
CREATE INDEX burnlink_acc_audit_records_by_type ON burnlink_acc_audit_records (org, type, id);
CREATE INDEX burnlink_acc_audit_records_by_at ON burnlink_acc_audit_records (org, at);

CREATE TABLE burnlink_acc_audit_heads (
  org text COLLATE "C" NOT NULL CONSTRAINT burnlink_acc_audit_heads_id PRIMARY KEY,
  id bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE burnlink_acc_audit_checkpoints (
  org text COLLATE "C" NOT NULL CONSTRAINT burnlink_acc_audit_checkpoints_id PRIMARY KEY,
  id bigint NOT NULL,
  hash text NOT NULL,
  at bigint NOT NULL,
  pruned bigint NOT NULL
);

CREATE TABLE burnlink_acc_audit_sequence (
  id integer NOT NULL PRIMARY KEY CHECK (id = 1),
  next_id bigint NOT NULL
);
INSERT INTO burnlink_acc_audit_sequence (id, next_id) VALUES (1, 1);

CREATE TABLE burnlink_acc_audit_cursors (
  name text NOT NULL PRIMARY KEY,
  last_id bigint NOT NULL
);

CREATE TABLE burnlink_acc_audit_leases (
  name text NOT NULL PRIMARY KEY,
  holder text NOT NULL,
  expires_at bigint NOT NULL
);

CREATE TABLE burnlink_acc_webhooks (
  id text NOT NULL CONSTRAINT burnlink_acc_webhooks_id PRIMARY KEY,
  org_id text NOT NULL,
  url text NOT NULL,
  events text[] NOT NULL,
  description text NOT NULL,
  secret text NOT NULL,
  created_at bigint NOT NULL,
  created_by text,
  disabled_at bigint,
  disabled_reason text,
  cursor bigint NOT NULL,
  failing text
);
CREATE INDEX burnlink_acc_webhooks_by_org ON burnlink_acc_webhooks (org_id, created_at);

CREATE TABLE burnlink_acc_webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id text NOT NULL,
  message_id text NOT NULL,
  record_id bigint,
  type text NOT NULL,
  at bigint NOT NULL,
  attempt integer NOT NULL,
  status integer,
  ok boolean NOT NULL,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX burnlink_acc_webhook_deliveries_by_webhook ON burnlink_acc_webhook_deliveries (webhook_id, id);
`;

/**
 * Migration 3 (issue 14): each organisation's policy, as the wire's `OrgPolicy` in JSON text (read merged over
 * `OPEN_POLICY`, so a field a later release adds needs no migration).
 */
const V3_POLICIES = `
CREATE TABLE burnlink_acc_org_policies (
  org_id text NOT NULL CONSTRAINT burnlink_acc_org_policies_id PRIMARY KEY
    REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  policy text NOT NULL,
  updated_at bigint NOT NULL
);
`;

/**
 * Migration 4 (issue 18): custom domains and each organisation's branding (`../domains/postgres-domain-store.ts`).
 * A name is unique per organisation (any state) and, across organisations, among `active` and `suspended`
 * domains only: the partial unique index `burnlink_acc_domains_held_name`, which also settles two nodes verifying
 * one name at once (the second's UPDATE waits for the first's commit, then fails; the store answers `taken`). Ids
 * sort in byte order (`COLLATE "C"`), as in the other backends. `org_branding`: `BrandingBody` as JSON text (null
 * while only a logo is set) and the sanitised logo.
 */
const V4_DOMAINS = `
CREATE TABLE burnlink_acc_domains (
  id text COLLATE "C" NOT NULL CONSTRAINT burnlink_acc_domains_id PRIMARY KEY,
  org_id text NOT NULL REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  name text NOT NULL,
  token text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'active', 'suspended')),
  created_at bigint NOT NULL,
  verified_at bigint,
  checked_at bigint,
  last_result text CHECK (last_result IN ('verified', 'no_record', 'wrong_record', 'dns_error', 'taken')),
  missing_since bigint,
  suspended_at bigint,
  CONSTRAINT burnlink_acc_domains_org_name UNIQUE (org_id, name)
);
CREATE UNIQUE INDEX burnlink_acc_domains_held_name ON burnlink_acc_domains (name)
  WHERE state IN ('active', 'suspended');
CREATE INDEX burnlink_acc_domains_by_check ON burnlink_acc_domains (checked_at NULLS FIRST);

CREATE TABLE burnlink_acc_org_branding (
  org_id text NOT NULL CONSTRAINT burnlink_acc_org_branding_id PRIMARY KEY
    REFERENCES burnlink_acc_orgs (id) ON DELETE CASCADE,
  branding text,
  updated_at bigint,
  logo_type text CHECK (logo_type IN ('image/svg+xml', 'image/png')),
  logo_bytes bytea,
  logo_updated_at bigint,
  CHECK ((branding IS NULL) = (updated_at IS NULL)),
  CHECK ((logo_bytes IS NULL) = (logo_type IS NULL) AND (logo_bytes IS NULL) = (logo_updated_at IS NULL))
);
`;

/** Version n at index n - 1. Append; never edit an applied one. */
export const ACCOUNTS_MIGRATIONS: readonly string[] = [V1_ACCOUNTS, V2_AUDIT, V3_POLICIES, V4_DOMAINS];

export const ACCOUNTS_MIGRATION_SET: MigrationSet = {
  versionTable: 'burnlink_acc_schema_version',
  lockNamespace: 'burnlink-accounts-migration:',
  migrations: ACCOUNTS_MIGRATIONS,
};

/**
 * Creates or upgrades the accounts tables; several nodes starting at once take turns on an advisory lock
 * (`runMigrations`). Returns the version in place.
 */
export function migrateAccountsPostgres(
  pool: Pool,
  schema: string | null,
  set: MigrationSet = ACCOUNTS_MIGRATION_SET,
): Promise<number> {
  return runMigrations(pool, schema, set);
}
