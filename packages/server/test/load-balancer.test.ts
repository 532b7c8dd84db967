import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deriveAccess, sealSecret, toBase64Url } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendAvailable, deleteRedisKeys, redisAvailable } from '../src/stores/test-backends.js';
import { freePort, waitUntil } from './support/backend-processes.js';
import { type SpawnedServer, spawnServer } from './support/spawn-server.js';

/**
 * The load-balancer examples in `deploy/` (docs/operations.md), started as they are — only the listen port and
 * the three node addresses are swapped — in front of three nodes on one Redis store.
 */
const execFileAsync = promisify(execFile);
const DEPLOY = fileURLToPath(new URL('../../../deploy/', import.meta.url));
const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EXAMPLE_NODES = ['127.0.0.1:8081', '127.0.0.1:8082', '127.0.0.1:8083'];
const EXAMPLE_LISTEN = '127.0.0.1:8080';

interface Balancer {
  name: string;
  url: string;
  process: ChildProcess;
}

async function configure(file: string, dir: string, port: number, nodes: string[]): Promise<string> {
  let text = await readFile(join(DEPLOY, file), 'utf8');
  text = text.replace(EXAMPLE_LISTEN, `127.0.0.1:${port}`);
  EXAMPLE_NODES.forEach((example, i) => {
    text = text.replace(example, nodes[i]!);
  });
  const path = join(dir, file);
  await writeFile(path, text);
  return path;
}

async function startBalancer(name: 'nginx' | 'haproxy', dir: string, nodes: string[]): Promise<Balancer> {
  const port = await freePort();
  const child =
    name === 'nginx'
      ? spawn(
          'nginx',
          [
            '-c',
            await configure('nginx.conf', dir, port, nodes),
            '-p',
            dir,
            '-e',
            join(dir, 'nginx-error.log'),
            '-g',
            `daemon off; pid ${join(dir, 'nginx.pid')};`,
          ],
          { stdio: 'ignore' },
        )
      : spawn('haproxy', ['-f', await configure('haproxy.cfg', dir, port, nodes), '-db'], {
          stdio: 'ignore',
        });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => {
    const res = await fetch(`${url}/readyz`);
    if (res.status !== 200) throw new Error(`readyz ${res.status}`);
  });
  return { name, url, process: child };
}

async function create(url: string) {
  const sealed = await sealSecret({ v: 1, text: 'through the balancer' });
  const res = await fetch(`${url}/api/v1/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifier: sealed.verifier, kdf: null, content: toBase64Url(sealed.content) }),
  });
  expect(res.status).toBe(201);
  const { id, receipt } = (await res.json()) as { id: string; receipt: string };
  return { id, receipt, token: (await deriveAccess(sealed.linkKey, null)).token };
}

async function claim(url: string, id: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/secrets/${id}/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  await res.arrayBuffer();
  return res.status;
}

const usable =
  (await redisAvailable(REDIS_URL)) &&
  (await backendAvailable('nginx and haproxy (for the load-balancer test)', async () => {
    await execFileAsync('nginx', ['-v']);
    await execFileAsync('haproxy', ['-v']);
  }));

describe.runIf(usable)('the nginx and HAProxy examples in front of three nodes', () => {
  const prefix = `bltest-${randomBytes(6).toString('hex')}:`;
  const store = `${REDIS_URL}?prefix=${prefix}`;
  let dir: string;
  let nodes: SpawnedServer[] = [];
  let balancers: Balancer[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burnlink-lb-'));
    nodes = await Promise.all(
      [0, 1, 2].map(() =>
        spawnServer({
          env: { BURNLINK_STORE: store, BURNLINK_DATA_DIR: dir, BURNLINK_TRUST_PROXY: 'loopback' },
          startTimeoutMs: 60_000,
        }),
      ),
    );
    const addresses = nodes.map((node) => new URL(node.url).host);
    balancers = [
      await startBalancer('nginx', dir, addresses),
      await startBalancer('haproxy', dir, addresses),
    ];
  }, 120_000);

  afterAll(async () => {
    for (const balancer of balancers) {
      const exited = new Promise((resolve) => balancer.process.once('exit', resolve));
      balancer.process.kill('SIGTERM');
      await exited;
    }
    await Promise.all(nodes.map((node) => node.stop()));
    await deleteRedisKeys(store, prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('serve a secret once, with its receipt, through either balancer', async () => {
    for (const { url } of balancers) {
      const secret = await create(url);
      expect((await fetch(`${url}/api/v1/secrets/${secret.id}`)).status).toBe(200);
      expect(await claim(url, secret.id, secret.token)).toBe(200);
      expect(await claim(url, secret.id, secret.token)).toBe(404);
      const receipt = await (await fetch(`${url}/api/v1/receipts/${secret.receipt}`)).json();
      expect(receipt).toMatchObject({ state: 'viewed' });
    }
  });

  it('90 concurrent claims through each balancer: exactly one succeeds, no 5xx', async () => {
    for (const { url } of balancers) {
      const secret = await create(url);
      const statuses = await Promise.all(
        Array.from({ length: 90 }, () => claim(url, secret.id, secret.token)),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 404)).toHaveLength(89);
    }
  });

  it('keep serving when a node goes down', async () => {
    await nodes[0]!.stop();
    for (const { url } of balancers) {
      for (let i = 0; i < 12; i++) {
        const secret = await create(url);
        expect(await claim(url, secret.id, secret.token)).toBe(200);
      }
    }
  });
});
