import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { CliContext } from './cli-context.js';

/** What `burnlink login` keeps: the server and its API key. */
export interface Credentials {
  server: string;
  key: string;
}

/**
 * `$XDG_CONFIG_HOME/burnlink/credentials.json`, else `~/.config/burnlink/credentials.json`; null when neither
 * variable gives an absolute directory (the key is then never stored).
 */
export function credentialsPath(env: CliContext['env']): string | null {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'burnlink', 'credentials.json');
  const home = env.HOME;
  if (home && isAbsolute(home)) return join(home, '.config', 'burnlink', 'credentials.json');
  return null;
}

/**
 * The stored credentials, or null when there are none. A file others may read is still used, with a warning;
 * a damaged file is ignored with a warning (never quoting it: it holds a key).
 */
export async function readCredentials(ctx: CliContext): Promise<Credentials | null> {
  const path = credentialsPath(ctx.env);
  if (path === null) return null;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    ctx.stderr.write(
      `burnlink: warning: cannot read ${path} (${(error as { code?: string }).code ?? 'error'})\n`,
    );
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const { server, key } = (parsed ?? {}) as Partial<Credentials>;
  if (typeof server !== 'string' || typeof key !== 'string') {
    ctx.stderr.write(`burnlink: warning: ${path} is damaged and ignored; run burnlink login again\n`);
    return null;
  }
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    ctx.stderr.write(
      `burnlink: warning: ${path} can be read by others (mode ${mode.toString(8)}); run: chmod 600 ${path}\n`,
    );
  }
  return { server, key };
}

/**
 * Stores the credentials: the directory is made (or tightened) to 0700, the file written as 0600 under a
 * temporary name and renamed over the old one, so no moment exists where the key sits in a readable file.
 */
export async function writeCredentials(ctx: CliContext, credentials: Credentials): Promise<string> {
  const path = credentialsPath(ctx.env);
  if (path === null) throw new Error('no configuration directory (HOME and XDG_CONFIG_HOME are unset)');
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(`${JSON.stringify(credentials, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  return path;
}

/** Deletes the stored credentials; false when there were none. */
export async function deleteCredentials(ctx: CliContext): Promise<boolean> {
  const path = credentialsPath(ctx.env);
  if (path === null) return false;
  try {
    await stat(path);
  } catch {
    return false;
  }
  await rm(path, { force: true });
  return true;
}
