import { resolve } from 'node:path';

/**
 * Where FsBlobStore keeps what (all under one directory, mode 0700; see fs-blob-store.ts for the protocol):
 *
 *   secrets/<secretId>/secret.json   the staged NewSecret; slimmed (no content, no verifiers) at the first grant
 *   secrets/<secretId>/sealed        O_EXCL marker: the secret was handed to the SecretStore
 *   receipts/<receiptHash>           the secret id behind a receipt (for burn)
 *   blobs/<blobId>/meta.json         immutable: secret id, receipt hash, file index, length, expiries
 *   blobs/<blobId>/data              the bytes (`w.<random>` while a writer holds them)
 *   blobs/<blobId>/grants/<grantHash>.<expiresAt>   one empty file per unused grant
 *   blobs/<blobId>/lastview          marker: the secret's last view was claimed
 *   logs/<receiptHash>/<forgetAt>.<at>.<file>.<random>   one empty file per completed download
 *   tmp/                             records being written, renamed into place when whole
 *   trash/                           what is being deleted: renamed here first (atomic), then removed
 */
export class FsLayout {
  readonly root: string;
  readonly tmp: string;
  readonly trash: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.tmp = `${this.root}/tmp`;
    this.trash = `${this.root}/trash`;
  }

  static readonly DIRS = ['secrets', 'receipts', 'blobs', 'logs', 'tmp', 'trash'];

  get secrets() {
    return `${this.root}/secrets`;
  }
  get blobs() {
    return `${this.root}/blobs`;
  }
  get receipts() {
    return `${this.root}/receipts`;
  }
  get logs() {
    return `${this.root}/logs`;
  }
  secretDir(secretId: string) {
    return `${this.secrets}/${secretId}`;
  }
  secretFile(secretId: string) {
    return `${this.secretDir(secretId)}/secret.json`;
  }
  sealedFile(secretId: string) {
    return `${this.secretDir(secretId)}/sealed`;
  }
  receiptFile(receiptHash: string) {
    return `${this.receipts}/${receiptHash}`;
  }
  blobDir(blobId: string) {
    return `${this.blobs}/${blobId}`;
  }
  metaFile(blobId: string) {
    return `${this.blobDir(blobId)}/meta.json`;
  }
  grantsDir(blobId: string) {
    return `${this.blobDir(blobId)}/grants`;
  }
  lastViewFile(blobId: string) {
    return `${this.blobDir(blobId)}/lastview`;
  }
  logDir(receiptHash: string) {
    return `${this.logs}/${receiptHash}`;
  }
}

/** Ids and hashes become file names: only b64u characters, so no name can climb out of its directory. */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(name);
}
