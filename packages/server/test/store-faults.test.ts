import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/stores/postgres-store.js';
import { openRedisStore } from '../src/stores/redis-store.js';
import { type NewSecret, type SecretStore, StoreUnavailableError } from '../src/stores/secret-store.js';
import { backendAvailable } from '../src/stores/test-backends.js';
import {
  type BackendProcess,
  postgresBinDir,
  startPostgresServer,
  startRedisServer,
  waitUntil,
} from './support/backend-processes.js';

/** A store call must fail this fast when the backend is gone (the HTTP layer then answers 503 at once). */
const FAIL_FAST_MS = 3000;

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

function newSecret(now: number) {
  const token = randomBytes(32);
  const secret: NewSecret = {
    id: randomBytes(16).toString('base64url'),
    verifier: sha256(token),
    linkVerifier: null,
    kdf: null,
    content: new Uint8Array(randomBytes(100)),
    files: [],
    createdAt: now,
    expiresAt: now + 3_600_000,
    maxViews: 1,
    maxAttempts: 5,
    receiptHash: randomBytes(32).toString('base64url'),
    receiptRetentionMs: 86_400_000,
  };
  return { secret, right: { verifier: sha256(token), linkVerifier: null } };
}

async function expectFastUnavailable(operation: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await expect(operation()).rejects.toBeInstanceOf(StoreUnavailableError);
  expect(performance.now() - started).toBeLessThan(FAIL_FAST_MS);
}

/**
 * The backend crashes under an open store: every method fails fast with StoreUnavailableError (never a hang,
 * never "gone"); when the backend is back the same store object works again by itself, and a secret whose
 * create had resolved is still there (Redis with AOF `appendfsync always`; PostgreSQL).
 */
function describeFaults(
  name: string,
  startBackend: () => Promise<BackendProcess>,
  open: (url: string) => Promise<SecretStore>,
) {
  describe(`${name} store when the backend goes away`, () => {
    let backend: BackendProcess;
    let store: SecretStore;
    beforeAll(async () => {
      backend = await startBackend();
      store = await open(backend.url);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await backend?.destroy();
    });

    it('fails fast while down, recovers by itself, and keeps what was created', async () => {
      const now = Date.now();
      const kept = newSecret(now);
      await store.create(kept.secret);

      await backend.crash();
      const other = newSecret(now);
      await expectFastUnavailable(() => store.ping());
      await expectFastUnavailable(() => store.create(other.secret));
      await expectFastUnavailable(() => store.peek(kept.secret.id, now));
      await expectFastUnavailable(() => store.claim(kept.secret.id, kept.right, now));
      await expectFastUnavailable(() => store.receipt(kept.secret.receiptHash, now));
      await expectFastUnavailable(() => store.burn(kept.secret.receiptHash, now));
      await expectFastUnavailable(() => store.sweep(now));

      await backend.start();
      await waitUntil(() => store.ping());
      expect(await store.peek(kept.secret.id, now)).toMatchObject({ viewsLeft: 1 });
      expect(await store.claim(kept.secret.id, kept.right, now)).toMatchObject({
        status: 'ok',
        content: kept.secret.content,
      });
      expect(await store.receipt(kept.secret.receiptHash, now)).toMatchObject({ state: 'viewed' });
      await store.create(other.secret);
      expect(await store.claim(other.secret.id, other.right, now)).toMatchObject({ status: 'ok' });
    }, 60_000);
  });
}

const redisUsable = await backendAvailable('redis-server (for the Redis fault test)', async () => {
  const backend = await startRedisServer();
  await backend.destroy();
});
describe.runIf(redisUsable)('faults: Redis', () => {
  describeFaults('Redis', startRedisServer, (url) => openRedisStore(`${url}?timeout=1000`));
});

const bin = await postgresBinDir();
const postgresUsable = await backendAvailable('initdb / pg_ctl (for the PostgreSQL fault test)', async () => {
  if (!bin) throw new Error('no /usr/lib/postgresql/*/bin');
});
describe.runIf(postgresUsable)('faults: PostgreSQL', () => {
  describeFaults(
    'PostgreSQL',
    () => startPostgresServer(bin!),
    (url) => openPostgresStore(`${url}?timeout=1000`),
  );
});
