import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decryptBytes,
  deriveAccess,
  encryptBytes,
  fromBase64Url,
  openSecret,
  sealSecret,
  toBase64Url,
} from '@burnlink/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  postgresAvailable,
  redisAvailable,
  redisClusterAvailable,
  startRedisCluster,
} from '../src/stores/test-backends.js';
import { type SpawnedServer, spawnServer } from './support/spawn-server.js';

/**
 * Three server processes on one shared store behave as one service (DESIGN §2 promise 4 across nodes):
 * concurrent claims spread over the nodes never serve more than `max_views`, nothing answers 5xx, and what
 * one node creates or burns the others see at once. Runs the built server (`npm run build` first).
 */
const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NODES = 3;
const CLAIMS = 300;
const ROUNDS = 3;

interface SharedStore {
  url: string;
  /** BURNLINK_BLOB_STORE for every node; default: `fs:` in the data directory all nodes share. */
  blobStore?: string;
  cleanup(): Promise<void>;
}

async function createSecret(node: string, maxViews: number) {
  const text = `secret ${randomBytes(8).toString('hex')}`;
  const sealed = await sealSecret({ v: 1, text });
  const res = await fetch(`${node}/api/v1/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ttl: 3600,
      max_views: maxViews,
      verifier: sealed.verifier,
      kdf: null,
      content: toBase64Url(sealed.content),
    }),
  });
  expect(res.status).toBe(201);
  const { id, receipt } = (await res.json()) as { id: string; receipt: string };
  const access = await deriveAccess(sealed.linkKey, null);
  return { id, receipt, text, token: access.token, contentKey: access.contentKey };
}

async function claim(node: string, id: string, token: string) {
  const res = await fetch(`${node}/api/v1/secrets/${id}/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return { status: res.status, body: (await res.json()) as { content?: string } };
}

function describeMultiNode(name: string, available: boolean, open: () => Promise<SharedStore>) {
  describe.runIf(available)(`${NODES} nodes on one ${name} store`, () => {
    let shared: SharedStore | undefined;
    let nodes: SpawnedServer[] = [];
    let dataDir: string;
    const urls = () => nodes.map((node) => node.url);

    beforeAll(async () => {
      shared = await open();
      dataDir = await mkdtemp(join(tmpdir(), 'burnlink-multi-'));
      // Started together: on PostgreSQL this also races three schema migrations on a fresh schema.
      nodes = await Promise.all(
        Array.from({ length: NODES }, () =>
          // A generous start timeout: three processes start at once on a possibly busy 2-core machine.
          spawnServer({
            env: {
              BURNLINK_STORE: shared!.url,
              BURNLINK_DATA_DIR: dataDir,
              ...(shared!.blobStore ? { BURNLINK_BLOB_STORE: shared!.blobStore } : {}),
            },
            startTimeoutMs: 60_000,
          }),
        ),
      );
    }, 120_000);

    afterEach(() => {
      // A node that died mid-test explains the failure better than the requests it then refused.
      for (const node of nodes) {
        expect(node.child.exitCode ?? node.child.signalCode, node.output()).toBeNull();
      }
    });

    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      await shared?.cleanup();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    for (const maxViews of [1, 5]) {
      it(`${CLAIMS} concurrent claims over ${NODES} nodes serve a ${maxViews}-view secret exactly ${maxViews} times, ${ROUNDS} rounds`, async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const secret = await createSecret(urls()[round % NODES]!, maxViews);
          const answers = await Promise.all(
            Array.from({ length: CLAIMS }, (_, i) => claim(urls()[i % NODES]!, secret.id, secret.token)),
          );
          const statuses: Record<number, number> = {};
          for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
          const logs = () => nodes.map((node) => node.output().slice(-2000)).join('\n');
          expect(statuses, logs()).toEqual({ 200: maxViews, 404: CLAIMS - maxViews });
          const served = answers.find((answer) => answer.status === 200)!;
          const opened = await openSecret(fromBase64Url(served.body.content!), secret.contentKey);
          expect(opened.text).toBe(secret.text);
        }
      }, 120_000);
    }

    it('created on one node, claimed on another; burned on one, gone on all', async () => {
      const [a, b, c] = urls() as [string, string, string];
      const first = await createSecret(a, 1);
      expect((await fetch(`${b}/api/v1/secrets/${first.id}`)).status).toBe(200);
      expect((await claim(c, first.id, first.token)).status).toBe(200);
      const receipt = await (await fetch(`${a}/api/v1/receipts/${first.receipt}`)).json();
      expect(receipt).toMatchObject({ state: 'viewed', views_left: 0 });

      const second = await createSecret(b, 3);
      const burn = await fetch(`${c}/api/v1/receipts/${second.receipt}/burn`, { method: 'POST' });
      expect(burn.status).toBe(204);
      for (const node of [a, b, c]) {
        expect((await fetch(`${node}/api/v1/secrets/${second.id}`)).status).toBe(404);
        expect((await claim(node, second.id, second.token)).status).toBe(404);
        const burned = await (await fetch(`${node}/api/v1/receipts/${second.receipt}`)).json();
        expect(burned).toMatchObject({ state: 'burned' });
      }
    });

    it('a file: uploaded in halves through two nodes, claimed on a third, downloaded once', async () => {
      const [a, b, c] = urls() as [string, string, string];
      const plain = randomBytes(300_000);
      const sealed = await sealSecret({
        v: 1,
        text: '',
        files: [{ name: 'f.bin', type: '', size: plain.length }],
      });
      const ciphertext = await encryptBytes(plain, sealed.contentKey);
      const created = await fetch(`${a}/api/v1/secrets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          verifier: sealed.verifier,
          kdf: null,
          content: toBase64Url(sealed.content),
          files: [{ size: ciphertext.length }],
        }),
      });
      expect(created.status).toBe(201);
      const { id, uploads } = (await created.json()) as { id: string; uploads: { url: string }[] };
      const tus = { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream' };
      const half = 150_000;
      const first = await fetch(`${a}${uploads[0]!.url}`, {
        method: 'PATCH',
        headers: { ...tus, 'upload-offset': '0' },
        body: Buffer.from(ciphertext.subarray(0, half)),
      });
      expect(first.status).toBe(204);
      const head = await fetch(`${b}${uploads[0]!.url}`, { method: 'HEAD', headers: tus });
      expect(head.headers.get('upload-offset')).toBe(String(half));
      const rest = await fetch(`${b}${uploads[0]!.url}`, {
        method: 'PATCH',
        headers: { ...tus, 'upload-offset': String(half) },
        body: Buffer.from(ciphertext.subarray(half)),
      });
      expect(rest.headers.get('burnlink-secret')).toBe('ready');

      const { token } = await deriveAccess(sealed.linkKey, null);
      const claimed = await fetch(`${c}/api/v1/secrets/${id}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const { files, grant } = (await claimed.json()) as { files: { url: string }[]; grant: string };
      const auth = { authorization: `Bearer ${grant}` };
      const got = await fetch(`${a}${files[0]!.url}`, { headers: auth });
      expect(got.status).toBe(200);
      const bytes = new Uint8Array(await got.arrayBuffer());
      const hash = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
      expect(hash(await decryptBytes(bytes, sealed.contentKey))).toBe(hash(plain));
      for (const node of [a, b, c]) {
        await expect
          .poll(async () => (await fetch(`${node}${files[0]!.url}`, { headers: auth })).status)
          .toBe(404);
      }
    });
  });
}

describeMultiNode('Redis', await redisAvailable(REDIS_URL), async () => {
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const url = `${REDIS_URL}?prefix=${prefix}`;
  return { url, cleanup: () => deleteRedisKeys(url, prefix) };
});

describeMultiNode('Redis Cluster', await redisClusterAvailable(), async () => {
  const cluster = await startRedisCluster();
  return { url: `${cluster.url}?prefix=bltest:`, cleanup: () => cluster.stop() };
});

describeMultiNode('PostgreSQL', await postgresAvailable(POSTGRES_URL), async () => {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  // No shared volume: the file bytes go to PostgreSQL too.
  return { url, blobStore: url, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
});
