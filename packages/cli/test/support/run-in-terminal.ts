import { spawn, spawnSync } from 'node:child_process';
import { BURNLINK_BIN } from './run-burnlink.js';

/** True when util-linux `script` is there to give the CLI a pseudo-terminal. */
export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface TerminalStep {
  /** Wait until the terminal output (since the previous step) matches… */
  waitFor: RegExp;
  /** …then type this (use `\r` for Enter). */
  type: string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `burnlink ARGS` on a pseudo-terminal (via `script`), typing the given answers when their prompts
 * appear. Resolves with the exit code and everything the terminal showed — which is how one checks that a
 * prompt does not echo what is typed.
 */
export function runInTerminal(
  args: string[],
  steps: TerminalStep[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BURNLINK_BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let seen = 0;
  const pending = [...steps];
  const advance = () => {
    const step = pending[0];
    if (step?.waitFor.test(screen.slice(seen))) {
      pending.shift();
      seen = screen.length;
      child.stdin.write(step.type);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    advance();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`terminal session did not finish; screen so far:\n${screen}`));
    }, 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}
