import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config-variables.js';
import { freePort, waitUntil } from '../support/backend-processes.js';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.js';

/**
 * The Dockerfile, .dockerignore and compose files (docs/container.md), read statically: no Docker engine runs
 * here (scripts/container-test.sh builds and runs the image with buildah and podman, opt-in). The image's
 * HEALTHCHECK command itself is run against a real server.
 */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const execFileAsync = promisify(execFile);

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(text: string): { args: Instruction[]; stages: Stage[] } {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const global: Instruction[] = [];
  const result: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.op === 'FROM') {
      const [from = '', , name] = instruction.args.split(' ');
      result.push({ from, name, instructions: [] });
    } else if (result.length === 0) {
      global.push(instruction);
    } else {
      result[result.length - 1]?.instructions.push(instruction);
    }
  }
  return { args: global, stages: result };
}

const dockerfile = stages(read('Dockerfile'));
const runtime = dockerfile.stages.at(-1) as Stage;
const build = dockerfile.stages[0] as Stage;
const ops = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

describe('Dockerfile', () => {
  it('is multi-stage on node:20-bookworm-slim, a Debian-based Node 20 image', () => {
    expect(dockerfile.args.map((i) => i.args)).toContain('NODE_IMAGE=node:20-bookworm-slim');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's ARG reference, literally.
    const base = '${NODE_IMAGE}';
    expect(dockerfile.stages.map((s) => [s.from, s.name])).toEqual([
      [base, 'build'],
      [base, 'runtime'],
    ]);
  });

  it('builds in the build stage and drops the dev dependencies there', () => {
    const runs = ops(build, 'RUN').join('\n');
    expect(runs).toMatch(/npm (ci|install)\b/);
    expect(runs).toContain('npm rebuild better-sqlite3');
    expect(runs).toContain('npm run build');
    expect(runs).toMatch(/npm prune --omit=dev/);
  });

  it('copies only build artefacts and production dependencies into the runtime stage', () => {
    const copies = ops(runtime, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      expect(copy).toMatch(/^--from=build \/src\//);
      const source = copy.split(' ')[1] as string;
      expect(source).toMatch(/^\/src\/(node_modules|package\.json|packages\/\w+\/(package\.json|dist|bin))$/);
    }
    // No install in the runtime stage: its node_modules is the pruned one from the build.
    expect(ops(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('copies every workspace package the server and the CLI load at run time, and the web bundle', () => {
    const copied = new Set(ops(runtime, 'COPY').map((c) => c.split(' ')[1]));
    const manifest = (dir: string) =>
      JSON.parse(read(`packages/${dir}/package.json`)) as { dependencies?: Record<string, string> };
    const needed = new Set<string>(['server', 'cli', 'web']);
    for (const dir of [...needed]) {
      for (const dep of Object.keys(manifest(dir).dependencies ?? {})) {
        if (dep.startsWith('@burnlink/')) needed.add(dep.slice('@burnlink/'.length));
      }
    }
    for (const dir of needed) {
      expect(copied).toContain(`/src/packages/${dir}/package.json`);
      expect(copied).toContain(`/src/packages/${dir}/dist`);
    }
  });

  it('runs as a numeric non-root user with the data volume, port, health check and stop signal', () => {
    const user = ops(runtime, 'USER');
    expect(user).toHaveLength(1);
    const [uid] = (user[0] as string).split(':');
    expect(Number(uid)).toBeGreaterThan(0);
    expect(ops(runtime, 'VOLUME')).toEqual(['/data']);
    expect(ops(runtime, 'EXPOSE')).toEqual(['8080']);
    expect(ops(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(ops(runtime, 'HEALTHCHECK').join()).toContain('/healthz');
    expect(ops(runtime, 'CMD')).toEqual(['["node", "packages/server/dist/main.js"]']);
    // Everything the server writes goes to /data, so the root filesystem can be read-only.
    const env = ops(runtime, 'ENV').join(' ');
    expect(env).toContain('BURNLINK_DATA_DIR=/data');
    expect(env).toContain('BURNLINK_HOST=0.0.0.0');
    expect(ops(runtime, 'RUN').join()).toContain('chown 1000:1000 /data');
  });

  it('carries the OCI labels', () => {
    const labels = ops(runtime, 'LABEL').join(' ');
    for (const key of ['title', 'description', 'licenses', 'version', 'revision', 'base.name']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('keeps node_modules, build output and the git directory out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '.env']));
  });
});

describe('the HEALTHCHECK command', () => {
  let server: SpawnedServer;
  const command = (): string[] => JSON.parse(ops(runtime, 'HEALTHCHECK')[0]?.replace(/^.*?CMD /, '') ?? '[]');
  const run = async (port: string) =>
    execFileAsync(process.execPath, command().slice(1), { env: { BURNLINK_PORT: port } }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? 1,
    );
  beforeAll(async () => {
    server = await spawnServer({ env: { BURNLINK_STORE: 'memory:' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('exits 0 while the server answers /healthz and 1 when nothing listens', async () => {
    expect(command()[0]).toBe('node');
    expect(await run(new URL(server.url).port)).toBe(0);
    expect(await run(String(await freePort()))).toBe(1);
  });
});

describe('compose files', () => {
  const known = new Set<string>(CONFIG_VARIABLES.map((v) => v.name));
  const unknownVariables = (environment: Record<string, unknown>) =>
    Object.keys(environment).filter((name) => name.startsWith('BURNLINK_') && !known.has(name));

  it('runs one node on SQLite with a named volume, a read-only root filesystem and a health check', () => {
    const compose = parse(read('deploy/compose/compose.yml'), { merge: true });
    expect(Object.keys(compose.services)).toEqual(['burnlink']);
    const node = compose.services.burnlink;
    expect(node.build.context).toBe('../..');
    expect(node.read_only).toBe(true);
    expect(node.tmpfs.some((t: string) => t.startsWith('/tmp'))).toBe(true);
    expect(node.volumes).toEqual(['burnlink-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['burnlink-data']);
    expect(node.healthcheck.test.join(' ')).toContain('/healthz');
    expect(node.cap_drop).toEqual(['ALL']);
    expect(node.environment.BURNLINK_STORE).toBeUndefined();
    expect(unknownVariables(node.environment)).toEqual([]);
  });

  it('runs three nodes on PostgreSQL (Redis optional) behind nginx', () => {
    const compose = parse(read('deploy/compose/compose.cluster.yml'), { merge: true });
    const services = compose.services;
    expect(Object.keys(services).sort()).toEqual([
      'burnlink-1',
      'burnlink-2',
      'burnlink-3',
      'nginx',
      'postgres',
      'redis',
    ]);
    for (const name of ['burnlink-1', 'burnlink-2', 'burnlink-3']) {
      const node = services[name];
      expect(node.read_only).toBe(true);
      expect(node.environment.BURNLINK_STORE).toMatch(/^\$\{BURNLINK_STORE:-postgres:\/\/burnlink:/);
      expect(node.environment.BURNLINK_ACCOUNTS_STORE).toMatch(/^postgres:\/\//);
      expect(node.environment.BURNLINK_BLOB_STORE).toMatch(/^postgres:\/\//);
      expect(node.environment.BURNLINK_TRUST_PROXY).toBeTruthy();
      expect(node.healthcheck.test.join(' ')).toContain('/readyz');
      expect(node.depends_on.postgres.condition).toBe('service_healthy');
      expect(node.build.context).toBe('../..');
      expect(node.networks).toEqual(['internal', 'egress']);
      expect(unknownVariables(node.environment)).toEqual([]);
    }
    expect(services.redis.profiles).toEqual(['redis']);
    expect(compose.networks.internal.internal).toBe(true);
    expect(services.postgres.networks).toEqual(['internal']);
    expect(services.postgres.ports).toBeUndefined();
    expect(services.nginx.volumes).toEqual(['./nginx.cluster.conf:/etc/nginx/nginx.conf:ro']);
    expect(Object.keys(services.nginx.depends_on).sort()).toEqual(['burnlink-1', 'burnlink-2', 'burnlink-3']);
  });

  it('balances over the three nodes in nginx, never re-sending a request that reached one', () => {
    const conf = read('deploy/compose/nginx.cluster.conf').replace(/#.*$/gm, '');
    for (const node of ['burnlink-1', 'burnlink-2', 'burnlink-3'])
      expect(conf).toContain(`server ${node}:8080`);
    expect(conf.match(/proxy_next_upstream [^;]*;/g)).toEqual(['proxy_next_upstream error timeout;']);
    expect(conf).toMatch(/access_log off;/);
    // Uploads come in chunks of up to 8 MiB (the client's default).
    const [, size] = /client_max_body_size (\d+)m;/.exec(conf) ?? [];
    expect(Number(size)).toBeGreaterThanOrEqual(8);
  });
});

describe('nginx.cluster.conf, started in front of three nodes', () => {
  const nodes: SpawnedServer[] = [];
  let nginx: ChildProcess | undefined;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burnlink-compose-nginx-'));
    for (let i = 0; i < 3; i++) nodes.push(await spawnServer({ env: { BURNLINK_STORE: 'memory:' } }));
    const port = await freePort();
    // Only the addresses change: the compose service names become the nodes', the listen port a free one, and
    // the pid file moves to the temporary directory.
    let conf = read('deploy/compose/nginx.cluster.conf')
      .replace('listen 8080;', `listen 127.0.0.1:${port};`)
      .replace(/^pid .*$/m, `pid ${join(dir, 'nginx.pid')};`);
    nodes.forEach((node, i) => {
      conf = conf.replace(`burnlink-${i + 1}:8080`, new URL(node.url).host);
    });
    const file = join(dir, 'nginx.conf');
    await writeFile(file, conf);
    nginx = spawn('nginx', ['-c', file, '-p', dir, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => {
      const res = await fetch(`${url}/readyz`);
      if (res.status !== 200) throw new Error(`readyz ${res.status}`);
    });
  });
  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(nodes.map((node) => node.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it("proxies to the nodes and lets a body the size of the CLI's upload PATCH through to the server", async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // 65 MiB (the CLI's tus PATCH is 64 MiB): nginx must not answer 413 itself; the server answers in its own
    // error shape.
    const res = await fetch(`${url}/api/v1/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(65 * 1024 * 1024) }),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error?: { code: string } };
    expect(body.error?.code).toBeTruthy();
  });
});
