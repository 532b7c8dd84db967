import type { Pool } from 'pg';
import { type MigrationSet, runMigrations } from './postgres-migrations.js';
import { FILES_SCHEMA } from './postgres-schema-files.js';
import { LIFECYCLE_FUNCTIONS } from './postgres-schema-lifecycle.js';
import { REQUESTS_SCHEMA } from './postgres-schema-requests.js';
import { RESTRICTIONS_SCHEMA } from './postgres-schema-restrictions.js';
import { TRANSFER_FUNCTIONS } from './postgres-schema-transfers.js';
import { UPLOAD_DEADLINE_SCHEMA } from './postgres-schema-upload-deadline.js';

/**
 * The PostgreSQL schema, as numbered migrations. Each runs once, in its own transaction, recorded in
 * `burnlink_schema_version`; append new ones, never edit an applied one (databases in the field have 1 and 2).
 *
 * 1. secrets, receipts, claim and burn functions; 2. rate-limit counters; 3. files, grants, the download log
 *    and the staged flag, with one function per state change of a file (`postgres-schema-files.ts`,
 *    `postgres-schema-lifecycle.ts`, `postgres-schema-transfers.ts`); 4. the upload deadline of staged
 *    secrets (`postgres-schema-upload-deadline.ts`); 5. restrictions and verification codes, and the claim
 *    with its gate (`postgres-schema-restrictions.ts`).
 *
 * Lock order, everywhere: a secret row, then its file rows, then their grant rows, then the receipt row. Every
 * function that takes more than one lock takes them in this order (a function may skip a step, and may read a
 * row unlocked to find the next one, like a file's secret id), so concurrent statements wait for each other
 * instead of deadlocking; several rows of one table are locked in key order or under the lock of their secret.
 * Sweeps take expired secrets and unneeded files `FOR UPDATE SKIP LOCKED`: concurrent sweepers split the work.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE burnlink_secrets (
    id text PRIMARY KEY,
    verifier bytea NOT NULL,
    link_verifier bytea,
    kdf jsonb,
    content bytea NOT NULL,
    files jsonb NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    max_views integer NOT NULL,
    views_left integer NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    receipt_hash text NOT NULL UNIQUE
  );
  -- Ciphertext does not compress: keep it out of line without trying.
  ALTER TABLE burnlink_secrets ALTER COLUMN content SET STORAGE EXTERNAL;
  CREATE INDEX burnlink_secrets_expires_at ON burnlink_secrets (expires_at);

  -- forget_at: when the receipt is purged (expires_at + retention while pending, ended_at + retention after).
  CREATE TABLE burnlink_receipts (
    receipt_hash text PRIMARY KEY,
    state text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    max_views integer NOT NULL,
    views_left integer NOT NULL,
    viewed_at bigint[] NOT NULL DEFAULT '{}',
    failed_attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    has_passphrase boolean NOT NULL,
    ended_at bigint,
    retention_ms bigint NOT NULL,
    forget_at bigint NOT NULL
  );
  CREATE INDEX burnlink_receipts_forget_at ON burnlink_receipts (forget_at);

  -- The one-time rule in one statement: the secret row is locked, checked and updated with its receipt.
  CREATE FUNCTION burnlink_claim(p_id text, p_verifier bytea, p_link bytea, p_now bigint,
    OUT o_status text, OUT o_content bytea, OUT o_kdf jsonb, OUT o_files jsonb, OUT o_views_left integer,
    OUT o_expires_at bigint, OUT o_attempts_left integer)
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
  BEGIN
    SELECT * INTO s FROM burnlink_secrets WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR s.expires_at <= p_now
       OR (s.link_verifier IS NOT NULL AND (p_link IS NULL OR p_link <> s.link_verifier)) THEN
      o_status := 'not_found';
    ELSIF s.verifier = p_verifier THEN
      IF s.views_left <= 1 THEN
        DELETE FROM burnlink_secrets WHERE id = p_id;
        UPDATE burnlink_receipts SET state = 'viewed', views_left = 0, viewed_at = viewed_at || p_now,
          ended_at = p_now, forget_at = p_now + retention_ms
        WHERE receipt_hash = s.receipt_hash;
      ELSE
        UPDATE burnlink_secrets SET views_left = s.views_left - 1 WHERE id = p_id;
        UPDATE burnlink_receipts SET views_left = s.views_left - 1, viewed_at = viewed_at || p_now
        WHERE receipt_hash = s.receipt_hash;
      END IF;
      o_status := 'ok';
      o_content := s.content;
      o_kdf := s.kdf;
      o_files := s.files;
      o_views_left := s.views_left - 1;
      o_expires_at := s.expires_at;
    ELSIF s.kdf IS NULL THEN
      o_status := 'not_found';
    ELSIF s.failed_attempts + 1 >= s.max_attempts THEN
      DELETE FROM burnlink_secrets WHERE id = p_id;
      UPDATE burnlink_receipts SET state = 'locked', views_left = 0, failed_attempts = s.failed_attempts + 1,
        ended_at = p_now, forget_at = p_now + retention_ms
      WHERE receipt_hash = s.receipt_hash;
      o_status := 'locked';
    ELSE
      UPDATE burnlink_secrets SET failed_attempts = s.failed_attempts + 1 WHERE id = p_id;
      UPDATE burnlink_receipts SET failed_attempts = s.failed_attempts + 1 WHERE receipt_hash = s.receipt_hash;
      o_status := 'wrong_token';
      o_attempts_left := s.max_attempts - s.failed_attempts - 1;
    END IF;
  END $$;

  -- Burn: true whenever the receipt is known (whatever its state), false when unknown or forgotten.
  CREATE FUNCTION burnlink_burn(p_hash text, p_now bigint) RETURNS boolean
  LANGUAGE plpgsql AS $$
  DECLARE
    r burnlink_receipts%ROWTYPE;
  BEGIN
    PERFORM 1 FROM burnlink_secrets WHERE receipt_hash = p_hash FOR UPDATE;
    SELECT * INTO r FROM burnlink_receipts WHERE receipt_hash = p_hash FOR UPDATE;
    IF NOT FOUND OR r.forget_at <= p_now THEN
      RETURN false;
    END IF;
    IF r.state = 'pending' THEN
      DELETE FROM burnlink_secrets WHERE receipt_hash = p_hash;
      IF r.expires_at <= p_now THEN
        UPDATE burnlink_receipts SET state = 'expired', views_left = 0, ended_at = r.expires_at
        WHERE receipt_hash = p_hash;
      ELSE
        UPDATE burnlink_receipts SET state = 'burned', views_left = 0, ended_at = p_now,
          forget_at = p_now + retention_ms
        WHERE receipt_hash = p_hash;
      END IF;
    END IF;
    RETURN true;
  END $$;
  `,
  `
  -- Rate-limit counters shared by all nodes (fixed windows); unlogged: losing them in a crash is harmless.
  CREATE UNLOGGED TABLE burnlink_rate_limits (
    key text PRIMARY KEY,
    hits integer NOT NULL,
    reset_at bigint NOT NULL
  );
  `,
  FILES_SCHEMA + LIFECYCLE_FUNCTIONS + TRANSFER_FUNCTIONS,
  UPLOAD_DEADLINE_SCHEMA,
  RESTRICTIONS_SCHEMA,
  REQUESTS_SCHEMA,
];

/** The secret store's migrations, version table and lock (tests build older schemas from a prefix of it). */
export const SECRET_SCHEMA: MigrationSet = {
  versionTable: 'burnlink_schema_version',
  lockNamespace: 'burnlink-schema-migration:',
  migrations: MIGRATIONS,
};

/** Creates or upgrades the schema (see `runMigrations`); safe when several nodes start at once. */
export function migrate(pool: Pool, schema: string | null): Promise<number> {
  return runMigrations(pool, schema, SECRET_SCHEMA);
}
