import { validateKdfParams } from '@burnlink/core';
import type {
  ClaimedFile,
  ClaimReply,
  ConfigReply,
  CreatedUpload,
  CreateReply,
  ErrorBody,
  OfficeHours,
  OrgPolicy,
  PeekReply,
  PeekRequires,
  ReceiptDownload,
  ReceiptReply,
  ReceiptState,
  SecretContext,
  VerificationReply as WireVerificationReply,
} from '@burnlink/wire';
import {
  arrayOf,
  boolean,
  type Check,
  count,
  nullable,
  oneOf,
  optional,
  shape,
  string,
} from './json-shape.js';
import type { ReceiptStatus, SecretInfo, ServerLimits, VerificationReply } from './results.js';

// The API's JSON replies (types from @burnlink/wire, snake_case), checked at run time and turned into the
// SDK's results (camelCase). A reply that does not have the contract's shape is a `server` failure, not a crash.

const kdf: Check = nullable((value) => {
  try {
    validateKdfParams(value);
    return true;
  } catch {
    return false;
  }
});

const context = shape<SecretContext>({
  label: optional(string),
  username: optional(string),
  url: optional(string),
  environment: optional(string),
  note: optional(string),
});

export const isErrorBody = shape<ErrorBody>({
  error: shape<ErrorBody['error']>({
    code: string,
    message: string,
    attempts_left: optional(count),
    opens_at: optional(string),
    rule: optional(string),
  }),
});

const createdUpload = shape<CreatedUpload>({ id: string, url: string, size: count });

export const isCreateReply = shape<CreateReply>({
  id: string,
  receipt: string,
  expires_at: string,
  link: optional(string),
  receipt_link: optional(string),
  link_origin: optional(string),
  uploads: optional(arrayOf(createdUpload)),
});

const isTrue: Check = (value) => value === true;

const isPeekRequires = shape<PeekRequires>({
  verification: optional(shape<NonNullable<PeekRequires['verification']>>({ recipients: arrayOf(string) })),
  network: optional(isTrue),
  office_hours: optional(isTrue),
  country: optional(isTrue),
});

const isPeekReply = shape<PeekReply>({
  expires_at: string,
  max_views: count,
  views_left: count,
  kdf,
  size: count,
  files: count,
  requires: optional(isPeekRequires),
});

const isVerificationReply = shape<WireVerificationReply>({
  sent_to: string,
  expires_at: string,
  tries: count,
});

const WEEKDAYS: Record<OfficeHours['days'][number], true> = {
  mon: true,
  tue: true,
  wed: true,
  thu: true,
  fri: true,
  sat: true,
  sun: true,
};

const isOfficeHours = shape<OfficeHours>({
  days: arrayOf(oneOf(WEEKDAYS)),
  start: string,
  end: string,
  time_zone: string,
});

const ENFORCE: Record<'default' | 'required', true> = { default: true, required: true };
const REQUEST_RULES: Record<OrgPolicy['requests'], true> = { everyone: true, members: true, nobody: true };
const positive: Check = (value) => count(value) && (value as number) >= 1;
const stringList = arrayOf(string);

const isOrgPolicy = shape<OrgPolicy>({
  members_only: boolean,
  max_ttl: nullable(positive),
  max_views: nullable(positive),
  passphrase_required: boolean,
  passphrase_min_length: nullable(positive),
  verification_required: boolean,
  recipient_domains: stringList,
  networks: nullable(
    shape<NonNullable<OrgPolicy['networks']>>({ cidrs: stringList, enforce: oneOf(ENFORCE) }),
  ),
  countries: nullable(
    shape<NonNullable<OrgPolicy['countries']>>({ allow: stringList, enforce: oneOf(ENFORCE) }),
  ),
  office_hours: nullable(
    shape<NonNullable<OrgPolicy['office_hours']>>({ hours: isOfficeHours, enforce: oneOf(ENFORCE) }),
  ),
  server_encryption: boolean,
  key_claim: boolean,
  // Optional: a server from before requests sends no such rule.
  requests: optional(oneOf(REQUEST_RULES)),
});

const claimedFile = shape<ClaimedFile>({ id: string, size: count, url: string });

/** A claim reply as the token claim answers it: with `content`, and a grant whenever there are files. */
export type TokenClaimReply = ClaimReply & { content: string };

const isClaimReply = shape<ClaimReply>({
  content: optional(string),
  files: optional(arrayOf(claimedFile)),
  grant: optional(string),
  grant_expires_at: optional(string),
  text: optional(string),
  context: optional(context),
  views_left: count,
});

export function isTokenClaimReply(body: unknown): body is TokenClaimReply {
  if (!isClaimReply(body) || body.content === undefined) return false;
  const files = body.files ?? [];
  return files.length === 0 || (body.grant !== undefined && body.grant_expires_at !== undefined);
}

const RECEIPT_STATES: Record<ReceiptState, true> = {
  pending: true,
  viewed: true,
  burned: true,
  expired: true,
  locked: true,
};

const isReceiptReply = shape<ReceiptReply>({
  state: oneOf(RECEIPT_STATES),
  created_at: string,
  expires_at: string,
  max_views: count,
  views_left: count,
  viewed_at: arrayOf(string),
  failed_attempts: count,
  max_attempts: count,
  passphrase: boolean,
  ended_at: nullable(string),
  downloads: arrayOf(shape<ReceiptDownload>({ file: count, at: string })),
});

const isConfigReply = shape<ConfigReply>({
  ttl: shape<ConfigReply['ttl']>({ min: count, max: count, default: count, choices: arrayOf(count) }),
  max_views: shape<ConfigReply['max_views']>({ max: count, default: count }),
  max_attempts: count,
  max_content_bytes: count,
  kdf_iterations: count,
  server_encryption: boolean,
  key_claim: boolean,
  files: shape<ConfigReply['files']>({ max_files: count, max_file_bytes: count, max_secret_bytes: count }),
  auth: optional(
    shape<NonNullable<ConfigReply['auth']>>({
      anonymous_create: boolean,
      oidc: nullable(shape<{ name: string }>({ name: string })),
      passkeys: boolean,
    }),
  ),
  uploads: optional(
    shape<NonNullable<ConfigReply['uploads']>>({
      stale_after_seconds: count,
      budget: nullable(
        shape<{ bytes: number; window_seconds: number }>({ bytes: count, window_seconds: count }),
      ),
    }),
  ),
  restrictions: optional(
    shape<NonNullable<ConfigReply['restrictions']>>({ verification: boolean, countries: boolean }),
  ),
  policy: optional(nullable(isOrgPolicy)),
});

export function decodePeek(id: string, body: unknown): SecretInfo | null {
  if (!isPeekReply(body)) return null;
  return {
    ok: true,
    id,
    expiresAt: body.expires_at,
    maxViews: body.max_views,
    viewsLeft: body.views_left,
    passphrase: body.kdf !== null,
    kdf: body.kdf,
    size: body.size,
    files: body.files,
    requires: {
      verification: body.requires?.verification
        ? { recipients: body.requires.verification.recipients }
        : null,
      network: body.requires?.network === true,
      officeHours: body.requires?.office_hours === true,
      country: body.requires?.country === true,
    },
  };
}

export function decodeVerification(body: unknown): VerificationReply | null {
  if (!isVerificationReply(body)) return null;
  return {
    ok: true,
    sentTo: body.sent_to,
    expiresAt: body.expires_at,
    tries: body.tries,
  };
}

export function decodeReceipt(body: unknown): ReceiptStatus | null {
  if (!isReceiptReply(body)) return null;
  return {
    ok: true,
    state: body.state,
    createdAt: body.created_at,
    expiresAt: body.expires_at,
    maxViews: body.max_views,
    viewsLeft: body.views_left,
    viewedAt: body.viewed_at,
    failedAttempts: body.failed_attempts,
    maxAttempts: body.max_attempts,
    passphrase: body.passphrase,
    endedAt: body.ended_at,
    downloads: body.downloads,
  };
}

export function decodeConfig(body: unknown): ServerLimits | null {
  if (!isConfigReply(body)) return null;
  return {
    ok: true,
    ttl: body.ttl,
    maxViews: body.max_views,
    maxAttempts: body.max_attempts,
    maxContentBytes: body.max_content_bytes,
    kdfIterations: body.kdf_iterations,
    serverEncryption: body.server_encryption,
    keyClaim: body.key_claim,
    files: {
      maxFiles: body.files.max_files,
      maxFileBytes: body.files.max_file_bytes,
      maxSecretBytes: body.files.max_secret_bytes,
    },
    auth: body.auth
      ? { anonymousCreate: body.auth.anonymous_create, oidc: body.auth.oidc, passkeys: body.auth.passkeys }
      : null,
    restrictions: body.restrictions
      ? { verification: body.restrictions.verification, countries: body.restrictions.countries }
      : null,
    policy: body.policy ?? null,
  };
}
