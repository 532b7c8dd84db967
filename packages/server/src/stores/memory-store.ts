import { digestsEqual, presentReceipt, type StoredReceipt } from './receipt-rules.js';
import {
  type ClaimOutcome,
  type FileRef,
  type NewSecret,
  type PresentedProof,
  type ReceiptInfo,
  type SecretInfo,
  type SecretStore,
  StoreUnavailableError,
  type SweepResult,
} from './secret-store.js';

interface MemorySecret extends Omit<NewSecret, 'receiptRetentionMs'> {
  viewsLeft: number;
  failedAttempts: number;
}

/**
 * Keeps everything in two maps of this process: for tests and the ephemeral "lite" mode (a restart forgets
 * every secret). Every method body runs without an `await` between reading and writing, so on Node's single
 * thread each one is a critical section: that is what makes the one-time rule atomic here.
 *
 * @example
 * const store = new MemoryStore();
 * await store.create(secret);
 */
export class MemoryStore implements SecretStore {
  readonly #secrets = new Map<string, MemorySecret>();
  readonly #receipts = new Map<string, StoredReceipt>();
  /** receipt hash → secret id, while the secret lives. */
  readonly #secretIds = new Map<string, string>();
  #closed = false;

  async create(secret: NewSecret): Promise<void> {
    this.#open();
    if (this.#secrets.has(secret.id) || this.#receipts.has(secret.receiptHash)) {
      throw new Error('a secret with this id or receipt already exists');
    }
    // Own copies: the caller's buffers may be reused or mutated after the promise resolves.
    this.#secrets.set(secret.id, {
      id: secret.id,
      verifier: new Uint8Array(secret.verifier),
      linkVerifier: secret.linkVerifier ? new Uint8Array(secret.linkVerifier) : null,
      kdf: secret.kdf ? { ...secret.kdf } : null,
      content: new Uint8Array(secret.content),
      files: copyFiles(secret.files),
      createdAt: secret.createdAt,
      expiresAt: secret.expiresAt,
      maxViews: secret.maxViews,
      maxAttempts: secret.maxAttempts,
      receiptHash: secret.receiptHash,
      viewsLeft: secret.maxViews,
      failedAttempts: 0,
    });
    this.#secretIds.set(secret.receiptHash, secret.id);
    this.#receipts.set(secret.receiptHash, {
      state: 'pending',
      createdAt: secret.createdAt,
      expiresAt: secret.expiresAt,
      maxViews: secret.maxViews,
      viewsLeft: secret.maxViews,
      viewedAt: [],
      failedAttempts: 0,
      maxAttempts: secret.maxAttempts,
      hasPassphrase: secret.kdf !== null,
      endedAt: null,
      retentionMs: secret.receiptRetentionMs,
    });
  }

  async peek(id: string, now: number): Promise<SecretInfo | null> {
    this.#open();
    const secret = this.#live(id, now);
    if (!secret) return null;
    return {
      expiresAt: secret.expiresAt,
      maxViews: secret.maxViews,
      viewsLeft: secret.viewsLeft,
      kdf: secret.kdf ? { ...secret.kdf } : null,
      size: secret.content.byteLength,
      files: copyFiles(secret.files),
    };
  }

  async claim(id: string, presented: PresentedProof, now: number): Promise<ClaimOutcome> {
    this.#open();
    const secret = this.#live(id, now);
    if (!secret) return { status: 'not_found' };
    if (secret.linkVerifier) {
      // Without the link key nobody may even count an attempt (DESIGN §2 promise 2).
      if (!presented.linkVerifier || !digestsEqual(presented.linkVerifier, secret.linkVerifier)) {
        return { status: 'not_found' };
      }
    }
    const receipt = this.#receipts.get(secret.receiptHash);
    if (digestsEqual(presented.verifier, secret.verifier)) {
      secret.viewsLeft -= 1;
      if (receipt) {
        receipt.viewsLeft = secret.viewsLeft;
        receipt.viewedAt.push(now);
      }
      if (secret.viewsLeft <= 0) this.#end(secret.receiptHash, 'viewed', now);
      return {
        status: 'ok',
        content: new Uint8Array(secret.content),
        kdf: secret.kdf ? { ...secret.kdf } : null,
        files: copyFiles(secret.files),
        viewsLeft: secret.viewsLeft,
        expiresAt: secret.expiresAt,
      };
    }
    if (secret.kdf === null) return { status: 'not_found' };
    secret.failedAttempts += 1;
    if (receipt) receipt.failedAttempts = secret.failedAttempts;
    if (secret.failedAttempts >= secret.maxAttempts) {
      this.#end(secret.receiptHash, 'locked', now);
      return { status: 'locked' };
    }
    return { status: 'wrong_token', attemptsLeft: secret.maxAttempts - secret.failedAttempts };
  }

  async receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    this.#open();
    const stored = this.#receipts.get(receiptHash);
    return stored ? presentReceipt(stored, now) : null;
  }

  async burn(receiptHash: string, now: number): Promise<boolean> {
    this.#open();
    const stored = this.#receipts.get(receiptHash);
    if (!stored || !presentReceipt(stored, now)) return false;
    if (stored.state === 'pending') {
      if (stored.expiresAt <= now) this.#expire(receiptHash, stored);
      else this.#end(receiptHash, 'burned', now);
    }
    return true;
  }

  async sweep(now: number): Promise<SweepResult> {
    this.#open();
    let expiredSecrets = 0;
    let purgedReceipts = 0;
    for (const secret of this.#secrets.values()) {
      if (secret.expiresAt > now) continue;
      this.#secrets.delete(secret.id);
      this.#secretIds.delete(secret.receiptHash);
      expiredSecrets += 1;
    }
    for (const [hash, stored] of this.#receipts) {
      if (stored.state === 'pending' && stored.expiresAt <= now) this.#expire(hash, stored);
      if (
        stored.state !== 'pending' &&
        stored.endedAt !== null &&
        stored.endedAt + stored.retentionMs <= now
      ) {
        this.#receipts.delete(hash);
        purgedReceipts += 1;
      }
    }
    return { expiredSecrets, purgedReceipts };
  }

  async ping(): Promise<void> {
    this.#open();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#secrets.clear();
    this.#receipts.clear();
    this.#secretIds.clear();
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError('the memory store is closed');
  }

  #live(id: string, now: number): MemorySecret | null {
    const secret = this.#secrets.get(id);
    return secret && secret.expiresAt > now ? secret : null;
  }

  #deleteSecretOf(receiptHash: string): void {
    const id = this.#secretIds.get(receiptHash);
    if (id !== undefined) this.#secrets.delete(id);
    this.#secretIds.delete(receiptHash);
  }

  #end(receiptHash: string, state: 'viewed' | 'burned' | 'locked', now: number): void {
    this.#deleteSecretOf(receiptHash);
    const receipt = this.#receipts.get(receiptHash);
    if (receipt) Object.assign(receipt, { state, endedAt: now, viewsLeft: 0 });
  }

  #expire(receiptHash: string, stored: StoredReceipt): void {
    this.#deleteSecretOf(receiptHash);
    Object.assign(stored, { state: 'expired', endedAt: stored.expiresAt, viewsLeft: 0 });
  }
}

function copyFiles(files: FileRef[]): FileRef[] {
  return files.map((file) => ({ id: file.id, size: file.size }));
}
