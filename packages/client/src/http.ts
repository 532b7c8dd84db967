import { isErrorBody } from './replies.js';
import type { Failure, RestrictionRefusal } from './results.js';

/** The subset of `fetch` the client uses; pass your own for tests, proxies or other runtimes. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A parsed HTTP answer: the status, the JSON body (or undefined) and the headers. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface RequestSpec {
  fetch: FetchLike;
  /** Server origin (plus optional path prefix), without trailing slash. */
  base: string;
  /** API path, starting with `/`. */
  path: string;
  method: HttpMethod;
  json?: unknown;
  /** `Authorization: Bearer …` when the client has an API key and the request goes to its own server. */
  authorization?: string | undefined;
  timeoutMs: number;
  /** The caller's signal (e.g. a cancel button), combined with the timeout. */
  signal?: AbortSignal | undefined;
  /** `Accept-Language`: the language of what the server writes for people (a verification mail). */
  language?: string | undefined;
}

/**
 * Sends one API request. Network failures become a `network` failure naming only the server's origin:
 * the path carries a secret id or receipt, which does not belong in a message.
 */
export async function request(spec: RequestSpec): Promise<HttpAnswer | Failure> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (spec.authorization !== undefined) headers.authorization = spec.authorization;
  if (spec.json !== undefined) headers['content-type'] = 'application/json';
  if (spec.language !== undefined) headers['accept-language'] = spec.language;
  const init: RequestInit = {
    method: spec.method,
    headers,
    signal: spec.signal
      ? AbortSignal.any([spec.signal, AbortSignal.timeout(spec.timeoutMs)])
      : AbortSignal.timeout(spec.timeoutMs),
    redirect: 'error',
  };
  if (spec.json !== undefined) init.body = JSON.stringify(spec.json);
  let response: Response;
  try {
    response = await spec.fetch(`${spec.base}${spec.path}`, init);
  } catch (error) {
    return { ok: false, reason: 'network', message: networkMessage(spec.base, error, spec.timeoutMs) };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, reason: 'network', message: networkMessage(spec.base, error, spec.timeoutMs) };
  }
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, body, headers: response.headers };
}

/** True when `value` is a failure rather than an answer. */
export function isFailure(value: HttpAnswer | Failure): value is Failure {
  return 'ok' in value;
}

function networkMessage(base: string, error: unknown, timeoutMs: number): string {
  const where = safeOrigin(base);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `the server at ${where} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const detail = typeof cause === 'string' ? ` (${cause})` : '';
  return `cannot reach the server at ${where}${detail}`;
}

function safeOrigin(base: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return 'the configured address';
  }
}

/**
 * Maps a non-success answer to a failure. `context` picks the wording and decides what a 404 means.
 * Server messages are passed through: the server never puts a secret into them (docs/errors.md).
 */
export function failureFromAnswer(
  answer: HttpAnswer,
  context: 'secret' | 'receipt' | 'create' | 'key',
): Failure {
  const { status, body, headers } = answer;
  const error = readApiError(body);
  if (status === 404) {
    const message =
      context === 'receipt'
        ? 'unknown receipt: it never existed or its retention period has passed'
        : context === 'key'
          ? 'unknown API key: it never existed, or belongs to another organisation'
          : 'unknown secret: it never existed, has expired, was already viewed or was burned';
    return { ok: false, reason: 'not_found', message };
  }
  // No more codes for this secret: waiting does not help, so it is a refusal rather than a rate limit.
  if (status === 429 && error?.code === 'verification_code_limit') {
    return { ok: false, reason: 'invalid_request', code: error.code, message: error.message };
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(headers.get('retry-after'));
    const wait = retryAfter === null ? 'later' : `in ${retryAfter} s`;
    return { ok: false, reason: 'rate_limited', retryAfter, message: `too many requests: try again ${wait}` };
  }
  if (status === 403 && error?.code === 'wrong_passphrase') {
    const attemptsLeft = error.attemptsLeft ?? 0;
    return {
      ok: false,
      reason: 'wrong_passphrase',
      attemptsLeft,
      message: `wrong passphrase: ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left before the secret burns`,
    };
  }
  if (status === 403 && error?.code === 'secret_locked') {
    return {
      ok: false,
      reason: 'locked',
      message: 'wrong passphrase, and that was the last attempt: the secret has been burned',
    };
  }
  if (status === 403 && error && isRestrictionRefusal(error.code)) {
    return {
      ok: false,
      reason: 'restricted',
      code: error.code,
      opensAt: error.opensAt ?? null,
      message: restrictionMessage(error.code, error.opensAt),
    };
  }
  if (status === 403 && error?.code === 'recipient_verification_required') {
    return {
      ok: false,
      reason: 'verification_required',
      message:
        'this secret opens only for a verified recipient: request a code and give it (nothing was consumed)',
    };
  }
  if (status === 403 && error?.code === 'verification_code_invalid') {
    const attemptsLeft = error.attemptsLeft ?? 0;
    const left =
      attemptsLeft === 0
        ? 'request a new code'
        : `${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left for this code`;
    return {
      ok: false,
      reason: 'verification_code_invalid',
      attemptsLeft,
      message: `the verification code is wrong, used or expired: ${left} (nothing was consumed)`,
    };
  }
  if (status >= 400 && status < 500 && error) {
    return {
      ok: false,
      reason: 'invalid_request',
      code: error.code,
      message: error.message,
      ...(error.rule === undefined ? {} : { rule: error.rule }),
    };
  }
  const detail = error ? `: ${error.message}` : '';
  return { ok: false, reason: 'server', status, message: `the server answered ${status}${detail}` };
}

interface ApiError {
  code: string;
  message: string;
  attemptsLeft?: number;
  opensAt?: string;
  rule?: string;
}

function readApiError(body: unknown): ApiError | null {
  if (!isErrorBody(body)) return null;
  const { code, message, attempts_left, opens_at, rule } = body.error;
  return {
    code,
    message,
    ...(attempts_left === undefined ? {} : { attemptsLeft: attempts_left }),
    ...(opens_at === undefined || Number.isNaN(Date.parse(opens_at)) ? {} : { opensAt: opens_at }),
    ...(rule === undefined ? {} : { rule }),
  };
}

const RESTRICTION_REFUSALS: Record<RestrictionRefusal, true> = {
  outside_office_hours: true,
  network_not_allowed: true,
  country_not_allowed: true,
};

function isRestrictionRefusal(code: string): code is RestrictionRefusal {
  return Object.hasOwn(RESTRICTION_REFUSALS, code);
}

function restrictionMessage(code: RestrictionRefusal, opensAt: string | undefined): string {
  switch (code) {
    case 'outside_office_hours':
      return opensAt === undefined
        ? 'this secret opens only during office hours (nothing was consumed)'
        : `this secret opens only during office hours; it opens next at ${opensAt} (nothing was consumed)`;
    case 'network_not_allowed':
      return 'this secret cannot be opened from your network: the sender allowed other networks only (nothing was consumed)';
    case 'country_not_allowed':
      return 'this secret cannot be opened from where you are: the sender allowed other countries only (nothing was consumed)';
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A `server` failure for an answer that does not have the documented shape. */
export function unexpected(what: string): Failure {
  return { ok: false, reason: 'server', message: `the server sent an unexpected ${what}` };
}
