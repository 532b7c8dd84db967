import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from '@playwright/test';

const CLI = 'packages/cli/dist/main.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `burnlink` CLI (`node packages/cli/dist/main.js …`) with `input` on its stdin (the secret for
 * `respond`), no colours and no terminal. Answers the exit code and both outputs; asserts nothing itself.
 */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; timeout?: number } = {},
): Promise<CliRun> {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeout ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Like `runCli`, but the run must succeed (exit 0); answers its stdout. */
export async function burnlink(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const run = await runCli(args, options);
  expect(run.code, `burnlink ${args[0]} failed: ${run.stderr}`).toBe(0);
  return run.stdout;
}
