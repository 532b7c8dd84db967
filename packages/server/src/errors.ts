import type { ErrorBody as WireErrorBody } from '@burnlink/wire';

/**
 * The error catalogue: every error the API answers, with its HTTP status and default message. `docs/errors.md`
 * lists the same codes (a test keeps the two in sync). Messages never contain a key, token, receipt,
 * passphrase, id or plaintext.
 */
export const ERROR_CATALOGUE = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_ttl: { status: 400, message: 'ttl is outside the allowed range.' },
  invalid_views: { status: 400, message: 'max_views is outside the allowed range.' },
  invalid_verifier: {
    status: 400,
    message:
      'verifier and link_verifier must be 32 bytes in base64url; link_verifier is sent exactly with kdf.',
  },
  invalid_kdf: { status: 400, message: 'kdf is not valid.' },
  invalid_content: { status: 400, message: 'content must be non-empty base64url without padding.' },
  invalid_token: { status: 400, message: 'token and link_token must be 32 bytes in base64url.' },
  invalid_key: { status: 400, message: 'key must be the 43 characters after # in the link.' },
  passphrase_required: {
    status: 400,
    message: 'This secret is protected by a passphrase; send it as passphrase.',
  },
  server_encryption_disabled: {
    status: 403,
    message: 'Server-side encryption is disabled on this server; encrypt on the client and send content.',
  },
  key_claim_disabled: {
    status: 403,
    message: 'Claiming with the link key is disabled on this server; derive the token on the client.',
  },
  wrong_passphrase: { status: 403, message: 'Wrong passphrase.' },
  secret_locked: {
    status: 403,
    message: 'Too many wrong passphrases: the secret has been destroyed.',
  },
  recipient_verification_required: {
    status: 403,
    message:
      'This secret opens only for a verified recipient: ask for a code (POST …/verification) and send it as verification_code.',
  },
  verification_code_invalid: {
    status: 403,
    message:
      'The verification code is wrong, used or expired; attempts_left says how many tries this code has left.',
  },
  outside_office_hours: {
    status: 403,
    message: 'This secret opens only during office hours; opens_at says when it opens next.',
  },
  network_not_allowed: {
    status: 403,
    message: 'This secret cannot be opened from your network; the sender allowed other networks only.',
  },
  country_not_allowed: {
    status: 403,
    message: 'This secret cannot be opened from where you are; the sender allowed other countries only.',
  },
  verification_not_required: {
    status: 409,
    message: 'This secret does not ask for recipient verification.',
  },
  verification_code_limit: {
    status: 429,
    message: 'No more verification codes can be sent for this secret.',
  },
  invalid_restrictions: {
    status: 400,
    message: 'restrictions are not valid.',
  },
  restriction_unavailable: {
    status: 400,
    message:
      'This server cannot enforce that restriction (no mail server or no GeoIP database is configured).',
  },
  policy_violation: {
    status: 422,
    message: "The secret breaks your organisation's policy; rule names the rule.",
  },
  mail_unavailable: {
    status: 503,
    message: 'The verification code could not be sent: the mail server did not accept it. Retry later.',
  },
  secret_not_found: {
    status: 404,
    message: 'This secret does not exist: it was already viewed, burned, or it expired.',
  },
  file_not_found: {
    status: 404,
    message: 'No such file for this grant: unknown, or the grant is missing, wrong, used up or expired.',
  },
  upload_not_found: {
    status: 404,
    message: 'No such upload: unknown, cancelled, cut for size, or its secret expired.',
  },
  receipt_not_found: { status: 404, message: 'This receipt does not exist or is past its retention period.' },
  request_not_found: {
    status: 404,
    message: 'This request was answered, burned or has expired, or never existed.',
  },
  request_answered: {
    status: 409,
    message: 'This request has been answered already: it takes one response only.',
  },
  invalid_sealed_key: {
    status: 400,
    message: 'sealed_key must be 80 bytes in base64url: the HPKE enc (32) and the sealed response key (48).',
  },
  route_not_found: { status: 404, message: 'There is no such route.' },
  upload_offset_mismatch: {
    status: 409,
    message: 'Upload-Offset is not where the upload stands; ask with HEAD and continue from there.',
  },
  upload_finished: {
    status: 409,
    message: 'This upload is complete and its secret exists; burn the secret with its receipt instead.',
  },
  files_need_client: {
    status: 409,
    message: 'This secret has files: open the link in the browser or with `burnlink get`; nothing was used.',
  },
  kdf_too_costly: {
    status: 409,
    message:
      "This secret's passphrase needs more key derivation than this server does for a client; derive the key on the client (the browser or `burnlink get`); nothing was used.",
  },
  download_in_progress: {
    status: 409,
    message:
      'Another download with this grant is under way for this file; wait for it, or resume it with Range once it ends.',
  },
  request_timeout: {
    status: 408,
    message: 'The request took too long to arrive; the connection is closed. Send it again.',
  },
  tus_version_unsupported: {
    status: 412,
    message: 'Send Tus-Resumable: 1.0.0 (the tus version this server speaks).',
  },
  content_too_large: { status: 413, message: 'The secret is larger than this server accepts.' },
  payload_too_large: { status: 413, message: 'The request body is larger than this server accepts.' },
  too_many_files: { status: 413, message: 'The secret has more files than this server accepts.' },
  file_too_large: { status: 413, message: 'A file is larger than this server accepts.' },
  secret_too_large: {
    status: 413,
    message: 'The files together are larger than this server accepts per secret.',
  },
  upload_too_large: {
    status: 413,
    message: 'The upload went past its declared size: it was cut, and the unfinished secret removed.',
  },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  content_unreadable: {
    status: 422,
    message: 'The secret was claimed, but its content could not be decrypted with this key.',
  },
  range_not_satisfiable: {
    status: 416,
    message: 'The Range is not satisfiable; use bytes=start- or bytes=start-end within the file.',
  },
  headers_too_large: { status: 431, message: 'The request headers are larger than this server accepts.' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  unauthenticated: { status: 401, message: 'Sign in or send an API key (Authorization: Bearer bl_…).' },
  invalid_api_key: { status: 401, message: 'The API key is unknown, revoked or expired.' },
  sign_in_required: {
    status: 401,
    message: 'This server requires signing in (or an API key) to create a secret.',
  },
  notify_needs_owner: {
    status: 400,
    message:
      'notify needs signing in or an API key: the notice goes to the creator of an owned secret; leave it out otherwise.',
  },
  sign_in_failed: { status: 401, message: 'Signing in did not succeed; try again.' },
  invalid_signature: {
    status: 401,
    message: 'The Slack request signature is missing, wrong, or more than 5 minutes old.',
  },
  invalid_command_token: {
    status: 401,
    message: 'The slash command token is missing or not one this server accepts.',
  },
  insufficient_scope: { status: 403, message: 'The API key or role lacks the scope this needs.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  csrf_failed: {
    status: 403,
    message: 'A signed-in change needs the X-CSRF-Token header and a same-origin Origin.',
  },
  key_not_found: { status: 404, message: 'No such API key in this organisation.' },
  member_not_found: { status: 404, message: 'No such member in this organisation.' },
  team_not_found: { status: 404, message: 'No such team in this organisation.' },
  invite_not_found: { status: 404, message: 'This invite does not exist, was already used, or expired.' },
  passkey_not_found: { status: 404, message: 'No such passkey.' },
  session_not_found: { status: 404, message: 'No such session.' },
  webhook_not_found: { status: 404, message: 'No such webhook endpoint in this organisation.' },
  webhook_target_refused: {
    status: 400,
    message: 'Webhooks may not target private, loopback or link-local addresses.',
  },
  too_many_webhooks: {
    status: 409,
    message: 'This organisation has as many webhook endpoints as it may have; delete one first.',
  },
  already_exists: { status: 409, message: 'That already exists.' },
  invalid_domain: {
    status: 400,
    message:
      "The domain must be a host name of at least two labels (such as secrets.example.com), at most 253 characters; not an IP address, not this instance's own host.",
  },
  domain_not_found: { status: 404, message: 'No such domain in this organisation.' },
  domain_taken: {
    status: 409,
    message: 'This organisation already has that domain, or another organisation has verified it.',
  },
  too_many_domains: {
    status: 409,
    message: 'This organisation has as many domains as it may have; delete one first.',
  },
  invalid_logo: {
    status: 400,
    message: 'The logo must be an SVG or PNG image (base64) of at most 64 KiB.',
  },
  misdirected_request: {
    status: 421,
    message: 'This server does not answer for that host name (BURNLINK_ALLOWED_HOSTS).',
  },
  invalid_host: {
    status: 400,
    message: 'The Host header must be a host name or address, with an optional port.',
  },
  last_owner: {
    status: 409,
    message: 'An organisation keeps at least one owner; make someone else owner first.',
  },
  last_passkey: {
    status: 409,
    message:
      'This is your only passkey and you have no identity provider to sign in with; add another passkey first.',
  },
  internal_error: { status: 500, message: 'Something went wrong on the server.' },
  insufficient_storage: {
    status: 507,
    message:
      'The server has no room for this upload right now; nothing of this request was kept. Retry later.',
  },
  store_unavailable: {
    status: 503,
    message: 'A store (secrets, accounts or blobs) is unavailable; retry later.',
  },
  storage_low: {
    status: 503,
    message:
      'The blob volume is below its free-space watermark: this node takes no new file uploads until space is freed.',
  },
  server_busy: {
    status: 503,
    message:
      'The server is busy deriving keys for other requests; nothing was used. Retry after Retry-After seconds.',
  },
  shutting_down: { status: 503, message: 'The server is shutting down; retry in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The body of every error response: the wire's `ErrorBody`, with a code from this catalogue. */
export interface ErrorBody extends WireErrorBody {
  error: WireErrorBody['error'] & { code: ErrorCode };
}

/**
 * An error the API answers as such: thrown by routes and hooks, rendered by the one error handler.
 *
 * @example throw new ApiError('invalid_ttl', 'ttl must be from 60 to 2592000 seconds');
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    readonly extra: { attempts_left?: number; opens_at?: string; rule?: string } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.statusCode = ERROR_CATALOGUE[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}
