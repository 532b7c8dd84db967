import { execFile, spawn } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Throwaway Redis and PostgreSQL servers that a test starts, stops and restarts itself on a spare loopback
 * port in a temp dir — fault tests must never touch the machine's shared services.
 */
export interface BackendProcess {
  url: string;
  port: number;
  /** Starts (again) on the same port with the same data. */
  start(): Promise<void>;
  /** Stops abruptly (SIGKILL / `pg_ctl -m immediate`), like a crash. */
  crash(): Promise<void>;
  /** Stops and removes the data. */
  destroy(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, as the OS hands it out. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A `redis-server` with AOF `appendfsync always` (the durable settings `docs/operations.md` recommends). */
export async function startRedisServer(): Promise<BackendProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-redis-'));
  const port = await freePort();
  let child: ReturnType<typeof spawn> | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
      ],
      { stdio: 'ignore' },
    );
    await waitUntil(async () => {
      const { stdout } = await execFileAsync('redis-cli', ['-p', String(port), 'ping']);
      if (!stdout.includes('PONG')) throw new Error('not ready');
    });
  };
  const crash = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    crash,
    destroy: async () => {
      await crash();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether `initdb` / `pg_ctl` exist, for the PostgreSQL fault test. */
export async function postgresBinDir(): Promise<string | null> {
  try {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    return versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : null;
  } catch {
    return null;
  }
}

/**
 * A PostgreSQL cluster of its own (`initdb` in a temp dir, `pg_ctl`), trust auth, user `postgres`. initdb
 * refuses to run as root, so as root the binaries run as the `postgres` user through `runuser`.
 */
export async function startPostgresServer(bin: string): Promise<BackendProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileAsync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : execFileAsync(join(bin, command), args);
  if (asRoot) {
    const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  };
  const crash = async () => {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    crash,
    destroy: async () => {
      await crash();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Retries `probe` until it resolves; rejects with its last error after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
