/**
 * @burnlink/client — the burnlink SDK: a typed client for the HTTP API that does the protocol work locally.
 *
 * @example
 * ```ts
 * import { createClient } from '@burnlink/client';
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8080' });
 * const sent = await client.send({ text: 's3cret' });
 * ```
 */
export type {
  ApiKeyInfo,
  CreatedKey,
  CreateKeyOptions,
  Done,
  KeyList,
  ListSecretsOptions,
  Me,
  OwnedSecret,
  Person,
  SecretList,
} from './accounts.js';
export { normalizeBaseUrl } from './base-url.js';
export {
  BurnlinkClient,
  type ClientOptions,
  createClient,
  type PassphraseSource,
  type RevealOptions,
  type SendOptions,
} from './burnlink-client.js';
export * from './files/index.js';
export type { FetchLike } from './http.js';
export type {
  CreateRequestOptions,
  RespondInput,
  RespondOptions,
} from './request-calls.js';
export type {
  CreatedRequest,
  InboxStatus,
  OpenedRequest,
  RequestReceipt,
  RequestState,
  Responded,
} from './request-results.js';
export type {
  Burned,
  CountryRule,
  Failure,
  FailureReason,
  OfficeHours,
  OrgPolicy,
  ReceiptDownload,
  ReceiptState,
  ReceiptStatus,
  RestrictionRefusal,
  Restrictions,
  RevealedSecret,
  SecretInfo,
  SecretRequirements,
  SentSecret,
  ServerLimits,
  VerificationReply,
} from './results.js';
export { DEFAULT_CHUNK_BYTES } from './send-secret.js';
