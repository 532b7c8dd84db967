import type { Failure } from '@burnlink/client';

/**
 * The exit codes of `burnlink`, documented in docs/cli.md. Scripts rely on them: never renumber.
 *
 * @example
 * ```ts
 * if (code === EXIT.NOT_FOUND) console.error('already used');
 * ```
 */
export const EXIT = Object.freeze({
  OK: 0,
  /** A bug or an unforeseen condition. */
  UNEXPECTED: 1,
  /** Bad usage or input: unknown option, bad --ttl, malformed link, empty secret, too large. */
  USAGE: 2,
  /** Unknown secret: never existed, expired, already viewed or burned (or unknown receipt). */
  NOT_FOUND: 3,
  /** Wrong passphrase; the secret is still there, with fewer attempts left. */
  WRONG_PASSPHRASE: 4,
  /** Wrong passphrase too many times: the secret has been burned. */
  LOCKED: 5,
  /** The server could not be reached or did not answer in time. */
  NETWORK: 6,
  /** The server failed or answered something unexpected (including content that does not decrypt). */
  SERVER: 7,
  /** The server rate-limited this client; try again later. */
  RATE_LIMITED: 8,
  /** The secret needs a passphrase and none could be obtained (no terminal, no BURNLINK_PASSPHRASE, no file). */
  PASSPHRASE_REQUIRED: 9,
  /** `get --output`: a file could not be written (disk full, permissions); the secret was consumed. */
  WRITE_FAILED: 10,
  /**
   * No API key where one is needed (`list`, `burn` by id), or the server refused it (401: unknown, revoked or
   * expired; `invalid_api_key`, `unauthenticated`, `sign_in_required`).
   */
  NOT_AUTHENTICATED: 11,
  /** The key lacks a scope, or its role does not reach that secret (403: `insufficient_scope`, `forbidden`). */
  FORBIDDEN: 12,
  /**
   * The secret's restrictions refused this claim: outside office hours (the message says when it opens),
   * network or country not allowed. Nothing was consumed.
   */
  RESTRICTED: 13,
  /**
   * The secret opens only for a verified recipient and no code could be obtained (no terminal and no
   * --recipient/--verification-code, or the secret's codes are used up), or the code was wrong, used or
   * expired. Nothing was consumed.
   */
  VERIFICATION: 14,
  /** `get INBOX_LINK`: the request has no response yet (try again later); nothing was consumed. */
  WAITING: 15,
  /** Cancelled with Ctrl-C (at a prompt, or during a file transfer: an unfinished upload is deleted). */
  CANCELLED: 130,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_REASON: Record<Failure['reason'], ExitCode> = {
  not_found: EXIT.NOT_FOUND,
  wrong_passphrase: EXIT.WRONG_PASSPHRASE,
  locked: EXIT.LOCKED,
  passphrase_required: EXIT.PASSPHRASE_REQUIRED,
  rate_limited: EXIT.RATE_LIMITED,
  invalid_request: EXIT.USAGE,
  bad_link: EXIT.USAGE,
  decrypt_failed: EXIT.SERVER,
  network: EXIT.NETWORK,
  server: EXIT.SERVER,
  cancelled: EXIT.CANCELLED,
  restricted: EXIT.RESTRICTED,
  verification_required: EXIT.VERIFICATION,
  verification_code_invalid: EXIT.VERIFICATION,
  // A request answered, burned or expired is as used up as a secret that was viewed.
  request_not_found: EXIT.NOT_FOUND,
  request_answered: EXIT.NOT_FOUND,
};

/**
 * The exit code for a client failure.
 *
 * @example
 * ```ts
 * if (!result.ok) return exitFor(result);
 * ```
 */
export function exitFor(failure: Failure): ExitCode {
  if (failure.reason === 'invalid_request') {
    if (AUTHENTICATION_CODES.has(failure.code)) return EXIT.NOT_AUTHENTICATED;
    if (AUTHORISATION_CODES.has(failure.code)) return EXIT.FORBIDDEN;
    // No more codes for this secret: a verification problem, not a usage error.
    if (failure.code === 'verification_code_limit') return EXIT.VERIFICATION;
    if (failure.code === 'request_waiting') return EXIT.WAITING;
  }
  return BY_REASON[failure.reason];
}

/** The API's 401 codes (docs/errors.md). */
export const AUTHENTICATION_CODES: ReadonlySet<string> = new Set([
  'unauthenticated',
  'invalid_api_key',
  'sign_in_required',
]);
/** The API's 403 codes about identity (docs/errors.md); `wrong_passphrase` and `secret_locked` are not. */
export const AUTHORISATION_CODES: ReadonlySet<string> = new Set([
  'insufficient_scope',
  'forbidden',
  'csrf_failed',
]);
