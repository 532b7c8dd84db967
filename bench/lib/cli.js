// The burnlink CLI as a user runs it: `send --file` (encrypt while uploading) and `get --output` (decrypt while
// downloading), each timed end to end as a child process (start-up included).
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/burnlink.js', import.meta.url));

function run(args) {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      // The CLI's messages never hold a key, token or link (docs/cli.md, "Messages"): safe to show.
      if (code !== 0) reject(new Error(`burnlink ${args[0]} exited ${code}: ${stderr.trim().slice(0, 500)}`));
      else resolve({ stdout, seconds });
    });
  });
}

/** Null when the CLI sends files, else why it cannot (shown as the skip reason). */
export async function cliFileSupport() {
  try {
    const [send, get] = await Promise.all([run(['send', '--help']), run(['get', '--help'])]);
    if (!send.stdout.includes('--file')) return 'CLI has no --file yet';
    if (!get.stdout.includes('--output')) return 'CLI has no get --output yet';
    return null;
  } catch (error) {
    return `CLI did not run: ${error.message}`;
  }
}

/** `burnlink send --file PATH --server URL --json` → the link (kept in memory only) and seconds. */
export async function cliSend(server, path) {
  const { stdout, seconds } = await run(['send', '--file', path, '--server', server, '--json']);
  const { link } = JSON.parse(stdout);
  if (typeof link !== 'string') throw new Error('burnlink send --json printed no link');
  return { link, seconds };
}

/** `burnlink get LINK --output DIR` into an empty DIR → the one file written and seconds. */
export async function cliGet(link, dir) {
  const { seconds } = await run(['get', link, '--output', dir]);
  const files = await readdir(dir);
  if (files.length !== 1) throw new Error(`burnlink get wrote ${files.length} files to --output, expected 1`);
  return { path: join(dir, files[0]), seconds };
}
