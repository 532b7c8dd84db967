import { type Static, Type } from 'typebox';
import { Count } from './formats.js';
import { OrgPolicy } from './restrictions.js';

/** GET /api/v1/config: the limits and choices clients show and respect (TTLs in seconds). */
export const ConfigReply = Type.Object(
  {
    ttl: Type.Object(
      { min: Count(), max: Count(), default: Count(), choices: Type.Array(Count()) },
      { additionalProperties: false },
    ),
    max_views: Type.Object({ max: Count(), default: Count() }, { additionalProperties: false }),
    max_attempts: Count(),
    max_content_bytes: Count(),
    kdf_iterations: Count(),
    server_encryption: Type.Boolean(),
    key_claim: Type.Boolean(),
    files: Type.Object(
      {
        max_files: Count('0 when files are turned off'),
        max_file_bytes: Count('Plaintext bytes per file'),
        max_secret_bytes: Count('Plaintext bytes of all files of a secret'),
      },
      { additionalProperties: false },
    ),
    // Optional for clients of older servers; this server always sends it.
    uploads: Type.Optional(
      Type.Object(
        {
          stale_after_seconds: Count(
            'An unfinished upload that makes no progress for this long expires with its secret',
          ),
          budget: Type.Union(
            [
              Type.Object(
                {
                  bytes: Count('Upload bytes one client address may send per window'),
                  window_seconds: Count(),
                },
                { additionalProperties: false },
              ),
              Type.Null(),
            ],
            { description: 'null when there is no per-address upload budget' },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    // Optional for clients of servers without accounts (docs/teams.md).
    auth: Type.Optional(
      Type.Object(
        {
          anonymous_create: Type.Boolean({
            description: 'false: creating a secret needs a session or a key',
          }),
          oidc: Type.Union(
            [Type.Object({ name: Type.String() }, { additionalProperties: false }), Type.Null()],
            {
              description: 'The identity provider offered as "Sign in with {name}", or null',
            },
          ),
          passkeys: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    // Optional for clients of older servers; this server always sends it.
    restrictions: Type.Optional(
      Type.Object(
        {
          verification: Type.Boolean({ description: 'Recipient verification: the server can send mail' }),
          countries: Type.Boolean({ description: 'Country rules: the server has a GeoIP database' }),
        },
        { additionalProperties: false },
      ),
    ),
    policy: Type.Optional(
      Type.Union([OrgPolicy, Type.Null()], {
        description: "Signed in or with a key: the organisation's policy (null: none set)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ConfigReply = Static<typeof ConfigReply>;

/** GET /healthz and GET /readyz. */
export const HealthReply = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
export type HealthReply = Static<typeof HealthReply>;
