import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built server entry point that every process-level test runs (what `npm start` runs). */
export const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface SpawnedServer {
  /** `http://HOST:PORT`, read from the server's `listening on` line. */
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far, for assertions and for failure messages. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `timeoutMs`). Resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /** Extra environment; BURNLINK_PORT defaults to 0 (a free port) and BURNLINK_RATE_LIMITS to off. */
  env?: Record<string, string>;
  /** How long to wait for the `listening on` line. */
  startTimeoutMs?: number;
  /** Another entry script to run instead of `dist/main.js` (a test fixture that wraps a store). */
  script?: string;
}

/**
 * Starts `node packages/server/dist/main.js` and resolves once it prints `listening on http://…`.
 *
 * @example
 * const server = await spawnServer({ env: { BURNLINK_STORE: 'memory:' } });
 * await fetch(`${server.url}/healthz`);
 * await server.stop();
 */
export async function spawnServer(options: SpawnOptions = {}): Promise<SpawnedServer> {
  const script = options.script ?? SERVER_MAIN;
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first (CI builds before testing)`);
  }
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BURNLINK_PORT: '0',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.startTimeoutMs ?? 15_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https?:\/\/[^\s"]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    kill: (signal) => child.kill(signal),
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
