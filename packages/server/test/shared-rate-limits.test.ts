import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptedSize, sealSecret, toBase64Url } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  postgresAvailable,
  redisAvailable,
} from '../src/stores/test-backends.js';
import { type SpawnedServer, spawnServer } from './support/spawn-server.js';

/**
 * On Redis and PostgreSQL the rate-limit counters live in the shared store, so a client gets its budget once
 * across all nodes — not once per node.
 */
const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BUDGET = 4;

function describeSharedLimits(
  name: string,
  usable: boolean,
  open: () => { url: string; cleanup(): Promise<void> },
) {
  describe.runIf(usable)(`rate limits shared through ${name}`, () => {
    let nodes: SpawnedServer[] = [];
    let dataDir: string;
    let shared: { url: string; cleanup(): Promise<void> };
    // A client address of this run only (through X-Forwarded-For from a trusted loopback proxy), so that
    // parallel runs on the same Redis never share a budget.
    const client = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

    beforeAll(async () => {
      shared = open();
      dataDir = await mkdtemp(join(tmpdir(), 'burnlink-limits-'));
      const env = {
        BURNLINK_STORE: shared.url,
        BURNLINK_DATA_DIR: dataDir,
        BURNLINK_RATE_LIMITS: `create=${BUDGET}/min`,
        BURNLINK_UPLOAD_BUDGET: '96KiB/1h',
        BURNLINK_TRUST_PROXY: 'loopback',
      };
      // One after the other: on PostgreSQL the first creates the schema.
      for (let i = 0; i < 2; i++) nodes.push(await spawnServer({ env, startTimeoutMs: 60_000 }));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      nodes = [];
      await shared?.cleanup();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    it(`a client gets ${BUDGET} creates per minute across two nodes, not ${BUDGET} per node`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < BUDGET * 2; i++) {
        const res = await fetch(`${nodes[i % 2]!.url}/api/v1/secrets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
          body: JSON.stringify({ text: 'limited' }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array(BUDGET).fill(201), ...Array(BUDGET).fill(429)]);
    });

    it('a client gets its upload byte budget once across two nodes', async () => {
      const uploader = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
      const sealed = await sealSecret({
        v: 1,
        text: '',
        files: [{ name: 'f.bin', type: 'application/octet-stream', size: 200_000 }],
      });
      // Another address creates (the create budget of `client` is used up above); the uploader PATCHes.
      const created = await fetch(`${nodes[0]!.url}/api/v1/secrets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          verifier: sealed.verifier,
          kdf: null,
          content: toBase64Url(sealed.content),
          files: [{ size: encryptedSize(200_000) }],
        }),
      });
      expect(created.status).toBe(201);
      const { uploads } = (await created.json()) as { uploads: { url: string }[] };
      const path = new URL(uploads[0]!.url, nodes[0]!.url).pathname;
      const patch = (node: SpawnedServer, offset: number) =>
        fetch(`${node.url}${path}`, {
          method: 'PATCH',
          headers: {
            'tus-resumable': '1.0.0',
            'content-type': 'application/offset+octet-stream',
            'upload-offset': String(offset),
            'x-forwarded-for': uploader,
          },
          body: randomBytes(64 * 1024),
        });
      const first = await patch(nodes[0]!, 0);
      expect(first.status).toBe(204);
      // 64 KiB counted on node 0: node 1 takes 32 KiB more, then cuts the body at the shared 96 KiB.
      const second = await patch(nodes[1]!, 64 * 1024);
      expect(second.status).toBe(429);
      expect(second.headers.get('upload-offset')).toBe(String(96 * 1024));
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await second.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    });
  });
}

describeSharedLimits('Redis', await redisAvailable(REDIS_URL), () => {
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const url = `${REDIS_URL}?prefix=${prefix}`;
  return { url, cleanup: () => deleteRedisKeys(url, prefix) };
});

describeSharedLimits('PostgreSQL', await postgresAvailable(POSTGRES_URL), () => {
  const schema = `bltest_${randomBytes(6).toString('hex')}`;
  return { url: `${POSTGRES_URL}?schema=${schema}`, cleanup: () => dropPostgresSchema(POSTGRES_URL, schema) };
});
