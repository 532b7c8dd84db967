import {
  encryptedSize,
  formatReceiptLink,
  formatSecretLink,
  isValidId,
  type SecretContext,
  type SecretPayload,
  sealSecret,
  toBase64Url,
} from '@burnlink/core';
import type { CreateBody, CreatedUpload } from '@burnlink/wire';
import type { FileSource } from './files/file-source.js';
import { DEFAULT_RETRY, type RetryPolicy } from './files/retry.js';
import type { BodyStreamer } from './files/streamed-body.js';
import type { ProgressListener } from './files/transfer-progress.js';
import { tusRequest } from './files/tus.js';
import { uploadFile } from './files/upload.js';
import { type FetchLike, failureFromAnswer, type HttpAnswer, isFailure, unexpected } from './http.js';
import { isCreateReply } from './replies.js';
import type { Failure, Restrictions, SentSecret } from './results.js';

/**
 * What to send. `ttl` in seconds; omitted values take the server's defaults. Give `text`, `files` or both.
 */
export interface SendOptions {
  /** The secret text; optional when `files` are given (then it is `''`). */
  text?: string;
  context?: SecretContext;
  ttl?: number;
  maxViews?: number;
  /** Protects the secret with a passphrase (PBKDF2, then mixed into the key). Never sent to the server. */
  passphrase?: string;
  /** PBKDF2 iterations for the passphrase; defaults to core's `KDF_DEFAULT_ITERATIONS` (600 000). */
  iterations?: number;
  /** Signed in (a session or a key): the id of one of the creator's teams, recorded as the secret's team. */
  team?: string;
  /**
   * Signed in (a session or a key): mail the creator when the secret is viewed, burned or expires, if the
   * server has SMTP (docs/api.md "Notify on view"). Anonymous: the create fails with `notify_needs_owner`.
   */
  notify?: boolean;
  /**
   * Who, where and when the secret may be opened (docs/policies.md): recipient addresses that must confirm
   * a mailed code, networks, office hours, countries. Sent as they are; the server checks them before a claim
   * consumes anything. Recipients need SMTP on the server and countries a GeoIP database
   * (`config().restrictions`); else the create fails with `restriction_unavailable`.
   */
  restrictions?: Restrictions;
  /** Files to attach, each encrypted as its own stream and uploaded with tus (docs/api.md "Files"). */
  files?: FileSource[];
  /** Upload progress, in ciphertext bytes. */
  onProgress?: ProgressListener;
  /** Cancels the send; an unfinished upload is deleted on the server, and the result is `cancelled`. */
  signal?: AbortSignal;
  /**
   * Bytes per PATCH request (each is one in-memory body unless `streamBodies`; two such buffers take turns,
   * the next body read and encrypted while one is sent); default 8 MiB.
   */
  chunkBytes?: number;
  /**
   * `streamedBodies` (from `@burnlink/client/files`) sends each PATCH body as a stream, encrypted while it
   * goes out, instead of a buffer filled first: no chunk-sized buffer and no pause between encrypting and
   * sending, so `chunkBytes` can be large. Needs a `fetch` that streams request bodies over HTTP/1.1 (Node's
   * does; browsers do not). Passed in rather than switched on so that bundles without it leave its code out.
   * Default: buffered bodies.
   */
  streamBodies?: BodyStreamer;
  /** Retries after a dropped connection or a 5xx during an upload; default 5 tries, 500 ms doubling. */
  retry?: RetryPolicy;
}

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

/** What {@link sendSecret} needs from the client. */
export interface SendContext {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  request(
    path: string,
    method: 'GET' | 'POST',
    json?: unknown,
    signal?: AbortSignal,
  ): Promise<HttpAnswer | Failure>;
}

const CANCELLED: Failure = { ok: false, reason: 'cancelled', message: 'sending was cancelled' };

/** Seals the payload, creates the secret, uploads its files; see `BurnlinkClient.send`. */
export async function sendSecret(ctx: SendContext, options: SendOptions): Promise<SentSecret | Failure> {
  const files = options.files ?? [];
  const payload = payloadFor(options);
  if ('ok' in payload) return payload;
  let sealed: Awaited<ReturnType<typeof sealSecret>>;
  let sizes: number[];
  try {
    sealed = await sealSecret(payload, {
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    });
    sizes = files.map((file) => encryptedSize(file.size));
  } catch (error) {
    return invalid('invalid_payload', error instanceof Error ? error.message : 'invalid secret');
  }
  const json: CreateBody = {
    verifier: sealed.verifier,
    kdf: sealed.kdf,
    content: toBase64Url(sealed.content),
  };
  if (options.ttl !== undefined) json.ttl = options.ttl;
  if (options.maxViews !== undefined) json.max_views = options.maxViews;
  if (sealed.linkVerifier !== null) json.link_verifier = sealed.linkVerifier;
  if (options.team !== undefined) json.team = options.team;
  if (options.notify === true) json.notify = true;
  if (options.restrictions !== undefined) json.restrictions = options.restrictions;
  if (files.length > 0) json.files = sizes.map((size) => ({ size }));
  const answer = await ctx.request('/api/v1/secrets', 'POST', json, options.signal);
  if (options.signal?.aborted) return CANCELLED;
  if (isFailure(answer)) return answer;
  if (answer.status !== 201 && answer.status !== 200) return failureFromAnswer(answer, 'create');
  const created = answer.body;
  if (!isCreateReply(created) || !isValidId(created.id) || !isValidId(created.receipt)) {
    return unexpected('answer to create');
  }

  const uploaded = await uploadCreated(ctx, options, sealed.contentKey, sizes, created.uploads, created.id);
  if (!uploaded.ok) return uploaded;
  const origin = linkOrigin(ctx.baseUrl, created.link_origin);
  return {
    ok: true,
    id: created.id,
    receipt: created.receipt,
    link: formatSecretLink(origin, created.id, sealed.linkKey),
    receiptLink: formatReceiptLink(origin, created.receipt),
    expiresAt: created.expires_at,
  };
}

/**
 * Where the links go: the create reply's `link_origin` (the creator's organisation's custom domain) when the
 * server names one, else the client's base URL. The key rides in the link, so only a plain https origin (or
 * an http one when the base URL is http too, as on a laptop) is followed; anything else keeps the base URL.
 *
 * @example linkOrigin('https://burnlink.example', 'https://secrets.acme.example'); // 'https://secrets.acme.example'
 */
export function linkOrigin(baseUrl: string, named: string | undefined): string {
  if (named === undefined) return baseUrl;
  try {
    const url = new URL(named);
    const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && baseUrl.startsWith('http:'));
    return allowed && url.origin === named ? named : baseUrl;
  } catch {
    return baseUrl;
  }
}

/**
 * Checks what to send and builds stream 0's payload (the files' metadata included); a failure names what is
 * wrong. Shared by `send` and `respond`.
 */
export function payloadFor(
  options: Pick<SendOptions, 'text' | 'context' | 'files' | 'passphrase' | 'chunkBytes'>,
): SecretPayload | Failure {
  const files = options.files ?? [];
  if (options.passphrase === '') return invalid('empty_passphrase', 'the passphrase is empty');
  if (options.text === undefined && files.length === 0) {
    return invalid('invalid_payload', 'give a text, files, or both');
  }
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) {
    return invalid('invalid_chunk_size', 'chunkBytes must be a positive whole number of bytes');
  }
  const payload: SecretPayload = { v: 1, text: options.text ?? '' };
  // Only the fields that carry something: `{ label: undefined }` or `''` means "no label".
  const context = Object.fromEntries(
    Object.entries(options.context ?? {}).filter(([, value]) => value !== undefined && value !== ''),
  ) as SecretContext;
  if (Object.keys(context).length > 0) payload.context = context;
  if (files.length > 0) payload.files = files.map(({ name, type, size }) => ({ name, type, size }));
  return payload;
}

/**
 * Uploads the files of a just-created secret through the tus uploads the server answered (a secret's create,
 * or a request's response). Fails when the uploads do not match the files; after a failed upload the
 * unfinished secret is deleted (best effort), so it never shows half its files.
 */
export async function uploadCreated(
  ctx: SendContext,
  options: SendOptions,
  contentKey: Uint8Array,
  sizes: number[],
  uploads: CreatedUpload[] | undefined,
  id: string,
): Promise<{ ok: true } | Failure> {
  const files = options.files ?? [];
  if (files.length === 0) return { ok: true };
  const given = uploads ?? [];
  if (given.length !== files.length || given.some((u, i) => u.size !== sizes[i])) {
    return unexpected('answer to create (uploads)');
  }
  const urls = given.map((upload) => uploadUrl(ctx.baseUrl, upload));
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const uploaded = await uploadAll(ctx, options, contentKey, files, sizes, urls, id, chunkBytes);
  if (!uploaded.ok) {
    // Best effort: remove the unfinished secret and its partial blobs now rather than at expiry.
    await tusRequest({ fetch: ctx.fetch, url: urls[0]!, method: 'DELETE', timeoutMs: 5000 });
  }
  return uploaded;
}

async function uploadAll(
  ctx: SendContext,
  options: SendOptions,
  contentKey: Uint8Array,
  files: FileSource[],
  sizes: number[],
  urls: string[],
  id: string,
  chunkBytes: number,
): Promise<{ ok: true } | Failure> {
  const allTotal = sizes.reduce((a, b) => a + b, 0);
  const largest = Math.max(...sizes);
  const bodyBytes = Math.min(chunkBytes, largest);
  const buffers: [Uint8Array, Uint8Array] | BodyStreamer = options.streamBodies ?? [
    new Uint8Array(bodyBytes),
    new Uint8Array(bodyBytes),
  ];
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  let before = 0;
  for (const [index, source] of files.entries()) {
    const total = sizes[index]!;
    const progress = (bytes: number) =>
      options.onProgress?.({ file: index, bytes, total, allBytes: before + bytes, allTotal });
    progress(0);
    const result = await uploadFile({
      fetch: ctx.fetch,
      contentKey,
      url: urls[index]!,
      source,
      index,
      size: total,
      last: index === files.length - 1,
      chunkBytes,
      buffers,
      timeoutMs: ctx.timeoutMs,
      retry,
      signal: options.signal,
      onOffset: progress,
      secretExists: async () => {
        const peek = await ctx.request(`/api/v1/secrets/${id}`, 'GET');
        return !isFailure(peek) && peek.status === 200;
      },
    });
    if (!result.ok) return result;
    before += total;
  }
  return { ok: true };
}

/** The upload's URL on this server: the server's path when it is one of ours, else built from the id. */
function uploadUrl(base: string, upload: CreatedUpload): string {
  if (upload.url.startsWith('/api/v1/uploads/')) return `${base}${upload.url}`;
  return `${base}/api/v1/uploads/${encodeURIComponent(upload.id)}`;
}

export function invalid(code: string, message: string): Failure {
  return { ok: false, reason: 'invalid_request', code, message };
}
