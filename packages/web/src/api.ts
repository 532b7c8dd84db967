import type { KdfParams } from '@burnlink/core';
import type { FileLimits } from './files/file-limits.js';

/**
 * The few calls of HTTP API v1 (docs/api.md) the web app makes, with failures turned into a small discriminated
 * union the pages can put into plain words. Same origin only; nothing secret is ever put into a URL.
 */

export interface ServerConfig {
  ttl: { min: number; max: number; default: number; choices: number[] };
  max_views: { max: number; default: number };
  max_attempts: number;
  max_content_bytes: number;
  kdf_iterations: number;
  /** Absent on a server without files (and until the config loaded). */
  files?: FileLimits;
}

export interface CreateRequest {
  ttl: number;
  max_views: number;
  verifier: string;
  link_verifier?: string;
  kdf: KdfParams | null;
  content: string;
}

export interface Created {
  id: string;
  receipt: string;
  expires_at: string;
}

export interface PeekInfo {
  expires_at: string;
  max_views: number;
  views_left: number;
  kdf: KdfParams | null;
  size: number;
  files: number;
}

export interface Claimed {
  content: string;
  views_left: number;
}

export interface ReceiptDownload {
  /** Index of the file in the secret's list (names are encrypted; the server knows only positions). */
  file: number;
  at: string;
}

export type ReceiptState = 'pending' | 'viewed' | 'burned' | 'expired' | 'locked';

export interface Receipt {
  state: ReceiptState;
  created_at: string;
  expires_at: string;
  max_views: number;
  views_left: number;
  viewed_at: string[];
  failed_attempts: number;
  max_attempts: number;
  passphrase: boolean;
  ended_at: string | null;
  /** Completed file downloads. */
  downloads?: ReceiptDownload[];
}

export type ApiError =
  | { kind: 'network' }
  | { kind: 'rate-limited' }
  | { kind: 'too-large' }
  | { kind: 'unavailable' }
  | { kind: 'server' }
  | { kind: 'not-found' }
  | { kind: 'wrong-passphrase'; attemptsLeft: number }
  | { kind: 'locked' }
  | { kind: 'rejected'; code: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, error: { kind: 'network' } };
  }
  if (response.ok) {
    const value = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    return { ok: true, value: value as T };
  }
  const payload = (await response.json().catch(() => null)) as {
    error?: { code?: string; attempts_left?: number };
    attempts_left?: number;
  } | null;
  const code = payload?.error?.code ?? `http_${response.status}`;
  return {
    ok: false,
    error: toError(response.status, code, payload?.error?.attempts_left ?? payload?.attempts_left),
  };
}

function toError(status: number, code: string, attemptsLeft: number | undefined): ApiError {
  if (code === 'wrong_passphrase') return { kind: 'wrong-passphrase', attemptsLeft: attemptsLeft ?? 0 };
  if (code === 'secret_locked') return { kind: 'locked' };
  if (status === 404) return { kind: 'not-found' };
  if (status === 413) return { kind: 'too-large' };
  if (status === 429) return { kind: 'rate-limited' };
  if (status === 502 || status === 503 || status === 504) return { kind: 'unavailable' };
  if (status >= 500) return { kind: 'server' };
  return { kind: 'rejected', code };
}

const seg = encodeURIComponent;

export const api = {
  config: () => call<ServerConfig>('GET', '/api/v1/config'),
  create: (body: CreateRequest) => call<Created>('POST', '/api/v1/secrets', body),
  peek: (id: string) => call<PeekInfo>('GET', `/api/v1/secrets/${seg(id)}`),
  claim: (id: string, token: string, linkToken: string | null) =>
    call<Claimed>(
      'POST',
      `/api/v1/secrets/${seg(id)}/claim`,
      linkToken ? { token, link_token: linkToken } : { token },
    ),
  receipt: (receipt: string) => call<Receipt>('GET', `/api/v1/receipts/${seg(receipt)}`),
  burn: (receipt: string) => call<void>('POST', `/api/v1/receipts/${seg(receipt)}/burn`),
};
