import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { backendAvailable } from '../../src/stores/test-backends.js';
import { freePort, waitUntil } from './backend-processes.js';

/**
 * A real Caddy (Debian's package, /usr/bin/caddy) on spare loopback ports with its internal certificate
 * authority, for the on-demand TLS test (docs/domains.md). Each instance keeps its certificates, its CA and
 * its autosaved config in its own temp dir and never touches the machine's trust store.
 */
export const CADDY = process.env.BURNLINK_TEST_CADDY ?? '/usr/bin/caddy';
const execFileAsync = promisify(execFile);

/** True when Caddy runs here; a loud skip on a laptop, a failure when `CI=true`. */
export function caddyAvailable(): Promise<boolean> {
  return backendAvailable(`Caddy (${CADDY}, for the on-demand TLS test)`, async () => {
    await execFileAsync(CADDY, ['version']);
  });
}

export interface TestGlobals {
  httpPort: number;
  httpsPort: number;
  /** Caddy's storage directory (certificates, the local CA). */
  storage: string;
}

/**
 * A deploy Caddyfile made runnable in a test: the options below go first into its global options block (Caddy
 * takes one such block, so they cannot come from a second file). Nothing else changes: the sites, the
 * `on_demand_tls` question and the proxy settings are the deploy file's own.
 */
export function withTestGlobals(caddyfile: string, globals: TestGlobals): string {
  const lines = caddyfile.split('\n');
  const open = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines[open] !== '{') throw new Error('the Caddyfile does not start with a global options block');
  lines.splice(
    open + 1,
    0,
    '\t# Added for the test: its own CA, ports, storage; no admin endpoint.',
    '\tlocal_certs',
    '\tskip_install_trust',
    '\tadmin off',
    '\tdefault_bind 127.0.0.1',
    `\thttp_port ${globals.httpPort}`,
    `\thttps_port ${globals.httpsPort}`,
    `\tstorage file_system {`,
    `\t\troot ${globals.storage}`,
    '\t}',
  );
  return lines.join('\n');
}

/** `caddy adapt`: the JSON config a Caddyfile means with this environment (throws on an invalid file). */
export async function adaptCaddyfile(caddyfile: string, env: Record<string, string>): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-caddy-adapt-'));
  try {
    const file = join(dir, 'Caddyfile');
    await writeFile(file, caddyfile);
    const { stdout } = await execFileAsync(CADDY, ['adapt', '--config', file, '--adapter', 'caddyfile'], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, ...env },
    });
    return JSON.parse(stdout) as unknown;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `caddy fmt` of a Caddyfile (Caddy warns at every start about a file that differs from it). */
export async function formatCaddyfile(caddyfile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-caddy-fmt-'));
  try {
    const file = join(dir, 'Caddyfile');
    await writeFile(file, caddyfile);
    const { stdout } = await execFileAsync(CADDY, ['fmt', file]);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RunningCaddy {
  httpPort: number;
  httpsPort: number;
  /** The local CA's root certificate (PEM), to trust in clients: `curl --cacert`. */
  rootCert: string;
  /** Everything Caddy logged so far, for failure messages. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s), and removes the temp dir. */
  stop(): Promise<void>;
}

export interface StartCaddyOptions {
  /** The Caddyfile to run, without test globals (they are added here: `withTestGlobals`). */
  caddyfile: string;
  /** The environment its `{$…}` placeholders read. */
  env: Record<string, string>;
  /** A host with an ordinary (not on-demand) site: start() resolves once it presents a valid certificate. */
  readyHost: string;
}

/**
 * Starts `caddy run --adapter caddyfile` on two spare loopback ports (HTTP and HTTPS) with its local CA, and
 * resolves once `readyHost` completes a verified TLS handshake.
 *
 * @example
 * const caddy = await startCaddy({ caddyfile, env: { BURNLINK_MAIN_HOST: 'main.test' }, readyHost: 'main.test' });
 * // curl --resolve main.test:${caddy.httpsPort}:127.0.0.1 --cacert ${caddy.rootCert} https://main.test:…/healthz
 * await caddy.stop();
 */
export async function startCaddy(options: StartCaddyOptions): Promise<RunningCaddy> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-caddy-'));
  const storage = join(dir, 'storage');
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const file = join(dir, 'Caddyfile');
  await writeFile(file, withTestGlobals(options.caddyfile, { httpPort, httpsPort, storage }));
  const child: ChildProcess = spawn(CADDY, ['run', '--config', file, '--adapter', 'caddyfile'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const rootCert = join(storage, 'pki', 'authorities', 'local', 'root.crt');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`caddy exited with code ${child.exitCode}`);
      if (!existsSync(rootCert)) throw new Error('no root certificate yet');
      await verifiedHandshake(httpsPort, options.readyHost, await readFile(rootCert, 'utf8'));
    }, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`caddy did not get ready: ${(error as Error).message}\n${output}`);
  }
  return { httpPort, httpsPort, rootCert, output: () => output, stop };
}

/** A TLS handshake with this SNI on loopback that verifies against `ca`; rejects otherwise. */
function verifiedHandshake(port: number, servername: string, ca: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername, ca }, () => {
      socket.end();
      resolve();
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('handshake timed out')));
    socket.once('error', reject);
  });
}
