/**
 * Migration 5: restrictions and verification codes (`secret-store.ts`, "Restrictions" on `claim`, and
 * `issueCode`). Frozen once released, like every applied migration. Lock order: see `postgres-schema.ts`.
 *
 * - `burnlink_secrets.restrictions`: the service's JSON text, null for none; and the current verification
 *   code: `code_hash` (SHA-256 of `${id}:${code}`, b64u), `code_expires_at`, `code_tries` (wrong tries left),
 *   and `codes_issued`. All on the secret row, so they are deleted with the content (last view, burn, lock,
 *   expiry) by the statements that already delete it. Rows of earlier versions have no restrictions
 *   (`ADD COLUMN` with a constant default: no table rewrite under the migration lock).
 * - `burnlink_claim_secret` gains the gate (`p_gated`, `p_code_hash`) and two result columns
 *   (`o_restrictions`, `o_tries_left`): a new overload, since the result type changes. The restrictions are
 *   checked right after the secret is found live, before the link and access verifiers; a secret without
 *   restrictions runs exactly the statements it ran before (no extra query: the gate is a branch).
 * - The claim of version 4 (six arguments), which nodes not yet upgraded still call (rolling upgrade), now
 *   runs the new one without a gate: it cannot open a restricted secret, which it answers `not_found` (a
 *   status it knows), changing nothing. The claim of migration 1 calls it, so it follows too.
 * - `burnlink_issue_code`: stores a code with a live restricted secret, counting it against `p_max`.
 *
 * Code hashes are compared with text `=` / `<>`, which may stop at the first differing byte: safe for the
 * same reason as the verifiers (`postgres-schema-lifecycle.ts`): both sides are SHA-256 digests, and a
 * matching prefix of a digest brings no guess of the code closer; each wrong guess also costs a try.
 */
export const RESTRICTIONS_SCHEMA = `
  ALTER TABLE burnlink_secrets
    ADD COLUMN restrictions text,
    ADD COLUMN code_hash text,
    ADD COLUMN code_expires_at bigint,
    ADD COLUMN code_tries integer,
    ADD COLUMN codes_issued integer NOT NULL DEFAULT 0;

  -- The one-time rule, as in migration 3, with the restrictions first. Without p_gated a restricted secret
  -- answers 'restricted' (o_restrictions) and nothing changes. With p_code_hash the current code must be
  -- unexpired, have tries left and match: none, expired or used up answers 'code_invalid' (o_tries_left 0),
  -- nothing changes; a wrong hash costs a try ('code_invalid', the tries left); the right one goes on to the
  -- verifiers, and an 'ok' deletes the code (single-use), any other answer keeps it.
  CREATE FUNCTION burnlink_claim_secret(p_id text, p_verifier bytea, p_link bytea, p_now bigint,
    p_grant_hash text, p_grant_expires bigint, p_gated boolean, p_code_hash text,
    OUT o_status text, OUT o_content bytea, OUT o_kdf jsonb, OUT o_files jsonb, OUT o_views_left integer,
    OUT o_expires_at bigint, OUT o_attempts_left integer, OUT o_blob_ids text[], OUT o_restrictions text,
    OUT o_tries_left integer)
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
    v_files boolean;
    v_code boolean := false;
  BEGIN
    SELECT * INTO s FROM burnlink_secrets WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR s.staged OR s.expires_at <= p_now THEN
      o_status := 'not_found';
      RETURN;
    END IF;
    IF s.restrictions IS NOT NULL THEN
      IF p_gated IS NOT TRUE THEN
        o_status := 'restricted';
        o_restrictions := s.restrictions;
        RETURN;
      END IF;
      -- Only a holder of the link may spend a code's tries: the link verifier, else the access verifier.
      IF (s.link_verifier IS NOT NULL AND (p_link IS NULL OR p_link <> s.link_verifier))
        OR (s.link_verifier IS NULL AND s.verifier <> p_verifier) THEN
        o_status := 'not_found';
        RETURN;
      END IF;
      IF p_code_hash IS NOT NULL THEN
        IF s.code_hash IS NULL OR s.code_expires_at <= p_now OR s.code_tries <= 0 THEN
          o_status := 'code_invalid';
          o_tries_left := 0;
          RETURN;
        END IF;
        IF s.code_hash <> p_code_hash THEN
          UPDATE burnlink_secrets SET code_tries = s.code_tries - 1 WHERE id = p_id;
          o_status := 'code_invalid';
          o_tries_left := s.code_tries - 1;
          RETURN;
        END IF;
        v_code := true;
      END IF;
    END IF;
    IF s.link_verifier IS NOT NULL AND (p_link IS NULL OR p_link <> s.link_verifier) THEN
      o_status := 'not_found';
      RETURN;
    END IF;
    v_files := s.files <> '[]'::jsonb;
    IF s.verifier = p_verifier THEN
      IF s.views_left <= 1 THEN
        DELETE FROM burnlink_secrets WHERE id = p_id;
      ELSIF v_code THEN
        UPDATE burnlink_secrets SET views_left = s.views_left - 1, code_hash = NULL, code_expires_at = NULL,
          code_tries = NULL
        WHERE id = p_id;
      ELSE
        UPDATE burnlink_secrets SET views_left = s.views_left - 1 WHERE id = p_id;
      END IF;
      IF v_files AND p_grant_hash IS NOT NULL THEN
        UPDATE burnlink_files SET keep_until = greatest(keep_until, p_grant_expires) WHERE secret_id = p_id;
        INSERT INTO burnlink_grants (grant_hash, blob_id, expires_at)
        SELECT p_grant_hash, blob_id, p_grant_expires FROM burnlink_files WHERE secret_id = p_id;
      END IF;
      IF v_files AND s.views_left <= 1 THEN
        PERFORM burnlink_settle_files(ARRAY[p_id], p_now, false);
      END IF;
      IF s.views_left <= 1 THEN
        UPDATE burnlink_receipts SET state = 'viewed', views_left = 0, viewed_at = viewed_at || p_now,
          ended_at = p_now, forget_at = p_now + retention_ms
        WHERE receipt_hash = s.receipt_hash;
      ELSE
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
      IF v_files THEN
        o_blob_ids := burnlink_settle_files(ARRAY[p_id], p_now, true);
      END IF;
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

  -- The claim of version 4, for nodes not yet upgraded: no gate, so a restricted secret stays closed to them.
  -- Same signature and result columns, so CREATE OR REPLACE keeps it callable by them unchanged.
  CREATE OR REPLACE FUNCTION burnlink_claim_secret(p_id text, p_verifier bytea, p_link bytea, p_now bigint,
    p_grant_hash text, p_grant_expires bigint,
    OUT o_status text, OUT o_content bytea, OUT o_kdf jsonb, OUT o_files jsonb, OUT o_views_left integer,
    OUT o_expires_at bigint, OUT o_attempts_left integer, OUT o_blob_ids text[])
  LANGUAGE sql AS $$
    SELECT CASE WHEN o_status = 'restricted' THEN 'not_found' ELSE o_status END, o_content, o_kdf, o_files,
      o_views_left, o_expires_at, o_attempts_left, o_blob_ids
    FROM burnlink_claim_secret(p_id, p_verifier, p_link, p_now, p_grant_hash, p_grant_expires, false, NULL::text)
  $$;

  -- issueCode: 'ok' (the code replaces any earlier one), 'limit' (p_max codes issued already: nothing
  -- changes) or 'not_found' (gone, staged, expired, without restrictions, or a proof that does not hold the
  -- link). Locks the secret row only.
  CREATE FUNCTION burnlink_issue_code(p_id text, p_hash text, p_expires bigint, p_tries integer, p_now bigint,
    p_max integer, p_verifier bytea, p_link bytea) RETURNS text
  LANGUAGE plpgsql AS $$
  DECLARE
    v_issued integer;
  BEGIN
    -- The proof must hold the link (as in a gated claim), else the secret is not found.
    SELECT codes_issued INTO v_issued FROM burnlink_secrets
    WHERE id = p_id AND NOT staged AND expires_at > p_now AND restrictions IS NOT NULL
      AND CASE WHEN link_verifier IS NOT NULL THEN link_verifier = p_link ELSE verifier = p_verifier END
    FOR UPDATE;
    IF NOT FOUND THEN
      RETURN 'not_found';
    END IF;
    IF v_issued >= p_max THEN
      RETURN 'limit';
    END IF;
    UPDATE burnlink_secrets SET code_hash = p_hash, code_expires_at = p_expires, code_tries = p_tries,
      codes_issued = v_issued + 1
    WHERE id = p_id;
    RETURN 'ok';
  END $$;
`;
