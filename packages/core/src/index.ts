/**
 * @burnlink/core — protocol v1 (docs/encryption.md). Web-standard APIs only.
 *
 * @example
 * ```ts
 * import { sealSecret, formatSecretLink, toBase64Url } from '@burnlink/core';
 * ```
 */
export * from './constants.js';
export * from './duration.js';
export * from './encoding.js';
export * from './errors.js';
export * from './file-sizes.js';
export * from './hkdf.js';
export * from './kdf.js';
export * from './keys.js';
export {
  formatReceiptLink,
  formatSecretLink,
  isValidId,
  parseReceiptLink,
  parseSecretLink,
  type SecretLink,
} from './link-codec.js';
export * from './password-generator.js';
export * from './payload-codec.js';
export * from './record-cipher.js';
export * from './secret-envelope.js';
export * from './stream-aead.js';
