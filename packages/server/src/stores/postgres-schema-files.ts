/**
 * Migration 3, part 1: the state of files moves into the secret store (see `postgres-schema.ts` for the lock
 * order and the migration rules). Frozen once released, like every applied migration: change it with a new one.
 *
 * - `burnlink_secrets.staged`: a secret with files is created staged and made live by the `finishUpload` that
 *   completes its last file. Rows of existing databases are live (`DEFAULT false`).
 * - `burnlink_receipts.secret_id` (for `BurnOutcome.secretId`) and `downloads`, the download log: a jsonb array
 *   of `{file, at}`, oldest first, kept and purged with its receipt. Receipts of earlier versions keep a null
 *   `secret_id` (no rewrite of every receipt row under the migration lock): while their secret lives, burn
 *   takes its id from the secret row; once it ended, the id is unknown.
 * - `burnlink_files`: one row per file of a secret (blob id = primary key): its upload (declared `size`,
 *   recorded `upload_offset`, `complete` once a finishUpload recorded the last byte — also for a file of size
 *   0 — and the writer lease) and `keep_until`. No foreign key to the secret: a file outlives the secret row
 *   while a grant can still deliver it.
 * - `burnlink_grants`: one row per (claim's grant, file): expiry, delivery time and the reader lease. Deleted
 *   with their file (ON DELETE CASCADE): no grant outlives the record of the bytes it grants.
 *
 * `keep_until` makes the contract's keep rule (`file-rules.ts` `fileNeeded`) an index range: while the secret
 * can give views it is max(secret expiry, expiry of every grant so far); once the secret can give no more
 * views (last view, lock, expiry: `burnlink_settle_files`), it is the latest expiry among the grants that can
 * still deliver the file, or the end time when none can; a delivery lowers it the same way. So a file whose
 * secret row is gone and whose `keep_until <= now` is never needed, and the sweeper finds it by the index.
 */
export const FILES_SCHEMA = `
  ALTER TABLE burnlink_secrets ADD COLUMN staged boolean NOT NULL DEFAULT false;

  ALTER TABLE burnlink_receipts
    ADD COLUMN secret_id text,
    ADD COLUMN downloads jsonb NOT NULL DEFAULT '[]';

  CREATE TABLE burnlink_files (
    blob_id text PRIMARY KEY,
    secret_id text NOT NULL,
    receipt_hash text NOT NULL,
    file_index integer NOT NULL CHECK (file_index >= 0),
    size bigint NOT NULL CHECK (size >= 0),
    upload_offset bigint NOT NULL DEFAULT 0,
    complete boolean NOT NULL DEFAULT false,
    writer_lease text,
    writer_until bigint,
    keep_until bigint NOT NULL,
    CHECK (upload_offset BETWEEN 0 AND size)
  );
  CREATE INDEX burnlink_files_secret_id ON burnlink_files (secret_id);
  CREATE INDEX burnlink_files_keep_until ON burnlink_files (keep_until);

  CREATE TABLE burnlink_grants (
    grant_hash text NOT NULL,
    blob_id text NOT NULL REFERENCES burnlink_files ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    delivered_at bigint,
    reader_lease text,
    reader_until bigint,
    PRIMARY KEY (grant_hash, blob_id)
  );
  CREATE INDEX burnlink_grants_blob_id ON burnlink_grants (blob_id);

  -- Secrets stored before this migration with files were complete (the blob store held their staging then):
  -- each file gets a complete record, so the secret stays claimable and its files downloadable. Grants of
  -- claims made before the upgrade lived in the old blob store and are not carried over.
  INSERT INTO burnlink_files (blob_id, secret_id, receipt_hash, file_index, size, upload_offset, complete,
    keep_until)
  SELECT f.value->>'id', s.id, s.receipt_hash, (f.ordinality - 1)::integer, (f.value->>'size')::bigint,
    (f.value->>'size')::bigint, true, s.expires_at
  FROM burnlink_secrets s, jsonb_array_elements(s.files) WITH ORDINALITY AS f(value, ordinality)
  ON CONFLICT (blob_id) DO NOTHING;
`;
