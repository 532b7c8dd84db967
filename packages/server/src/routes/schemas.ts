import type { ServerConfig } from '../config.js';
import {
  ClaimBody,
  ClaimReply,
  ConfigReply,
  CreateReply,
  createBodySchema,
  createRequestBodySchema,
  ErrorBody,
  HealthReply,
  IdParams,
  PeekReply,
  ReceiptParams,
  ReceiptReply,
  UploadParams,
} from '../wire.js';

/**
 * The route schemas: one source for validation, serialisation and the OpenAPI document. They are the wire
 * contract of `@burnlink/wire`, which the SDK and the web app type their calls with (here through its JSON
 * snapshot, `../wire.ts`, so TypeBox is never loaded); here they are only bound to the operator's limits. A
 * field belongs in `@burnlink/wire`, never in a schema of this package.
 */

export { ErrorBody, HealthReply, IdParams, ReceiptParams, UploadParams };

/** The schemas whose ranges come from the config (the create body); the others as they are on the wire. */
export function createSchemas(config: ServerConfig) {
  const CreateBody = createBodySchema({
    ttl: { min: config.ttl.minSeconds, max: config.ttl.maxSeconds, default: config.ttl.defaultSeconds },
    maxViews: config.maxViews,
  });
  const CreateRequestBody = createRequestBodySchema({
    ttl: { min: config.ttl.minSeconds, max: config.ttl.maxSeconds, default: config.ttl.defaultSeconds },
  });
  return {
    CreateBody,
    CreateRequestBody,
    CreateReply,
    PeekReply,
    ClaimBody,
    ClaimReply,
    ReceiptReply,
    ConfigReply,
  };
}

/** Error responses for the OpenAPI document (the body is rendered by the error handler). */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
