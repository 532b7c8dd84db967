import { randomBytes } from 'node:crypto';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { fileRefs, lease, MINUTE, makeFixture } from './contract-fixtures.js';
import { makeRequest } from './contract-requests.js';
import { openRedisStore, type RedisStore } from './redis-store.js';
import { parseRedisUrl } from './redis-url.js';
import { StoreUnavailableError } from './secret-store.js';
import { deleteRedisKeys, redisAvailable } from './test-backends.js';
import { REDIS_URL } from './test-redis.js';

/** A TCP proxy in front of Redis that can be cut (every connection dropped, new ones refused) and restored. */
async function startProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  let up = true;
  const server: Server = createServer((client) => {
    if (!up) return client.destroy();
    const upstream = netConnect(port, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  return {
    port: address.port,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function eventually<T>(probe: () => Promise<T>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.runIf(await redisAvailable(REDIS_URL))('Redis store faults', () => {
  const target = parseRedisUrl(REDIS_URL);
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const tidy: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of tidy.splice(0).reverse()) await step();
    await deleteRedisKeys(`${REDIS_URL}?prefix=${prefix}`, prefix);
  });

  it('while Redis is unreachable every call rejects as unavailable, never as gone; then the store goes on', async () => {
    if (target.mode !== 'standalone') return;
    const proxy = await startProxy(target.options.host ?? '127.0.0.1', target.options.port ?? 6379);
    tidy.push(() => proxy.close());
    const { username = '', password, db = 0 } = target.options;
    const auth = password ? `${encodeURIComponent(username)}:${encodeURIComponent(password)}@` : '';
    const url = `redis://${auth}127.0.0.1:${proxy.port}/${db}?prefix=${prefix}&timeout=500`;
    const store = await openRedisStore(url);
    tidy.push(() => store.close());
    const now = Date.now();
    const files = fileRefs(10);
    const { secret, right } = makeFixture({ now });
    const staged = makeFixture({ now, files });
    await store.create(secret);
    await store.create(staged.secret);
    const asked = makeRequest({ now });
    await store.createRequest(asked.request);
    const reply = asked.response({ now });

    proxy.cut();
    const calls: Promise<unknown>[] = [
      store.peek(secret.id, now),
      store.claim(secret.id, right, now),
      store.receipt(secret.receiptHash, now),
      store.burn(secret.receiptHash, now),
      store.upload(files[0].id, now),
      store.startUpload(files[0].id, 0, lease(now + MINUTE), now),
      store.cancelUpload(files[0].id, now),
      store.sweep(now),
      store.knownBlobs([files[0].id]),
      store.ping(),
      store.create(makeFixture({ now }).secret),
      store.createRequest(makeRequest({ now }).request),
      store.request(asked.request.id, now),
      store.requestByReceipt(asked.request.receiptHash, now),
      store.respond(asked.request.id, asked.verifier, reply.sealedKey, reply.secret, now),
      store.burnRequest(asked.request.id, now),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);

    proxy.restore();
    await eventually(() => store.ping());
    expect(await store.claim(secret.id, right, now)).toMatchObject({ status: 'ok', content: secret.content });
    expect(await store.upload(files[0].id, now)).toMatchObject({ secretId: staged.secret.id, offset: 0 });
    expect(await store.respond(asked.request.id, asked.verifier, reply.sealedKey, reply.secret, now)).toEqual(
      {
        status: 'ok',
      },
    );
  });

  it('a sweep step that fails puts its entry back, due at once, and the next sweep takes it', async () => {
    if (target.mode !== 'standalone') return;
    const store: RedisStore = await openRedisStore(`${REDIS_URL}?prefix=${prefix}`);
    tidy.push(() => store.close());
    const redis = new Redis(target.options);
    await redis.connect();
    tidy.push(async () => redis.disconnect());
    const t = Date.UTC(2001, 0, 1);
    const { secret } = makeFixture({ now: t, ttlMs: 1000 });
    await store.create(secret);
    // Break the secret's record (moved aside, same slot) so that the expire script fails on it.
    const key = `${prefix}{${secret.id}}:s`;
    const aside = `${prefix}{${secret.id}}:aside`;
    await redis.rename(key, aside);
    await redis.set(key, 'not a hash');

    const at = t + 5000;
    await expect(store.sweep(at)).rejects.toBeInstanceOf(StoreUnavailableError);
    // Taken out of the index by the failed sweep, and put back due at its clock (not at the expiry).
    expect(await redis.zscore(`${prefix}index:expire`, secret.id)).toBe(String(at));

    await redis.rename(aside, key);
    expect(await store.sweep(at)).toMatchObject({ expiredIds: [secret.id] });
    expect(await store.receipt(secret.receiptHash, at)).toMatchObject({ state: 'expired' });
  });
});
