import type { UploadHeaders, UploadPatchHeaders, UploadPatchReplyHeaders } from '@burnlink/wire';
import type { FetchLike } from '../http.js';
import { withTimeout } from './retry.js';

// The tus 1.0.0 requests of an upload (docs/api.md "Files"): HEAD for the offset, PATCH to append, DELETE to
// cancel the unfinished secret. Network errors resolve as `{ status: 0 }` so callers can retry on them.

// Header names of the answers, checked against the contract.
const REPLY_OFFSET: keyof UploadPatchReplyHeaders = 'upload-offset';
const REPLY_READY: keyof UploadPatchReplyHeaders = 'burnlink-secret';

export interface TusAnswer {
  /** HTTP status; 0 when the request failed without an answer (network, timeout, abort). */
  status: number;
  /** `Upload-Offset` of the answer, when present and valid. */
  offset: number | null;
  /** `Burnlink-Secret: ready`: this PATCH completed the last file and the secret exists. */
  ready: boolean;
  /** The parsed JSON error body, if any. */
  body: unknown;
  headers: Headers;
}

export interface TusRequest {
  fetch: FetchLike;
  url: string;
  method: 'HEAD' | 'PATCH' | 'DELETE';
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  offset?: number;
  /** A stream is sent as it comes (chunked); it needs a fetch that streams request bodies. */
  body?: Uint8Array | ReadableStream<Uint8Array>;
}

export async function tusRequest(spec: TusRequest): Promise<TusAnswer> {
  const headers: UploadHeaders | UploadPatchHeaders =
    spec.method === 'PATCH'
      ? {
          'tus-resumable': '1.0.0',
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(spec.offset ?? 0),
        }
      : { 'tus-resumable': '1.0.0' };
  const init: RequestInit = {
    method: spec.method,
    headers,
    signal: withTimeout(spec.timeoutMs, spec.signal),
    redirect: 'error',
  };
  if (spec.body instanceof ReadableStream) Object.assign(init, { body: spec.body, duplex: 'half' });
  else if (spec.body !== undefined) init.body = spec.body as Uint8Array<ArrayBuffer>;
  let response: Response;
  let text = '';
  try {
    response = await spec.fetch(spec.url, init);
    if (spec.method !== 'HEAD') text = await response.text();
  } catch {
    return { status: 0, offset: null, ready: false, body: undefined, headers: new Headers() };
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const raw = response.headers.get(REPLY_OFFSET);
  const offset = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  const ready = response.headers.get(REPLY_READY)?.toLowerCase() === 'ready';
  return { status: response.status, offset, ready, body, headers: response.headers };
}
