import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A tiny tmpfs for disk-full tests (root only; test helper, not part of the build). On a laptop without the
 * right the caller's tests are skipped with a loud line; with `CI=true` this throws instead.
 */
export async function tinyVolume(
  size: string,
): Promise<{ dir: string; unmount: () => Promise<void> } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-full-'));
  try {
    await exec('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (process.env.CI === 'true')
      throw new Error(`CI=true needs a tmpfs mount for the disk-full tests: ${reason}`);
    console.warn(
      `\n${'!'.repeat(100)}\n!!! cannot mount a tmpfs (${reason}): disk-full tests are SKIPPED here\n`,
    );
    return null;
  }
  return {
    dir,
    unmount: async () => {
      await exec('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
