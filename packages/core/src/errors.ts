/**
 * Named errors thrown by core. Messages never contain a key, token, passphrase or plaintext.
 *
 * @example
 * ```ts
 * try { await openSecret(content, key); } catch (e) { if (e instanceof DecryptError) showWrongKey(); }
 * ```
 */
export class BurnlinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Every decryption or authentication failure: wrong key, tampering, truncation, reordering, bad framing.
 * Deliberately one opaque message, so a failure reveals nothing about where it happened.
 */
export class DecryptError extends BurnlinkError {
  constructor() {
    super('decryption failed: wrong key, or the data is damaged or incomplete');
  }
}

/** A malformed secret or receipt link; the message says what is wrong and what a link looks like. */
export class LinkError extends BurnlinkError {}

/** A payload, KDF parameter set or envelope input that does not follow protocol v1. */
export class PayloadError extends BurnlinkError {}

/** Malformed base64url or UTF-8. */
export class EncodingError extends BurnlinkError {}

/** Impossible password generator options. */
export class PasswordOptionsError extends BurnlinkError {}

/** A duration that cannot be read (`parseDuration`); the message quotes the text and lists the accepted forms. */
export class DurationError extends BurnlinkError {}
