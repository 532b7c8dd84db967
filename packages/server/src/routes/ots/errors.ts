import type { FastifyError, FastifyInstance } from 'fastify';
import type { ServerConfig } from '../../config.js';
import type { ApiError } from '../../errors.js';
import { toApiError } from '../../plugins/error-handler.js';

/** An error in Onetime Secret's shape: `{"message": …}` with a status code (and extra OTS fields). */
export class OtsError extends Error {
  override readonly name = 'OtsError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** OTS's words for a rate limit, which OTS clients match on. */
const RATE_LIMITED = 'Apologies dear citizen! You have been rate limited.';

export const notAuthorized = () => new OtsError(401, 'Not authorized');
export const unknownSecret = (extra: Record<string, unknown> = {}) =>
  new OtsError(404, 'Unknown secret', extra);

/**
 * The compat scope answers every failure as OTS does, `{"message": …}`; burnlink's own errors (a full KDF
 * pool, a rate limit, a store outage) keep their status and message. Never a stack trace: a 500 logs its type only.
 */
export function registerOtsErrors(scope: FastifyInstance, config: ServerConfig): void {
  scope.setErrorHandler((error: FastifyError | OtsError, request, reply) => {
    if (error instanceof OtsError) {
      return reply.code(error.statusCode).send({ message: error.message, ...error.extra });
    }
    const apiError: ApiError = toApiError(error as FastifyError, config, request.routeOptions.url);
    if (apiError.statusCode >= 500) {
      request.log.error({ err: { type: error.name, code: (error as FastifyError).code } }, 'request failed');
    }
    return reply
      .code(apiError.statusCode)
      .headers(apiError.headers)
      .send({
        message: apiError.code === 'rate_limited' ? RATE_LIMITED : apiError.message,
        code: apiError.code,
      });
  });
}
