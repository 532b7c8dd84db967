import type Database from 'better-sqlite3';
import { type BatchResult, GroupCommit } from './group-commit.js';
import type { NewRequest } from './request-store.js';
import type { Lease, NewCode, NewGrant, NewSecret, PresentedProof, SweepResult } from './secret-store.js';
import { type SqliteBodies, sqliteBodies } from './sqlite-connection.js';

/**
 * Every state-changing method of `SqliteStore` as a named operation over the bodies: what crosses to the
 * writer thread is `[name, args]`, never a function. Each entry is ONE group-commit operation.
 */
const OPERATIONS = {
  create: (b: SqliteBodies, secret: NewSecret) => b.secrets.create(secret),
  claim: (b: SqliteBodies, id: string, presented: PresentedProof, now: number, grant?: NewGrant) =>
    b.secrets.claim(id, presented, now, grant),
  issueCode: (
    b: SqliteBodies,
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ) => b.secrets.issueCode(id, code, now, maxIssued, proof),
  burn: (b: SqliteBodies, receiptHash: string, now: number) => b.secrets.burn(receiptHash, now),
  sweep: (b: SqliteBodies, now: number): SweepResult => ({
    ...b.secrets.sweep(now),
    ...b.requests.sweep(now),
  }),
  createRequest: (b: SqliteBodies, request: NewRequest) => b.requests.createRequest(request),
  respond: (
    b: SqliteBodies,
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ) => b.requests.respond(id, respondVerifier, sealedKey, secret, now),
  burnRequest: (b: SqliteBodies, id: string, now: number) => b.requests.burnRequest(id, now),
  startUpload: (b: SqliteBodies, blobId: string, offset: number, lease: Lease, now: number) =>
    b.uploads.startUpload(blobId, offset, lease, now),
  finishUpload: (b: SqliteBodies, blobId: string, leaseId: string, offset: number, now: number) =>
    b.uploads.finishUpload(blobId, leaseId, offset, now),
  cancelUpload: (b: SqliteBodies, blobId: string, now: number) => b.uploads.cancelUpload(blobId, now),
  startDownload: (b: SqliteBodies, blobId: string, grantHash: string, lease: Lease, now: number) =>
    b.grants.startDownload(blobId, grantHash, lease, now),
  finishDownload: (
    b: SqliteBodies,
    blobId: string,
    grantHash: string,
    leaseId: string,
    delivered: boolean,
    now: number,
  ) => b.grants.finishDownload(blobId, grantHash, leaseId, delivered, now),
  extendLease: (b: SqliteBodies, blobId: string, grantHash: string | null, leaseId: string, until: number) =>
    grantHash === null
      ? b.uploads.extendLease(blobId, leaseId, until)
      : b.grants.extendLease(blobId, grantHash, leaseId, until),
} as const;

type Operations = typeof OPERATIONS;
export type WriteName = keyof Operations;
export type WriteArgs<K extends WriteName> =
  Parameters<Operations[K]> extends [SqliteBodies, ...infer A] ? A : never;
export type WriteResult<K extends WriteName> = ReturnType<Operations[K]>;
/** One queued write as it travels: the operation's name and its arguments (structured-clone friendly). */
export type WriteOp = readonly [name: WriteName, args: readonly unknown[]];

/**
 * The writer: the one connection that writes, its operation bodies and its `GroupCommit`. It runs in the
 * writer thread (`sqlite-writer-worker.ts`), or on the main thread for `:memory:` (which no second
 * connection can share). `commit` is synchronous and returns once the batch is durable.
 */
export class SqliteWriter {
  readonly #bodies: SqliteBodies;
  readonly #group: GroupCommit;

  constructor(db: Database.Database, sweepBatch: number) {
    this.#bodies = sqliteBodies(db, sweepBatch);
    this.#group = new GroupCommit(db);
  }

  commit(ops: readonly WriteOp[]): BatchResult {
    return this.#group.commit(
      ops.map(([name, args]) => {
        const body = OPERATIONS[name] as (b: SqliteBodies, ...rest: readonly unknown[]) => unknown;
        return () => body(this.#bodies, ...args);
      }),
    );
  }
}
