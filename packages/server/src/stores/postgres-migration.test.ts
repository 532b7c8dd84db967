import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burnt, type Fixture, fileRefs, makeFixture } from './contract-fixtures.js';
import { runMigrations } from './postgres-migrations.js';
import { SECRET_SCHEMA } from './postgres-schema.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The create statement of a node at schema version 2, as it ran in the field (kept here as history). */
const V2_CREATE = `WITH secret AS (
    INSERT INTO burnlink_secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at,
      max_views, views_left, max_attempts, receipt_hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11))
  INSERT INTO burnlink_receipts (receipt_hash, state, created_at, expires_at, max_views, views_left,
    max_attempts, has_passphrase, retention_ms, forget_at)
  VALUES ($11, 'pending', $7, $8, $9, $9, $10, $12, $13, $8::bigint + $13::bigint)`;

/** A version 2 node's create and claim (the claim function of migration 1). */
function versionTwoNode(pool: pg.Pool) {
  return {
    async create({ secret: s }: Fixture): Promise<void> {
      await pool.query(V2_CREATE, [
        s.id,
        Buffer.from(s.verifier),
        s.linkVerifier && Buffer.from(s.linkVerifier),
        s.kdf && JSON.stringify(s.kdf),
        Buffer.from(s.content),
        JSON.stringify(s.files),
        s.createdAt,
        s.expiresAt,
        s.maxViews,
        s.maxAttempts,
        s.receiptHash,
        s.kdf !== null,
        s.receiptRetentionMs,
      ]);
    },
    async claim(fixture: Fixture, proof: 'right' | 'wrongToken', now: number): Promise<string> {
      const presented = fixture[proof];
      const { rows } = await pool.query('SELECT o_status FROM burnlink_claim($1, $2, $3, $4)', [
        fixture.secret.id,
        Buffer.from(presented.verifier),
        presented.linkVerifier && Buffer.from(presented.linkVerifier),
        now,
      ]);
      return rows[0].o_status;
    },
    async burn(receiptHash: string, now: number): Promise<boolean> {
      const { rows } = await pool.query('SELECT burnlink_burn($1, $2) AS known', [receiptHash, now]);
      return rows[0].known;
    },
  };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL schema: from version 2 to 3', () => {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const now = Date.now();
  const live = makeFixture({ now, maxViews: 2 });
  const guarded = makeFixture({ now, passphrase: true });
  const viewed = makeFixture({ now });
  const withFiles = makeFixture({ now, files: fileRefs(70_000, 5) });
  let pool: pg.Pool;
  let old: ReturnType<typeof versionTwoNode>;
  let store: PostgresStore;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    const versionTwo = { ...SECRET_SCHEMA, migrations: SECRET_SCHEMA.migrations.slice(0, 2) };
    expect(await runMigrations(pool, schema, versionTwo)).toBe(2);
    old = versionTwoNode(pool);
    for (const fixture of [live, guarded, viewed, withFiles]) await old.create(fixture);
    expect(await old.claim(live, 'right', now + 1)).toBe('ok');
    expect(await old.claim(guarded, 'wrongToken', now + 2)).toBe('wrong_token');
    expect(await old.claim(viewed, 'right', now + 3)).toBe('ok');
    store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}`);
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await dropPostgresSchema(POSTGRES_URL, schema);
  });

  it('applies migration 3 once; secrets and receipts of version 2 keep their state and go on', async () => {
    const { rows } = await pool.query('SELECT version FROM burnlink_schema_version ORDER BY version');
    const latest = SECRET_SCHEMA.migrations.length;
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    expect(await store.peek(live.secret.id, now + 4)).toMatchObject({ viewsLeft: 1, files: [] });
    expect(await store.receipt(live.secret.receiptHash, now + 4)).toMatchObject({
      state: 'pending',
      viewedAt: [now + 1],
      downloads: [],
    });
    expect(await store.receipt(viewed.secret.receiptHash, now + 4)).toMatchObject({
      state: 'viewed',
      viewedAt: [now + 3],
      downloads: [],
    });
    expect(await store.claim(live.secret.id, live.right, now + 5)).toMatchObject({
      status: 'ok',
      viewsLeft: 0,
      content: live.secret.content,
    });
    expect(await store.claim(guarded.secret.id, guarded.wrongToken, now + 6)).toEqual({
      status: 'wrong_token',
      attemptsLeft: 3,
    });
  });

  it('a version 2 secret with files stays claimable, and its files downloadable with the new grant', async () => {
    const files = withFiles.secret.files;
    expect(await store.peek(withFiles.secret.id, now + 4)).toMatchObject({ files });
    expect(await store.upload(files[1]!.id, now + 4)).toMatchObject({
      index: 1,
      offset: files[1]!.size,
      sealed: true,
    });
    const grant = { hash: randomBytes(32).toString('base64url'), expiresAt: now + 3_600_000 };
    expect(await store.claim(withFiles.secret.id, withFiles.right, now + 5, grant)).toMatchObject({
      status: 'ok',
    });
    const lease = { id: 'lease-migrated', until: now + 60_000 };
    expect(await store.startDownload(files[0]!.id, grant.hash, lease, now + 6)).toMatchObject({
      status: 'ok',
      index: 0,
      size: files[0]!.size,
    });
  });

  it('burn names the secret behind a receipt it lived through the migration with; an ended one has none', async () => {
    expect(await store.burn(guarded.secret.receiptHash, now + 7)).toEqual(burnt(guarded.secret.id, true));
    expect(await store.burn(viewed.secret.receiptHash, now + 7)).toEqual({
      known: true,
      secretId: null,
      ended: false,
      blobIds: [],
    });
  });

  it('a node still at version 2 works on during a rolling upgrade, under the new rules', async () => {
    const text = makeFixture({ now });
    await old.create(text);
    expect(await store.claim(text.secret.id, text.right, now + 1)).toMatchObject({ status: 'ok' });
    const another = makeFixture({ now });
    await old.create(another);
    expect(await store.burn(another.secret.receiptHash, now + 1)).toEqual(burnt(another.secret.id, true));

    // Its claim cannot take a staged secret; its burn also takes the files (their bytes go by the orphan scan).
    const files = fileRefs(10, 20);
    const staged = makeFixture({ now, files });
    await store.create(staged.secret);
    expect(await old.claim(staged, 'right', now + 1)).toBe('not_found');
    expect(await old.burn(staged.secret.receiptHash, now + 2)).toBe(true);
    expect(await store.receipt(staged.secret.receiptHash, now + 3)).toMatchObject({ state: 'burned' });
    expect(await store.knownBlobs(files.map((file) => file.id))).toEqual(new Set());
  });
});

/** The create and the (batched) claim statements of a node at schema version 4, as they ran (history). */
const V4_CREATE = `WITH secret AS (
    INSERT INTO burnlink_secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at,
      max_views, views_left, max_attempts, receipt_hash, staged, final_expires_at, upload_idle_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, false, NULL, NULL))
  INSERT INTO burnlink_receipts (receipt_hash, secret_id, state, created_at, expires_at, max_views, views_left,
    max_attempts, has_passphrase, retention_ms, forget_at)
  VALUES ($11, $1, 'pending', $7, $8, $9, $9, $10, $12, $13, $8::bigint + $13::bigint)`;
const V4_CLAIM_ALL = `SELECT c.* FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::bigint[], $5::text[],
    $6::bigint[]) WITH ORDINALITY AS a(id, verifier, link, now, grant_hash, grant_expires, ord)
  CROSS JOIN LATERAL burnlink_claim_secret(a.id, a.verifier, a.link, a.now, a.grant_hash, a.grant_expires) c
  ORDER BY a.ord`;

/** A version 4 node's text create and claim (it knows no restrictions and presents no gate). */
function versionFourNode(pool: pg.Pool) {
  return {
    async create({ secret: s }: Fixture): Promise<void> {
      await pool.query(V4_CREATE, [
        s.id,
        Buffer.from(s.verifier),
        s.linkVerifier && Buffer.from(s.linkVerifier),
        s.kdf && JSON.stringify(s.kdf),
        Buffer.from(s.content),
        '[]',
        s.createdAt,
        s.expiresAt,
        s.maxViews,
        s.maxAttempts,
        s.receiptHash,
        s.kdf !== null,
        s.receiptRetentionMs,
      ]);
    },
    async claim(fixture: Fixture, proof: 'right' | 'wrongToken', now: number): Promise<string> {
      const presented = fixture[proof];
      const { rows } = await pool.query(V4_CLAIM_ALL, [
        [fixture.secret.id],
        [Buffer.from(presented.verifier)],
        [presented.linkVerifier && Buffer.from(presented.linkVerifier)],
        [now],
        [null],
        [null],
      ]);
      return rows[0].o_status;
    },
  };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL schema: from version 4 to 5', () => {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const now = Date.now();
  const RESTRICTIONS = JSON.stringify({ v: 1, networks: ['10.0.0.0/8'] });
  const live = makeFixture({ now, maxViews: 3 });
  const guarded = makeFixture({ now, passphrase: true });
  let pool: pg.Pool;
  let old: ReturnType<typeof versionFourNode>;
  let stores: PostgresStore[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    const versionFour = { ...SECRET_SCHEMA, migrations: SECRET_SCHEMA.migrations.slice(0, 4) };
    expect(await runMigrations(pool, schema, versionFour)).toBe(4);
    old = versionFourNode(pool);
    for (const fixture of [live, guarded]) await old.create(fixture);
    expect(await old.claim(live, 'right', now + 1)).toBe('ok');
    expect(await old.claim(guarded, 'wrongToken', now + 2)).toBe('wrong_token');
    // Two upgraded nodes start at once: one migrates under the lock, the other finds it done.
    stores = await Promise.all([0, 1].map(() => openPostgresStore(`${POSTGRES_URL}?schema=${schema}`)));
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await pool?.end();
    await dropPostgresSchema(POSTGRES_URL, schema);
  });

  it('applies migration 5 (and 6, requests) once; secrets of version 4 have no restrictions and stay claimable', async () => {
    const { rows } = await pool.query('SELECT version FROM burnlink_schema_version ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const [a, b] = stores as [PostgresStore, PostgresStore];
    expect(await a.peek(live.secret.id, now + 3)).toMatchObject({ viewsLeft: 2, restrictions: null });
    expect(await a.claim(live.secret.id, live.right, now + 4)).toMatchObject({
      status: 'ok',
      viewsLeft: 1,
      content: live.secret.content,
    });
    expect(await b.claim(guarded.secret.id, guarded.wrongToken, now + 5)).toEqual({
      status: 'wrong_token',
      attemptsLeft: 3,
    });
    expect(await b.claim(guarded.secret.id, guarded.right, now + 6)).toMatchObject({ status: 'ok' });
    expect(
      await a.issueCode(live.secret.id, { hash: 'h', expiresAt: now + 60_000, tries: 5 }, now, 5, live.right),
    ).toBe('not_found');
    expect(await a.receipt(live.secret.receiptHash, now + 7)).toMatchObject({
      state: 'pending',
      viewedAt: [now + 1, now + 4],
    });
  });

  it('a node still at version 4 works on during a rolling upgrade, but cannot open a restricted secret', async () => {
    const [store] = stores as [PostgresStore];
    const text = makeFixture({ now });
    await old.create(text);
    expect(await store.claim(text.secret.id, text.right, now + 1)).toMatchObject({ status: 'ok' });
    const plain = makeFixture({ now });
    await store.create(plain.secret);
    expect(await old.claim(plain, 'right', now + 1)).toBe('ok');

    const restricted = makeFixture({ now, passphrase: true, restrictions: RESTRICTIONS });
    await store.create(restricted.secret);
    expect(await old.claim(restricted, 'right', now + 1)).toBe('not_found');
    expect(await old.claim(restricted, 'wrongToken', now + 1)).toBe('not_found');
    // The claim of migration 1 (nodes of version 2) goes through the same function.
    const { rows } = await pool.query('SELECT o_status FROM burnlink_claim($1, $2, $3, $4)', [
      restricted.secret.id,
      Buffer.from(restricted.right.verifier),
      restricted.right.linkVerifier && Buffer.from(restricted.right.linkVerifier),
      now + 1,
    ]);
    expect(rows[0].o_status).toBe('not_found');
    expect(await store.receipt(restricted.secret.receiptHash, now + 2)).toMatchObject({
      state: 'pending',
      viewsLeft: 1,
      failedAttempts: 0,
      viewedAt: [],
    });
    expect(
      await store.claim(restricted.secret.id, { ...restricted.right, gate: { codeHash: null } }, now + 3),
    ).toMatchObject({ status: 'ok', content: restricted.secret.content });
  });
});
