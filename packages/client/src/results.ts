import type { KdfParams, SecretPayload } from '@burnlink/core';
import type {
  CountryRule as WireCountryRule,
  OfficeHours as WireOfficeHours,
  OrgPolicy as WireOrgPolicy,
  ReceiptDownload as WireReceiptDownload,
  ReceiptState as WireReceiptState,
  Restrictions as WireRestrictions,
} from '@burnlink/wire';
import type { RevealedFile } from './files/download.js';

/**
 * Why a call did not succeed. Every method of the client answers with a discriminated result instead of
 * throwing, so a UI (the CLI, the web app) can switch on `reason` and never parse messages.
 *
 * - `not_found`: unknown, expired, already viewed or burned (secrets), or unknown receipt — deliberately one answer.
 * - `wrong_passphrase`: the passphrase was wrong; `attemptsLeft` tries remain before the secret burns.
 * - `locked`: that wrong passphrase was the last allowed try; the secret is burned.
 * - `passphrase_required`: the secret has a passphrase and none was given (nothing was consumed).
 * - `rate_limited`: the server asks to slow down; `retryAfter` in seconds when it said so.
 * - `invalid_request`: the server (or the client, before sending) refused the input; `code` says which rule
 *   (the server's codes are listed in docs/errors.md; treat one you do not know as a refusal).
 * - `bad_link`: the link or id is malformed (nothing was sent).
 * - `decrypt_failed`: the server answered content that does not decrypt with this link (damaged or tampered).
 * - `network`: the server could not be reached or did not answer in time.
 * - `server`: the server failed (5xx) or answered something that does not follow the API; `status` is the
 *   HTTP status when the answer was not a success (e.g. 503: retry later), absent for a malformed success.
 * - `cancelled`: a file transfer was stopped: its `signal` aborted (an unfinished upload is deleted, and
 *   with it the secret), or the download's sink refused the bytes.
 * - `restricted`: the secret's restrictions refused this claim or code request (nothing was consumed): `code`
 *   says which — `outside_office_hours` (then `opensAt`, ISO 8601, is the next opening, or null when the
 *   server did not say), `network_not_allowed` or `country_not_allowed`.
 * - `verification_required`: the secret opens only for a verified recipient and no `verificationCode` was
 *   given: ask for one with `requestVerificationCode` (nothing was consumed).
 * - `verification_code_invalid`: the code is wrong, used or expired; `attemptsLeft` tries remain for that
 *   code (0: request a new one). Nothing else was consumed.
 * - `request_not_found`: a request (or its receipt) that was answered, burned or has expired, or never existed;
 *   also a respond token or inbox token the server does not know — deliberately one answer.
 * - `request_answered`: the request already has its one response (`respond` with the right link).
 *
 * A `policy_violation` (the organisation's policy refused a create) is an `invalid_request` with `rule`: the
 * name of the policy field broken (`max_ttl`, `passphrase_required`, …).
 *
 * `message` is a sentence for humans. It never contains a key, token, receipt, passphrase or plaintext.
 *
 * @example
 * ```ts
 * const result = await client.reveal(link);
 * if (!result.ok && result.reason === 'wrong_passphrase') console.error(`${result.attemptsLeft} tries left`);
 * ```
 */
export type Failure =
  | { ok: false; reason: 'wrong_passphrase'; attemptsLeft: number; message: string }
  | { ok: false; reason: 'rate_limited'; retryAfter: number | null; message: string }
  | { ok: false; reason: 'invalid_request'; code: string; message: string; rule?: string }
  | { ok: false; reason: 'restricted'; code: RestrictionRefusal; opensAt: string | null; message: string }
  | { ok: false; reason: 'verification_code_invalid'; attemptsLeft: number; message: string }
  | { ok: false; reason: 'server'; status?: number; message: string }
  | {
      ok: false;
      reason:
        | 'not_found'
        | 'locked'
        | 'passphrase_required'
        | 'bad_link'
        | 'decrypt_failed'
        | 'network'
        | 'cancelled'
        | 'verification_required'
        | 'request_not_found'
        | 'request_answered';
      message: string;
    };

/** The checks of a secret's restrictions that can refuse a claim (API error codes). */
export type RestrictionRefusal = 'outside_office_hours' | 'network_not_allowed' | 'country_not_allowed';

/** Every `reason` a {@link Failure} can carry. */
export type FailureReason = Failure['reason'];

/**
 * A created secret. `link` carries the key in its `#fragment`: hand it to the recipient only.
 * `receiptLink` lets the sender check the status and burn the secret; keep it to yourself.
 *
 * @example
 * ```ts
 * const sent = await client.send({ text: 's3cret' });
 * if (sent.ok) console.log(sent.link);
 * ```
 */
export interface SentSecret {
  ok: true;
  id: string;
  receipt: string;
  link: string;
  receiptLink: string;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * Public, non-consuming information about a live secret (`GET /api/v1/secrets/{id}`).
 *
 * @example
 * ```ts
 * const info = await client.peek(link);
 * if (info.ok && info.passphrase) askForPassphrase();
 * ```
 */
export interface SecretInfo {
  ok: true;
  id: string;
  expiresAt: string;
  maxViews: number;
  viewsLeft: number;
  /** Whether revealing needs a passphrase (`kdf !== null`). */
  passphrase: boolean;
  kdf: KdfParams | null;
  /** Byte length of the content ciphertext. */
  size: number;
  /** Number of attached files. */
  files: number;
  /** Which restrictions a claim must pass (never their values); all off for an unrestricted secret. */
  requires: SecretRequirements;
}

/**
 * What a peek tells about a secret's restrictions. `verification` holds one masked hint per recipient
 * address (`a•••@e•••.com`), in the sender's order: pass the index of yours to `requestVerificationCode`.
 *
 * @example
 * ```ts
 * const info = await client.peek(link);
 * if (info.ok && info.requires.verification) pick(info.requires.verification.recipients);
 * ```
 */
export interface SecretRequirements {
  /** Recipient verification by a mailed code, or null when none is needed. */
  verification: { recipients: string[] } | null;
  /** The client address must be in networks the sender chose. */
  network: boolean;
  /** The secret opens only during office hours. */
  officeHours: boolean;
  /** The client must be in (or outside) countries the sender chose. */
  country: boolean;
}

/**
 * Restrictions a sender puts on a secret, in the API's shape (snake_case, sent as they are; docs/policies.md):
 * `recipients` (addresses that must confirm a mailed code), `networks` (CIDRs), `office_hours`
 * (`{days, start, end, time_zone}`) and `countries` (`{allow}` or `{deny}`, ISO codes).
 *
 * @example
 * ```ts
 * const restrictions: Restrictions = {
 *   recipients: ['ada@example.com'],
 *   office_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', time_zone: 'Europe/Amsterdam' },
 * };
 * await client.send({ text: 's3cret', restrictions });
 * ```
 */
export type Restrictions = WireRestrictions;
/** Weekdays and a window (`HH:MM`, end excluded, `24:00` allowed) in an IANA time zone. */
export type OfficeHours = WireOfficeHours;
/** Allowed (`allow`) or denied (`deny`) ISO 3166-1 alpha-2 country codes, exactly one of the two. */
export type CountryRule = WireCountryRule;
/**
 * An organisation's rules for what its members send, in the API's shape (snake_case; docs/policies.md).
 * `null`, `false` or `[]` means no rule. Its `networks.cidrs`, `countries.allow` and `office_hours.hours`
 * have the shapes of the matching {@link Restrictions} fields.
 */
export type OrgPolicy = WireOrgPolicy;

/**
 * A verification code was mailed (`requestVerificationCode`): to the address behind the masked hint
 * `sentTo`, valid until `expiresAt` (ISO 8601) for `tries` wrong codes.
 *
 * @example
 * ```ts
 * const sent = await client.requestVerificationCode(link, 0);
 * if (sent.ok) console.log(`code sent to ${sent.sentTo}`);
 * ```
 */
export interface VerificationReply {
  ok: true;
  sentTo: string;
  expiresAt: string;
  tries: number;
}

/**
 * A revealed secret: the decrypted payload, the views left after this one (0 when it is now gone), and its
 * files, each downloadable once (streamed and decrypted into a sink) until `grantExpiresAt`.
 *
 * @example
 * ```ts
 * const r = await client.reveal(link);
 * if (r.ok) process.stdout.write(r.payload.text);
 * if (r.ok) for (const file of r.files) await file.download(sinkFor(file.name));
 * ```
 */
export interface RevealedSecret {
  ok: true;
  payload: SecretPayload;
  viewsLeft: number;
  /** The attached files in payload order (name, type and plaintext size from the encrypted payload). */
  files: RevealedFile[];
  /** When the download grant stops working (ISO 8601), or null without files. */
  grantExpiresAt: string | null;
}

/** The states a receipt can be in: `pending`, `viewed`, `burned`, `expired` or `locked`. */
export type ReceiptState = WireReceiptState;

/** A completed file download in a receipt: `file` is the file's index in the payload, `at` ISO 8601. */
export type ReceiptDownload = WireReceiptDownload;

/**
 * What happened to a secret, as the sender sees it through the receipt. Times are ISO 8601.
 *
 * @example
 * ```ts
 * const r = await client.receipt(receiptLink);
 * if (r.ok) console.log(r.state, r.viewedAt);
 * ```
 */
export interface ReceiptStatus {
  ok: true;
  state: ReceiptState;
  createdAt: string;
  expiresAt: string;
  maxViews: number;
  viewsLeft: number;
  viewedAt: string[];
  failedAttempts: number;
  maxAttempts: number;
  passphrase: boolean;
  /** When the secret was burned, locked or expired, else null (a secret viewed out ends at its last view). */
  endedAt: string | null;
  /** Completed file downloads, oldest first. */
  downloads: ReceiptDownload[];
}

/**
 * The limits a server announces to clients (`GET /api/v1/config`); TTLs in seconds.
 *
 * @example
 * ```ts
 * const c = await client.config();
 * if (c.ok) console.log(`ttl ${c.ttl.min}…${c.ttl.max} s`);
 * ```
 */
export interface ServerLimits {
  ok: true;
  ttl: { min: number; max: number; default: number; choices: number[] };
  maxViews: { max: number; default: number };
  maxAttempts: number;
  /** Largest secret text in UTF-8 bytes; the encrypted content may be 64 KiB more (context, framing). */
  maxContentBytes: number;
  kdfIterations: number;
  serverEncryption: boolean;
  keyClaim: boolean;
  /**
   * File limits in **plaintext** bytes: at most `maxFiles` files (0: files are turned off), each at most
   * `maxFileBytes`, all together at most `maxSecretBytes`. All 0 for a server without files.
   */
  files: { maxFiles: number; maxFileBytes: number; maxSecretBytes: number };
  /**
   * Accounts (docs/teams.md): whether anonymous visitors may create, the identity provider offered as
   * "Sign in with {name}" (or null), and whether passkeys are on. Null when the server does not say (a server
   * from before accounts: anyone may create there).
   */
  auth: { anonymousCreate: boolean; oidc: { name: string } | null; passkeys: boolean } | null;
  /**
   * Which restrictions need the operator's setup: `verification` (the server can send mail) and `countries`
   * (it has a GeoIP database). Networks and office hours need none. Null from a server without restrictions.
   */
  restrictions: { verification: boolean; countries: boolean } | null;
  /**
   * With an API key (or a session): the organisation's policy, so that a client offers only allowed choices;
   * null when it has none, for anonymous callers, and from a server without policies.
   */
  policy: OrgPolicy | null;
}

/** A successful burn (`POST /api/v1/receipts/{receipt}/burn`). */
export interface Burned {
  ok: true;
}
