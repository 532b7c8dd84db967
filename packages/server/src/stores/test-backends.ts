import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import pg from 'pg';
import { parseRedisUrl } from './redis-url.js';

const execFileAsync = promisify(execFile);

/**
 * Test helpers for the store tests that need a real Redis or PostgreSQL. Not part of the build (`test-*.ts`).
 *
 * A missing backend skips its tests with a loud line on a laptop, and fails them when `CI=true`.
 */
export async function backendAvailable(name: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true')
      throw new Error(`${name} is required when CI=true but unreachable: ${reason}`);
    console.warn(
      `\n${'!'.repeat(100)}\n!!! ${name} is unreachable (${reason}): its tests are SKIPPED here (they fail when CI=true)\n${'!'.repeat(100)}\n`,
    );
    return false;
  }
}

export async function redisAvailable(url: string): Promise<boolean> {
  return backendAvailable(`Redis at ${url}`, async () => {
    const client = connectRedis(url);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
}

export async function postgresAvailable(url: string): Promise<boolean> {
  return backendAvailable(`PostgreSQL at ${url}`, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
  });
}

/** Deletes every key under `prefix` (on every master of a cluster). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = connectRedis(url);
  try {
    await client.connect();
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        // One UNLINK per key: on a cluster, keys of one call must share a slot.
        await Promise.all(keys.map((key) => node.unlink(key)));
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

function connectRedis(url: string): Redis | Cluster {
  const target = parseRedisUrl(url);
  return target.mode === 'cluster'
    ? new Cluster(target.nodes, { ...target.options, clusterRetryStrategy: () => null })
    : new Redis({ ...target.options, retryStrategy: () => null });
}

const CLUSTER_SCRIPT = fileURLToPath(new URL('../../../../scripts/redis-cluster.sh', import.meta.url));

export interface LocalRedisCluster {
  /** `redis+cluster://127.0.0.1:P1,…` */
  url: string;
  basePort: number;
  stop(): Promise<void>;
}

/** Whether this machine can start a local Redis Cluster (`redis-server` and `redis-cli` on the PATH). */
export async function redisClusterAvailable(): Promise<boolean> {
  return backendAvailable('redis-server / redis-cli (for a local Redis Cluster)', async () => {
    await execFileAsync('redis-server', ['--version']);
    await execFileAsync('redis-cli', ['--version']);
  });
}

/**
 * Starts a throwaway 3 + 3 node cluster with `scripts/redis-cluster.sh` on a random free base port in
 * 17000–18990, so that several test runs on one machine do not collide.
 */
export async function startRedisCluster(): Promise<LocalRedisCluster> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const basePort = 17_000 + 10 * Math.floor(Math.random() * 200);
    try {
      const { stdout } = await execFileAsync(CLUSTER_SCRIPT, ['start', String(basePort)]);
      return {
        url: stdout.trim().split('\n').pop()!,
        basePort,
        stop: async () => {
          await execFileAsync(CLUSTER_SCRIPT, ['stop', String(basePort)]);
        },
      };
    } catch (error) {
      if ((error as { code?: number }).code !== 2) throw error;
    }
  }
  throw new Error('no free base port found for a local Redis Cluster');
}
