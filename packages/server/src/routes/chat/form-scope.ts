import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, type ErrorCode } from '../../errors.js';

export type FormFields = Record<string, string>;

/** Chat routes are described in docs/slack.md, not in the OpenAPI document of burnlink's API. */
export const HIDDEN = { schema: { hide: true } };

/** Slack and Mattermost send small form bodies; anything larger is not theirs. */
const FORM_BODY_LIMIT = 64 * 1024;

/**
 * Form bodies for one integration's scope only (the rest of the app stays JSON-only): `authentic` sees the raw
 * body and the request before anything is parsed (Slack signs the raw bytes) and decides whether the request
 * is the platform's. Every route of the scope refuses, with 401 `code`, a request it did not pass — including
 * one whose body never reached the parser (no body, or JSON).
 */
export function formScope(
  scope: FastifyInstance,
  code: ErrorCode,
  authentic: (request: FastifyRequest, rawBody: string, fields: FormFields) => boolean,
): void {
  const passed = new WeakSet<FastifyRequest>();
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (request, body, done) => {
      const raw = body as string;
      const fields = Object.fromEntries(new URLSearchParams(raw));
      if (!authentic(request, raw, fields)) return done(new ApiError(code), undefined);
      passed.add(request);
      done(null, fields);
    },
  );
  scope.addHook('preHandler', async (request) => {
    if (!passed.has(request)) throw new ApiError(code);
  });
}

/** A request header as one string (undefined when absent or repeated). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The answer both platforms show to the invoking user only. */
export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });
