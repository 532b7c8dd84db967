import type { KdfParams } from '@burnlink/core';
import type { FileRef, NewSecret } from '../stores/secret-store.js';
import { logForgetAt } from './blob-rules.js';

/** `blobs/<blobId>/meta.json`: immutable, written once at stage. */
export interface BlobMeta {
  secretId: string;
  receiptHash: string;
  /** Index of the file in the secret (payload order). */
  index: number;
  length: number;
  /** The secret's expiry. */
  expiresAt: number;
  /** When the download log is forgotten. */
  forgetAt: number;
}

/**
 * `secrets/<secretId>/secret.json`: the staged NewSecret, bytes as b64u. At the first grant (the SecretStore
 * holds the secret by then) it is replaced by a slim record without content and verifiers.
 */
export interface SecretRecord {
  id: string;
  files: FileRef[];
  expiresAt: number;
  receiptHash: string;
  receiptRetentionMs: number;
  full: {
    verifier: string;
    linkVerifier: string | null;
    kdf: KdfParams | null;
    content: string;
    createdAt: number;
    maxViews: number;
    maxAttempts: number;
  } | null;
}

const b64u = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

export function encodeSecret(s: NewSecret): SecretRecord {
  return {
    id: s.id,
    files: s.files.map((file) => ({ id: file.id, size: file.size })),
    expiresAt: s.expiresAt,
    receiptHash: s.receiptHash,
    receiptRetentionMs: s.receiptRetentionMs,
    full: {
      verifier: b64u(s.verifier),
      linkVerifier: s.linkVerifier ? b64u(s.linkVerifier) : null,
      kdf: s.kdf,
      content: b64u(s.content),
      createdAt: s.createdAt,
      maxViews: s.maxViews,
      maxAttempts: s.maxAttempts,
    },
  };
}

/** The NewSecret of a full record; null once slimmed. */
export function decodeSecret(r: SecretRecord): NewSecret | null {
  if (!r.full) return null;
  return {
    id: r.id,
    verifier: bytes(r.full.verifier),
    linkVerifier: r.full.linkVerifier === null ? null : bytes(r.full.linkVerifier),
    kdf: r.full.kdf,
    content: bytes(r.full.content),
    files: r.files.map((file) => ({ id: file.id, size: file.size })),
    createdAt: r.full.createdAt,
    expiresAt: r.expiresAt,
    maxViews: r.full.maxViews,
    maxAttempts: r.full.maxAttempts,
    receiptHash: r.receiptHash,
    receiptRetentionMs: r.receiptRetentionMs,
  };
}

export function blobMeta(s: NewSecret, index: number): BlobMeta {
  return {
    secretId: s.id,
    receiptHash: s.receiptHash,
    index,
    length: s.files[index]!.size,
    expiresAt: s.expiresAt,
    forgetAt: logForgetAt(s),
  };
}

/** `grants/<grantHash>.<expiresAt>`: the name is the whole record (created with O_EXCL, never rewritten). */
export const grantName = (grantHash: string, expiresAt: number) => `${grantHash}.${expiresAt}`;

export function parseGrantName(name: string): { hash: string; expiresAt: number } | null {
  const dot = name.lastIndexOf('.');
  const expiresAt = Number(name.slice(dot + 1));
  if (dot <= 0 || !Number.isSafeInteger(expiresAt)) return null;
  return { hash: name.slice(0, dot), expiresAt };
}

/** `logs/<receiptHash>/<forgetAt>.<at>.<file>.<random>`: one empty file per completed download. */
export const logName = (forgetAt: number, at: number, file: number, random: string) =>
  `${forgetAt}.${at}.${file}.${random}`;

export function parseLogName(name: string): { forgetAt: number; at: number; file: number } | null {
  const [forgetAt, at, file] = name.split('.').map(Number);
  if (!Number.isSafeInteger(forgetAt) || !Number.isSafeInteger(at) || !Number.isSafeInteger(file))
    return null;
  return { forgetAt: forgetAt!, at: at!, file: file! };
}
