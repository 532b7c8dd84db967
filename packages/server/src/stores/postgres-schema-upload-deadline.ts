/**
 * Migration 4: the upload deadline of staged secrets (`secret-store.ts`, "Upload deadline"). While a secret
 * is staged, `expires_at` is its upload deadline, so every check and the sweep of expired secrets end an
 * abandoned upload as they end an expired secret; `final_expires_at` keeps the expiry it was created with
 * (restored by the seal) and `upload_idle_ms` how far each progress moves the deadline. Rows written by
 * nodes of version 3 (rolling upgrade) have neither: their staged secrets expire at `expires_at` only.
 *
 * The upload functions are replaced with the same parameters (nodes of version 3 call them unchanged; the
 * finish answers one column more, `o_expires_at`, which they do not read). A
 * start now locks the secret FOR NO KEY UPDATE (it moves the deadline) instead of FOR SHARE: starts of one
 * secret's uploads queue for the length of that one statement. The writer lease is extended by a function
 * that keeps the lock order (secret, then file).
 */
export const UPLOAD_DEADLINE_SCHEMA = `
  ALTER TABLE burnlink_secrets ADD COLUMN final_expires_at bigint, ADD COLUMN upload_idle_ms bigint;

  -- file-rules.ts uploadDeadline: the staged secret p_id (locked by the caller) made upload progress until p_from.
  CREATE FUNCTION burnlink_upload_progress(p_id text, p_from bigint) RETURNS void
  LANGUAGE sql AS $$
    UPDATE burnlink_secrets
    SET expires_at = greatest(expires_at, least(final_expires_at, p_from + upload_idle_ms))
    WHERE id = p_id AND staged AND upload_idle_ms IS NOT NULL AND final_expires_at IS NOT NULL
  $$;

  CREATE OR REPLACE FUNCTION burnlink_start_upload(p_blob text, p_offset bigint, p_lease text, p_until bigint,
    p_now bigint, OUT o_status text, OUT o_secret_id text, OUT o_index integer, OUT o_length bigint,
    OUT o_offset bigint)
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
    f burnlink_files%ROWTYPE;
  BEGIN
    o_status := 'not_found';
    SELECT secret_id INTO o_secret_id FROM burnlink_files WHERE blob_id = p_blob;
    IF NOT FOUND THEN RETURN; END IF;
    SELECT * INTO s FROM burnlink_secrets WHERE id = o_secret_id FOR NO KEY UPDATE;
    IF NOT FOUND OR s.expires_at <= p_now THEN RETURN; END IF;
    SELECT * INTO f FROM burnlink_files WHERE blob_id = p_blob FOR UPDATE;
    IF NOT FOUND THEN RETURN; END IF;
    o_index := f.file_index;
    o_length := f.size;
    o_offset := f.upload_offset;
    IF NOT s.staged THEN
      o_status := 'sealed';
    ELSIF f.writer_lease IS NOT NULL AND f.writer_until > p_now THEN
      o_status := 'busy';
    ELSIF f.upload_offset <> p_offset THEN
      o_status := 'offset_mismatch';
    ELSE
      UPDATE burnlink_files SET writer_lease = p_lease, writer_until = p_until WHERE blob_id = p_blob;
      PERFORM burnlink_upload_progress(o_secret_id, p_until);
      o_status := 'ok';
    END IF;
  END $$;

  -- Answers the secret's expiry after the step too (o_expires_at): a new result column, so dropped and created.
  DROP FUNCTION burnlink_finish_upload(text, text, bigint, bigint);
  CREATE FUNCTION burnlink_finish_upload(p_blob text, p_lease text, p_offset bigint, p_now bigint,
    OUT o_status text, OUT o_secret_id text, OUT o_offset bigint, OUT o_sealed boolean, OUT o_expires_at bigint)
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
    f burnlink_files%ROWTYPE;
  BEGIN
    o_status := 'not_found';
    o_sealed := false;
    SELECT secret_id INTO o_secret_id FROM burnlink_files WHERE blob_id = p_blob;
    IF NOT FOUND THEN RETURN; END IF;
    SELECT * INTO s FROM burnlink_secrets WHERE id = o_secret_id FOR UPDATE;
    IF NOT FOUND OR s.expires_at <= p_now THEN RETURN; END IF;
    SELECT * INTO f FROM burnlink_files WHERE blob_id = p_blob FOR UPDATE;
    IF NOT FOUND THEN RETURN; END IF;
    IF f.writer_lease IS DISTINCT FROM p_lease THEN
      o_status := 'lease_lost';
      RETURN;
    END IF;
    IF p_offset < f.upload_offset OR p_offset > f.size THEN
      RAISE EXCEPTION 'finishUpload offset outside [recorded offset, length]' USING ERRCODE = 'BL001';
    END IF;
    o_status := 'ok';
    IF NOT s.staged THEN
      -- A lease taken on a complete upload just before another upload sealed the secret: nothing to record.
      UPDATE burnlink_files SET writer_lease = NULL, writer_until = NULL WHERE blob_id = p_blob;
      o_offset := f.upload_offset;
      o_expires_at := s.expires_at;
      RETURN;
    END IF;
    UPDATE burnlink_files SET upload_offset = p_offset, complete = complete OR p_offset = size,
      writer_lease = NULL, writer_until = NULL
    WHERE blob_id = p_blob;
    o_offset := p_offset;
    PERFORM burnlink_upload_progress(o_secret_id, p_now);
    IF NOT EXISTS (SELECT 1 FROM burnlink_files WHERE secret_id = o_secret_id AND NOT complete) THEN
      -- Live: the upload deadline no longer applies.
      UPDATE burnlink_secrets SET staged = false, expires_at = coalesce(final_expires_at, expires_at)
      WHERE id = o_secret_id;
      o_sealed := true;
    END IF;
    SELECT expires_at INTO o_expires_at FROM burnlink_secrets WHERE id = o_secret_id;
  END $$;

  -- Moves the writer lease of p_blob to p_until (false when p_lease no longer holds it): upload progress.
  CREATE FUNCTION burnlink_extend_upload_lease(p_blob text, p_lease text, p_until bigint) RETURNS boolean
  LANGUAGE plpgsql AS $$
  DECLARE
    v_secret text;
  BEGIN
    SELECT secret_id INTO v_secret FROM burnlink_files WHERE blob_id = p_blob;
    IF NOT FOUND THEN RETURN false; END IF;
    PERFORM 1 FROM burnlink_secrets WHERE id = v_secret FOR NO KEY UPDATE;
    UPDATE burnlink_files SET writer_until = p_until WHERE blob_id = p_blob AND writer_lease = p_lease;
    IF NOT FOUND THEN RETURN false; END IF;
    PERFORM burnlink_upload_progress(v_secret, p_until);
    RETURN true;
  END $$;

  -- The sweep of expired secrets, as in migration 3, but a receipt is forgotten its retention after the
  -- secret's end: for an abandoned upload, that is before the expiry the receipt was created with.
  CREATE OR REPLACE FUNCTION burnlink_sweep_secrets(p_now bigint, p_limit integer,
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
    UPDATE burnlink_receipts r SET state = 'expired', views_left = 0, ended_at = g.expires_at,
      forget_at = least(r.forget_at, g.expires_at + r.retention_ms)
    FROM unnest(v_hashes, v_expiries) AS g(receipt_hash, expires_at)
    WHERE r.receipt_hash = g.receipt_hash AND r.state = 'pending';
    o_expired_ids := COALESCE(o_expired_ids, '{}');
    o_blob_ids := COALESCE(o_blob_ids, '{}');
  END $$;
`;
