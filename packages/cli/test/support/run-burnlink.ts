import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The installed command: `bin/burnlink.js`, which loads the built `dist/main.js`. */
export const BURNLINK_BIN = fileURLToPath(new URL('../../bin/burnlink.js', import.meta.url));
const CLI_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Fails with a clear message when the CLI has not been built (CI builds before testing). */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_MAIN)) {
    throw new Error(`${CLI_MAIN} is missing: run \`npm run build\` first (CI builds before testing)`);
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs `node bin/burnlink.js ARGS` as a child process with a minimal environment, piping `input` to stdin.
 * `detached` gives the child its own session without a controlling terminal, so `/dev/tty` cannot be
 * opened: the CLI behaves as in CI even when the tests run from a terminal.
 */
export function runBurnlink(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  const child = spawn(process.execPath, [BURNLINK_BIN, ...args], {
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.on('error', () => {});
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`burnlink ${args[0]} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
