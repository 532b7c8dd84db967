import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAccess, sealSecret, toBase64Url } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendAvailable } from '../src/stores/test-backends.js';
import {
  type BackendProcess,
  postgresBinDir,
  startPostgresServer,
  startRedisServer,
  waitUntil,
} from './support/backend-processes.js';
import { type SpawnedServer, spawnServer } from './support/spawn-server.js';

/**
 * A node whose store goes away answers 503 `store_unavailable` fast (no hang, no 500), `/readyz` turns 503,
 * and it recovers by itself when the store returns; a secret answered 201 survives a restart of the node.
 * The Redis and PostgreSQL here are started by the test on spare ports, never the machine's services.
 */
const FAIL_FAST_MS = 4000;

async function post(url: string, body: unknown) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    ms: performance.now() - started,
  };
}

async function sealed() {
  const secret = await sealSecret({ v: 1, text: 'survives' });
  const create = { verifier: secret.verifier, kdf: null, content: toBase64Url(secret.content) };
  return { create, claim: { token: (await deriveAccess(secret.linkKey, null)).token } };
}

function describeNodeFaults(
  name: string,
  usable: boolean,
  startBackend: () => Promise<BackendProcess>,
  storeUrl: (backend: BackendProcess) => string,
) {
  describe.runIf(usable)(`a node on ${name} when the store goes away`, () => {
    let backend: BackendProcess;
    let node: SpawnedServer;
    let dataDir: string;
    const start = () =>
      spawnServer({
        env: { BURNLINK_STORE: storeUrl(backend), BURNLINK_DATA_DIR: dataDir },
        startTimeoutMs: 60_000,
      });

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'burnlink-faults-'));
      backend = await startBackend();
      node = await start();
    }, 120_000);
    afterAll(async () => {
      await node?.stop();
      await backend?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('answers 503 store_unavailable fast while the store is down and recovers by itself', async () => {
      const kept = await sealed();
      const created = await post(`${node.url}/api/v1/secrets`, kept.create);
      expect(created.status).toBe(201);
      const id = created.body.id as string;

      await backend.crash();
      const other = await sealed();
      for (const attempt of [
        () => post(`${node.url}/api/v1/secrets`, other.create),
        () => post(`${node.url}/api/v1/secrets/${id}/claim`, kept.claim),
      ]) {
        const answer = await attempt();
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ error: { code: 'store_unavailable' } });
        expect(answer.ms).toBeLessThan(FAIL_FAST_MS);
      }
      const ready = await fetch(`${node.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { code: 'store_unavailable' } });
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);

      await backend.start();
      await waitUntil(async () => {
        if ((await fetch(`${node.url}/readyz`)).status !== 200) throw new Error('not ready yet');
      });
      expect((await post(`${node.url}/api/v1/secrets`, other.create)).status).toBe(201);
      const claimed = await post(`${node.url}/api/v1/secrets/${id}/claim`, kept.claim);
      expect(claimed.status).toBe(200);
    }, 90_000);

    it('keeps a secret answered 201 across a restart of the node', async () => {
      const secret = await sealed();
      const created = await post(`${node.url}/api/v1/secrets`, secret.create);
      expect(created.status).toBe(201);
      expect(await node.stop()).toBe(0);
      node = await start();
      const claimed = await post(`${node.url}/api/v1/secrets/${created.body.id}/claim`, secret.claim);
      expect(claimed.status).toBe(200);
    }, 90_000);
  });
}

const redisUsable = await backendAvailable('redis-server (for the node fault test)', async () => {
  await (await startRedisServer()).destroy();
});
describeNodeFaults('Redis', redisUsable, startRedisServer, (backend) => `${backend.url}?timeout=1000`);

const bin = await postgresBinDir();
const postgresUsable = await backendAvailable('initdb / pg_ctl (for the node fault test)', async () => {
  if (!bin) throw new Error('no /usr/lib/postgresql/*/bin');
});
describeNodeFaults(
  'PostgreSQL',
  postgresUsable,
  () => startPostgresServer(bin!),
  (backend) => `${backend.url}?timeout=1000`,
);
