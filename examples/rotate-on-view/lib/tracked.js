import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** burnlink secret ids: 16 bytes in base64url. Anything else is never used as a file name. */
const SECRET_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * What the service tracks: one small JSON file per handed-over secret in the state directory,
 * `<secret id>.json` = `{ "secret_id", "role", "handed_over_at", "event"?, "rotate_at"? }`. One file per secret
 * (written to a temporary name, then renamed) lets `hand-over` and the running service write at the same time
 * without a lock and without losing each other's entries. The files hold no password.
 */
export class Tracked {
  constructor(dir) {
    this.dir = dir;
  }

  #file(secretId) {
    if (!SECRET_ID.test(secretId)) throw new Error('not a burnlink secret id');
    return join(this.dir, `${secretId}.json`);
  }

  async get(secretId) {
    if (!SECRET_ID.test(secretId)) return null;
    try {
      return JSON.parse(await readFile(this.#file(secretId), 'utf8'));
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      throw error;
    }
  }

  async put(entry) {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.#file(entry.secret_id);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  }

  async remove(secretId) {
    await rm(this.#file(secretId), { force: true });
  }

  /** Every tracked secret (for the rotations that are due, also after a restart). */
  async all() {
    let names;
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (error.code === 'ENOENT') return [];
      throw error;
    }
    const entries = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => this.get(name.slice(0, -'.json'.length))),
    );
    return entries.filter((entry) => entry !== null);
  }
}
