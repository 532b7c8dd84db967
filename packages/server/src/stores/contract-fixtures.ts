import { createHash, randomBytes } from 'node:crypto';
import type { KdfParams } from '@burnlink/core';
import type { ClaimOutcome, NewSecret, PresentedProof, SecretStore } from './secret-store.js';

/** What a backend's test file hands to the suite: a fresh store, and how to tidy up after it. */
export type OpenStore = () => Promise<{ store: SecretStore; cleanup?: () => Promise<void> }>;

/** What each part of the suite works with: the store under test (set once opened) and a way to add secrets. */
export interface ContractContext {
  readonly store: SecretStore;
  created(options?: FixtureOptions): Promise<Fixture>;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

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

export function countBy(outcomes: ClaimOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}
