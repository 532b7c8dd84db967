/**
 * `@burnlink/core/requests` — request a secret (docs/encryption.md "Requests"): the request and inbox keys,
 * HPKE sealing of the response key. A separate entry because it pulls in `@hpke/core`: a bundle loads it only
 * on the pages that handle requests (`await import('@burnlink/core/requests')`).
 *
 * @example
 * ```ts
 * import { sealRequest, openResponseKey } from '@burnlink/core/requests';
 * ```
 */
export * from './request-constants.js';
export * from './request-envelope.js';
export * from './request-hpke.js';
export * from './request-link-codec.js';
