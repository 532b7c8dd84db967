import type { KdfParams } from '@burnlink/core';
import { checkCode, holdsLink, type StoredCode } from './code-rules.js';
import { uploadDeadline } from './file-rules.js';
import { digestsEqual, presentReceipt } from './receipt-rules.js';
import type {
  BurnOutcome,
  ClaimOutcome,
  FileRef,
  IssueCodeOutcome,
  NewCode,
  NewGrant,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  SecretInfo,
  SweepResult,
} from './secret-store.js';
import type { SqliteFileStatements } from './sqlite-file-statements.js';
import type { SqliteGrants } from './sqlite-grants.js';
import {
  type ReceiptRow,
  type SecretRow,
  type SqliteStatements,
  toStoredReceipt,
} from './sqlite-statements.js';
import { blobIdsOf } from './sqlite-uploads.js';

/** What the secret half of a sweep reports (`SqliteRequests.sweep` reports the rest). */
export type SecretSweep = Omit<SweepResult, 'expiredRequestIds' | 'purgedRequests'>;

interface PeekRow {
  expires_at: number;
  max_views: number;
  views_left: number;
  kdf: string | null;
  size: number;
  files: string;
  restrictions: string | null;
}

/**
 * The secret and receipt half of `SqliteStore`: each method is the body of ONE group-commit operation (or of
 * a read). Text secrets (`files` is '[]') never touch the file tables: create stays two inserts and a claim
 * four statements, the hot path of the service.
 */
export class SqliteSecrets {
  readonly #sql: SqliteStatements;
  readonly #files: SqliteFileStatements;
  readonly #grants: SqliteGrants;
  readonly #sweepBatch: number;

  constructor(sql: SqliteStatements, files: SqliteFileStatements, grants: SqliteGrants, sweepBatch: number) {
    this.#sql = sql;
    this.#files = files;
    this.#grants = grants;
    this.#sweepBatch = sweepBatch;
  }

  /** With files, staged: one record per file at offset 0, kept until the secret's expiry. */
  create(secret: NewSecret): void {
    const staged = secret.files.length > 0;
    const idleMs = secret.uploadIdleMs ?? null;
    this.#sql.insertSecret.run(
      secret.id,
      secret.verifier,
      secret.linkVerifier,
      secret.kdf ? JSON.stringify(secret.kdf) : null,
      secret.content,
      JSON.stringify(secret.files.map((f) => ({ id: f.id, size: f.size }))),
      secret.createdAt,
      staged ? uploadDeadline(0, secret.expiresAt, idleMs, secret.createdAt) : secret.expiresAt,
      secret.maxViews,
      secret.maxViews, // views_left
      secret.maxAttempts,
      secret.receiptHash,
      staged ? 1 : 0,
      secret.expiresAt, // final_expires_at
      idleMs,
      secret.restrictions ?? null,
    );
    this.#sql.insertReceipt.run(
      secret.receiptHash,
      secret.id,
      secret.createdAt,
      secret.expiresAt,
      secret.maxViews,
      secret.maxViews, // views_left
      secret.maxAttempts,
      secret.kdf ? 1 : 0, // has_passphrase
      secret.receiptRetentionMs,
    );
    secret.files.forEach((file, index) => {
      this.#files.insertFile.run(file.id, secret.id, secret.receiptHash, index, file.size, secret.expiresAt);
    });
  }

  peek(id: string, now: number): SecretInfo | null {
    const row = this.#sql.peek.get(id, now) as PeekRow | undefined;
    if (!row) return null;
    return {
      expiresAt: row.expires_at,
      maxViews: row.max_views,
      viewsLeft: row.views_left,
      kdf: parseKdf(row.kdf),
      size: row.size,
      files: JSON.parse(row.files) as FileRef[],
      restrictions: row.restrictions,
    };
  }

  claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): ClaimOutcome {
    const row = this.#sql.findLive.get(id, now) as SecretRow | undefined;
    if (!row) return { status: 'not_found' };
    let codeUsed = false;
    // Unrestricted (the hot path): a null column of the row already read, nothing more.
    if (row.restrictions !== null) {
      if (!presented.gate) return { status: 'restricted', restrictions: row.restrictions };
      if (!holdsLink({ verifier: row.verifier, linkVerifier: row.link_verifier }, presented)) {
        return { status: 'not_found' };
      }
      if (presented.gate.codeHash !== null) {
        const check = checkCode(storedCode(row), presented.gate.codeHash, now);
        if (check.result === 'spent') return { status: 'code_invalid', triesLeft: 0 };
        if (check.result === 'wrong') {
          this.#sql.setCodeTries.run(check.triesLeft, id);
          return { status: 'code_invalid', triesLeft: check.triesLeft };
        }
        codeUsed = true;
      }
    }
    if (row.link_verifier) {
      // Without the link key nobody may even count an attempt (DESIGN §2 promise 2).
      if (!presented.linkVerifier || !digestsEqual(presented.linkVerifier, row.link_verifier)) {
        return { status: 'not_found' };
      }
    }
    const kdf = parseKdf(row.kdf);
    const files = JSON.parse(row.files) as FileRef[];
    if (digestsEqual(presented.verifier, row.verifier)) {
      const { content } = this.#sql.content.get(id) as { content: Buffer };
      const viewsLeft = row.views_left - 1;
      // A grant hash used before makes the insert fail: the whole claim rolls back (its SAVEPOINT).
      if (files.length > 0 && grant) this.#grants.grant(id, grant);
      if (viewsLeft <= 0) {
        this.#sql.deleteSecret.run(id);
        this.#sql.lastView.run({ hash: row.receipt_hash, now });
        // Files no grant can deliver are left to the sweeper: the `ok` outcome carries no blob ids.
        if (files.length > 0) this.#grants.settle(id, now);
      } else {
        this.#sql.setViewsLeft.run(viewsLeft, id);
        this.#sql.addView.run({ hash: row.receipt_hash, now, views_left: viewsLeft });
        // Single use: the next view needs a new code.
        if (codeUsed) this.#sql.clearCode.run(id);
      }
      return {
        status: 'ok',
        content: new Uint8Array(content),
        kdf,
        files,
        viewsLeft: Math.max(0, viewsLeft),
        expiresAt: row.expires_at,
      };
    }
    if (kdf === null) return { status: 'not_found' };
    const failed = row.failed_attempts + 1;
    if (failed >= row.max_attempts) {
      this.#sql.deleteSecret.run(id);
      this.#sql.lock.run({ hash: row.receipt_hash, now, failed });
      return { status: 'locked', blobIds: files.length > 0 ? this.#grants.lock(id, now) : [] };
    }
    this.#sql.setFailed.run(failed, id);
    this.#sql.setReceiptFailed.run(failed, row.receipt_hash);
    return { status: 'wrong_token', attemptsLeft: row.max_attempts - failed };
  }

  /** The secret must be live and restricted; the new code replaces the current one. */
  issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): IssueCodeOutcome {
    const row = this.#sql.codeTarget.get(id, now) as
      | { restricted: number; codes_issued: number; verifier: Uint8Array; link_verifier: Uint8Array | null }
      | undefined;
    if (!row || row.restricted === 0) return 'not_found';
    if (!holdsLink({ verifier: row.verifier, linkVerifier: row.link_verifier }, proof)) return 'not_found';
    if (row.codes_issued >= maxIssued) return 'limit';
    this.#sql.setCode.run(code.hash, code.expiresAt, code.tries, id);
    return 'ok';
  }

  receipt(receiptHash: string, now: number): ReceiptInfo | null {
    const row = this.#sql.receipt.get(receiptHash) as ReceiptRow | undefined;
    return row ? presentReceipt(toStoredReceipt(row), now) : null;
  }

  /**
   * The file records are found by receipt hash, not through the secret row: a burn deletes them whatever
   * became of the secret (consumed with grants outstanding, locked, expired). A pending secret whose expiry
   * passed is not ended here: the sweeper expires it and reports it in `expiredIds`.
   */
  burn(receiptHash: string, now: number): BurnOutcome {
    const row = this.#sql.receipt.get(receiptHash) as ReceiptRow | undefined;
    if (!row || !presentReceipt(toStoredReceipt(row), now)) {
      return { known: false, secretId: null, ended: false, blobIds: [] };
    }
    const blobIds = blobIdsOf(this.#files.deleteFilesOfReceipt.all(receiptHash));
    // The secret's own expiry: while staged it is the upload deadline, earlier than the receipt's.
    const secret = this.#files.secretExpiry.get(row.secret_id) as { expires_at: number } | undefined;
    const ended = row.state === 'pending' && secret !== undefined && secret.expires_at > now;
    if (ended) {
      this.#sql.deleteSecret.run(row.secret_id);
      this.#sql.burnReceipt.run({ hash: receiptHash, now });
    }
    return { known: true, secretId: row.secret_id, ended, blobIds };
  }

  /**
   * One bounded step, in this order: expire up to `sweepBatch` secrets, staged or live (receipts to
   * `expired`, their files kept only for grants that can deliver), then delete up to `sweepBatch` file
   * records past `keep_until` (with their grants), then purge up to `sweepBatch` receipts past retention.
   * The oldest go first, by index, so repeated sweeps drain any backlog. It runs in one transaction, so
   * sweeps of other processes on the same file never report an id twice.
   */
  sweep(now: number): SecretSweep {
    const expired = this.#sql.expiredSecrets.all(now, this.#sweepBatch) as {
      id: string;
      receipt_hash: string;
      expires_at: number;
    }[];
    for (const secret of expired) {
      this.#sql.expireReceipt.run({ hash: secret.receipt_hash, ended: secret.expires_at });
      this.#grants.settle(secret.id, now);
      this.#sql.deleteSecret.run(secret.id);
    }
    const blobIds = blobIdsOf(this.#files.dueFiles.all(now, this.#sweepBatch));
    const purgedReceipts = this.#sql.purgeReceipts.run(now, this.#sweepBatch).changes;
    return {
      expiredIds: expired.map((secret) => secret.id),
      purgedReceipts,
      blobIds,
    };
  }

  knownBlobs(blobIds: string[]): Set<string> {
    return new Set(blobIdsOf(this.#files.knownBlobs.all(JSON.stringify(blobIds))));
  }
}

function storedCode(row: SecretRow): StoredCode | null {
  if (row.code_hash === null || row.code_expires_at === null || row.code_tries === null) return null;
  return { hash: row.code_hash, expiresAt: row.code_expires_at, triesLeft: row.code_tries };
}

function parseKdf(text: string | null): KdfParams | null {
  return text === null ? null : (JSON.parse(text) as KdfParams);
}
