/**
 * Migration 3, part 3: uploads and downloads, each contract method one function (one statement, one
 * transaction). Frozen once released, like every applied migration. Lock order: secret → files → grants →
 * receipt (see `postgres-schema.ts`); a function that starts from a file reads its secret id unlocked (it
 * never changes) and then locks in that order.
 *
 * A lease (`writer_*` on a file, `reader_*` on a grant) holds while `until > now`; past it another request may
 * take it over, and until someone does the old holder still holds it (it may finish or extend): only a
 * takeover proves it was presumed dead (`file-rules.ts` `leaseActive`).
 */
export const TRANSFER_FUNCTIONS = `
  -- Writer lease at p_offset. The secret is locked FOR SHARE: uploads of one secret start side by side, while a
  -- finishUpload that may seal it, a cancel or a burn (FOR UPDATE) waits for them or they for it.
  CREATE FUNCTION burnlink_start_upload(p_blob text, p_offset bigint, p_lease text, p_until bigint, p_now bigint,
    OUT o_status text, OUT o_secret_id text, OUT o_index integer, OUT o_length bigint, OUT o_offset bigint)
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
    f burnlink_files%ROWTYPE;
  BEGIN
    o_status := 'not_found';
    SELECT secret_id INTO o_secret_id FROM burnlink_files WHERE blob_id = p_blob;
    IF NOT FOUND THEN RETURN; END IF;
    SELECT * INTO s FROM burnlink_secrets WHERE id = o_secret_id FOR SHARE;
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
      o_status := 'ok';
    END IF;
  END $$;

  -- Records the bytes up to p_offset and releases the writer lease. The secret is locked FOR UPDATE: of two
  -- finishUploads completing the last two files at once, the second sees the first's completion and seals,
  -- so the secret becomes live exactly once, in the same step as its last byte is recorded (o_sealed).
  CREATE FUNCTION burnlink_finish_upload(p_blob text, p_lease text, p_offset bigint, p_now bigint,
    OUT o_status text, OUT o_secret_id text, OUT o_offset bigint, OUT o_sealed boolean)
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
      RETURN;
    END IF;
    UPDATE burnlink_files SET upload_offset = p_offset, complete = complete OR p_offset = size,
      writer_lease = NULL, writer_until = NULL
    WHERE blob_id = p_blob;
    o_offset := p_offset;
    IF NOT EXISTS (SELECT 1 FROM burnlink_files WHERE secret_id = o_secret_id AND NOT complete) THEN
      UPDATE burnlink_secrets SET staged = false WHERE id = o_secret_id;
      o_sealed := true;
    END IF;
  END $$;

  -- Cancels a staged secret through one of its uploads: the secret and every file record go, the receipt
  -- reads burned.
  CREATE FUNCTION burnlink_cancel_upload(p_blob text, p_now bigint,
    OUT o_status text, OUT o_secret_id text, OUT o_blob_ids text[])
  LANGUAGE plpgsql AS $$
  DECLARE
    s burnlink_secrets%ROWTYPE;
  BEGIN
    o_status := 'not_found';
    SELECT secret_id INTO o_secret_id FROM burnlink_files WHERE blob_id = p_blob;
    IF NOT FOUND THEN RETURN; END IF;
    SELECT * INTO s FROM burnlink_secrets WHERE id = o_secret_id FOR UPDATE;
    IF NOT FOUND OR s.expires_at <= p_now THEN RETURN; END IF;
    IF NOT s.staged THEN
      o_status := 'sealed';
      RETURN;
    END IF;
    DELETE FROM burnlink_secrets WHERE id = s.id;
    WITH gone AS (DELETE FROM burnlink_files WHERE secret_id = s.id RETURNING blob_id)
    SELECT COALESCE(array_agg(blob_id), '{}') INTO o_blob_ids FROM gone;
    UPDATE burnlink_receipts SET state = 'burned', views_left = 0, ended_at = p_now,
      forget_at = p_now + retention_ms
    WHERE receipt_hash = s.receipt_hash AND state = 'pending';
    o_status := 'cancelled';
  END $$;

  -- Reader lease of (grant, file). Locks only the grant row: it waits for nothing after it. The file row it
  -- reads exists while the grant does (the grant references it; a cascade from the file's deletion waits for
  -- this lock). The secret's expiry does not matter: a grant is judged by its own.
  CREATE FUNCTION burnlink_start_download(p_blob text, p_grant text, p_lease text, p_until bigint, p_now bigint,
    OUT o_status text, OUT o_secret_id text, OUT o_index integer, OUT o_size bigint)
  LANGUAGE plpgsql AS $$
  DECLARE
    g burnlink_grants%ROWTYPE;
  BEGIN
    SELECT * INTO g FROM burnlink_grants WHERE grant_hash = p_grant AND blob_id = p_blob FOR UPDATE;
    IF NOT FOUND OR g.delivered_at IS NOT NULL OR g.expires_at <= p_now THEN
      o_status := 'not_found';
    ELSIF g.reader_lease IS NOT NULL AND g.reader_until > p_now THEN
      o_status := 'in_progress';
    ELSE
      SELECT secret_id, file_index, size INTO o_secret_id, o_index, o_size
      FROM burnlink_files WHERE blob_id = p_blob;
      UPDATE burnlink_grants SET reader_lease = p_lease, reader_until = p_until
      WHERE grant_hash = p_grant AND blob_id = p_blob;
      o_status := 'ok';
    END IF;
  END $$;

  -- Ends a download that holds the reader lease. A delivery counts even if the lease or the grant expired while
  -- the last bytes went out (only a takeover voids the holder's word); it is logged in the receipt, and when
  -- the secret can give no more views (its row is gone or expired) the file's keep_until drops to the latest
  -- expiry of a grant that can still deliver it — and when none can, the record goes (o_delete). The secret is
  -- read unlocked: a claim ending it concurrently waits for this file's lock and settles the files after this
  -- delivery committed (burnlink_settle_files), so either side sees the other.
  CREATE FUNCTION burnlink_finish_download(p_blob text, p_grant text, p_lease text, p_delivered boolean,
    p_now bigint, OUT o_status text, OUT o_secret_id text, OUT o_index integer, OUT o_delete boolean)
  LANGUAGE plpgsql AS $$
  DECLARE
    f burnlink_files%ROWTYPE;
    g burnlink_grants%ROWTYPE;
    v_keep bigint;
  BEGIN
    o_status := 'not_found';
    o_delete := false;
    SELECT * INTO f FROM burnlink_files WHERE blob_id = p_blob FOR UPDATE;
    IF NOT FOUND THEN RETURN; END IF;
    SELECT * INTO g FROM burnlink_grants WHERE grant_hash = p_grant AND blob_id = p_blob FOR UPDATE;
    IF NOT FOUND OR g.delivered_at IS NOT NULL THEN RETURN; END IF;
    IF g.reader_lease IS DISTINCT FROM p_lease THEN
      o_status := 'lease_lost';
      RETURN;
    END IF;
    o_status := 'ok';
    o_secret_id := f.secret_id;
    o_index := f.file_index;
    UPDATE burnlink_grants SET reader_lease = NULL, reader_until = NULL,
      delivered_at = CASE WHEN p_delivered THEN p_now END
    WHERE grant_hash = p_grant AND blob_id = p_blob;
    IF NOT p_delivered THEN RETURN; END IF;
    IF NOT EXISTS (SELECT 1 FROM burnlink_secrets WHERE id = f.secret_id AND expires_at > p_now) THEN
      UPDATE burnlink_files SET keep_until = COALESCE((
        SELECT max(expires_at) FROM burnlink_grants
        WHERE blob_id = p_blob AND delivered_at IS NULL AND expires_at > p_now), p_now)
      WHERE blob_id = p_blob RETURNING keep_until INTO v_keep;
      IF v_keep <= p_now THEN
        DELETE FROM burnlink_files WHERE blob_id = p_blob;
        o_delete := true;
      END IF;
    END IF;
    UPDATE burnlink_receipts
    SET downloads = downloads || jsonb_build_array(jsonb_build_object('file', f.file_index, 'at', p_now))
    WHERE receipt_hash = f.receipt_hash;
  END $$;
`;
