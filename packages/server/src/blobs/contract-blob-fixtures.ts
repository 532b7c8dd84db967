import { randomBytes } from 'node:crypto';
import { b64u, DAY, HOUR, makeFixture } from '../stores/contract-fixtures.js';
import type { NewSecret } from '../stores/secret-store.js';
import type { BlobStore } from './blob-store.js';

/** What a backend's test file hands to the suite: a fresh store, and how to tidy up after it. */
export type OpenBlobStore = () => Promise<{ store: BlobStore; cleanup?: () => Promise<void> }>;

export { DAY, HOUR };

/** A far-past clock for the tests that sweep, so that a sweep never reaches another test's records. */
export const pastClock = () => 1_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

export interface BlobFixtureOptions {
  now?: number;
  /** Ciphertext sizes, one file per entry (default one file of 1000 bytes). */
  sizes?: number[];
  ttlMs?: number;
  retentionMs?: number;
  maxViews?: number;
  passphrase?: boolean;
}

/** A staged secret and the ciphertext bytes of each of its files. */
export interface BlobFixture {
  secret: NewSecret;
  blobIds: string[];
  bytes: Uint8Array[];
  now: number;
}

export function makeBlobFixture(options: BlobFixtureOptions = {}): BlobFixture {
  const now = options.now ?? Date.now();
  const sizes = options.sizes ?? [1000];
  const files = sizes.map((size) => ({ id: b64u(randomBytes(16)), size }));
  const { secret } = makeFixture({
    now,
    files,
    ttlMs: options.ttlMs ?? DAY,
    retentionMs: options.retentionMs ?? 7 * DAY,
    maxViews: options.maxViews ?? 1,
    passphrase: options.passphrase ?? false,
  });
  return {
    secret,
    blobIds: files.map((file) => file.id),
    bytes: sizes.map((size) => new Uint8Array(randomBytes(size))),
    now,
  };
}

/** Yields `bytes` in slices of `chunkSize`, each on its own turn of the event loop (like a socket). */
export async function* chunksOf(bytes: Uint8Array, chunkSize = 4096): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += chunkSize) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.slice(at, Math.min(at + chunkSize, bytes.byteLength));
  }
}

/** Yields the first `upTo` bytes of `bytes`, then throws `error` (a dropped connection). */
export async function* interrupted(
  bytes: Uint8Array,
  upTo: number,
  error: Error,
  chunkSize = 4096,
): AsyncIterable<Uint8Array> {
  yield* chunksOf(bytes.subarray(0, upTo), chunkSize);
  throw error;
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

/** What each part of the suite works with. */
export interface BlobContext {
  readonly store: BlobStore;
  /** Opens a second, independent store (for the lifecycle tests); the caller closes it. */
  open: OpenBlobStore;
  staged(options?: BlobFixtureOptions): Promise<BlobFixture>;
  /** Staged, and every file written in full. */
  uploaded(options?: BlobFixtureOptions): Promise<BlobFixture>;
  /** Uploaded and sealed. */
  sealed(options?: BlobFixtureOptions): Promise<BlobFixture>;
}

export function blobContext(getStore: () => BlobStore, open: OpenBlobStore): BlobContext {
  const ctx: BlobContext = {
    get store() {
      return getStore();
    },
    open,
    async staged(options) {
      const fixture = makeBlobFixture(options);
      await ctx.store.stage(fixture.secret);
      return fixture;
    },
    async uploaded(options) {
      const fixture = await ctx.staged(options);
      for (const [i, id] of fixture.blobIds.entries()) {
        await ctx.store.write(id, 0, chunksOf(fixture.bytes[i]!), fixture.now);
      }
      return fixture;
    },
    async sealed(options) {
      const fixture = await ctx.uploaded(options);
      const sealed = await ctx.store.seal(fixture.secret.id, fixture.now);
      if (!sealed) throw new Error('the fixture did not seal');
      return fixture;
    },
  };
  return ctx;
}

/** A random grant hash (the store only ever sees hashes). */
export const grantHash = () => b64u(randomBytes(32));

/** Whether none of `ids` is listed by the store any more (the orphan scan). */
export async function noneListed(store: BlobStore, ids: string[]): Promise<boolean> {
  const listed = new Set(await store.list());
  return ids.every((id) => !listed.has(id));
}
