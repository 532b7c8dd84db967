/**
 * Constants shared by every burnlink package: protocol labels, limits and defaults.
 * Clients and server import them from here so the numbers live in one place.
 *
 * @example
 * ```ts
 * import { TTL_CHOICES_SECONDS, DEFAULT_MAX_VIEWS } from '@burnlink/core';
 * ```
 */

/** Protocol version carried in the payload (`{"v":1,…}`). */
export const PROTOCOL_VERSION = 1 as const;
/** Bytes of the link key `K` in the `#fragment`. */
export const LINK_KEY_BYTES = 32;
/** Bytes of a secret id and of a receipt (22 b64u characters). */
export const ID_BYTES = 16;
/** HKDF-Extract salt of protocol v1. */
export const HKDF_SALT_LABEL = 'burnlink/v1';
/** Name of the passphrase KDF as sent in `kdf.name`. */
export const KDF_NAME = 'PBKDF2-SHA-256' as const;
/** Bytes of the PBKDF2 salt. */
export const KDF_SALT_BYTES = 16;
/** PBKDF2 iterations used for new secrets. */
export const KDF_DEFAULT_ITERATIONS = 600_000;
/** Lowest PBKDF2 iteration count accepted anywhere. */
export const KDF_MIN_ITERATIONS = 100_000;
/** Highest PBKDF2 iteration count accepted (bounds the recipient's work). */
export const KDF_MAX_ITERATIONS = 10_000_000;
/** Bytes of the passphrase key `P`. */
export const PASSPHRASE_KEY_BYTES = 32;
/** RFC 8188 record size used by burnlink (64 KiB, tag and delimiter included). */
export const RECORD_SIZE = 65_536;

export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 2_592_000;
export const TTL_DEFAULT_SECONDS = 86_400;
/** Lifetimes offered in the UI and CLI: 5 min, 1 h, 4 h, 1 d, 3 d, 7 d, 30 d. */
export const TTL_CHOICES_SECONDS: readonly number[] = Object.freeze([
  300, 3600, 14_400, 86_400, 259_200, 604_800, 2_592_000,
]);
export const MAX_VIEWS_LIMIT = 100;
export const DEFAULT_MAX_VIEWS = 1;
/** Wrong passphrase attempts before a secret burns. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/**
 * Default limit on a secret's text, in UTF-8 bytes (plaintext): the server's `BURNLINK_MAX_CONTENT_BYTES`, sent
 * to clients as `max_content_bytes`. The encrypted content (stream 0, with context fields and framing) may be
 * 64 KiB larger; the server derives that limit from this one.
 */
export const DEFAULT_MAX_CONTENT_BYTES = 262_144;
/** The context fields a payload may carry, in display order. */
export const CONTEXT_FIELDS = Object.freeze(['label', 'username', 'url', 'environment', 'note'] as const);
export type ContextField = (typeof CONTEXT_FIELDS)[number];
/** Maximum length of one context field, in Unicode code points. */
export const CONTEXT_FIELD_MAX_CHARS = 1000;
