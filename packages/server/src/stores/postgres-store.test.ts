import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fixture,
  fileRefs,
  HOUR,
  makeFixture,
  newGrant,
  randomId,
  uploadAll,
} from './contract-fixtures.js';
import { describeStoreContract } from './contract-suite.js';
import { openPostgresStore } from './postgres-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store on a schema of its own in the shared `test` database, and how to drop it afterwards. */
async function openIsolated() {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}`);
  return {
    store,
    cleanup: () => dropPostgresSchema(POSTGRES_URL, schema),
    peer: () => openPostgresStore(`${POSTGRES_URL}?schema=${schema}`),
  };
}

/** The same, with a pool of its own on the schema for looking at rows. */
async function openWithPool() {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}`);
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 1 });
  return {
    store,
    pool,
    cleanup: async () => {
      await pool.end();
      await dropPostgresSchema(POSTGRES_URL, schema);
    },
  };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL store', () => {
  describeStoreContract('postgres', openIsolated, { peers: true });

  describe('PostgresStore specifics', () => {
    let opened: Awaited<ReturnType<typeof openWithPool>>;
    beforeAll(async () => {
      opened = await openWithPool();
    });
    afterAll(async () => {
      await opened?.store.close();
      await opened?.cleanup();
    });

    it('refuses a bad file size and a duplicate id as plain Errors saying which, keeping nothing', async () => {
      const { store } = opened;
      const now = Date.now();
      for (const size of [-1, 1.5]) {
        const { secret } = makeFixture({ now, files: [...fileRefs(10), { id: fileRefs(0)[0].id, size }] });
        const error = await store.create(secret).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toMatch(/outside what the store accepts/);
        expect(await store.receipt(secret.receiptHash, now)).toBeNull();
        expect(await store.knownBlobs(secret.files.map((file) => file.id))).toEqual(new Set());
      }
      const { secret } = makeFixture({ now });
      await store.create(secret);
      const duplicate = store.create({ ...makeFixture({ now }).secret, id: secret.id });
      await expect(duplicate).rejects.toThrow(/already exists/);
      await expect(duplicate).rejects.not.toBeInstanceOf(StoreUnavailableError);
    });

    it('creates of one turn commit together as one transaction, every byte and field as sent', async () => {
      const { store } = opened;
      const now = Date.now();
      const fixtures = Array.from({ length: 16 }, (_, i) =>
        makeFixture({ now, passphrase: i % 2 === 1, maxViews: 1 + (i % 3), contentBytes: 100 + i }),
      );
      await Promise.all(fixtures.map(({ secret }) => store.create(secret)));
      const { rows } = await opened.pool.query(
        'SELECT count(DISTINCT xmin::text)::int AS transactions FROM burnlink_secrets WHERE id = ANY($1)',
        [fixtures.map(({ secret }) => secret.id)],
      );
      expect(rows[0].transactions).toBe(1);
      for (const { secret, right } of fixtures) {
        const receipt = await store.receipt(secret.receiptHash, now);
        expect([receipt?.state, receipt?.maxViews, receipt?.hasPassphrase]).toEqual([
          'pending',
          secret.maxViews,
          secret.kdf !== null,
        ]);
        const claimed = await store.claim(secret.id, right, now);
        expect(claimed).toMatchObject({ status: 'ok', kdf: secret.kdf, viewsLeft: secret.maxViews - 1 });
        expect(Buffer.from((claimed as { content: Uint8Array }).content)).toEqual(
          Buffer.from(secret.content),
        );
      }
    });

    it('claims of one turn commit together, each with its own outcome', async () => {
      const { store } = opened;
      const now = Date.now();
      const plain = Array.from({ length: 6 }, () => makeFixture({ now }));
      const guarded = makeFixture({ now, passphrase: true, maxAttempts: 5 });
      await Promise.all([...plain, guarded].map(({ secret }) => store.create(secret)));
      const [a, b, c, d, e, twice] = plain as [Fixture, Fixture, Fixture, Fixture, Fixture, Fixture];
      const outcomes = await Promise.all([
        ...[a, b, c, d, e, twice, twice].map(({ secret, right }) => store.claim(secret.id, right, now)),
        store.claim(guarded.secret.id, guarded.wrongToken, now),
        store.claim(randomId(), a.right, now),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        ...Array(6).fill('ok'),
        'not_found',
        'wrong_token',
        'not_found',
      ]);
      expect(outcomes[7]).toEqual({ status: 'wrong_token', attemptsLeft: 4 });
      plain.forEach(({ secret }, i) => {
        expect(Buffer.from((outcomes[i] as { content: Uint8Array }).content)).toEqual(
          Buffer.from(secret.content),
        );
      });
      const { rows } = await opened.pool.query(
        'SELECT count(DISTINCT xmin::text)::int AS transactions FROM burnlink_receipts WHERE receipt_hash = ANY($1)',
        [[...plain, guarded].map(({ secret }) => secret.receiptHash)],
      );
      expect(rows[0].transactions).toBe(1);
      expect((await store.receipt(guarded.secret.receiptHash, now))?.failedAttempts).toBe(1);
    });

    it('claims with and without a gate in one group each get the outcome they would alone', async () => {
      const { store } = opened;
      const now = Date.now();
      const restrictions = JSON.stringify({ v: 1, networks: ['10.0.0.0/8'] });
      const plain = makeFixture({ now });
      const restricted = makeFixture({ now, maxViews: 3, restrictions });
      const coded = makeFixture({ now, restrictions });
      await Promise.all([plain, restricted, coded].map(({ secret }) => store.create(secret)));
      const code = { hash: randomBytes(32).toString('base64url'), expiresAt: now + HOUR, tries: 5 };
      expect(await store.issueCode(coded.secret.id, code, now, 5, coded.right)).toBe('ok');
      const outcomes = await Promise.all([
        store.claim(plain.secret.id, plain.right, now),
        store.claim(restricted.secret.id, restricted.right, now),
        store.claim(restricted.secret.id, { ...restricted.right, gate: { codeHash: null } }, now),
        store.claim(coded.secret.id, { ...coded.right, gate: { codeHash: 'wrong' } }, now),
        store.claim(coded.secret.id, { ...coded.right, gate: { codeHash: code.hash } }, now),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'ok',
        'restricted',
        'ok',
        'code_invalid',
        'ok',
      ]);
      expect(outcomes[1]).toEqual({ status: 'restricted', restrictions });
      expect(outcomes[3]).toEqual({ status: 'code_invalid', triesLeft: 4 });
      expect((await store.peek(restricted.secret.id, now))?.viewsLeft).toBe(2);
      const { rows } = await opened.pool.query(
        'SELECT count(DISTINCT xmin::text)::int AS transactions FROM burnlink_receipts WHERE receipt_hash = ANY($1)',
        [[plain, restricted, coded].map(({ secret }) => secret.receiptHash)],
      );
      expect(rows[0].transactions).toBe(1);
    });

    it('the code and the restrictions are deleted with the secret row', async () => {
      const { store } = opened;
      const now = Date.now();
      const { secret, right } = makeFixture({ now, maxViews: 2, restrictions: '{"v":1}' });
      await store.create(secret);
      await store.issueCode(secret.id, { hash: 'h', expiresAt: now + HOUR, tries: 5 }, now, 5, right);
      const columns = 'SELECT restrictions, code_hash, codes_issued FROM burnlink_secrets WHERE id = $1';
      expect((await opened.pool.query(columns, [secret.id])).rows).toEqual([
        { restrictions: '{"v":1}', code_hash: 'h', codes_issued: 1 },
      ]);
      expect(await store.claim(secret.id, { ...right, gate: { codeHash: 'h' } }, now)).toMatchObject({
        status: 'ok',
      });
      expect((await opened.pool.query(columns, [secret.id])).rows).toEqual([
        { restrictions: '{"v":1}', code_hash: null, codes_issued: 1 },
      ]);
      await store.claim(secret.id, { ...right, gate: { codeHash: null } }, now);
      expect((await opened.pool.query(columns, [secret.id])).rows).toEqual([]);
    });

    it('a claim refused in a group fails alone (a grant that exists already), and counts no view', async () => {
      const { store } = opened;
      const now = Date.now();
      const { secret, right } = makeFixture({ now, maxViews: 3, files: fileRefs(10) });
      const other = makeFixture({ now });
      await Promise.all([store.create(secret), store.create(other.secret)]);
      await uploadAll(store, secret.files, now);
      const grant = newGrant(now + HOUR);
      const outcomes = await Promise.allSettled([
        store.claim(secret.id, right, now, grant),
        store.claim(other.secret.id, other.right, now),
        store.claim(secret.id, right, now, grant),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
      ]);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).not.toBeInstanceOf(StoreUnavailableError);
      expect((refused.reason as Error).message).toMatch(/already exists/);
      expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { status: 'ok' } });
      expect((await store.peek(secret.id, now))?.viewsLeft).toBe(2);
    });

    it('a create refused in a group fails alone: the others of its turn are stored', async () => {
      const { store } = opened;
      const now = Date.now();
      const existing = makeFixture({ now }).secret;
      await store.create(existing);
      const fixtures = Array.from({ length: 8 }, () => makeFixture({ now }));
      const duplicate = { ...makeFixture({ now }).secret, id: existing.id };
      const outcomes = await Promise.allSettled([
        ...fixtures.slice(0, 4).map(({ secret }) => store.create(secret)),
        store.create(duplicate),
        ...fixtures.slice(4).map(({ secret }) => store.create(secret)),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        ...Array(4).fill('fulfilled'),
        'rejected',
        ...Array(4).fill('fulfilled'),
      ]);
      const refused = (outcomes[4] as PromiseRejectedResult).reason;
      expect(refused).not.toBeInstanceOf(StoreUnavailableError);
      expect((refused as Error).message).toMatch(/already exists/);
      expect(await store.receipt(duplicate.receiptHash, now)).toBeNull();
      for (const { secret } of fixtures) expect((await store.peek(secret.id, now))?.viewsLeft).toBe(1);
    });
  });
});
