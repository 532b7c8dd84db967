import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stores/open-store.js';
import type { SecretAndRequestStore } from '../../src/stores/request-store.js';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  postgresAvailable,
  redisAvailable,
} from '../../src/stores/test-backends.js';
import { recordsOfType } from './audit-support.js';
import { patch } from './file-support.js';
import { inbox, makeRequest, postRespond, responseBody } from './requests-support.js';
import { claimAndOpen, testApp, testClock } from './support.js';

/**
 * One response only, under concurrent responders, on every store (issue 17, "Done when"): RESPONDERS clients
 * who all hold the request link answer at once through HTTP, spread over the nodes; exactly one gets 201,
 * the others 409 `request_answered` (or 404), the inbox holds the winner's sealed key, the claim opens the
 * winner's secret, and `request.answered` is recorded once. Redis and PostgreSQL run two app nodes, each with
 * its own store connection, on one shared backend (the scale-out setup).
 */
const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RESPONDERS = 24;

const withRedis = await redisAvailable(REDIS_URL);
const withPostgres = await postgresAvailable(POSTGRES_URL);

interface Backend {
  name: string;
  available: boolean;
  nodes: number;
  /** The store URL for this test (a fresh prefix, schema or directory) and its cleanup. */
  setup(): Promise<{ url: string; dataDir: string; cleanup(): Promise<void> }>;
}

const tempDir = () => mkdtemp(join(tmpdir(), 'burnlink-requests-'));
const BACKENDS: Backend[] = [
  {
    name: 'memory',
    available: true,
    nodes: 1,
    setup: async () => ({ url: 'memory:', dataDir: await tempDir(), cleanup: async () => {} }),
  },
  {
    name: 'SQLite',
    available: true,
    nodes: 1,
    setup: async () => {
      const dataDir = await tempDir();
      return { url: 'sqlite:', dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Redis',
    available: withRedis,
    nodes: 2,
    setup: async () => {
      const prefix = `bltest-requests-${randomBytes(6).toString('hex')}:`;
      const url = `${REDIS_URL}?prefix=${prefix}`;
      return { url, dataDir: await tempDir(), cleanup: () => deleteRedisKeys(url, prefix) };
    },
  },
  {
    name: 'PostgreSQL',
    available: withPostgres,
    nodes: 2,
    setup: async () => {
      const schema = `bltest_requests_${randomBytes(6).toString('hex')}`;
      return {
        url: `${POSTGRES_URL}?schema=${schema}`,
        dataDir: await tempDir(),
        cleanup: () => dropPostgresSchema(POSTGRES_URL, schema),
      };
    },
  },
];

for (const backend of BACKENDS) {
  describe.runIf(backend.available)(`concurrent responders on ${backend.name}`, () => {
    const closers: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });

    async function nodes(): Promise<FastifyInstance[]> {
      const shared = await backend.setup();
      closers.push(shared.cleanup);
      const clock = testClock(Date.now());
      const apps: FastifyInstance[] = [];
      for (let i = 0; i < backend.nodes; i++) {
        const store: SecretAndRequestStore = await openStore(shared.url, { dataDir: shared.dataDir });
        closers.push(() => store.close());
        const { app } = await testApp({ store, clock });
        closers.push(() => app.close());
        apps.push(app);
      }
      return apps;
    }

    it(`${RESPONDERS} responders at once: exactly one 201, the others 409 or 404; audited once`, async () => {
      const apps = await nodes();
      const first = apps[0] as FastifyInstance;
      for (let round = 0; round < 2; round++) {
        const request = await makeRequest(first, { ttl: 3600 });
        const responses = await Promise.all(
          Array.from({ length: RESPONDERS }, (_, i) =>
            responseBody(request.respondToken, {
              text: `answer ${i}`,
              ...(i % 4 === 0 ? { files: [64] } : {}),
            }),
          ),
        );
        const results = await Promise.all(
          responses.map((response, i) =>
            postRespond(apps[i % apps.length] as FastifyInstance, request.id, response.body),
          ),
        );
        const statuses = results.map((res) => res.statusCode);
        expect(
          statuses.filter((status) => status === 201),
          statuses.join(),
        ).toHaveLength(1);
        expect(statuses.filter((status) => status !== 201 && status !== 409 && status !== 404)).toEqual([]);
        const winner = statuses.indexOf(201);
        const won = responses[winner] as (typeof responses)[number];
        // A response with files is staged until they are uploaded: no key is shown before.
        const uploads = ((results[winner]?.json().uploads ?? []) as { url: string }[]).map((u) => u.url);
        for (const [i, url] of uploads.entries())
          expect((await patch(first, url, 0, won.ciphertexts[i] as Uint8Array)).statusCode).toBe(204);
        // Every node sees the one answer: its sealed key, and (text responses) its secret.
        for (const app of apps) {
          const box = (await inbox(app, request)).json();
          expect(box).toMatchObject({ state: 'answered', sealed_key: won.sealedKey });
        }
        if (winner % 4 !== 0) {
          const read = await claimAndOpen(apps.at(-1) as FastifyInstance, request.id, won.linkKey, null);
          expect(read.payload?.text).toBe(`answer ${winner}`);
        }
        let answered = 0;
        for (const app of apps) answered += (await recordsOfType(app, 'public', 'request.answered')).length;
        expect(answered).toBe(round + 1);
      }
    });
  });
}
