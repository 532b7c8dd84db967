import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { formatDuration, KDF_MAX_ITERATIONS, KDF_MIN_ITERATIONS, KDF_NAME } from '@burnlink/core';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { ServerConfig } from '../config.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { StoreUnavailableError } from '../stores/secret-store.js';

/** Body fields whose validation failures have their own code; the others answer `invalid_request`. */
const FIELD_CODES: Record<string, ErrorCode> = {
  ttl: 'invalid_ttl',
  response_ttl: 'invalid_ttl',
  max_views: 'invalid_views',
  verifier: 'invalid_verifier',
  link_verifier: 'invalid_verifier',
  kdf: 'invalid_kdf',
  content: 'invalid_content',
  token: 'invalid_token',
  link_token: 'invalid_token',
  key: 'invalid_key',
  inbox_token: 'invalid_token',
  sealed_key: 'invalid_sealed_key',
};

/** Path parameters that fail validation answer exactly like an unknown one, so nothing is learned. */
const PARAM_CODES: Record<string, ErrorCode> = { id: 'secret_not_found', receipt: 'receipt_not_found' };
/** Routes whose `:id` is not a secret's. */
const ID_CODES: [prefix: string, code: ErrorCode][] = [
  ['/api/v1/uploads/', 'upload_not_found'],
  ['/api/v1/files/', 'file_not_found'],
  ['/api/v1/webhooks/', 'webhook_not_found'],
  ['/api/v1/requests/', 'request_not_found'],
  ['/api/v1/domains/', 'domain_not_found'],
];

const KDF_MESSAGE =
  `kdf must be null (no passphrase) or {"name": "${KDF_NAME}", "salt": base64url of 16 bytes, ` +
  `"iterations": ${KDF_MIN_ITERATIONS}–${KDF_MAX_ITERATIONS}} and nothing else`;

/** The message for an out-of-range TTL names the allowed range (DESIGN §5). */
export function ttlRangeMessage(config: ServerConfig, field = 'ttl'): string {
  const { minSeconds, maxSeconds } = config.ttl;
  return (
    `${field} must be a whole number of seconds from ${minSeconds} (${formatDuration(minSeconds * 1000)}) ` +
    `to ${maxSeconds} (${formatDuration(maxSeconds * 1000)})`
  );
}

export function viewsRangeMessage(config: ServerConfig): string {
  return `max_views must be a whole number from 1 to ${config.maxViews}`;
}

/**
 * The one error handler and the 404 handler: every failure becomes `{"error":{"code","message"}}` with the
 * catalogue's status. Unexpected errors are logged (never with a body) and answered with a generic 500.
 */
export function registerErrorHandling(app: FastifyInstance, config: ServerConfig): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error, config, request.routeOptions.url);
    if (apiError.statusCode >= 500) {
      request.log.error(
        {
          // Ephemeral mode logs the failure but nothing of the request (BURNLINK_MODE).
          ...(config.mode === 'ephemeral' ? {} : { route: request.routeOptions.url ?? null }),
          err: { type: error.name, code: error.code, message: error.message, stack: error.stack },
        },
        apiError.code === 'store_unavailable' ? 'store unavailable' : 'request failed',
      );
    }
    reply.code(apiError.statusCode).headers(apiError.headers).send(apiError.toBody());
  });
  app.setNotFoundHandler((_request, reply) => {
    const apiError = new ApiError('route_not_found');
    reply.code(apiError.statusCode).send(apiError.toBody());
  });
}

export function toApiError(error: FastifyError, config: ServerConfig, route: string | undefined): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreUnavailableError) return new ApiError('store_unavailable');
  if (error.validation) return fromValidation(error, config, route);
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        'payload_too_large',
        `The request body is larger than ${config.bodyLimitBytes} bytes, the most this server accepts.`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalid_json', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('invalid_request', 'Content-Length does not match the body.');
  }
  // The JSON parser's own SyntaxError carries a slice of the body: never echo or log its message.
  if (error instanceof SyntaxError && error.statusCode === 400) return new ApiError('invalid_json');
  if (error.statusCode === 429) return new ApiError('rate_limited');
  if (error.statusCode === 413) return new ApiError('payload_too_large');
  if (error.statusCode === 415) return new ApiError('unsupported_media_type');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('invalid_request');
  }
  return new ApiError('internal_error');
}

function fromValidation(error: FastifyError, config: ServerConfig, route: string | undefined): ApiError {
  const first = error.validation?.[0];
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const segments = (first?.instancePath ?? '').split('/').filter(Boolean);
  if (error.validationContext === 'params') {
    const param = segments[0] ?? '';
    const byRoute = param === 'id' ? ID_CODES.find(([prefix]) => route?.startsWith(prefix))?.[1] : undefined;
    return new ApiError(byRoute ?? PARAM_CODES[param] ?? 'route_not_found');
  }
  if (error.validationContext !== 'body')
    return new ApiError('invalid_request', 'The query string is not valid.');
  if (typeof params.additionalProperty === 'string') {
    const where = segments.length > 0 ? ` in ${segments.join('.')}` : '';
    return new ApiError('invalid_request', `Unknown field "${params.additionalProperty}"${where}.`);
  }
  const field =
    segments[0] ?? (typeof params.missingProperty === 'string' ? params.missingProperty : undefined);
  if (field === undefined) return new ApiError('invalid_request', 'The request body must be a JSON object.');
  const code = FIELD_CODES[field] ?? 'invalid_request';
  if (code === 'invalid_ttl') return new ApiError(code, ttlRangeMessage(config, field));
  if (code === 'invalid_views') return new ApiError(code, viewsRangeMessage(config));
  if (code === 'invalid_kdf') return new ApiError(code, KDF_MESSAGE);
  const path = [...segments, ...(segments.length === 0 ? [field] : [])].join('.');
  const rule =
    first?.keyword === 'required'
      ? 'is required'
      : first?.keyword === 'pattern'
        ? 'is not base64url (no padding) of the expected length'
        : (first?.message ?? 'is not valid');
  return new ApiError(code, `${path} ${rule}.`);
}

/** What stands in for a path segment the router cannot take: not an id of any kind, so it answers as unknown. */
const MALFORMED_SEGMENT = '-';
const MAX_PARAM_LENGTH = 100;
const REROUTED = Symbol('burnlink.rerouted');

/**
 * The router's own failures — a path with bad percent-encoding, a parameter longer than the router takes —
 * answer as the route would answer a malformed (so an unknown) id: the request is routed again with each
 * such segment replaced by one that no id matches. Anything else the router cannot route is `route_not_found`.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  _error,
  request,
  reply,
) => {
  const raw = request.raw as typeof request.raw & { [REROUTED]?: true };
  if (raw[REROUTED] === true) {
    const apiError = new ApiError('route_not_found');
    (reply as FastifyReply).code(apiError.statusCode).send(apiError.toBody());
    return;
  }
  raw[REROUTED] = true;
  raw.url = withMalformedSegmentsReplaced(raw.url ?? '/');
  request.server.routing(raw, reply.raw);
};

function withMalformedSegmentsReplaced(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const segments = path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment).length > MAX_PARAM_LENGTH ? MALFORMED_SEGMENT : segment;
    } catch {
      return MALFORMED_SEGMENT;
    }
  });
  return segments.join('/') + (query === -1 ? '' : url.slice(query));
}

/** Node's parser errors that have their own code; any other answers 400 `invalid_request`. */
const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
  HPE_HEADER_OVERFLOW: 'headers_too_large',
};

/**
 * Node's `clientError`: the request could not be parsed (a malformed request line, a duplicate
 * Content-Length, headers too large) or its headers did not arrive in time. No Fastify request exists, so
 * the answer is written raw — in the one error shape — and the connection closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERROR_CODES[error.code ?? ''] ?? 'invalid_request';
  const apiError =
    code === 'invalid_request'
      ? new ApiError(code, 'The request is not valid HTTP/1.1.')
      : new ApiError(code);
  // Only when no answer has started on this connection (a response in progress cannot be interrupted).
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && response?.headersSent !== true) {
    const body = JSON.stringify(apiError.toBody());
    socket.write(
      `HTTP/1.1 ${apiError.statusCode} ${STATUS_CODES[apiError.statusCode]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroySoon();
}
