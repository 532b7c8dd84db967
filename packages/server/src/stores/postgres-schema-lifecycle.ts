/**
 * Migration 3, part 2: the functions that end a secret — claim, burn and the sweep of expired secrets — each
 * one statement (`SELECT … FROM fn(…)`), so one round trip and one transaction. Frozen once released, like
 * every applied migration. Lock order: secret → files → grants → receipt (see `postgres-schema.ts`).
 *
 * Tokens are compared with bytea `=` / `<>`, which may stop at the first differing byte. That is safe here:
 * both sides are SHA-256 digests (of a 32-byte random token, computed by the server from what the client
 * presented), so how many leading bytes match says at most how many leading bytes of a digest an attacker
 * guessed — and steering a digest's prefix without preimages takes a hash search per byte, while a matching
 * digest proves nothing to the server unless its preimage is presented. No timing of these compares can help
 * forge a token, so the backend does not need a constant-time compare (the in-process stores use one anyway).
 */
export const LIFECYCLE_FUNCTIONS = `
  -- The secrets p_ids can give no more views (consumed, locked or expired; their rows are locked by the caller
  -- or gone): each of their files is needed only while a grant can still deliver it. Sets keep_until to the
  -- latest expiry of such a grant (p_now when none); with p_delete deletes the files no grant can deliver and
  -- returns their blob ids. The files are locked first and the grants read by the next statement: its fresh
  -- snapshot sees every delivery that committed before the lock was granted, so keep_until is exact.
  CREATE FUNCTION burnlink_settle_files(p_ids text[], p_now bigint, p_delete boolean) RETURNS text[]
  LANGUAGE plpgsql AS $$
  DECLARE
    v_deleted text[];
  BEGIN
    PERFORM 1 FROM burnlink_files WHERE secret_id = ANY(p_ids) ORDER BY blob_id FOR UPDATE;
    UPDATE burnlink_files f SET keep_until = COALESCE((
      SELECT max(g.expires_at) FROM burnlink_grants g
      WHERE g.blob_id = f.blob_id AND g.delivered_at IS NULL AND g.expires_at > p_now), p_now)
    WHERE f.secret_id = ANY(p_ids);
    IF p_delete THEN
      WITH gone AS (
        DELETE FROM burnlink_files WHERE secret_id = ANY(p_ids) AND keep_until <= p_now RETURNING blob_id)
      SELECT array_agg(blob_id) INTO v_deleted FROM gone;
    END IF;
    RETURN COALESCE(v_deleted, '{}');
  END $$;

  -- The one-time rule: the secret row is locked, checked and updated with its files' grants and its receipt.
  -- A text secret (files = '[]') runs the same statements as before files existed. At the last view the
  -- files stay for the grants (the ok outcome reports no blob ids: files no grant can deliver get
  -- keep_until = now and go with the next sweep); at the lock they go at once, reported in o_blob_ids.
  CREATE FUNCTION burnlink_claim_secret(p_id text, p_verifier bytea, p_link bytea, p_now bigint,
    p_grant_hash text, p_grant_expires bigint,
    OUT o_status text, OUT o_content bytea, OUT o_kdf jsonb, OUT o_files jsonb, OUT o_views_left integer,
    OUT o_expires_at bigint, OUT o_attempts_left integer, OUT o_blob_ids text[])
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
    v_files boolean;
  BEGIN
    SELECT * INTO s FROM burnlink_secrets WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR s.staged OR s.expires_at <= p_now
       OR (s.link_verifier IS NOT NULL AND (p_link IS NULL OR p_link <> s.link_verifier)) THEN
      o_status := 'not_found';
      RETURN;
    END IF;
    v_files := s.files <> '[]'::jsonb;
    IF s.verifier = p_verifier THEN
      IF s.views_left <= 1 THEN
        DELETE FROM burnlink_secrets WHERE id = p_id;
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

  -- Burn: known whenever the receipt is (whatever its state) and not past retention. Deletes every file record
  -- of the secret (also files a grant could still deliver, and uploads in progress); ends the secret when it
  -- is pending and unexpired. An expired secret the sweeper has not removed yet is left to the sweeper (which
  -- reports it as expired); its receipt already reads expired. The first read of the receipt only decides
  -- whether to go on; the row is locked last, after the secret and its files.
  CREATE FUNCTION burnlink_burn_receipt(p_hash text, p_now bigint,
    OUT o_known boolean, OUT o_secret_id text, OUT o_ended boolean, OUT o_blob_ids text[])
  LANGUAGE plpgsql AS $$
  DECLARE
    r burnlink_receipts%ROWTYPE;
    s burnlink_secrets%ROWTYPE;
  BEGIN
    o_known := false;
    o_ended := false;
    SELECT * INTO r FROM burnlink_receipts WHERE receipt_hash = p_hash;
    IF NOT FOUND OR r.forget_at <= p_now THEN
      RETURN;
    END IF;
    SELECT * INTO s FROM burnlink_secrets WHERE receipt_hash = p_hash FOR UPDATE;
    o_secret_id := COALESCE(r.secret_id, s.id);
    WITH gone AS (DELETE FROM burnlink_files WHERE secret_id = o_secret_id RETURNING blob_id)
    SELECT array_agg(blob_id) INTO o_blob_ids FROM gone;
    SELECT * INTO r FROM burnlink_receipts WHERE receipt_hash = p_hash FOR UPDATE;
    IF NOT FOUND THEN
      -- Purged by a sweeper with a later clock meanwhile: unknown now, but the files above are gone all the same.
      o_secret_id := NULL;
      RETURN;
    END IF;
    o_known := true;
    IF s.id IS NOT NULL AND r.state = 'pending' AND s.expires_at > p_now THEN
      DELETE FROM burnlink_secrets WHERE id = s.id;
      UPDATE burnlink_receipts SET state = 'burned', views_left = 0, ended_at = p_now,
        forget_at = p_now + retention_ms
      WHERE receipt_hash = p_hash;
      o_ended := true;
    END IF;
  END $$;

  -- One batch of the sweep of expired secrets (staged or live): rows taken FOR UPDATE SKIP LOCKED, so that
  -- sweepers on several nodes split the work and each id is reported by the one that deleted it. Their pending
  -- receipts become expired (ended at the expiry); their files no grant can deliver go (o_blob_ids).
  CREATE FUNCTION burnlink_sweep_secrets(p_now bigint, p_limit integer,
    OUT o_expired_ids text[], OUT o_blob_ids text[])
  LANGUAGE plpgsql AS $$
  DECLARE
    v_hashes text[];
    v_expiries bigint[];
    v_with_files text[];
  BEGIN
    WITH doomed AS (
      SELECT id FROM burnlink_secrets WHERE expires_at <= p_now
      ORDER BY expires_at LIMIT p_limit FOR UPDATE SKIP LOCKED),
    gone AS (
      DELETE FROM burnlink_secrets s USING doomed WHERE s.id = doomed.id
      RETURNING s.id, s.receipt_hash, s.expires_at, s.files)
    SELECT array_agg(id), array_agg(receipt_hash), array_agg(expires_at),
      array_agg(id) FILTER (WHERE files <> '[]'::jsonb)
    INTO o_expired_ids, v_hashes, v_expiries, v_with_files FROM gone;
    IF v_with_files IS NOT NULL THEN
      o_blob_ids := burnlink_settle_files(v_with_files, p_now, true);
    END IF;
    UPDATE burnlink_receipts r SET state = 'expired', views_left = 0, ended_at = g.expires_at
    FROM unnest(v_hashes, v_expiries) AS g(receipt_hash, expires_at)
    WHERE r.receipt_hash = g.receipt_hash AND r.state = 'pending';
    o_expired_ids := COALESCE(o_expired_ids, '{}');
    o_blob_ids := COALESCE(o_blob_ids, '{}');
  END $$;

  -- Nodes not yet upgraded (upgrades roll node by node) still call the functions of migration 1: they now
  -- follow the new rules (a staged secret cannot be claimed; a burn deletes the files, whose bytes the
  -- sweeper's orphan scan then removes). Same signatures and results, so CREATE OR REPLACE keeps them callable.
  CREATE OR REPLACE FUNCTION burnlink_claim(p_id text, p_verifier bytea, p_link bytea, p_now bigint,
    OUT o_status text, OUT o_content bytea, OUT o_kdf jsonb, OUT o_files jsonb, OUT o_views_left integer,
    OUT o_expires_at bigint, OUT o_attempts_left integer)
  LANGUAGE sql AS $$
    SELECT o_status, o_content, o_kdf, o_files, o_views_left, o_expires_at, o_attempts_left
    FROM burnlink_claim_secret(p_id, p_verifier, p_link, p_now, NULL, NULL)
  $$;

  CREATE OR REPLACE FUNCTION burnlink_burn(p_hash text, p_now bigint) RETURNS boolean
  LANGUAGE sql AS $$ SELECT o_known FROM burnlink_burn_receipt(p_hash, p_now) $$;
`;
