import { checkCode, holdsLink } from './code-rules.js';
import * as requests from './memory-requests.js';
import { copyFiles, MemoryState } from './memory-state.js';
import * as transfers from './memory-transfers.js';
import { digestsEqual, presentReceipt } from './receipt-rules.js';
import type {
  BurnRequestOutcome,
  NewRequest,
  RequestRecord,
  RequestStore,
  RespondOutcome,
} from './request-store.js';
import {
  type BurnOutcome,
  type CancelOutcome,
  type ClaimOutcome,
  type FinishDownloadOutcome,
  type FinishUploadOutcome,
  type IssueCodeOutcome,
  type Lease,
  type NewCode,
  type NewGrant,
  type NewSecret,
  type PresentedProof,
  type ReceiptInfo,
  type SecretInfo,
  type SecretStore,
  type StartDownloadOutcome,
  type StartUploadOutcome,
  StoreUnavailableError,
  type SweepResult,
  type UploadState,
} from './secret-store.js';

/**
 * Keeps everything in maps of this process: for tests and the ephemeral "lite" mode (a restart forgets every
 * secret). Every method body runs without an `await` between reading and writing, so on Node's single thread
 * each one is a critical section: that is what makes every rule of the contract atomic here. Uploads and
 * downloads are in `memory-transfers.ts`, the shared maps in `memory-state.ts`, the rules in `file-rules.ts`.
 *
 * Where the contract leaves a choice, this store (and the suite) fix it so:
 * - `burn` of a secret whose `expiresAt` passed but that no sweep removed yet ends nothing (`ended: false`)
 *   and leaves the secret to the sweeper, which reports it in `expiredIds`; its file records go now.
 * - A claim that takes the last view without a grant leaves files no grant can deliver to the sweeper (the
 *   `ok` outcome carries no blob ids); a lock deletes them at once and reports them.
 *
 * @example
 * const store = new MemoryStore();
 * await store.create(secret);
 */
export class MemoryStore implements SecretStore, RequestStore {
  readonly #state = new MemoryState();
  #closed = false;

  async create(secret: NewSecret): Promise<void> {
    this.#open();
    this.#state.insert(secret);
  }

  async peek(id: string, now: number): Promise<SecretInfo | null> {
    this.#open();
    const secret = this.#state.liveSecret(id, now);
    if (!secret) return null;
    return {
      expiresAt: secret.expiresAt,
      maxViews: secret.maxViews,
      viewsLeft: secret.viewsLeft,
      kdf: secret.kdf ? { ...secret.kdf } : null,
      size: secret.content.byteLength,
      files: copyFiles(secret.files),
      restrictions: secret.restrictions,
    };
  }

  async claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    this.#open();
    const state = this.#state;
    const secret = state.liveSecret(id, now);
    const entry = state.entries.get(id);
    if (!secret || !entry) return { status: 'not_found' };
    let codeUsed = false;
    if (secret.restrictions !== null) {
      // Checked first (the "Restrictions" rule on `SecretStore.claim`).
      if (!presented.gate) return { status: 'restricted', restrictions: secret.restrictions };
      if (!holdsLink(secret, presented)) return { status: 'not_found' };
      if (presented.gate.codeHash !== null) {
        const check = checkCode(secret.code, presented.gate.codeHash, now);
        if (check.result === 'spent') return { status: 'code_invalid', triesLeft: 0 };
        if (check.result === 'wrong') {
          if (secret.code) secret.code.triesLeft = check.triesLeft;
          return { status: 'code_invalid', triesLeft: check.triesLeft };
        }
        codeUsed = true;
      }
    }
    if (secret.linkVerifier) {
      // Without the link key nobody may even count an attempt (DESIGN §2 promise 2).
      if (!presented.linkVerifier || !digestsEqual(presented.linkVerifier, secret.linkVerifier)) {
        return { status: 'not_found' };
      }
    }
    const receipt = state.receipts.get(entry.receiptHash);
    if (digestsEqual(presented.verifier, secret.verifier)) {
      const files = [...entry.files.values()];
      if (grant && files.some((file) => file.grants.has(grant.hash))) {
        throw new Error('a grant with this hash already exists');
      }
      secret.viewsLeft -= 1;
      if (receipt) {
        receipt.viewsLeft = secret.viewsLeft;
        receipt.viewedAt.push(now);
      }
      if (grant) {
        for (const file of files) {
          file.grants.set(grant.hash, { expiresAt: grant.expiresAt, delivered: false, reader: null });
        }
      }
      if (codeUsed) secret.code = null;
      if (secret.viewsLeft <= 0) state.end(entry, 'viewed', now);
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
    if (secret.failedAttempts < secret.maxAttempts) {
      return { status: 'wrong_token', attemptsLeft: secret.maxAttempts - secret.failedAttempts };
    }
    state.end(entry, 'locked', now);
    // Grants of earlier views still deliver their files; the others go with the secret.
    return { status: 'locked', blobIds: state.deleteFiles(entry, (file) => !state.needed(entry, file, now)) };
  }

  async issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome> {
    this.#open();
    const secret = this.#state.liveSecret(id, now);
    if (!secret || secret.restrictions === null || !holdsLink(secret, proof)) return 'not_found';
    if (secret.codesIssued >= maxIssued) return 'limit';
    secret.code = { hash: code.hash, expiresAt: code.expiresAt, triesLeft: code.tries };
    secret.codesIssued += 1;
    return 'ok';
  }

  async receipt(receiptHash: string, now: number): Promise<ReceiptInfo | null> {
    this.#open();
    const stored = this.#state.receipts.get(receiptHash);
    return stored ? presentReceipt(stored, now) : null;
  }

  async burn(receiptHash: string, now: number): Promise<BurnOutcome> {
    this.#open();
    const state = this.#state;
    const stored = state.receipts.get(receiptHash);
    if (!stored || !presentReceipt(stored, now)) {
      return { known: false, secretId: null, ended: false, blobIds: [] };
    }
    const entry = state.entries.get(stored.secretId);
    const ended = Boolean(entry?.secret && entry.secret.expiresAt > now && stored.state === 'pending');
    if (entry && ended) state.end(entry, 'burned', now);
    // Every file record goes, whatever the receipt says: also files a recipient holds a grant for.
    const blobIds = entry ? state.deleteFiles(entry) : [];
    return { known: true, secretId: stored.secretId, ended, blobIds };
  }

  async upload(blobId: string, now: number): Promise<UploadState | null> {
    this.#open();
    return transfers.uploadState(this.#state, blobId, now);
  }

  async startUpload(blobId: string, offset: number, lease: Lease, now: number): Promise<StartUploadOutcome> {
    this.#open();
    return transfers.startUpload(this.#state, blobId, offset, lease, now);
  }

  async finishUpload(
    blobId: string,
    leaseId: string,
    offset: number,
    now: number,
  ): Promise<FinishUploadOutcome> {
    this.#open();
    return transfers.finishUpload(this.#state, blobId, leaseId, offset, now);
  }

  async cancelUpload(blobId: string, now: number): Promise<CancelOutcome> {
    this.#open();
    return transfers.cancelUpload(this.#state, blobId, now);
  }

  async startDownload(
    blobId: string,
    grantHash: string,
    lease: Lease,
    now: number,
  ): Promise<StartDownloadOutcome> {
    this.#open();
    return transfers.startDownload(this.#state, blobId, grantHash, lease, now);
  }

  async finishDownload(
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ): Promise<FinishDownloadOutcome> {
    this.#open();
    return transfers.finishDownload(this.#state, blobId, grantHash, leaseId, delivered, now);
  }

  async extendLease(
    blobId: string,
    grantHash: string | null,
    leaseId: string,
    until: number,
  ): Promise<boolean> {
    this.#open();
    return transfers.extendLease(this.#state, blobId, grantHash, leaseId, until);
  }

  async sweep(now: number): Promise<SweepResult> {
    this.#open();
    const state = this.#state;
    const expiredIds: string[] = [];
    const blobIds: string[] = [];
    for (const entry of state.entries.values()) {
      if (entry.secret && entry.secret.expiresAt <= now) {
        state.expire(entry);
        expiredIds.push(entry.id);
      }
      blobIds.push(...state.deleteFiles(entry, (file) => !state.needed(entry, file, now)));
    }
    let purgedReceipts = 0;
    for (const [hash, stored] of state.receipts) {
      if (presentReceipt(stored, now)) continue;
      state.receipts.delete(hash);
      purgedReceipts += 1;
    }
    return { expiredIds, purgedReceipts, blobIds, ...requests.sweepRequests(state, now) };
  }

  async createRequest(request: NewRequest): Promise<void> {
    this.#open();
    requests.createRequest(this.#state, request);
  }

  async request(id: string, now: number): Promise<RequestRecord | null> {
    this.#open();
    return requests.request(this.#state, id, now);
  }

  async requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null> {
    this.#open();
    return requests.requestByReceipt(this.#state, receiptHash, now);
  }

  async respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome> {
    this.#open();
    return requests.respond(this.#state, id, respondVerifier, sealedKey, secret, now);
  }

  async burnRequest(id: string, now: number): Promise<BurnRequestOutcome> {
    this.#open();
    return requests.burnRequest(this.#state, id, now);
  }

  async knownBlobs(blobIds: string[]): Promise<Set<string>> {
    this.#open();
    return new Set(blobIds.filter((blobId) => this.#state.byBlob.has(blobId)));
  }

  async ping(): Promise<void> {
    this.#open();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#state.clear();
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError('the memory store is closed');
  }
}
