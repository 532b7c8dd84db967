import { uploadDeadline } from './file-rules.js';
import type { NewSecret } from './secret-store.js';

/**
 * The one statement that stores a new secret with its receipt (and, with files, its file records): `create`
 * runs it (text secrets batched, `postgres-batched.ts`), and `respond` runs it inside its transaction.
 */
export function insertSecret(s: NewSecret): [text: string, values: unknown[]] {
  if (s.files.length === 0) return [`${INSERT_SECRET} ${INSERT_RECEIPT}`, createValues(s)];
  const files = [s.files.map((file) => file.id), s.files.map((file) => file.size)];
  return [
    `${INSERT_SECRET}, receipt AS (${INSERT_RECEIPT})
     INSERT INTO burnlink_files (blob_id, secret_id, receipt_hash, file_index, size, keep_until)
     SELECT f.id, $1, $11, f.ord - 1, f.size, $8
     FROM unnest($18::text[], $19::bigint[]) WITH ORDINALITY AS f(id, size, ord)`,
    [...createValues(s), ...files],
  ];
}

/**
 * $1 id … $13 retention, $14 the secret's expires_at (the upload deadline while staged), $15 final_expires_at,
 * $16 upload_idle_ms, $17 restrictions: for `INSERT_SECRET` and `INSERT_RECEIPT`.
 */
function createValues(s: NewSecret): unknown[] {
  const staged = s.files.length > 0;
  const idleMs = s.uploadIdleMs ?? null;
  return [
    s.id,
    Buffer.from(s.verifier),
    s.linkVerifier ? Buffer.from(s.linkVerifier) : null,
    s.kdf ? JSON.stringify(s.kdf) : null,
    Buffer.from(s.content),
    JSON.stringify(s.files.map((file) => ({ id: file.id, size: file.size }))),
    s.createdAt,
    s.expiresAt,
    s.maxViews,
    s.maxAttempts,
    s.receiptHash,
    s.kdf !== null,
    s.receiptRetentionMs,
    staged ? uploadDeadline(0, s.expiresAt, idleMs, s.createdAt) : s.expiresAt,
    staged ? s.expiresAt : null,
    staged ? idleMs : null,
    s.restrictions ?? null,
  ];
}

// See `createValues`. The receipt names its secret (for `BurnOutcome.secretId`).
const INSERT_SECRET = `WITH secret AS (
  INSERT INTO burnlink_secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at,
    max_views, views_left, max_attempts, receipt_hash, staged, final_expires_at, upload_idle_ms, restrictions)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $14, $9, $9, $10, $11, $6::jsonb <> '[]'::jsonb, $15, $16, $17))`;
const INSERT_RECEIPT = `INSERT INTO burnlink_receipts (receipt_hash, secret_id, state, created_at, expires_at,
  max_views, views_left, max_attempts, has_passphrase, retention_ms, forget_at)
  VALUES ($11, $1, 'pending', $7, $8, $9, $9, $10, $12, $13, $8::bigint + $13::bigint)`;
