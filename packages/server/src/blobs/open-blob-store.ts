import { isAbsolute, join, resolve } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import { upgradeOldLayout } from './fs-blob-upgrade.js';
import { MemoryBlobStore } from './memory-blob-store.js';

const FORMS = 'memory:, fs:, fs:PATH or postgres://…';

/**
 * Opens the blob store named by `BURNLINK_BLOB_STORE`: `memory:` (this process only), `fs:` (→
 * `<dataDir>/blobs`), `fs:PATH` (absolute, or relative to `dataDir`), `postgres://…` / `postgresql://…` (the secret store's URL
 * form, `?schema=` included: see `parsePostgresUrl`).
 * Throws an `Error` naming the allowed forms for anything else (naming only the scheme: URLs may hold
 * passwords).
 *
 * @example
 * const blobs = await openBlobStore('fs:', '/var/lib/burnlink');
 */
export async function openBlobStore(spec: string, dataDir: string): Promise<BlobStore> {
  const colon = spec.indexOf(':');
  const scheme = colon > 0 ? spec.slice(0, colon).toLowerCase() : '';
  switch (scheme) {
    case 'memory':
      if (spec.length > colon + 1) break;
      return new MemoryBlobStore();
    case 'fs': {
      const root = fsBlobPath(spec, dataDir);
      const store = new FsBlobStore(root);
      await upgradeOldLayout(root);
      return store;
    }
    case 'postgres':
    case 'postgresql':
      // Loaded only when used: a single-node install never loads pg for its blobs.
      return (await import('./postgres-blob-store.js')).openPostgresBlobStore(spec);
  }
  const named = /^[a-z][a-z0-9+.-]*$/.test(scheme) ? `"${scheme}:"` : 'of this value';
  throw new Error(`blob store ${named} is not supported; use ${FORMS}`);
}

/** `fs:` → `<dataDir>/blobs`; `fs:PATH` or `fs://PATH` → PATH, relative to `dataDir`. */
export function fsBlobPath(spec: string, dataDir: string): string {
  let path = spec.slice('fs:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') return join(resolve(dataDir), 'blobs');
  return isAbsolute(path) ? path : resolve(dataDir, path);
}
