import type { Pool } from 'pg';
import { runMigrations } from '../stores/postgres-migrations.js';

/**
 * The PostgreSQL schema of the blob store, as numbered migrations recorded in `burnlink_blob_schema`
 * (independent of the secret store's `burnlink_schema_version`: either can be migrated alone). Each runs
 * once, in its own transaction; append new ones, never edit an applied one.
 *
 * Since version 2 the blob store holds bytes only: `blob_chunks (blob_id, start, data)`, rows of up to 1 MiB
 * that follow each other without a gap; a blob exists while it has a row (an empty blob: one empty row at
 * 0). Version 1 also kept staging, grants and the download log, which the SecretStore owns now.
 */
export const BLOB_MIGRATIONS: readonly string[] = [
  `
  -- The staged NewSecret. content and the verifiers are dropped at the first grant (the SecretStore has them).
  CREATE TABLE blob_secrets (
    secret_id text PRIMARY KEY,
    receipt_hash text NOT NULL,
    verifier bytea,
    link_verifier bytea,
    kdf jsonb,
    content bytea,
    files jsonb NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    max_views integer NOT NULL,
    max_attempts integer NOT NULL,
    retention_ms bigint NOT NULL,
    sealed boolean NOT NULL DEFAULT false
  );
  CREATE INDEX blob_secrets_receipt_hash ON blob_secrets (receipt_hash);

  -- stored: bytes written so far (the tus offset), the sum of the blob's chunk lengths.
  -- expires_at: the secret's expiry, copied here for the sweeper.
  CREATE TABLE blob_blobs (
    blob_id text PRIMARY KEY,
    secret_id text NOT NULL REFERENCES blob_secrets ON DELETE CASCADE,
    file_index integer NOT NULL,
    length bigint NOT NULL,
    stored bigint NOT NULL DEFAULT 0,
    last_view boolean NOT NULL DEFAULT false,
    expires_at bigint NOT NULL
  );
  CREATE INDEX blob_blobs_secret_id ON blob_blobs (secret_id);
  CREATE INDEX blob_blobs_expires_at ON blob_blobs (expires_at);

  -- Chunks of up to 1 MiB; start is the offset of the chunk's first byte in the blob.
  CREATE TABLE blob_chunks (
    blob_id text NOT NULL REFERENCES blob_blobs ON DELETE CASCADE,
    start bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (blob_id, start)
  );
  -- Ciphertext does not compress: keep it out of line without trying.
  ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

  CREATE TABLE blob_grants (
    blob_id text NOT NULL REFERENCES blob_blobs ON DELETE CASCADE,
    grant_hash text NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (blob_id, grant_hash)
  );
  CREATE INDEX blob_grants_expires_at ON blob_grants (expires_at);

  CREATE TABLE blob_downloads (
    id bigserial PRIMARY KEY,
    receipt_hash text NOT NULL,
    file_index integer NOT NULL,
    at bigint NOT NULL,
    forget_at bigint NOT NULL
  );
  CREATE INDEX blob_downloads_receipt_hash ON blob_downloads (receipt_hash);
  CREATE INDEX blob_downloads_forget_at ON blob_downloads (forget_at);
  `,
  `
  -- Bytes only: uploads, grants and the download log live in the SecretStore. Chunks already stored stay:
  -- blob ids the SecretStore does not know are deleted by the sweeper like any other orphan. No CASCADE: an
  -- unexpected dependency fails the migration (rolled back whole) rather than dropping it.
  ALTER TABLE blob_chunks DROP CONSTRAINT blob_chunks_blob_id_fkey;
  DROP TABLE blob_grants, blob_downloads, blob_blobs, blob_secrets;
  `,
];

/** Creates or upgrades the schema (see `runMigrations`); safe when several nodes start at once. */
export function migrateBlobs(pool: Pool, schema: string | null): Promise<number> {
  return runMigrations(pool, schema, {
    versionTable: 'burnlink_blob_schema',
    lockNamespace: 'burnlink-blob-schema-migration:',
    migrations: BLOB_MIGRATIONS,
  });
}
