import { isAbsolute, join, resolve } from 'node:path';
import { MemoryStore } from './memory-store.js';
import type { SecretAndRequestStore } from './request-store.js';
import { SqliteStore } from './sqlite-store.js';

export interface OpenStoreOptions {
  /** The server's data directory (`BURNLINK_DATA_DIR`): home of the default SQLite file and of relative paths. */
  dataDir: string;
  /** SQLite: commit on a writer thread (default true) or on the event loop (`BURNLINK_SQLITE_WRITER`). */
  sqliteWriterThread?: boolean;
}

type StoreOpener = (url: string, options: OpenStoreOptions) => Promise<SecretAndRequestStore>;

/**
 * One opener per URL scheme. Drivers of the scale-out backends are imported only when their scheme is used,
 * so a single-node install never loads ioredis or pg.
 */
const OPENERS: Record<string, StoreOpener> = {
  memory: async () => new MemoryStore(),
  sqlite: async (url, { dataDir, sqliteWriterThread }) =>
    new SqliteStore(sqlitePath(url, dataDir), { writerThread: sqliteWriterThread ?? true }),
  redis: async (url) => (await import('./redis-store.js')).openRedisStore(url),
  rediss: async (url) => (await import('./redis-store.js')).openRedisStore(url),
  'redis+cluster': async (url) => (await import('./redis-store.js')).openRedisStore(url),
  'rediss+cluster': async (url) => (await import('./redis-store.js')).openRedisStore(url),
  postgres: async (url) => (await import('./postgres-store.js')).openPostgresStore(url),
  postgresql: async (url) => (await import('./postgres-store.js')).openPostgresStore(url),
};

/**
 * Opens the store named by a `BURNLINK_STORE` URL: `memory:`, `sqlite:` (→ `${dataDir}/burnlink.db`),
 * `sqlite:PATH` (absolute, or relative to `dataDir`), `redis://…`, `rediss://…`, `redis+cluster://…`,
 * `postgres://…`, `postgresql://…`. Throws an `Error` for an unknown scheme (naming only the scheme: URLs may
 * hold passwords) and `StoreUnavailableError` when the backend cannot be opened.
 *
 * @example
 * const store = await openStore('sqlite:', { dataDir: '/var/lib/burnlink' });
 */
export async function openStore(url: string, options: OpenStoreOptions): Promise<SecretAndRequestStore> {
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon).toLowerCase() : '';
  const opener = Object.hasOwn(OPENERS, scheme) ? OPENERS[scheme] : undefined;
  if (!opener) {
    const named = /^[a-z][a-z0-9+.-]*$/.test(scheme) ? `"${scheme}:"` : 'of this URL';
    throw new Error(
      `store scheme ${named} is not supported; use memory:, sqlite:PATH, redis://…, redis+cluster://… or postgres://…`,
    );
  }
  return opener(url, options);
}

/** `sqlite:` → the default file in `dataDir`; `sqlite:PATH` or `sqlite://PATH` → PATH, relative to `dataDir`. */
export function sqlitePath(url: string, dataDir: string): string {
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') return join(resolve(dataDir), 'burnlink.db');
  return isAbsolute(path) ? path : resolve(dataDir, path);
}
