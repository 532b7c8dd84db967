/**
 * @burnlink/wire — the wire contract of HTTP API v1 (docs/api.md): the TypeBox schema of every request and
 * response body and of the upload and download headers, each with its static type under the same name.
 *
 * The server validates and serialises with the schemas (and documents them as OpenAPI); clients import the
 * types only (`import type`), so no TypeBox reaches a browser bundle.
 * @example
 * ```ts
 * import type { PeekReply } from '@burnlink/wire';          // SDK, web app: types only
 * import { PeekReply as PeekSchema } from '@burnlink/wire'; // server, tests: the schema
 * ```
 */
export * from './accounts.js';
export * from './audit.js';
export * from './auth.js';
export * from './config.js';
export * from './domains.js';
export * from './error-body.js';
export * from './files.js';
export * from './formats.js';
export * from './receipts.js';
export * from './requests.js';
export * from './restrictions.js';
export * from './secrets.js';
export * from './uploads.js';
export * from './webhooks.js';
