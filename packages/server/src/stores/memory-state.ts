import type { KdfParams } from '@burnlink/core';
import type { StoredCode } from './code-rules.js';
import { fileNeeded, type GrantOnFile, uploadDeadline } from './file-rules.js';
import type { StoredReceipt } from './receipt-rules.js';
import type { StoredRequest } from './request-rules.js';
import type { FileRef, Lease, NewSecret } from './secret-store.js';

/** The consumable part of a secret: deleted when it is consumed, locked, burned, cancelled or swept. */
export interface MemorySecret {
  verifier: Uint8Array;
  linkVerifier: Uint8Array | null;
  kdf: KdfParams | null;
  content: Uint8Array;
  files: FileRef[];
  /** While staged, the upload deadline (`file-rules.ts` uploadDeadline); once live, `finalExpiresAt`. */
  expiresAt: number;
  /** The expiry the secret was created with. */
  finalExpiresAt: number;
  /** `NewSecret.uploadIdleMs`, or null. */
  uploadIdleMs: number | null;
  maxViews: number;
  viewsLeft: number;
  failedAttempts: number;
  maxAttempts: number;
  /** Until the last upload completes: not peekable, not claimable. */
  staged: boolean;
  /** `NewSecret.restrictions`, or null: goes with the secret (never the receipt). */
  restrictions: string | null;
  /** The current verification code (`issueCode`), or null. */
  code: StoredCode | null;
  /** How many codes were issued for this secret. */
  codesIssued: number;
}

/** One file's record: its upload and the grants on it. It can outlive the secret (grants still delivering). */
export interface MemoryFile {
  blobId: string;
  index: number;
  length: number;
  offset: number;
  complete: boolean;
  writer: Lease | null;
  /** grant hash → that grant's state on this file. */
  grants: Map<string, MemoryGrant>;
}

export interface MemoryGrant extends GrantOnFile {
  reader: Lease | null;
}

/** Everything of one secret; kept while its secret or any of its file records is. */
export interface MemoryEntry {
  id: string;
  receiptHash: string;
  secret: MemorySecret | null;
  files: Map<string, MemoryFile>;
}

export interface MemoryReceipt extends StoredReceipt {
  secretId: string;
}

/**
 * The maps of the memory store and the few state changes several methods share. Nothing here awaits: the
 * store's methods call these synchronously inside their critical section.
 */
export class MemoryState {
  readonly entries = new Map<string, MemoryEntry>();
  readonly receipts = new Map<string, MemoryReceipt>();
  /** blob id → the entry holding that file's record (only while the record exists). */
  readonly byBlob = new Map<string, MemoryEntry>();
  /** request id → the request (`RequestStore`); its response is an ordinary entry with the same id. */
  readonly requests = new Map<string, StoredRequest>();
  /** request receipt hash → request id. */
  readonly requestReceipts = new Map<string, string>();

  /** A file record and its entry, or null when the record is gone. */
  file(blobId: string): { entry: MemoryEntry; file: MemoryFile } | null {
    const entry = this.byBlob.get(blobId);
    const file = entry?.files.get(blobId);
    return entry && file ? { entry, file } : null;
  }

  /** The secret if it exists, is sealed (not staged) and unexpired. */
  liveSecret(id: string, now: number): MemorySecret | null {
    const secret = this.entries.get(id)?.secret;
    return secret && !secret.staged && secret.expiresAt > now ? secret : null;
  }

  /** Deletes the consumable secret and closes its receipt (`viewed`, `burned` or `locked`) at `now`. */
  end(entry: MemoryEntry, state: 'viewed' | 'burned' | 'locked', now: number): void {
    entry.secret = null;
    const receipt = this.receipts.get(entry.receiptHash);
    if (receipt) Object.assign(receipt, { state, endedAt: now, viewsLeft: 0 });
  }

  /** Deletes an expired secret; a still pending receipt becomes `expired`, ended at the expiry. */
  expire(entry: MemoryEntry): void {
    const expiresAt = entry.secret?.expiresAt;
    entry.secret = null;
    const receipt = this.receipts.get(entry.receiptHash);
    if (receipt?.state === 'pending' && expiresAt !== undefined) {
      Object.assign(receipt, { state: 'expired', endedAt: expiresAt, viewsLeft: 0 });
    }
  }

  /** Stores a new secret (`SecretStore.create`): throws a plain `Error`, changing nothing, on a taken id. */
  insert(secret: NewSecret): void {
    const blobIds = new Set(secret.files.map((file) => file.id));
    if (
      this.entries.has(secret.id) ||
      this.receipts.has(secret.receiptHash) ||
      blobIds.size < secret.files.length ||
      [...blobIds].some((blobId) => this.byBlob.has(blobId))
    ) {
      throw new Error('a secret with this id, receipt or blob id already exists');
    }
    // Own copies: the caller's buffers may be reused or mutated after the promise resolves.
    const entry: MemoryEntry = {
      id: secret.id,
      receiptHash: secret.receiptHash,
      secret: {
        verifier: new Uint8Array(secret.verifier),
        linkVerifier: secret.linkVerifier ? new Uint8Array(secret.linkVerifier) : null,
        kdf: secret.kdf ? { ...secret.kdf } : null,
        content: new Uint8Array(secret.content),
        files: copyFiles(secret.files),
        expiresAt:
          secret.files.length > 0
            ? uploadDeadline(0, secret.expiresAt, secret.uploadIdleMs ?? null, secret.createdAt)
            : secret.expiresAt,
        finalExpiresAt: secret.expiresAt,
        uploadIdleMs: secret.uploadIdleMs ?? null,
        maxViews: secret.maxViews,
        viewsLeft: secret.maxViews,
        failedAttempts: 0,
        maxAttempts: secret.maxAttempts,
        staged: secret.files.length > 0,
        restrictions: secret.restrictions ?? null,
        code: null,
        codesIssued: 0,
      },
      files: new Map(),
    };
    secret.files.forEach((file, index) => {
      entry.files.set(file.id, {
        blobId: file.id,
        index,
        length: file.size,
        offset: 0,
        complete: false,
        writer: null,
        grants: new Map(),
      });
      this.byBlob.set(file.id, entry);
    });
    this.entries.set(secret.id, entry);
    this.receipts.set(secret.receiptHash, {
      secretId: secret.id,
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
      downloads: [],
      retentionMs: secret.receiptRetentionMs,
    });
  }

  /** Whether a file's record must still be kept (`fileNeeded`, judged on this entry). */
  needed(entry: MemoryEntry, file: MemoryFile, now: number): boolean {
    return fileNeeded(entry.secret?.expiresAt ?? null, file.grants.values(), now);
  }

  /** Deletes the entry's file records that `doomed` selects (all by default); returns their blob ids. */
  deleteFiles(entry: MemoryEntry, doomed: (file: MemoryFile) => boolean = () => true): string[] {
    const deleted: string[] = [];
    for (const file of entry.files.values()) {
      if (!doomed(file)) continue;
      entry.files.delete(file.blobId);
      this.byBlob.delete(file.blobId);
      deleted.push(file.blobId);
    }
    this.dropIfEmpty(entry);
    return deleted;
  }

  /** Forgets an entry that holds neither a secret nor a file record (its receipt lives on by itself). */
  dropIfEmpty(entry: MemoryEntry): void {
    if (entry.secret === null && entry.files.size === 0) this.entries.delete(entry.id);
  }

  clear(): void {
    this.entries.clear();
    this.receipts.clear();
    this.byBlob.clear();
    this.requests.clear();
    this.requestReceipts.clear();
  }
}

export function copyFiles(files: FileRef[]): FileRef[] {
  return files.map((file) => ({ id: file.id, size: file.size }));
}
