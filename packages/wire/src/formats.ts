import { Type } from 'typebox';

/**
 * Exactly 16 bytes in canonical b64u (ids, receipts, KDF salts): 21 characters of 6 bits, then one holding
 * the last 2 bits (so only A, Q, g or w).
 */
export const B64U_16_BYTES = '^[A-Za-z0-9_-]{21}[AQgw]$';
/** Exactly 32 bytes in canonical b64u (tokens, verifiers, link keys): 42 characters, then one of 4 bits. */
export const B64U_32_BYTES = '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$';
/** Any b64u text without padding (the server checks the length when it decodes). */
export const B64U_PATTERN = '^[A-Za-z0-9_-]+$';

/** A secret id, upload id, file id or receipt: 16 random bytes, b64u (22 characters). */
export const Id16 = (description: string) => Type.String({ pattern: B64U_16_BYTES, description });
/** A token, verifier, grant or link key: 32 bytes, b64u (43 characters). */
export const Key32 = (description: string) => Type.String({ pattern: B64U_32_BYTES, description });
/** An instant as ISO 8601 UTC (`2026-11-21T10:00:00.000Z`). */
export const IsoTime = (description: string) => Type.String({ format: 'date-time', description });
/** A whole number of bytes, offsets or counts. */
export const Count = (description?: string) =>
  Type.Integer(description === undefined ? { minimum: 0 } : { minimum: 0, description });
