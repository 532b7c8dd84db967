// Constants of "request a secret" (docs/encryption.md "Requests"), exported by `@burnlink/core/requests`
// (not by the main entry, so that they stay out of bundles that never handle requests).

/** Bytes of the request key `Q` (`/q/{id}#…`) and of the inbox key `S` (`/i/{id}#…`). */
export const REQUEST_KEY_BYTES = 32;
/** HPKE `info` when the responder seals the response key to the requester (docs/encryption.md "Requests"). */
export const REQUEST_HPKE_INFO = 'burnlink/v1 request';
/** HKDF-Expand info of the inbox token `I`, from `HKDF-Extract("burnlink/v1", S)`. */
export const INBOX_TOKEN_INFO = 'inbox';
/** Bytes of the sealed response key: HPKE `enc` (32) || AES-256-GCM ciphertext of K (32) and its tag (16). */
export const SEALED_RESPONSE_KEY_BYTES = 80;
