/**
 * Key names of the Redis store. Every key of one secret carries the hash tag `{<id>}`, so they share one hash
 * slot and one Lua script may read and change all of them atomically, also on Redis Cluster:
 * - `<prefix>{<id>}:s` the consumable secret (hash), deleted when it is consumed, locked, burned, cancelled
 *   or expired;
 * - `<prefix>{<id>}:r` its receipt (hash) with the download log, deleted when its retention has passed;
 * - `<prefix>{<id>}:b:<blobId>` one file record per file (hash): the upload, and every grant on the file.
 *   It outlives the secret while a grant can still deliver the file.
 *
 * Keys named after a value the server does not choose land in arbitrary slots, so they are immutable
 * pointers to the secret's slot, written with the create and never changed (only their native expiry):
 * - `<prefix>rp:{<receiptHash>}` → id, for `receipt` and `burn`;
 * - `<prefix>bp:{<blobId>}` → id, for the upload and download calls and `knownBlobs`.
 * A script finds the record it was pointed to or answers "unknown": a stray pointer can never reach another
 * secret's data (the receipt records its hash; a file record is named by its blob id).
 *
 * Requests: `<prefix>{<id>}:q` (hash) beside the keys of their response secret, `<prefix>qp:{<receiptHash>}`
 * → id, and `<prefix>index:requests` (ids by when the sweep looks at them next).
 *
 * `<prefix>layout` records that every secret under the prefix has this layout (`redis-upgrade.ts`).
 *
 * Sweep indexes, sorted sets each in a slot of its own: `<prefix>index:expire` (ids by expiry),
 * `<prefix>index:forget` (ids by when the receipt is forgotten), `<prefix>index:files` (`<id>:<blobId>` by
 * the time until which the file record is needed).
 *
 * The Lua scripts derive a file record's key from the secret's key (`fileKey` in `redis-lua.ts`): keep both
 * layouts in step.
 */
export class RedisKeys {
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  secret(id: string): string {
    return `${this.#prefix}{${id}}:s`;
  }

  receipt(id: string): string {
    return `${this.#prefix}{${id}}:r`;
  }

  file(id: string, blobId: string): string {
    return `${this.#prefix}{${id}}:b:${blobId}`;
  }

  /** A request (`redis-request-scripts.ts`): in the slot of its response secret, which has its id. */
  request(id: string): string {
    return `${this.#prefix}{${id}}:q`;
  }

  /** `<prefix>qp:{<receiptHash>}` → a request's id (immutable, like `rp:`). */
  requestPointer(receiptHash: string): string {
    return `${this.#prefix}qp:{${receiptHash}}`;
  }

  receiptPointer(receiptHash: string): string {
    return `${this.#prefix}rp:{${receiptHash}}`;
  }

  blobPointer(blobId: string): string {
    return `${this.#prefix}bp:{${blobId}}`;
  }

  index(name: IndexName): string {
    return `${this.#prefix}index:${name}`;
  }

  /** Which key layout every secret under this prefix has (`redis-upgrade.ts`). */
  layout(): string {
    return `${this.#prefix}layout`;
  }

  /** A SCAN pattern matching every secret key under this prefix (glob characters of the prefix escaped). */
  secretPattern(): string {
    return `${this.#prefix.replace(/[*?[\]\\]/g, '\\$&')}{*}:s`;
  }

  /** The id in a secret key that `secretPattern` matched, or null. */
  idOfSecret(key: string): string | null {
    const start = this.#prefix.length + 1;
    return key.startsWith(`${this.#prefix}{`) && key.endsWith('}:s') ? key.slice(start, -3) : null;
  }
}

export type IndexName = 'expire' | 'forget' | 'files' | 'requests';

/** The member of `index:files` for one file record. */
export function fileMember(id: string, blobId: string): string {
  return `${id}:${blobId}`;
}

export function parseFileMember(member: string): { id: string; blobId: string } | null {
  const [id, blobId, extra] = member.split(':');
  return id && blobId && extra === undefined ? { id, blobId } : null;
}

/**
 * Ids, blob ids and hashes are b64u. Anything else could carry a brace (and so break the one-slot rule) or
 * the separators of the script replies and index members: such a value is refused by `create` and unknown to
 * every lookup, without asking Redis.
 */
export function isToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
