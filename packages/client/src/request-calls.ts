import { encryptedSize, fromBase64Url, isValidId, type SecretLink, toBase64Url } from '@burnlink/core';
import {
  deriveInboxAccess,
  deriveRespondAccess,
  formatInboxLink,
  formatRequestLink,
  formatRequestReceiptLink,
  linkKind,
  openRequestDescription,
  openResponseKey,
  parseInboxLink,
  parseRequestLink,
  parseRequestReceiptLink,
  sealRequest,
  sealResponse,
} from '@burnlink/core/requests';
import type { CreateRequestBody, InboxBody, RespondBody } from '@burnlink/wire';
import { normalizeBaseUrl } from './base-url.js';
import { failureFromAnswer, type HttpAnswer, type HttpMethod, isFailure, unexpected } from './http.js';
import { receiptTarget } from './link-targets.js';
import { isErrorBody } from './replies.js';
import {
  decodeInbox,
  decodeRequestReceipt,
  isRequestCreated,
  isRequestPublic,
  isRequestResponded,
} from './request-replies.js';
import type {
  CreatedRequest,
  InboxStatus,
  OpenedRequest,
  RequestReceipt,
  Responded,
} from './request-results.js';
import type { Burned, Failure, SecretInfo } from './results.js';
import { invalid, payloadFor, type SendContext, type SendOptions, uploadCreated } from './send-secret.js';

// "Request a secret" (docs/api.md and docs/encryption.md "Requests"). Loaded on first use by BurnlinkClient:
// it brings HPKE (`@burnlink/core/requests`), which a bundle that never handles requests leaves out.

/** What the request calls need from the client: where to send, and one API request to any server. */
export interface RequestContext {
  baseUrl: string;
  fetch: SendContext['fetch'];
  timeoutMs: number;
  call(
    base: string,
    path: string,
    method: HttpMethod,
    json?: unknown,
    signal?: AbortSignal,
  ): Promise<HttpAnswer | Failure>;
}

/** Options of `createRequest`; lifetimes in seconds, omitted ones take the server's defaults. */
export interface CreateRequestOptions {
  description: string;
  ttl?: number;
  responseTtl?: number;
  team?: string;
}

/** What a response holds: text, files or both, and an optional passphrase (never sent). */
export interface RespondInput {
  text?: string;
  files?: SendOptions['files'];
  passphrase?: string;
}

/** Transfer options of `respond`, as for `send`'s files. */
export type RespondOptions = Pick<
  SendOptions,
  'onProgress' | 'signal' | 'chunkBytes' | 'streamBodies' | 'retry'
>;

function badLink(error: unknown, shape: string): Failure {
  // LinkError messages say what is wrong without echoing the key.
  const message =
    error instanceof Error && error.name === 'LinkError' ? error.message : `not a link: ${shape}`;
  return { ok: false, reason: 'bad_link', message };
}

function keyedTarget(link: string, parse: (link: string) => SecretLink, shape: string): SecretLink | Failure {
  try {
    const parsed = parse(link);
    const origin = normalizeBaseUrl(parsed.origin);
    if (origin === null) throw new Error('bad origin');
    return { ...parsed, origin };
  } catch (error) {
    return badLink(error, shape);
  }
}

/**
 * A request route's non-success answer. Here, not in http.ts: the first load of a bundle that never handles
 * requests carries none of it.
 */
function requestFailure(answer: HttpAnswer): Failure {
  if (answer.status === 404) {
    return {
      ok: false,
      reason: 'request_not_found',
      message: 'unknown request: it was answered, burned or has expired, or never existed',
    };
  }
  if (answer.status === 409 && isErrorBody(answer.body) && answer.body.error.code === 'request_answered') {
    return {
      ok: false,
      reason: 'request_answered',
      message: 'this request has already been answered: it takes one response only',
    };
  }
  return failureFromAnswer(answer, 'create');
}

const requestTarget = (link: string) => keyedTarget(link, parseRequestLink, 'expected {origin}/q/{id}#{key}');
const inboxTarget = (link: string) => keyedTarget(link, parseInboxLink, 'expected {origin}/i/{id}#{key}');

export async function createRequest(
  ctx: RequestContext,
  options: CreateRequestOptions,
): Promise<CreatedRequest | Failure> {
  if (typeof options.description !== 'string' || options.description.trim() === '') {
    return invalid('invalid_description', 'describe what you need: the description is empty');
  }
  const sealed = await sealRequest(options.description);
  const json: CreateRequestBody = {
    public_key: sealed.publicKey,
    description: sealed.description,
    respond_verifier: sealed.respondVerifier,
    inbox_verifier: sealed.inboxVerifier,
  };
  if (options.ttl !== undefined) json.ttl = options.ttl;
  if (options.responseTtl !== undefined) json.response_ttl = options.responseTtl;
  if (options.team !== undefined) json.team = options.team;
  const answer = await ctx.call(ctx.baseUrl, '/api/v1/requests', 'POST', json);
  if (isFailure(answer)) return answer;
  if (answer.status !== 201 && answer.status !== 200) return failureFromAnswer(answer, 'create');
  const created = answer.body;
  if (!isRequestCreated(created) || !isValidId(created.id) || !isValidId(created.receipt)) {
    return unexpected('answer to the request');
  }
  return {
    ok: true,
    id: created.id,
    requestLink: formatRequestLink(ctx.baseUrl, created.id, sealed.requestKey),
    inboxLink: formatInboxLink(ctx.baseUrl, created.id, sealed.inboxKey),
    receipt: created.receipt,
    receiptLink: formatRequestReceiptLink(ctx.baseUrl, created.receipt),
    expiresAt: created.expires_at,
  };
}

/** GET the public part of a waiting request and decrypt its description with the request key. */
async function publicPart(
  ctx: RequestContext,
  target: SecretLink,
): Promise<(OpenedRequest & { publicKey: Uint8Array }) | Failure> {
  const answer = await ctx.call(target.origin, `/api/v1/requests/${target.id}`, 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status === 404) return whyGone(ctx, target);
  if (answer.status !== 200) return requestFailure(answer);
  const body = answer.body;
  if (!isRequestPublic(body)) return unexpected('request');
  let publicKey: Uint8Array;
  let description: string;
  try {
    publicKey = fromBase64Url(body.public_key);
    if (publicKey.length !== 32) throw new Error('public key length');
    description = await openRequestDescription(fromBase64Url(body.description), target.key);
  } catch {
    return {
      ok: false,
      reason: 'decrypt_failed',
      message: 'the request could not be decrypted with this link: it is damaged or was tampered with',
    };
  }
  return {
    ok: true,
    id: target.id,
    description,
    expiresAt: body.expires_at,
    responseTtl: body.response_ttl,
    publicKey,
  };
}

export async function openRequest(
  ctx: RequestContext,
  requestLink: string,
): Promise<OpenedRequest | Failure> {
  const target = requestTarget(requestLink);
  if ('ok' in target) return target;
  const opened = await publicPart(ctx, target);
  if (!opened.ok) return opened;
  const { publicKey: _, ...request } = opened;
  return request;
}

export async function respond(
  ctx: RequestContext,
  requestLink: string,
  input: RespondInput,
  options: RespondOptions = {},
): Promise<Responded | Failure> {
  const target = requestTarget(requestLink);
  if ('ok' in target) return target;
  const send: SendOptions = { ...input, ...options };
  const payload = payloadFor(send);
  if ('ok' in payload) return payload;
  const opened = await publicPart(ctx, target);
  if (!opened.ok) return opened;
  const files = input.files ?? [];
  let sealed: Awaited<ReturnType<typeof sealResponse>>;
  let sizes: number[];
  try {
    sealed = await sealResponse(
      target.id,
      opened.publicKey,
      payload,
      input.passphrase === undefined ? {} : { passphrase: input.passphrase },
    );
    sizes = files.map((file) => encryptedSize(file.size));
  } catch (error) {
    return invalid('invalid_payload', error instanceof Error ? error.message : 'invalid response');
  }
  const { respondToken } = await deriveRespondAccess(target.key);
  const json: RespondBody = {
    token: respondToken,
    sealed_key: sealed.sealedKey,
    verifier: sealed.verifier,
    kdf: sealed.kdf,
    content: toBase64Url(sealed.content),
  };
  if (sealed.linkVerifier !== null) json.link_verifier = sealed.linkVerifier;
  if (files.length > 0) json.files = sizes.map((size) => ({ size }));
  const answer = await ctx.call(
    target.origin,
    `/api/v1/requests/${target.id}/respond`,
    'POST',
    json,
    options.signal,
  );
  if (options.signal?.aborted) return { ok: false, reason: 'cancelled', message: 'responding was cancelled' };
  if (isFailure(answer)) return answer;
  if (answer.status !== 201 && answer.status !== 200) return requestFailure(answer);
  const responded = answer.body;
  if (!isRequestResponded(responded)) return unexpected('answer to the response');
  const uploadContext: SendContext = {
    baseUrl: target.origin,
    fetch: ctx.fetch,
    timeoutMs: ctx.timeoutMs,
    request: (path, method, body, signal) => ctx.call(target.origin, path, method, body, signal),
  };
  const uploaded = await uploadCreated(
    uploadContext,
    send,
    sealed.contentKey,
    sizes,
    responded.uploads,
    target.id,
  );
  if (!uploaded.ok) return uploaded;
  return { ok: true, expiresAt: responded.expires_at };
}

/**
 * The public part is gone: answered, burned, expired or unknown. Only the respond token can tell "answered"
 * apart (409 instead of 404), so it is proven once more with a response nobody can open. It cannot be taken:
 * a request never returns to waiting, so the server refuses it either way.
 */
async function whyGone(ctx: RequestContext, target: SecretLink): Promise<Failure> {
  const { respondToken } = await deriveRespondAccess(target.key);
  const filler = (bytes: number) => toBase64Url(new Uint8Array(bytes));
  const probe: RespondBody = {
    token: respondToken,
    sealed_key: filler(80),
    verifier: filler(32),
    kdf: null,
    content: filler(40),
  };
  const answer = await ctx.call(target.origin, `/api/v1/requests/${target.id}/respond`, 'POST', probe);
  if (!isFailure(answer) && answer.status === 409) return requestFailure(answer);
  return requestFailure({ status: 404, body: undefined, headers: new Headers() });
}

async function inboxAnswer(ctx: RequestContext, target: SecretLink) {
  const { inboxToken } = await deriveInboxAccess(target.key);
  const json: InboxBody = { inbox_token: inboxToken };
  const answer = await ctx.call(target.origin, `/api/v1/requests/${target.id}/inbox`, 'POST', json);
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return requestFailure(answer);
  return decodeInbox(target.id, answer.body) ?? unexpected('inbox');
}

export async function inbox(ctx: RequestContext, inboxLink: string): Promise<InboxStatus | Failure> {
  const target = inboxTarget(inboxLink);
  if ('ok' in target) return target;
  const box = await inboxAnswer(ctx, target);
  if ('ok' in box) return box;
  const { response } = box;
  return {
    ...box.receipt,
    response:
      response === null
        ? null
        : { passphrase: response.passphrase, size: response.size, files: response.files },
  };
}

/**
 * The response of an answered request, ready to be claimed as a secret link would be: its server, id, the
 * response key K opened from the sealed key, and its peek. Not answered: a failure saying so.
 */
export async function openInbox(
  ctx: RequestContext,
  inboxLink: string,
): Promise<{ ok: true; origin: string; id: string; key: Uint8Array; info: SecretInfo } | Failure> {
  const target = inboxTarget(inboxLink);
  if ('ok' in target) return target;
  const box = await inboxAnswer(ctx, target);
  if ('ok' in box) return box;
  if (box.receipt.state === 'waiting') {
    return invalid('request_waiting', 'no response yet: the request is still waiting for one');
  }
  if (box.receipt.state !== 'answered' || box.sealedKey === null || box.response === null) {
    return {
      ok: false,
      reason: 'not_found',
      message: 'the response is gone: it was already read, or the request was burned or has expired',
    };
  }
  try {
    const key = await openResponseKey(target.key, target.id, fromBase64Url(box.sealedKey));
    return { ok: true, origin: target.origin, id: target.id, key, info: box.response };
  } catch {
    return {
      ok: false,
      reason: 'decrypt_failed',
      message: 'the response could not be opened with this inbox link: it is damaged or was tampered with',
    };
  }
}

export async function burnRequest(
  ctx: RequestContext,
  inboxLinkOrReceipt: string,
): Promise<Burned | Failure> {
  let answer: HttpAnswer | Failure;
  if (linkKind(inboxLinkOrReceipt) === 'inbox') {
    const target = inboxTarget(inboxLinkOrReceipt);
    if ('ok' in target) return target;
    const { inboxToken } = await deriveInboxAccess(target.key);
    const json: InboxBody = { inbox_token: inboxToken };
    answer = await ctx.call(target.origin, `/api/v1/requests/${target.id}/burn`, 'POST', json);
  } else {
    const target = requestReceiptTarget(inboxLinkOrReceipt, ctx.baseUrl);
    if ('ok' in target) return target;
    answer = await ctx.call(target.base, `/api/v1/request-receipts/${target.receipt}/burn`, 'POST');
  }
  if (isFailure(answer)) return answer;
  if (answer.status !== 204 && answer.status !== 200) return requestFailure(answer);
  return { ok: true };
}

export async function requestReceipt(
  ctx: RequestContext,
  receiptLinkOrToken: string,
): Promise<RequestReceipt | Failure> {
  const target = requestReceiptTarget(receiptLinkOrToken, ctx.baseUrl);
  if ('ok' in target) return target;
  const answer = await ctx.call(target.base, `/api/v1/request-receipts/${target.receipt}`, 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return requestFailure(answer);
  return decodeRequestReceipt(answer.body) ?? unexpected('request receipt');
}

const requestReceiptTarget = (input: string, base: string) =>
  receiptTarget(input, base, parseRequestReceiptLink, '{origin}/rq/{receipt}');
