import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from './contract-fixtures.js';
import { makeRequest } from './contract-requests.js';
import { openPostgresStore, PostgresStore, parsePostgresUrl } from './postgres-store.js';
import { StoreUnavailableError } from './secret-store.js';
import { dropPostgresSchema, postgresAvailable } from './test-backends.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Polls `probe` until it returns a value (not undefined), for at most `ms`. */
async function eventually<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timed<T>(promise: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, ms: performance.now() - started };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('PostgreSQL store faults', () => {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const app = `bltest_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let holder: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    holder = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await admin.connect();
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
    await admin?.end();
    await dropPostgresSchema(POSTGRES_URL, schema);
  });

  /** Holds the secret's row lock in another session, as a slow claim on another node would. */
  async function lockSecret(id: string): Promise<() => Promise<void>> {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM burnlink_secrets WHERE id = $1 FOR UPDATE', [id]);
    return async () => {
      await holder.query('ROLLBACK');
    };
  }

  it('a connection killed mid-claim rejects as unavailable at once, changes nothing, and the store goes on', async () => {
    const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}&application_name=${app}`);
    try {
      const now = Date.now();
      const { secret, right } = makeFixture({ now });
      await store.create(secret);
      const release = await lockSecret(secret.id);
      const claim = timed(store.claim(secret.id, right, now));
      const pid = await eventually(async () => {
        const { rows } = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [app],
        );
        return rows[0]?.pid as number | undefined;
      });
      const killedAt = performance.now();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const { error } = await claim;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(performance.now() - killedAt).toBeLessThan(2000);
      await release();
      expect(await store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'pending', viewedAt: [] });
      expect(await store.claim(secret.id, right, now)).toMatchObject({ status: 'ok', viewsLeft: 0 });
    } finally {
      await store.close();
    }
  });

  it('a claim that waits past the timeout rejects as unavailable, and the server cancels it', async () => {
    const store = await openPostgresStore(`${POSTGRES_URL}?schema=${schema}&timeout=300`);
    try {
      const now = Date.now();
      const { secret, right } = makeFixture({ now });
      await store.create(secret);
      const release = await lockSecret(secret.id);
      const { error, ms } = await timed(store.claim(secret.id, right, now));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeLessThan(1500);
      // statement_timeout (the same 300 ms) ended the statement on the server: it cannot take the view later.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await release();
      expect(await store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'pending', viewedAt: [] });
      expect(await store.claim(secret.id, right, now)).toMatchObject({ status: 'ok' });
    } finally {
      await store.close();
    }
  });

  describe('a server that accepts connections and never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];
    let url: string;
    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.push(socket);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      url = `postgres://burnlink@127.0.0.1:${port}/burnlink?timeout=200`;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('opening rejects as unavailable instead of hanging', async () => {
      const { error, ms } = await timed(openPostgresStore(url));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeLessThan(3000);
    });

    it('every call of an open store rejects as unavailable within its deadline', async () => {
      const target = parsePostgresUrl(url);
      const pool = new pg.Pool(target.config);
      pool.on('error', () => {});
      const store = new PostgresStore(pool, target.timeoutMs);
      const now = Date.now();
      const { secret, right } = makeFixture({ now });
      const asked = makeRequest({ now });
      const reply = asked.response({ now });
      const calls: (() => Promise<unknown>)[] = [
        () => store.ping(),
        () => store.create(secret),
        () => store.claim(secret.id, right, now),
        () => store.sweep(now),
        () => store.createRequest(asked.request),
        () => store.request(asked.request.id, now),
        () => store.respond(asked.request.id, asked.verifier, reply.sealedKey, reply.secret, now),
        () => store.burnRequest(asked.request.id, now),
      ];
      for (const call of calls) {
        const { error, ms } = await timed(call());
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(ms).toBeLessThan(2000);
      }
      await store.close();
    });
  });
});
