import { type KdfParams, validateKdfParams } from '@burnlink/core';
import type { ReceiptState, ReceiptStatus, SecretInfo, ServerLimits } from './results.js';

// Decoders for the API's JSON answers (snake_case on the wire, camelCase in the SDK). Each returns null when
// the body does not have the documented shape, so a misbehaving server becomes a `server` failure, not a crash.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';

export function decodeCreated(body: unknown): { id: string; receipt: string; expiresAt: string } | null {
  if (!isObject(body)) return null;
  const { id, receipt, expires_at } = body;
  if (!isString(id) || !isString(receipt) || !isString(expires_at)) return null;
  return { id, receipt, expiresAt: expires_at };
}

export function decodeKdf(value: unknown): KdfParams | null | undefined {
  if (value === null || value === undefined) return null;
  try {
    return validateKdfParams(value);
  } catch {
    return undefined;
  }
}

export function decodePeek(id: string, body: unknown): SecretInfo | null {
  if (!isObject(body)) return null;
  const { expires_at, max_views, views_left, size, files } = body;
  const kdf = decodeKdf(body.kdf);
  if (kdf === undefined || !isString(expires_at) || !isInt(views_left) || !isInt(size)) return null;
  return {
    ok: true,
    id,
    expiresAt: expires_at,
    maxViews: isInt(max_views) ? max_views : views_left,
    viewsLeft: views_left,
    passphrase: kdf !== null,
    kdf,
    size,
    files: isInt(files) ? files : Array.isArray(files) ? files.length : 0,
  };
}

/** A file of a claim reply: where to download it and its ciphertext length. */
export interface ClaimedFile {
  id: string;
  size: number;
  url: string;
}

export interface Claimed {
  content: string;
  viewsLeft: number;
  files: ClaimedFile[];
  grant: string | null;
  grantExpiresAt: string | null;
}

export function decodeClaim(body: unknown): Claimed | null {
  if (!isObject(body)) return null;
  const { content, views_left, grant, grant_expires_at } = body;
  if (!isString(content) || !isInt(views_left)) return null;
  const files = body.files === undefined ? [] : body.files;
  if (!Array.isArray(files)) return null;
  const decoded: ClaimedFile[] = [];
  for (const file of files) {
    if (!isObject(file) || !isString(file.id) || !isInt(file.size)) return null;
    decoded.push({ id: file.id, size: file.size, url: isString(file.url) ? file.url : '' });
  }
  if (decoded.length > 0 && (!isString(grant) || !isString(grant_expires_at))) return null;
  return {
    content,
    viewsLeft: views_left,
    files: decoded,
    grant: isString(grant) ? grant : null,
    grantExpiresAt: isString(grant_expires_at) ? grant_expires_at : null,
  };
}

/** One upload of a create reply (a secret with files). */
export interface CreatedUpload {
  id: string;
  url: string;
  size: number;
}

export function decodeUploads(body: unknown): CreatedUpload[] | null {
  if (!isObject(body) || !Array.isArray(body.uploads)) return null;
  const uploads: CreatedUpload[] = [];
  for (const upload of body.uploads) {
    if (!isObject(upload) || !isString(upload.id) || !isInt(upload.size)) return null;
    uploads.push({ id: upload.id, url: isString(upload.url) ? upload.url : '', size: upload.size });
  }
  return uploads;
}

function decodeFileLimits(value: unknown): ServerLimits['files'] {
  if (!isObject(value)) return { maxFiles: 0, maxFileBytes: 0, maxSecretBytes: 0 };
  return {
    maxFiles: isInt(value.max_files) ? value.max_files : 0,
    maxFileBytes: isInt(value.max_file_bytes) ? value.max_file_bytes : 0,
    maxSecretBytes: isInt(value.max_secret_bytes) ? value.max_secret_bytes : 0,
  };
}

const RECEIPT_STATES: readonly ReceiptState[] = ['pending', 'viewed', 'burned', 'expired', 'locked'];

export function decodeReceipt(body: unknown): ReceiptStatus | null {
  if (!isObject(body)) return null;
  const b = body;
  const state = b.state as ReceiptState;
  if (!RECEIPT_STATES.includes(state)) return null;
  if (!isString(b.created_at) || !isString(b.expires_at)) return null;
  const viewedAt = Array.isArray(b.viewed_at) ? b.viewed_at.filter(isString) : [];
  return {
    ok: true,
    state,
    createdAt: b.created_at,
    expiresAt: b.expires_at,
    maxViews: isInt(b.max_views) ? b.max_views : 1,
    viewsLeft: isInt(b.views_left) ? b.views_left : 0,
    viewedAt,
    failedAttempts: isInt(b.failed_attempts) ? b.failed_attempts : 0,
    maxAttempts: isInt(b.max_attempts) ? b.max_attempts : 0,
    passphrase: b.passphrase === true,
    endedAt: isString(b.ended_at) ? b.ended_at : null,
  };
}

export function decodeConfig(body: unknown): ServerLimits | null {
  if (!isObject(body) || !isObject(body.ttl) || !isObject(body.max_views)) return null;
  const { ttl, max_views } = body;
  if (!isInt(ttl.min) || !isInt(ttl.max) || !isInt(ttl.default)) return null;
  if (!isInt(max_views.max) || !isInt(max_views.default)) return null;
  return {
    ok: true,
    ttl: {
      min: ttl.min,
      max: ttl.max,
      default: ttl.default,
      choices: Array.isArray(ttl.choices) ? ttl.choices.filter(isInt) : [],
    },
    maxViews: { max: max_views.max, default: max_views.default },
    maxAttempts: isInt(body.max_attempts) ? body.max_attempts : 0,
    maxContentBytes: isInt(body.max_content_bytes) ? body.max_content_bytes : 0,
    kdfIterations: isInt(body.kdf_iterations) ? body.kdf_iterations : 0,
    serverEncryption: body.server_encryption === true,
    keyClaim: body.key_claim === true,
    files: decodeFileLimits(body.files),
  };
}
