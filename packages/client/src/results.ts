import type { KdfParams, SecretPayload } from '@burnlink/core';
import type {
  ReceiptDownload as WireReceiptDownload,
  ReceiptState as WireReceiptState,
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
  | { ok: false; reason: 'invalid_request'; code: string; message: string }
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
        | 'cancelled';
      message: string;
    };

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
}

/** A successful burn (`POST /api/v1/receipts/{receipt}/burn`). */
export interface Burned {
  ok: true;
}
