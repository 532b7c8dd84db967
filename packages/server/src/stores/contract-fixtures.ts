import { createHash, randomBytes } from 'node:crypto';
import type { KdfParams } from '@burnlink/core';
import { expect } from 'vitest';
import type { SecretAndRequestStore } from './request-store.js';
import type {
  BurnOutcome,
  FileRef,
  FinishDownloadOutcome,
  FinishUploadOutcome,
  Lease,
  NewGrant,
  NewSecret,
  PresentedProof,
  SecretStore,
  SweepResult,
} from './secret-store.js';

/** What a backend's test file hands to the suite: a fresh store, and how to tidy up after it. */
export type OpenStore = () => Promise<{
  store: SecretAndRequestStore;
  cleanup?: () => Promise<void>;
  /** Opens another store on the same data as `store` (another node); the caller closes it. */
  peer?: () => Promise<SecretAndRequestStore>;
}>;

/** What each part of the suite works with: the store under test (set once opened) and a way to add secrets. */
export interface ContractContext {
  readonly store: SecretAndRequestStore;
  /** Opens another fresh store as the backend's test file does (for tests that close one). */
  open: OpenStore;
  /** Whether the backend's test file opens peers: stores on the same data as `store` (other nodes). */
  peers: boolean;
  /** A peer of `store` (only when `peers`); the caller closes it. */
  peer(): Promise<SecretAndRequestStore>;
  /** Creates a secret; with `files`, it stays staged until its uploads complete. */
  created(options?: FixtureOptions): Promise<Fixture>;
  /** Creates a secret with these files and uploads every one, so it is live (sealed). */
  sealed(options: FixtureOptions & { files: FileRef[] }): Promise<Fixture>;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * A clock far in the past that no real-clock test uses, for exact sweep results even on a backend holding
 * other tests' secrets (those expire around the real clock, long after this one). Each call is 10 days after
 * the previous one, in every part of the suite, so a test's first `sweep(t)` clears what earlier ones left.
 */
let pastTime = Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 365) * DAY;
export function pastClock(): number {
  pastTime += 10 * DAY;
  return pastTime;
}

export const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
/** A fresh random id as the server draws them: 16 random bytes, b64u (secret, blob and lease ids). */
export const randomId = () => b64u(randomBytes(16));

/** File refs with random blob ids and these ciphertext sizes (a tuple as long as the sizes given). */
export function fileRefs<const Sizes extends number[]>(...sizes: Sizes): { [K in keyof Sizes]: FileRef } {
  return sizes.map((size) => ({ id: randomId(), size })) as { [K in keyof Sizes]: FileRef };
}

/** A lease with a random id, valid until `until`. */
export function lease(until: number): Lease {
  return { id: randomId(), until };
}

/** A download grant as a claim would create it: the SHA-256 of a random grant token, b64u. */
export function newGrant(expiresAt: number): NewGrant {
  return { hash: b64u(sha256(randomBytes(32))), expiresAt };
}

/**
 * Uploads each file whole in one request (take the lease at 0, record the full length), in order, and
 * returns every `finishUpload` outcome: the last one is the one that seals the secret.
 */
export async function uploadAll(
  store: SecretStore,
  files: FileRef[],
  now: number,
): Promise<FinishUploadOutcome[]> {
  const outcomes: FinishUploadOutcome[] = [];
  for (const file of files) {
    const writer = lease(now + MINUTE);
    expect(await store.startUpload(file.id, 0, writer, now)).toMatchObject({ status: 'ok', offset: 0 });
    outcomes.push(await store.finishUpload(file.id, writer.id, file.size, now));
  }
  return outcomes;
}

/** A secret as the HTTP layer would store it, plus the proofs a right and a wrong client would present. */
export interface Fixture {
  secret: NewSecret;
  right: PresentedProof;
  wrongToken: PresentedProof;
  /** Right access token, wrong link token: someone who has the id (and maybe the passphrase) but not the link. */
  wrongLink: PresentedProof;
  noLink: PresentedProof;
}

export interface FixtureOptions {
  passphrase?: boolean;
  now?: number;
  ttlMs?: number;
  maxViews?: number;
  maxAttempts?: number;
  retentionMs?: number;
  contentBytes?: number;
  files?: { id: string; size: number }[];
  uploadIdleMs?: number | null;
  restrictions?: string | null;
}

export function makeFixture(options: FixtureOptions = {}): Fixture {
  const now = options.now ?? Date.now();
  const token = randomBytes(32);
  const linkToken = randomBytes(32);
  const kdf: KdfParams | null = options.passphrase
    ? { name: 'PBKDF2-SHA-256', salt: b64u(randomBytes(16)), iterations: 600_000 }
    : null;
  const linkVerifier = options.passphrase ? sha256(linkToken) : null;
  const secret: NewSecret = {
    id: b64u(randomBytes(16)),
    verifier: sha256(token),
    linkVerifier,
    kdf,
    content: new Uint8Array(randomBytes(options.contentBytes ?? 517)),
    files: options.files ?? [],
    createdAt: now,
    expiresAt: now + (options.ttlMs ?? DAY),
    maxViews: options.maxViews ?? 1,
    maxAttempts: options.maxAttempts ?? 5,
    receiptHash: b64u(sha256(randomBytes(16))),
    receiptRetentionMs: options.retentionMs ?? 7 * DAY,
    ...(options.uploadIdleMs === undefined ? {} : { uploadIdleMs: options.uploadIdleMs }),
    ...(options.restrictions === undefined ? {} : { restrictions: options.restrictions }),
  };
  const wrong = sha256(randomBytes(32));
  return {
    secret,
    right: { verifier: sha256(token), linkVerifier: linkVerifier && sha256(linkToken) },
    wrongToken: { verifier: wrong, linkVerifier: linkVerifier && sha256(linkToken) },
    wrongLink: { verifier: sha256(token), linkVerifier: linkVerifier && sha256(randomBytes(32)) },
    noLink: { verifier: sha256(token), linkVerifier: null },
  };
}

/** How many outcomes have each status (`{ ok: 1, not_found: 199 }`). */
export function countBy(outcomes: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}

/** What `burn` answers for a receipt it does not know (or whose retention has passed). */
export const UNKNOWN_BURN: BurnOutcome = { known: false, secretId: null, ended: false, blobIds: [] };

/** What `burn` answers for a known receipt: whether this call ended the secret, and the file records it deleted. */
export function burnt(secretId: string, ended: boolean, blobIds: string[] = []): BurnOutcome {
  return { known: true, secretId, ended, blobIds };
}

/** A sweep result with its id lists sorted, so results compare whatever order a backend reports in. */
export function sorted(result: SweepResult): SweepResult {
  return {
    ...result,
    expiredIds: [...result.expiredIds].sort(),
    blobIds: [...result.blobIds].sort(),
    expiredRequestIds: [...result.expiredRequestIds].sort(),
  };
}

/** The expected (sorted) sweep result. */
export function swept(expiredIds: string[], purgedReceipts: number, blobIds: string[] = []): SweepResult {
  return {
    expiredIds: [...expiredIds].sort(),
    purgedReceipts,
    blobIds: [...blobIds].sort(),
    expiredRequestIds: [],
    purgedRequests: 0,
  };
}

/** One whole download of a file by a grant at `now` (take the reader lease, finish delivered). */
export async function deliver(
  store: SecretStore,
  blobId: string,
  grantHash: string,
  now: number,
): Promise<FinishDownloadOutcome> {
  const reader = lease(now + MINUTE);
  expect(await store.startDownload(blobId, grantHash, reader, now)).toMatchObject({ status: 'ok' });
  return store.finishDownload(blobId, grantHash, reader.id, true, now);
}
