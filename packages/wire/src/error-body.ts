import { type Static, Type } from 'typebox';

/**
 * The body of every error response: `{"error": {"code", "message"}}`, plus `attempts_left` on
 * `wrong_passphrase`. `code` is any string on the wire: the catalogue (the server's `errors.ts`, mirrored
 * by docs/errors.md) grows, and a client must treat a code it does not know like its HTTP status.
 *
 * @example
 * ```ts
 * const body: ErrorBody = { error: { code: 'secret_not_found', message: 'This secret does not exist…' } };
 * ```
 */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable error code, listed in docs/errors.md' }),
        message: Type.String(),
        attempts_left: Type.Optional(
          Type.Integer({ minimum: 0, description: 'On wrong_passphrase and verification_code_invalid' }),
        ),
        opens_at: Type.Optional(
          Type.String({ format: 'date-time', description: 'On outside_office_hours: the next opening' }),
        ),
        rule: Type.Optional(Type.String({ description: 'On policy_violation: the policy field broken' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'Every error response' },
);
export type ErrorBody = Static<typeof ErrorBody>;
