// GENERATED from @burnlink/wire by `npm run wire:snapshot -w @burnlink/server`: do not edit (src/wire.ts says why).
// test/api/wire-snapshot.test.ts fails when it differs from the schemas.

/** Stand-ins for the operator's limits in CREATE_BODY_TEMPLATE, replaced by createBodySchema (src/wire.ts). */
export const CREATE_BODY_SENTINELS = {
  ttl: { min: 987654301, max: 987654302, default: 987654303 },
  maxViews: 987654304,
} as const;

export const WIRE_SNAPSHOT = {
  Scope: {
    anyOf: [
      { type: 'string', const: 'secrets:create' },
      { type: 'string', const: 'secrets:list' },
      { type: 'string', const: 'secrets:burn' },
      { type: 'string', const: 'audit:read' },
      { type: 'string', const: 'keys:manage' },
      { type: 'string', const: 'members:manage' },
      { type: 'string', const: 'policies:manage' },
      { type: 'string', const: 'webhooks:manage' },
      { type: 'string', const: 'domains:manage' },
    ],
    description: 'A permission scope (docs/teams.md)',
  },
  Role: {
    anyOf: [
      { type: 'string', const: 'owner' },
      { type: 'string', const: 'admin' },
      { type: 'string', const: 'auditor' },
      { type: 'string', const: 'member' },
    ],
    description: 'A role in an organisation (docs/teams.md)',
  },
  KeyId: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' },
  MeReply: {
    type: 'object',
    required: ['auth', 'user', 'org', 'role', 'scopes', 'reach', 'teams', 'orgs', 'key'],
    properties: {
      auth: {
        anyOf: [
          { type: 'string', const: 'session' },
          { type: 'string', const: 'api_key' },
        ],
      },
      user: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'email', 'name'],
            properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
        description: 'Null for a key of the organisation',
      },
      org: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        additionalProperties: false,
      },
      role: {
        anyOf: [
          { type: 'null' },
          {
            anyOf: [
              { type: 'string', const: 'owner' },
              { type: 'string', const: 'admin' },
              { type: 'string', const: 'auditor' },
              { type: 'string', const: 'member' },
            ],
            description: 'A role in an organisation (docs/teams.md)',
          },
        ],
      },
      scopes: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', const: 'secrets:create' },
            { type: 'string', const: 'secrets:list' },
            { type: 'string', const: 'secrets:burn' },
            { type: 'string', const: 'audit:read' },
            { type: 'string', const: 'keys:manage' },
            { type: 'string', const: 'members:manage' },
            { type: 'string', const: 'policies:manage' },
            { type: 'string', const: 'webhooks:manage' },
            { type: 'string', const: 'domains:manage' },
          ],
          description: 'A permission scope (docs/teams.md)',
        },
        description: 'What this caller may do',
      },
      reach: {
        anyOf: [
          { type: 'string', const: 'own_and_team' },
          { type: 'string', const: 'org' },
        ],
        description: 'Which secrets secrets:list and secrets:burn reach',
      },
      teams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' } },
          additionalProperties: false,
        },
      },
      orgs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'role'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            role: {
              anyOf: [
                { type: 'string', const: 'owner' },
                { type: 'string', const: 'admin' },
                { type: 'string', const: 'auditor' },
                { type: 'string', const: 'member' },
              ],
              description: 'A role in an organisation (docs/teams.md)',
            },
          },
          additionalProperties: false,
        },
      },
      key: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'name', 'expires_at'],
            properties: {
              id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' },
              name: { type: 'string' },
              expires_at: { type: 'string', format: 'date-time', description: 'When the key expires' },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
  },
  CreateKeyBody: {
    type: 'object',
    required: ['name', 'scopes'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100, description: 'What the key is for' },
      scopes: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', const: 'secrets:create' },
            { type: 'string', const: 'secrets:list' },
            { type: 'string', const: 'secrets:burn' },
            { type: 'string', const: 'audit:read' },
            { type: 'string', const: 'keys:manage' },
            { type: 'string', const: 'members:manage' },
            { type: 'string', const: 'policies:manage' },
            { type: 'string', const: 'webhooks:manage' },
            { type: 'string', const: 'domains:manage' },
          ],
          description: 'A permission scope (docs/teams.md)',
        },
        minItems: 1,
        maxItems: 8,
      },
      expires_in: {
        type: 'integer',
        minimum: 60,
        description: 'Seconds until it expires (default 1 year, or the server maximum)',
      },
    },
    additionalProperties: false,
  },
  ApiKeyInfo: {
    type: 'object',
    required: [
      'id',
      'name',
      'scopes',
      'created_at',
      'expires_at',
      'last_used_at',
      'revoked_at',
      'state',
      'created_by',
    ],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' },
      name: { type: 'string' },
      scopes: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', const: 'secrets:create' },
            { type: 'string', const: 'secrets:list' },
            { type: 'string', const: 'secrets:burn' },
            { type: 'string', const: 'audit:read' },
            { type: 'string', const: 'keys:manage' },
            { type: 'string', const: 'members:manage' },
            { type: 'string', const: 'policies:manage' },
            { type: 'string', const: 'webhooks:manage' },
            { type: 'string', const: 'domains:manage' },
          ],
          description: 'A permission scope (docs/teams.md)',
        },
      },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
      expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
      last_used_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'Last used (to the hour)' },
        ],
      },
      revoked_at: {
        anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'Revoked' }],
      },
      state: {
        anyOf: [
          { type: 'string', const: 'active' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'revoked' },
        ],
      },
      created_by: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'email', 'name'],
            properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
  },
  CreateKeyReply: {
    type: 'object',
    required: ['id', 'key', 'name', 'scopes', 'created_at', 'expires_at'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' },
      key: { type: 'string', description: 'The key, shown this once: bl_<id>_<secret>' },
      name: { type: 'string' },
      scopes: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', const: 'secrets:create' },
            { type: 'string', const: 'secrets:list' },
            { type: 'string', const: 'secrets:burn' },
            { type: 'string', const: 'audit:read' },
            { type: 'string', const: 'keys:manage' },
            { type: 'string', const: 'members:manage' },
            { type: 'string', const: 'policies:manage' },
            { type: 'string', const: 'webhooks:manage' },
            { type: 'string', const: 'domains:manage' },
          ],
          description: 'A permission scope (docs/teams.md)',
        },
      },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
      expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
    },
    additionalProperties: false,
  },
  KeyListReply: {
    type: 'object',
    required: ['keys'],
    properties: {
      keys: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'name',
            'scopes',
            'created_at',
            'expires_at',
            'last_used_at',
            'revoked_at',
            'state',
            'created_by',
          ],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' },
            name: { type: 'string' },
            scopes: {
              type: 'array',
              items: {
                anyOf: [
                  { type: 'string', const: 'secrets:create' },
                  { type: 'string', const: 'secrets:list' },
                  { type: 'string', const: 'secrets:burn' },
                  { type: 'string', const: 'audit:read' },
                  { type: 'string', const: 'keys:manage' },
                  { type: 'string', const: 'members:manage' },
                  { type: 'string', const: 'policies:manage' },
                  { type: 'string', const: 'webhooks:manage' },
                  { type: 'string', const: 'domains:manage' },
                ],
                description: 'A permission scope (docs/teams.md)',
              },
            },
            created_at: { type: 'string', format: 'date-time', description: 'Created' },
            expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
            last_used_at: {
              anyOf: [
                { type: 'null' },
                { type: 'string', format: 'date-time', description: 'Last used (to the hour)' },
              ],
            },
            revoked_at: {
              anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'Revoked' }],
            },
            state: {
              anyOf: [
                { type: 'string', const: 'active' },
                { type: 'string', const: 'expired' },
                { type: 'string', const: 'revoked' },
              ],
            },
            created_by: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['id', 'email', 'name'],
                  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
                  additionalProperties: false,
                },
              ],
            },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  KeyParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$', description: 'API key id' } },
  },
  ShortenKeyBody: {
    type: 'object',
    required: ['expires_in'],
    properties: {
      expires_in: {
        type: 'integer',
        minimum: 0,
        description: 'Seconds from now; only moves the expiry earlier',
      },
    },
    additionalProperties: false,
  },
  ListScope: {
    anyOf: [
      { type: 'string', const: 'own' },
      { type: 'string', const: 'team' },
      { type: 'string', const: 'org' },
    ],
  },
  SecretListQuery: {
    type: 'object',
    properties: {
      scope: {
        anyOf: [
          { type: 'string', const: 'own' },
          { type: 'string', const: 'team' },
          { type: 'string', const: 'org' },
        ],
      },
      state: {
        anyOf: [
          { type: 'string', const: 'pending' },
          { type: 'string', const: 'viewed' },
          { type: 'string', const: 'burned' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'locked' },
        ],
      },
      cursor: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{1,200}$',
        description: '`next` of the previous page',
      },
      limit: { type: 'integer', minimum: 1, maximum: 200, description: 'Default 50' },
    },
    additionalProperties: false,
  },
  OwnedSecretInfo: {
    type: 'object',
    required: [
      'id',
      'state',
      'created_at',
      'expires_at',
      'max_views',
      'views_left',
      'viewed_at',
      'passphrase',
      'creator',
      'key',
      'team',
    ],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Secret id' },
      state: {
        anyOf: [
          { type: 'string', const: 'pending' },
          { type: 'string', const: 'viewed' },
          { type: 'string', const: 'burned' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'locked' },
        ],
      },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
      expires_at: { type: 'string', format: 'date-time', description: 'Expires (or expired)' },
      max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0 }] },
      views_left: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0 }] },
      viewed_at: {
        type: 'array',
        items: { type: 'string', format: 'date-time', description: 'One entry per view' },
      },
      passphrase: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
      creator: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'email', 'name'],
            properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
      key: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'name'],
            properties: { id: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
      team: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'name'],
            properties: { id: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
    description: 'Metadata only: never content, a link or a receipt',
  },
  SecretListReply: {
    type: 'object',
    required: ['secrets', 'next'],
    properties: {
      secrets: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'state',
            'created_at',
            'expires_at',
            'max_views',
            'views_left',
            'viewed_at',
            'passphrase',
            'creator',
            'key',
            'team',
          ],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Secret id' },
            state: {
              anyOf: [
                { type: 'string', const: 'pending' },
                { type: 'string', const: 'viewed' },
                { type: 'string', const: 'burned' },
                { type: 'string', const: 'expired' },
                { type: 'string', const: 'locked' },
              ],
            },
            created_at: { type: 'string', format: 'date-time', description: 'Created' },
            expires_at: { type: 'string', format: 'date-time', description: 'Expires (or expired)' },
            max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0 }] },
            views_left: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0 }] },
            viewed_at: {
              type: 'array',
              items: { type: 'string', format: 'date-time', description: 'One entry per view' },
            },
            passphrase: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
            creator: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['id', 'email', 'name'],
                  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
                  additionalProperties: false,
                },
              ],
            },
            key: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['id', 'name'],
                  properties: { id: { type: 'string' }, name: { type: 'string' } },
                  additionalProperties: false,
                },
              ],
            },
            team: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['id', 'name'],
                  properties: { id: { type: 'string' }, name: { type: 'string' } },
                  additionalProperties: false,
                },
              ],
            },
          },
          additionalProperties: false,
          description: 'Metadata only: never content, a link or a receipt',
        },
      },
      next: {
        anyOf: [{ type: 'null' }, { type: 'string', description: 'Pass as cursor for the next page' }],
      },
    },
    additionalProperties: false,
  },
  MemberInfo: {
    type: 'object',
    required: ['user_id', 'email', 'name', 'role', 'teams', 'joined_at'],
    properties: {
      user_id: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: {
        anyOf: [
          { type: 'string', const: 'owner' },
          { type: 'string', const: 'admin' },
          { type: 'string', const: 'auditor' },
          { type: 'string', const: 'member' },
        ],
        description: 'A role in an organisation (docs/teams.md)',
      },
      teams: { type: 'array', items: { type: 'string', description: 'Team id' } },
      joined_at: { type: 'string', format: 'date-time', description: 'Joined' },
    },
    additionalProperties: false,
  },
  MemberListReply: {
    type: 'object',
    required: ['members'],
    properties: {
      members: {
        type: 'array',
        items: {
          type: 'object',
          required: ['user_id', 'email', 'name', 'role', 'teams', 'joined_at'],
          properties: {
            user_id: { type: 'string' },
            email: { type: 'string' },
            name: { type: 'string' },
            role: {
              anyOf: [
                { type: 'string', const: 'owner' },
                { type: 'string', const: 'admin' },
                { type: 'string', const: 'auditor' },
                { type: 'string', const: 'member' },
              ],
              description: 'A role in an organisation (docs/teams.md)',
            },
            teams: { type: 'array', items: { type: 'string', description: 'Team id' } },
            joined_at: { type: 'string', format: 'date-time', description: 'Joined' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  MemberParams: {
    type: 'object',
    required: ['user_id'],
    properties: { user_id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'User id' } },
  },
  SetRoleBody: {
    type: 'object',
    required: ['role'],
    properties: {
      role: {
        anyOf: [
          { type: 'string', const: 'owner' },
          { type: 'string', const: 'admin' },
          { type: 'string', const: 'auditor' },
          { type: 'string', const: 'member' },
        ],
        description: 'A role in an organisation (docs/teams.md)',
      },
    },
    additionalProperties: false,
  },
  CreateInviteBody: {
    type: 'object',
    required: ['email', 'role'],
    properties: {
      email: {
        type: 'string',
        minLength: 3,
        maxLength: 254,
        pattern: '^[^\\s@]+@[^\\s@]+$',
        description: 'An email address',
      },
      role: {
        anyOf: [
          { type: 'string', const: 'owner' },
          { type: 'string', const: 'admin' },
          { type: 'string', const: 'auditor' },
          { type: 'string', const: 'member' },
        ],
        description: 'A role in an organisation (docs/teams.md)',
      },
    },
    additionalProperties: false,
  },
  InviteInfo: {
    type: 'object',
    required: ['id', 'email', 'role', 'created_at', 'expires_at'],
    properties: {
      id: { type: 'string' },
      email: { type: 'string' },
      role: {
        anyOf: [
          { type: 'string', const: 'owner' },
          { type: 'string', const: 'admin' },
          { type: 'string', const: 'auditor' },
          { type: 'string', const: 'member' },
        ],
        description: 'A role in an organisation (docs/teams.md)',
      },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
      expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
    },
    additionalProperties: false,
  },
  CreateInviteReply: {
    type: 'object',
    required: ['id', 'email', 'role', 'created_at', 'expires_at', 'link'],
    properties: {
      id: { type: 'string' },
      email: { type: 'string' },
      role: {
        anyOf: [
          { type: 'string', const: 'owner' },
          { type: 'string', const: 'admin' },
          { type: 'string', const: 'auditor' },
          { type: 'string', const: 'member' },
        ],
        description: 'A role in an organisation (docs/teams.md)',
      },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
      expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
      link: {
        type: 'string',
        description: 'A one-time burnlink link whose secret is the join link; shown once',
      },
    },
    additionalProperties: false,
  },
  InviteListReply: {
    type: 'object',
    required: ['invites'],
    properties: {
      invites: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'email', 'role', 'created_at', 'expires_at'],
          properties: {
            id: { type: 'string' },
            email: { type: 'string' },
            role: {
              anyOf: [
                { type: 'string', const: 'owner' },
                { type: 'string', const: 'admin' },
                { type: 'string', const: 'auditor' },
                { type: 'string', const: 'member' },
              ],
              description: 'A role in an organisation (docs/teams.md)',
            },
            created_at: { type: 'string', format: 'date-time', description: 'Created' },
            expires_at: { type: 'string', format: 'date-time', description: 'Expires' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  InviteParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Invite id' } },
  },
  TeamInfo: {
    type: 'object',
    required: ['id', 'name', 'members', 'created_at'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      members: { type: 'array', items: { type: 'string', description: 'User id' } },
      created_at: { type: 'string', format: 'date-time', description: 'Created' },
    },
    additionalProperties: false,
  },
  TeamListReply: {
    type: 'object',
    required: ['teams'],
    properties: {
      teams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'members', 'created_at'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            members: { type: 'array', items: { type: 'string', description: 'User id' } },
            created_at: { type: 'string', format: 'date-time', description: 'Created' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  CreateTeamBody: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 100, description: 'Team name' } },
    additionalProperties: false,
  },
  TeamParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Team id' } },
  },
  TeamMemberParams: {
    type: 'object',
    required: ['id', 'user_id'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Team id' },
      user_id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'User id' },
    },
  },
  SessionInfo: {
    type: 'object',
    required: ['id', 'label', 'created_at', 'last_seen_at', 'expires_at', 'current'],
    properties: {
      id: { type: 'string', description: 'Public id of the session (not its token)' },
      label: { type: 'string', description: 'Browser and system, e.g. "Firefox on Linux"' },
      created_at: { type: 'string', format: 'date-time', description: 'Signed in' },
      last_seen_at: { type: 'string', format: 'date-time', description: 'Last used (to the minute)' },
      expires_at: { type: 'string', format: 'date-time', description: 'Absolute end' },
      current: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  SessionListReply: {
    type: 'object',
    required: ['sessions'],
    properties: {
      sessions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'label', 'created_at', 'last_seen_at', 'expires_at', 'current'],
          properties: {
            id: { type: 'string', description: 'Public id of the session (not its token)' },
            label: { type: 'string', description: 'Browser and system, e.g. "Firefox on Linux"' },
            created_at: { type: 'string', format: 'date-time', description: 'Signed in' },
            last_seen_at: { type: 'string', format: 'date-time', description: 'Last used (to the minute)' },
            expires_at: { type: 'string', format: 'date-time', description: 'Absolute end' },
            current: { type: 'boolean' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  SessionParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } },
  },
  AuditListQuery: {
    type: 'object',
    properties: {
      after: {
        type: 'string',
        maxLength: 1000,
        description: 'A record id: the page after it, in the listing order (the `next` of the previous page)',
      },
      limit: { type: 'string', maxLength: 1000, description: 'Records per page: 1 to 500, default 100' },
      order: {
        type: 'string',
        maxLength: 1000,
        description: '`asc` (default, oldest first) or `desc` (newest first)',
      },
      type: {
        type: 'string',
        maxLength: 1000,
        description:
          'Comma-separated event types or `prefix.*` patterns (`secret.*,member.added`); docs/audit.md lists them',
      },
      actor: {
        type: 'string',
        maxLength: 1000,
        description: 'A user id, an API key id, `anonymous` or `system`',
      },
      since: { type: 'string', maxLength: 1000, description: 'ISO 8601 time: records at or after it' },
      until: { type: 'string', maxLength: 1000, description: 'ISO 8601 time: records before it' },
    },
  },
  AuditExportQuery: {
    type: 'object',
    properties: {
      format: { type: 'string', maxLength: 1000, description: '`jsonl` (default: JSON Lines) or `csv`' },
      order: {
        type: 'string',
        maxLength: 1000,
        description: '`asc` (default, oldest first) or `desc` (newest first)',
      },
      type: {
        type: 'string',
        maxLength: 1000,
        description:
          'Comma-separated event types or `prefix.*` patterns (`secret.*,member.added`); docs/audit.md lists them',
      },
      actor: {
        type: 'string',
        maxLength: 1000,
        description: 'A user id, an API key id, `anonymous` or `system`',
      },
      since: { type: 'string', maxLength: 1000, description: 'ISO 8601 time: records at or after it' },
      until: { type: 'string', maxLength: 1000, description: 'ISO 8601 time: records before it' },
    },
  },
  AuditActor: {
    type: 'object',
    required: ['type', 'id'],
    properties: {
      type: {
        anyOf: [
          { type: 'string', const: 'user' },
          { type: 'string', const: 'api_key' },
          { type: 'string', const: 'anonymous' },
          { type: 'string', const: 'system' },
        ],
      },
      id: {
        anyOf: [{ type: 'null' }, { type: 'string' }],
        description: 'User id or key id; null for anonymous and system',
      },
    },
    additionalProperties: false,
  },
  AuditSubject: {
    type: 'object',
    required: ['type', 'id'],
    properties: {
      type: {
        anyOf: [
          { type: 'string', const: 'secret' },
          { type: 'string', const: 'key' },
          { type: 'string', const: 'member' },
          { type: 'string', const: 'invite' },
          { type: 'string', const: 'team' },
          { type: 'string', const: 'passkey' },
          { type: 'string', const: 'session' },
          { type: 'string', const: 'webhook' },
          { type: 'string', const: 'domain' },
          { type: 'string', const: 'address' },
          { type: 'string', const: 'org' },
        ],
      },
      id: { type: 'string' },
    },
    additionalProperties: false,
  },
  AuditEvent: {
    type: 'object',
    required: [
      'id',
      'at',
      'type',
      'org',
      'actor',
      'subject',
      'outcome',
      'details',
      'ip',
      'prev_hash',
      'hash',
    ],
    properties: {
      id: { type: 'integer', minimum: 1, description: 'Global, increasing in the order records were stored' },
      at: { type: 'string', format: 'date-time', description: 'When the step happened' },
      type: { type: 'string', description: 'The event type (docs/audit.md, the event catalogue)' },
      org: { type: 'string', description: 'Organisation id, or `public` for anonymous secrets' },
      actor: {
        type: 'object',
        required: ['type', 'id'],
        properties: {
          type: {
            anyOf: [
              { type: 'string', const: 'user' },
              { type: 'string', const: 'api_key' },
              { type: 'string', const: 'anonymous' },
              { type: 'string', const: 'system' },
            ],
          },
          id: {
            anyOf: [{ type: 'null' }, { type: 'string' }],
            description: 'User id or key id; null for anonymous and system',
          },
        },
        additionalProperties: false,
      },
      subject: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['type', 'id'],
            properties: {
              type: {
                anyOf: [
                  { type: 'string', const: 'secret' },
                  { type: 'string', const: 'key' },
                  { type: 'string', const: 'member' },
                  { type: 'string', const: 'invite' },
                  { type: 'string', const: 'team' },
                  { type: 'string', const: 'passkey' },
                  { type: 'string', const: 'session' },
                  { type: 'string', const: 'webhook' },
                  { type: 'string', const: 'domain' },
                  { type: 'string', const: 'address' },
                  { type: 'string', const: 'org' },
                ],
              },
              id: { type: 'string' },
            },
            additionalProperties: false,
          },
        ],
      },
      outcome: {
        anyOf: [
          { type: 'string', const: 'ok' },
          { type: 'string', const: 'failed' },
          { type: 'string', const: 'refused' },
        ],
      },
      details: {
        type: 'object',
        properties: {},
        additionalProperties: {
          anyOf: [
            { type: 'string' },
            { type: 'number' },
            { type: 'boolean' },
            { type: 'array', items: { type: 'string' } },
          ],
        },
        description: 'Views left, attempts left, file index, role, …: never a secret value',
      },
      ip: {
        anyOf: [{ type: 'null' }, { type: 'string' }],
        description: 'The client address, only with BURNLINK_AUDIT_IPS=on',
      },
      prev_hash: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: "The hash of the organisation's previous record",
      },
      hash: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: 'SHA-256(prev_hash || canonical JSON)',
      },
    },
    additionalProperties: false,
  },
  AuditListReply: {
    type: 'object',
    required: ['events', 'next'],
    properties: {
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'at',
            'type',
            'org',
            'actor',
            'subject',
            'outcome',
            'details',
            'ip',
            'prev_hash',
            'hash',
          ],
          properties: {
            id: {
              type: 'integer',
              minimum: 1,
              description: 'Global, increasing in the order records were stored',
            },
            at: { type: 'string', format: 'date-time', description: 'When the step happened' },
            type: { type: 'string', description: 'The event type (docs/audit.md, the event catalogue)' },
            org: { type: 'string', description: 'Organisation id, or `public` for anonymous secrets' },
            actor: {
              type: 'object',
              required: ['type', 'id'],
              properties: {
                type: {
                  anyOf: [
                    { type: 'string', const: 'user' },
                    { type: 'string', const: 'api_key' },
                    { type: 'string', const: 'anonymous' },
                    { type: 'string', const: 'system' },
                  ],
                },
                id: {
                  anyOf: [{ type: 'null' }, { type: 'string' }],
                  description: 'User id or key id; null for anonymous and system',
                },
              },
              additionalProperties: false,
            },
            subject: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['type', 'id'],
                  properties: {
                    type: {
                      anyOf: [
                        { type: 'string', const: 'secret' },
                        { type: 'string', const: 'key' },
                        { type: 'string', const: 'member' },
                        { type: 'string', const: 'invite' },
                        { type: 'string', const: 'team' },
                        { type: 'string', const: 'passkey' },
                        { type: 'string', const: 'session' },
                        { type: 'string', const: 'webhook' },
                        { type: 'string', const: 'domain' },
                        { type: 'string', const: 'address' },
                        { type: 'string', const: 'org' },
                      ],
                    },
                    id: { type: 'string' },
                  },
                  additionalProperties: false,
                },
              ],
            },
            outcome: {
              anyOf: [
                { type: 'string', const: 'ok' },
                { type: 'string', const: 'failed' },
                { type: 'string', const: 'refused' },
              ],
            },
            details: {
              type: 'object',
              properties: {},
              additionalProperties: {
                anyOf: [
                  { type: 'string' },
                  { type: 'number' },
                  { type: 'boolean' },
                  { type: 'array', items: { type: 'string' } },
                ],
              },
              description: 'Views left, attempts left, file index, role, …: never a secret value',
            },
            ip: {
              anyOf: [{ type: 'null' }, { type: 'string' }],
              description: 'The client address, only with BURNLINK_AUDIT_IPS=on',
            },
            prev_hash: {
              type: 'string',
              pattern: '^[0-9a-f]{64}$',
              description: "The hash of the organisation's previous record",
            },
            hash: {
              type: 'string',
              pattern: '^[0-9a-f]{64}$',
              description: 'SHA-256(prev_hash || canonical JSON)',
            },
          },
          additionalProperties: false,
        },
      },
      next: {
        anyOf: [{ type: 'null' }, { type: 'integer' }],
        description: 'Pass as `after` for the next page; null on the last page',
      },
    },
    additionalProperties: false,
  },
  WebAuthnResponse: {
    type: 'object',
    required: ['id', 'rawId', 'type', 'response'],
    properties: {
      id: {
        type: 'string',
        minLength: 1,
        maxLength: 1400,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Credential id',
      },
      rawId: { type: 'string', maxLength: 1400 },
      type: { type: 'string', const: 'public-key' },
      response: {
        type: 'object',
        required: ['clientDataJSON'],
        properties: { clientDataJSON: { type: 'string', maxLength: 10000 } },
        additionalProperties: true,
      },
    },
    additionalProperties: true,
  },
  PasskeyRegisterOptionsBody: {
    type: 'object',
    properties: {
      invite: { type: 'string', minLength: 1, maxLength: 200, description: 'The invite token' },
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        description: 'Your name, for a person who joins with the invite',
      },
    },
    additionalProperties: false,
  },
  WebAuthnOptions: {
    type: 'object',
    required: ['challenge'],
    properties: { challenge: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } },
    additionalProperties: true,
  },
  PasskeyRegisterBody: {
    type: 'object',
    required: ['response', 'name'],
    properties: {
      response: {
        type: 'object',
        required: ['id', 'rawId', 'type', 'response'],
        properties: {
          id: {
            type: 'string',
            minLength: 1,
            maxLength: 1400,
            pattern: '^[A-Za-z0-9_-]+$',
            description: 'Credential id',
          },
          rawId: { type: 'string', maxLength: 1400 },
          type: { type: 'string', const: 'public-key' },
          response: {
            type: 'object',
            required: ['clientDataJSON'],
            properties: { clientDataJSON: { type: 'string', maxLength: 10000 } },
            additionalProperties: true,
          },
        },
        additionalProperties: true,
      },
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        description: 'A name for this passkey, e.g. "Chrome on macOS"',
      },
    },
    additionalProperties: false,
  },
  PasskeySignInBody: {
    type: 'object',
    required: ['response'],
    properties: {
      response: {
        type: 'object',
        required: ['id', 'rawId', 'type', 'response'],
        properties: {
          id: {
            type: 'string',
            minLength: 1,
            maxLength: 1400,
            pattern: '^[A-Za-z0-9_-]+$',
            description: 'Credential id',
          },
          rawId: { type: 'string', maxLength: 1400 },
          type: { type: 'string', const: 'public-key' },
          response: {
            type: 'object',
            required: ['clientDataJSON'],
            properties: { clientDataJSON: { type: 'string', maxLength: 10000 } },
            additionalProperties: true,
          },
        },
        additionalProperties: true,
      },
    },
    additionalProperties: false,
  },
  PasskeyView: {
    type: 'object',
    required: ['id', 'name', 'created_at', 'last_used_at'],
    properties: {
      id: { type: 'string', description: 'Credential id' },
      name: { type: 'string' },
      created_at: { type: 'string', format: 'date-time', description: 'When it was registered' },
      last_used_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it last signed in' },
        ],
      },
    },
    additionalProperties: false,
  },
  PasskeyList: {
    type: 'object',
    required: ['passkeys'],
    properties: {
      passkeys: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'created_at', 'last_used_at'],
          properties: {
            id: { type: 'string', description: 'Credential id' },
            name: { type: 'string' },
            created_at: { type: 'string', format: 'date-time', description: 'When it was registered' },
            last_used_at: {
              anyOf: [
                { type: 'null' },
                { type: 'string', format: 'date-time', description: 'When it last signed in' },
              ],
            },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  PasskeyParams: {
    type: 'object',
    required: ['id'],
    properties: {
      id: {
        type: 'string',
        minLength: 1,
        maxLength: 1400,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Credential id',
      },
    },
  },
  SignedInReply: {
    type: 'object',
    required: ['user', 'org', 'role', 'csrf_token'],
    properties: {
      user: {
        type: 'object',
        required: ['id', 'email', 'name'],
        properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
        additionalProperties: false,
      },
      org: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        additionalProperties: false,
      },
      role: { type: 'string' },
      csrf_token: {
        anyOf: [{ type: 'null' }, { type: 'string' }],
        description:
          "The new session's CSRF token; null when a signed-in person added a passkey (same session)",
      },
      passkey: {
        type: 'object',
        required: ['id', 'name', 'created_at', 'last_used_at'],
        properties: {
          id: { type: 'string', description: 'Credential id' },
          name: { type: 'string' },
          created_at: { type: 'string', format: 'date-time', description: 'When it was registered' },
          last_used_at: {
            anyOf: [
              { type: 'null' },
              { type: 'string', format: 'date-time', description: 'When it last signed in' },
            ],
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  OidcStartQuery: {
    type: 'object',
    properties: {
      invite: { type: 'string', minLength: 1, maxLength: 200, description: 'The invite token' },
      return_to: {
        type: 'string',
        maxLength: 2000,
        description: 'A path of this site to land on; else /dashboard',
      },
    },
    additionalProperties: false,
  },
  ConfigReply: {
    type: 'object',
    required: [
      'ttl',
      'max_views',
      'max_attempts',
      'max_content_bytes',
      'kdf_iterations',
      'server_encryption',
      'key_claim',
      'files',
    ],
    properties: {
      ttl: {
        type: 'object',
        required: ['min', 'max', 'default', 'choices'],
        properties: {
          min: { type: 'integer', minimum: 0 },
          max: { type: 'integer', minimum: 0 },
          default: { type: 'integer', minimum: 0 },
          choices: { type: 'array', items: { type: 'integer', minimum: 0 } },
        },
        additionalProperties: false,
      },
      max_views: {
        type: 'object',
        required: ['max', 'default'],
        properties: { max: { type: 'integer', minimum: 0 }, default: { type: 'integer', minimum: 0 } },
        additionalProperties: false,
      },
      max_attempts: { type: 'integer', minimum: 0 },
      max_content_bytes: { type: 'integer', minimum: 0 },
      kdf_iterations: { type: 'integer', minimum: 0 },
      server_encryption: { type: 'boolean' },
      key_claim: { type: 'boolean' },
      files: {
        type: 'object',
        required: ['max_files', 'max_file_bytes', 'max_secret_bytes'],
        properties: {
          max_files: { type: 'integer', minimum: 0, description: '0 when files are turned off' },
          max_file_bytes: { type: 'integer', minimum: 0, description: 'Plaintext bytes per file' },
          max_secret_bytes: {
            type: 'integer',
            minimum: 0,
            description: 'Plaintext bytes of all files of a secret',
          },
        },
        additionalProperties: false,
      },
      uploads: {
        type: 'object',
        required: ['stale_after_seconds', 'budget'],
        properties: {
          stale_after_seconds: {
            type: 'integer',
            minimum: 0,
            description: 'An unfinished upload that makes no progress for this long expires with its secret',
          },
          budget: {
            anyOf: [
              {
                type: 'object',
                required: ['bytes', 'window_seconds'],
                properties: {
                  bytes: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Upload bytes one client address may send per window',
                  },
                  window_seconds: { type: 'integer', minimum: 0 },
                },
                additionalProperties: false,
              },
              { type: 'null' },
            ],
            description: 'null when there is no per-address upload budget',
          },
        },
        additionalProperties: false,
      },
      auth: {
        type: 'object',
        required: ['anonymous_create', 'oidc', 'passkeys'],
        properties: {
          anonymous_create: {
            type: 'boolean',
            description: 'false: creating a secret needs a session or a key',
          },
          oidc: {
            anyOf: [
              {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string' } },
                additionalProperties: false,
              },
              { type: 'null' },
            ],
            description: 'The identity provider offered as "Sign in with {name}", or null',
          },
          passkeys: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      restrictions: {
        type: 'object',
        required: ['verification', 'countries'],
        properties: {
          verification: { type: 'boolean', description: 'Recipient verification: the server can send mail' },
          countries: { type: 'boolean', description: 'Country rules: the server has a GeoIP database' },
        },
        additionalProperties: false,
      },
      policy: {
        anyOf: [
          {
            type: 'object',
            required: [
              'members_only',
              'max_ttl',
              'max_views',
              'passphrase_required',
              'passphrase_min_length',
              'verification_required',
              'recipient_domains',
              'networks',
              'countries',
              'office_hours',
              'server_encryption',
              'key_claim',
              'requests',
            ],
            properties: {
              members_only: {
                type: 'boolean',
                description: 'Only members create: API keys whose creator is no longer a member are refused',
              },
              max_ttl: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }], description: 'Seconds' },
              max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }] },
              passphrase_required: { type: 'boolean' },
              passphrase_min_length: {
                anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 1024 }],
              },
              verification_required: {
                type: 'boolean',
                description: 'Every secret names recipients who confirm a code',
              },
              recipient_domains: {
                type: 'array',
                items: { type: 'string', minLength: 1, maxLength: 253 },
                maxItems: 100,
                description: 'Recipient addresses must be at one of these domains; [] allows any',
              },
              networks: {
                anyOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    required: ['cidrs', 'enforce'],
                    properties: {
                      cidrs: {
                        type: 'array',
                        items: { type: 'string', minLength: 2, maxLength: 49 },
                        minItems: 1,
                        maxItems: 50,
                      },
                      enforce: {
                        anyOf: [
                          { type: 'string', const: 'default' },
                          { type: 'string', const: 'required' },
                        ],
                        description:
                          'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                      },
                    },
                    additionalProperties: false,
                  },
                ],
              },
              countries: {
                anyOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    required: ['allow', 'enforce'],
                    properties: {
                      allow: {
                        type: 'array',
                        items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
                        minItems: 1,
                        maxItems: 250,
                      },
                      enforce: {
                        anyOf: [
                          { type: 'string', const: 'default' },
                          { type: 'string', const: 'required' },
                        ],
                        description:
                          'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                      },
                    },
                    additionalProperties: false,
                  },
                ],
              },
              office_hours: {
                anyOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    required: ['hours', 'enforce'],
                    properties: {
                      hours: {
                        type: 'object',
                        required: ['days', 'start', 'end', 'time_zone'],
                        properties: {
                          days: {
                            type: 'array',
                            items: {
                              anyOf: [
                                { type: 'string', const: 'mon' },
                                { type: 'string', const: 'tue' },
                                { type: 'string', const: 'wed' },
                                { type: 'string', const: 'thu' },
                                { type: 'string', const: 'fri' },
                                { type: 'string', const: 'sat' },
                                { type: 'string', const: 'sun' },
                              ],
                            },
                            minItems: 1,
                            maxItems: 7,
                            uniqueItems: true,
                            description: 'Weekdays: mon … sun',
                          },
                          start: {
                            type: 'string',
                            pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                            description: 'HH:MM, local time',
                          },
                          end: {
                            type: 'string',
                            pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                            description: 'HH:MM, local time, after start (24:00 allowed)',
                          },
                          time_zone: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 64,
                            description: 'IANA time zone, e.g. Europe/Amsterdam',
                          },
                        },
                        additionalProperties: false,
                      },
                      enforce: {
                        anyOf: [
                          { type: 'string', const: 'default' },
                          { type: 'string', const: 'required' },
                        ],
                        description:
                          'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                      },
                    },
                    additionalProperties: false,
                  },
                ],
              },
              server_encryption: {
                type: 'boolean',
                description: 'false: members must encrypt on the client',
              },
              key_claim: {
                type: 'boolean',
                description: 'false: secrets of the organisation cannot be claimed with the link key',
              },
              requests: {
                anyOf: [
                  { type: 'string', const: 'everyone' },
                  { type: 'string', const: 'members' },
                  { type: 'string', const: 'nobody' },
                ],
                description:
                  'Who may create requests for a secret: everyone who may create secrets, members only (not keys whose creator left), or nobody',
              },
            },
            additionalProperties: false,
          },
          { type: 'null' },
        ],
        description: "Signed in or with a key: the organisation's policy (null: none set)",
      },
    },
    additionalProperties: false,
  },
  HealthReply: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', const: 'ok' } },
    additionalProperties: false,
  },
  DOMAIN_STATES: ['pending', 'active', 'suspended'],
  DOMAIN_CHECK_RESULTS: ['verified', 'no_record', 'wrong_record', 'dns_error', 'taken'],
  DOMAIN_TXT_PREFIX: '_burnlink.',
  DOMAIN_TXT_VALUE_PREFIX: 'burnlink-verify=',
  AddDomainBody: {
    type: 'object',
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 253,
        description:
          'A host name of at least two labels, such as `secrets.acme.example` (Unicode names are stored in their ASCII form); not an IP address, not this instance’s own host',
      },
    },
    additionalProperties: false,
  },
  DomainCheck: {
    type: 'object',
    required: ['at', 'result'],
    properties: {
      at: { type: 'string', format: 'date-time', description: 'When the check ran' },
      result: {
        anyOf: [
          { type: 'string', const: 'verified' },
          { type: 'string', const: 'no_record' },
          { type: 'string', const: 'wrong_record' },
          { type: 'string', const: 'dns_error' },
          { type: 'string', const: 'taken' },
        ],
        description:
          '`verified`; `no_record` (no TXT record at the name); `wrong_record` (TXT records, none with this token); `dns_error` (the resolvers failed, nothing was decided); `taken` (another organisation verified this name first)',
      },
    },
    additionalProperties: false,
  },
  DomainInfo: {
    type: 'object',
    required: [
      'id',
      'name',
      'state',
      'txt_record',
      'created_at',
      'verified_at',
      'last_check',
      'missing_since',
      'suspended_at',
    ],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Domain id' },
      name: { type: 'string', description: 'The host name, lower case, ASCII (punycode for Unicode names)' },
      state: {
        anyOf: [
          { type: 'string', const: 'pending' },
          { type: 'string', const: 'active' },
          { type: 'string', const: 'suspended' },
        ],
        description:
          '`pending` until the TXT record is found; `active` while it is served; `suspended` once the record has been missing for the grace period',
      },
      txt_record: {
        type: 'object',
        required: ['name', 'value'],
        properties: {
          name: { type: 'string', description: '`_burnlink.<domain>`' },
          value: { type: 'string', description: '`burnlink-verify=<token>`' },
        },
        additionalProperties: false,
        description: 'The record to publish',
      },
      created_at: { type: 'string', format: 'date-time', description: 'Added' },
      verified_at: {
        anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'First verified' }],
      },
      last_check: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['at', 'result'],
            properties: {
              at: { type: 'string', format: 'date-time', description: 'When the check ran' },
              result: {
                anyOf: [
                  { type: 'string', const: 'verified' },
                  { type: 'string', const: 'no_record' },
                  { type: 'string', const: 'wrong_record' },
                  { type: 'string', const: 'dns_error' },
                  { type: 'string', const: 'taken' },
                ],
                description:
                  '`verified`; `no_record` (no TXT record at the name); `wrong_record` (TXT records, none with this token); `dns_error` (the resolvers failed, nothing was decided); `taken` (another organisation verified this name first)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      missing_since: {
        anyOf: [
          { type: 'null' },
          {
            type: 'string',
            format: 'date-time',
            description: 'An active domain whose record went missing: since when',
          },
        ],
        description:
          'Set while the record is missing; the domain is suspended once the grace period has passed',
      },
      suspended_at: {
        anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'Suspended' }],
      },
    },
    additionalProperties: false,
  },
  DomainListReply: {
    type: 'object',
    required: ['domains'],
    properties: {
      domains: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'name',
            'state',
            'txt_record',
            'created_at',
            'verified_at',
            'last_check',
            'missing_since',
            'suspended_at',
          ],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Domain id' },
            name: {
              type: 'string',
              description: 'The host name, lower case, ASCII (punycode for Unicode names)',
            },
            state: {
              anyOf: [
                { type: 'string', const: 'pending' },
                { type: 'string', const: 'active' },
                { type: 'string', const: 'suspended' },
              ],
              description:
                '`pending` until the TXT record is found; `active` while it is served; `suspended` once the record has been missing for the grace period',
            },
            txt_record: {
              type: 'object',
              required: ['name', 'value'],
              properties: {
                name: { type: 'string', description: '`_burnlink.<domain>`' },
                value: { type: 'string', description: '`burnlink-verify=<token>`' },
              },
              additionalProperties: false,
              description: 'The record to publish',
            },
            created_at: { type: 'string', format: 'date-time', description: 'Added' },
            verified_at: {
              anyOf: [
                { type: 'null' },
                { type: 'string', format: 'date-time', description: 'First verified' },
              ],
            },
            last_check: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['at', 'result'],
                  properties: {
                    at: { type: 'string', format: 'date-time', description: 'When the check ran' },
                    result: {
                      anyOf: [
                        { type: 'string', const: 'verified' },
                        { type: 'string', const: 'no_record' },
                        { type: 'string', const: 'wrong_record' },
                        { type: 'string', const: 'dns_error' },
                        { type: 'string', const: 'taken' },
                      ],
                      description:
                        '`verified`; `no_record` (no TXT record at the name); `wrong_record` (TXT records, none with this token); `dns_error` (the resolvers failed, nothing was decided); `taken` (another organisation verified this name first)',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            missing_since: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'string',
                  format: 'date-time',
                  description: 'An active domain whose record went missing: since when',
                },
              ],
              description:
                'Set while the record is missing; the domain is suspended once the grace period has passed',
            },
            suspended_at: {
              anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'Suspended' }],
            },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  DomainParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Domain id' } },
  },
  AllowedDomainQuery: {
    type: 'object',
    required: ['domain'],
    properties: {
      domain: { type: 'string', minLength: 1, maxLength: 300, description: 'The host name Caddy asks about' },
    },
    additionalProperties: false,
  },
  AllowedDomainReply: {
    type: 'object',
    required: ['allowed'],
    properties: { allowed: { type: 'boolean', const: true } },
    additionalProperties: false,
  },
  BRANDING_LANGUAGES: [
    'en',
    'nl',
    'sv',
    'de',
    'fr',
    'es',
    'it',
    'pl',
    'pt-BR',
    'uk',
    'ja',
    'ko',
    'zh-CN',
    'ar',
    'he',
    'tr',
  ],
  ACCENT_PATTERN: '^#[0-9a-fA-F]{6}$',
  LOGO_MAX_BYTES: 65536,
  LOGO_TYPES: ['image/svg+xml', 'image/png'],
  BrandingBody: {
    type: 'object',
    required: ['name', 'accent', 'support', 'language'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 80,
        description: 'Shown in the header of branded pages',
      },
      accent: {
        anyOf: [{ type: 'null' }, { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }],
        description: '`#rrggbb`, or null for burnlink’s own',
      },
      support: {
        anyOf: [{ type: 'null' }, { type: 'string', minLength: 1, maxLength: 200 }],
        description: 'Support contact shown in the footer: an email address or an https:// URL, or null',
      },
      language: {
        anyOf: [{ type: 'null' }, { type: 'string', minLength: 2, maxLength: 10 }],
        description: 'Default language of branded pages (one of the web app’s locales), or null',
      },
    },
    additionalProperties: false,
  },
  BrandingReply: {
    type: 'object',
    required: ['branding', 'logo', 'updated_at'],
    properties: {
      branding: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['name', 'accent', 'support', 'language'],
            properties: {
              name: {
                type: 'string',
                minLength: 1,
                maxLength: 80,
                description: 'Shown in the header of branded pages',
              },
              accent: {
                anyOf: [{ type: 'null' }, { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }],
                description: '`#rrggbb`, or null for burnlink’s own',
              },
              support: {
                anyOf: [{ type: 'null' }, { type: 'string', minLength: 1, maxLength: 200 }],
                description:
                  'Support contact shown in the footer: an email address or an https:// URL, or null',
              },
              language: {
                anyOf: [{ type: 'null' }, { type: 'string', minLength: 2, maxLength: 10 }],
                description: 'Default language of branded pages (one of the web app’s locales), or null',
              },
            },
            additionalProperties: false,
          },
        ],
        description: 'null until branding is set',
      },
      logo: {
        anyOf: [
          { type: 'null' },
          { type: 'string', const: 'image/svg+xml' },
          { type: 'string', const: 'image/png' },
        ],
        description: 'The logo’s type, or null when there is none',
      },
      updated_at: {
        anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time', description: 'Last change' }],
      },
    },
    additionalProperties: false,
  },
  HostBrandingReply: {
    type: 'object',
    required: ['branding'],
    properties: {
      branding: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['domain', 'name', 'accent', 'support', 'language', 'logo_url'],
            properties: {
              domain: { type: 'string' },
              name: { type: 'string' },
              accent: { anyOf: [{ type: 'null' }, { type: 'string' }] },
              support: { anyOf: [{ type: 'null' }, { type: 'string' }] },
              language: { anyOf: [{ type: 'null' }, { type: 'string' }] },
              logo_url: {
                anyOf: [{ type: 'null' }, { type: 'string', description: 'Same-origin path of the logo' }],
              },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
  },
  LogoBody: {
    type: 'object',
    required: ['type', 'data'],
    properties: {
      type: {
        anyOf: [
          { type: 'string', const: 'image/svg+xml' },
          { type: 'string', const: 'image/png' },
        ],
      },
      data: { type: 'string', minLength: 1, maxLength: 131072, description: 'The image, base64' },
    },
    additionalProperties: false,
  },
  ErrorBody: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stable error code, listed in docs/errors.md' },
          message: { type: 'string' },
          attempts_left: {
            type: 'integer',
            minimum: 0,
            description: 'On wrong_passphrase and verification_code_invalid',
          },
          opens_at: {
            type: 'string',
            format: 'date-time',
            description: 'On outside_office_hours: the next opening',
          },
          rule: { type: 'string', description: 'On policy_violation: the policy field broken' },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    description: 'Every error response',
  },
  FileParams: {
    type: 'object',
    required: ['id'],
    properties: {
      id: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
        description: 'File id (from the claim reply)',
      },
    },
  },
  FileRequestHeaders: {
    type: 'object',
    required: ['authorization'],
    properties: {
      authorization: { type: 'string', pattern: '^Bearer [A-Za-z0-9_-]{43}$', description: 'Bearer <grant>' },
      range: { type: 'string', pattern: '^bytes=\\d{1,15}-\\d{0,15}$' },
    },
  },
  FileReplyHeaders: {
    type: 'object',
    required: ['content-type', 'content-length', 'accept-ranges', 'content-disposition'],
    properties: {
      'content-type': { type: 'string', const: 'application/octet-stream' },
      'content-length': { type: 'string', pattern: '^\\d{1,15}$' },
      'accept-ranges': { type: 'string', const: 'bytes' },
      'content-disposition': { type: 'string', const: 'attachment' },
      'content-range': { type: 'string', pattern: '^bytes \\d{1,15}-\\d{1,15}/\\d{1,15}$' },
    },
  },
  B64U_16_BYTES: '^[A-Za-z0-9_-]{21}[AQgw]$',
  B64U_32_BYTES: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
  B64U_PATTERN: '^[A-Za-z0-9_-]+$',
  ReceiptParams: {
    type: 'object',
    required: ['receipt'],
    properties: {
      receipt: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
        description: 'Receipt token (from the receipt link)',
      },
    },
  },
  ReceiptState: {
    anyOf: [
      { type: 'string', const: 'pending' },
      { type: 'string', const: 'viewed' },
      { type: 'string', const: 'burned' },
      { type: 'string', const: 'expired' },
      { type: 'string', const: 'locked' },
    ],
  },
  ReceiptDownload: {
    type: 'object',
    required: ['file', 'at'],
    properties: {
      file: { type: 'integer', minimum: 0, description: 'File index' },
      at: { type: 'string', format: 'date-time', description: 'Download completed' },
    },
    additionalProperties: false,
  },
  ReceiptReply: {
    type: 'object',
    required: [
      'state',
      'created_at',
      'expires_at',
      'max_views',
      'views_left',
      'viewed_at',
      'failed_attempts',
      'max_attempts',
      'passphrase',
      'ended_at',
      'downloads',
    ],
    properties: {
      state: {
        anyOf: [
          { type: 'string', const: 'pending' },
          { type: 'string', const: 'viewed' },
          { type: 'string', const: 'burned' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'locked' },
        ],
      },
      created_at: { type: 'string', format: 'date-time', description: 'When the secret was created' },
      expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'When the secret expires (or expired)',
      },
      max_views: { type: 'integer', minimum: 0 },
      views_left: { type: 'integer', minimum: 0 },
      viewed_at: {
        type: 'array',
        items: { type: 'string', format: 'date-time', description: 'One entry per view' },
      },
      failed_attempts: { type: 'integer', minimum: 0 },
      max_attempts: { type: 'integer', minimum: 0 },
      passphrase: { type: 'boolean' },
      ended_at: {
        anyOf: [
          { type: 'null' },
          {
            type: 'string',
            format: 'date-time',
            description: 'When the secret was burned, locked or expired',
          },
        ],
      },
      downloads: {
        type: 'array',
        items: {
          type: 'object',
          required: ['file', 'at'],
          properties: {
            file: { type: 'integer', minimum: 0, description: 'File index' },
            at: { type: 'string', format: 'date-time', description: 'Download completed' },
          },
          additionalProperties: false,
        },
        description: 'Completed file downloads, oldest first',
      },
    },
    additionalProperties: false,
  },
  SEALED_KEY_BYTES: 80,
  REQUEST_DESCRIPTION_MAX_CHARS: 16384,
  RequestIdParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Request id' } },
  },
  RequestReceiptParams: {
    type: 'object',
    required: ['receipt'],
    properties: {
      receipt: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Request receipt token' },
    },
  },
  RequestState: {
    anyOf: [
      { type: 'string', const: 'waiting' },
      { type: 'string', const: 'answered' },
      { type: 'string', const: 'read' },
      { type: 'string', const: 'expired' },
      { type: 'string', const: 'burned' },
    ],
  },
  RequestCreated: {
    type: 'object',
    required: ['id', 'receipt', 'expires_at'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Request id' },
      receipt: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
        description: 'Receipt: the requester keeps it to see and burn the request',
      },
      expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'When the request stops accepting a response',
      },
    },
    additionalProperties: false,
  },
  RequestPublic: {
    type: 'object',
    required: ['public_key', 'description', 'expires_at', 'response_ttl'],
    properties: {
      public_key: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'X25519 public key to seal the response key to',
      },
      description: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Stream 0 under Q' },
      expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'When the request stops accepting a response',
      },
      response_ttl: { type: 'integer', minimum: 0, description: 'Seconds the response will wait to be read' },
    },
    additionalProperties: false,
  },
  RespondBody: {
    type: 'object',
    required: ['token', 'sealed_key', 'verifier', 'kdf', 'content'],
    properties: {
      token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'Respond token derived from Q',
      },
      sealed_key: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'b64u, 80 bytes: HPKE enc || sealed K',
      },
      verifier: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'b64u(SHA-256(T)) of the response key K',
      },
      link_verifier: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'With a passphrase: b64u(SHA-256(L))',
      },
      kdf: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['name', 'salt', 'iterations'],
            properties: {
              name: { type: 'string', const: 'PBKDF2-SHA-256' },
              salt: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'b64u, 16 bytes' },
              iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
            },
            additionalProperties: false,
            description: 'Passphrase key derivation parameters',
          },
        ],
      },
      content: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Stream 0 of the response' },
      files: {
        type: 'array',
        items: {
          type: 'object',
          required: ['size'],
          properties: { size: { type: 'integer', minimum: 0, maximum: 9007199254740991 } },
          additionalProperties: false,
        },
        maxItems: 1000,
      },
    },
    additionalProperties: false,
  },
  RequestResponded: {
    type: 'object',
    required: ['expires_at'],
    properties: {
      expires_at: { type: 'string', format: 'date-time', description: 'When the response expires unread' },
      uploads: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'url', 'size'],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Upload id' },
            url: { type: 'string', description: 'tus upload URL (path)' },
            size: { type: 'integer', minimum: 0, description: 'Ciphertext bytes to upload' },
          },
          additionalProperties: false,
        },
        description: 'With files: one tus upload per file, as for a secret',
      },
    },
    additionalProperties: false,
  },
  InboxBody: {
    type: 'object',
    required: ['inbox_token'],
    properties: {
      inbox_token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'Inbox token derived from the inbox key',
      },
    },
    additionalProperties: false,
  },
  RequestReceiptReply: {
    type: 'object',
    required: ['state', 'created_at', 'expires_at', 'answered_at', 'read_at', 'ended_at'],
    properties: {
      state: {
        anyOf: [
          { type: 'string', const: 'waiting' },
          { type: 'string', const: 'answered' },
          { type: 'string', const: 'read' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'burned' },
        ],
      },
      created_at: { type: 'string', format: 'date-time', description: 'When the request was made' },
      expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'When the request stops (stopped) accepting a response',
      },
      answered_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When the response was given' },
        ],
      },
      read_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When the response was read' },
        ],
      },
      ended_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it was burned or expired' },
        ],
      },
    },
    additionalProperties: false,
  },
  RequestInbox: {
    type: 'object',
    required: ['state', 'created_at', 'expires_at', 'answered_at', 'read_at', 'ended_at'],
    properties: {
      state: {
        anyOf: [
          { type: 'string', const: 'waiting' },
          { type: 'string', const: 'answered' },
          { type: 'string', const: 'read' },
          { type: 'string', const: 'expired' },
          { type: 'string', const: 'burned' },
        ],
      },
      created_at: { type: 'string', format: 'date-time', description: 'When the request was made' },
      expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'When the request stops (stopped) accepting a response',
      },
      answered_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When the response was given' },
        ],
      },
      read_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When the response was read' },
        ],
      },
      ended_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it was burned or expired' },
        ],
      },
      sealed_key: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'State answered only' },
      response: {
        type: 'object',
        required: ['expires_at', 'max_views', 'views_left', 'kdf', 'size', 'files'],
        properties: {
          expires_at: { type: 'string', format: 'date-time', description: 'When the secret expires' },
          max_views: { type: 'integer', minimum: 0 },
          views_left: { type: 'integer', minimum: 0 },
          kdf: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['name', 'salt', 'iterations'],
                properties: {
                  name: { type: 'string', const: 'PBKDF2-SHA-256' },
                  salt: {
                    type: 'string',
                    pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
                    description: 'b64u, 16 bytes',
                  },
                  iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
                },
                additionalProperties: false,
                description: 'Passphrase key derivation parameters',
              },
            ],
          },
          size: { type: 'integer', minimum: 0, description: 'Byte length of the content ciphertext' },
          files: { type: 'integer', minimum: 0, description: 'Number of attached files' },
          requires: {
            type: 'object',
            properties: {
              verification: {
                type: 'object',
                required: ['recipients'],
                properties: {
                  recipients: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'Masked hints, in order',
                  },
                },
                additionalProperties: false,
              },
              network: { type: 'boolean', const: true },
              office_hours: { type: 'boolean', const: true },
              country: { type: 'boolean', const: true },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  RESTRICTION_LIMITS: { recipients: 10, networks: 50, countries: 250 },
  WEEKDAYS: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  CLOCK_PATTERN: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  COUNTRY_PATTERN: '^[A-Z]{2}$',
  OfficeHours: {
    type: 'object',
    required: ['days', 'start', 'end', 'time_zone'],
    properties: {
      days: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', const: 'mon' },
            { type: 'string', const: 'tue' },
            { type: 'string', const: 'wed' },
            { type: 'string', const: 'thu' },
            { type: 'string', const: 'fri' },
            { type: 'string', const: 'sat' },
            { type: 'string', const: 'sun' },
          ],
        },
        minItems: 1,
        maxItems: 7,
        uniqueItems: true,
        description: 'Weekdays: mon … sun',
      },
      start: {
        type: 'string',
        pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
        description: 'HH:MM, local time',
      },
      end: {
        type: 'string',
        pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
        description: 'HH:MM, local time, after start (24:00 allowed)',
      },
      time_zone: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        description: 'IANA time zone, e.g. Europe/Amsterdam',
      },
    },
    additionalProperties: false,
  },
  CountryRule: {
    type: 'object',
    properties: {
      allow: {
        type: 'array',
        items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
        minItems: 1,
        maxItems: 250,
      },
      deny: {
        type: 'array',
        items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
        minItems: 1,
        maxItems: 250,
      },
    },
    additionalProperties: false,
    description: 'Exactly one of allow or deny',
  },
  Restrictions: {
    type: 'object',
    properties: {
      recipients: {
        type: 'array',
        items: { type: 'string', minLength: 3, maxLength: 254, description: 'An email address' },
        minItems: 1,
        maxItems: 10,
        description: 'Recipient verification: one of these addresses must confirm a mailed 6-digit code',
      },
      networks: {
        type: 'array',
        items: { type: 'string', minLength: 2, maxLength: 49, description: 'CIDR, IPv4 or IPv6' },
        minItems: 1,
        maxItems: 50,
        description: 'The client address must be in one of these networks',
      },
      office_hours: {
        type: 'object',
        required: ['days', 'start', 'end', 'time_zone'],
        properties: {
          days: {
            type: 'array',
            items: {
              anyOf: [
                { type: 'string', const: 'mon' },
                { type: 'string', const: 'tue' },
                { type: 'string', const: 'wed' },
                { type: 'string', const: 'thu' },
                { type: 'string', const: 'fri' },
                { type: 'string', const: 'sat' },
                { type: 'string', const: 'sun' },
              ],
            },
            minItems: 1,
            maxItems: 7,
            uniqueItems: true,
            description: 'Weekdays: mon … sun',
          },
          start: {
            type: 'string',
            pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
            description: 'HH:MM, local time',
          },
          end: {
            type: 'string',
            pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
            description: 'HH:MM, local time, after start (24:00 allowed)',
          },
          time_zone: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            description: 'IANA time zone, e.g. Europe/Amsterdam',
          },
        },
        additionalProperties: false,
      },
      countries: {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
            minItems: 1,
            maxItems: 250,
          },
          deny: {
            type: 'array',
            items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
            minItems: 1,
            maxItems: 250,
          },
        },
        additionalProperties: false,
        description: 'Exactly one of allow or deny',
      },
    },
    additionalProperties: false,
  },
  PeekRequires: {
    type: 'object',
    properties: {
      verification: {
        type: 'object',
        required: ['recipients'],
        properties: {
          recipients: { type: 'array', items: { type: 'string' }, description: 'Masked hints, in order' },
        },
        additionalProperties: false,
      },
      network: { type: 'boolean', const: true },
      office_hours: { type: 'boolean', const: true },
      country: { type: 'boolean', const: true },
    },
    additionalProperties: false,
  },
  VerificationBody: {
    type: 'object',
    required: ['recipient'],
    properties: {
      recipient: { type: 'integer', minimum: 0, maximum: 9 },
      token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'Without a passphrase: b64u(T)',
      },
      link_token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'With a passphrase: b64u(L)',
      },
      key: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'The part of the link after #',
      },
    },
    additionalProperties: false,
    description: 'recipient, and exactly one of token, link_token or key',
  },
  VerificationReply: {
    type: 'object',
    required: ['sent_to', 'expires_at', 'tries'],
    properties: {
      sent_to: { type: 'string', description: 'The masked hint of the address the code went to' },
      expires_at: { type: 'string', format: 'date-time', description: 'When the code expires' },
      tries: {
        type: 'integer',
        minimum: 0,
        description: 'Wrong codes allowed before this code stops working',
      },
    },
    additionalProperties: false,
  },
  OrgPolicy: {
    type: 'object',
    required: [
      'members_only',
      'max_ttl',
      'max_views',
      'passphrase_required',
      'passphrase_min_length',
      'verification_required',
      'recipient_domains',
      'networks',
      'countries',
      'office_hours',
      'server_encryption',
      'key_claim',
      'requests',
    ],
    properties: {
      members_only: {
        type: 'boolean',
        description: 'Only members create: API keys whose creator is no longer a member are refused',
      },
      max_ttl: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }], description: 'Seconds' },
      max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }] },
      passphrase_required: { type: 'boolean' },
      passphrase_min_length: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 1024 }] },
      verification_required: {
        type: 'boolean',
        description: 'Every secret names recipients who confirm a code',
      },
      recipient_domains: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 253 },
        maxItems: 100,
        description: 'Recipient addresses must be at one of these domains; [] allows any',
      },
      networks: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['cidrs', 'enforce'],
            properties: {
              cidrs: {
                type: 'array',
                items: { type: 'string', minLength: 2, maxLength: 49 },
                minItems: 1,
                maxItems: 50,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      countries: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['allow', 'enforce'],
            properties: {
              allow: {
                type: 'array',
                items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
                minItems: 1,
                maxItems: 250,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      office_hours: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['hours', 'enforce'],
            properties: {
              hours: {
                type: 'object',
                required: ['days', 'start', 'end', 'time_zone'],
                properties: {
                  days: {
                    type: 'array',
                    items: {
                      anyOf: [
                        { type: 'string', const: 'mon' },
                        { type: 'string', const: 'tue' },
                        { type: 'string', const: 'wed' },
                        { type: 'string', const: 'thu' },
                        { type: 'string', const: 'fri' },
                        { type: 'string', const: 'sat' },
                        { type: 'string', const: 'sun' },
                      ],
                    },
                    minItems: 1,
                    maxItems: 7,
                    uniqueItems: true,
                    description: 'Weekdays: mon … sun',
                  },
                  start: {
                    type: 'string',
                    pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                    description: 'HH:MM, local time',
                  },
                  end: {
                    type: 'string',
                    pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                    description: 'HH:MM, local time, after start (24:00 allowed)',
                  },
                  time_zone: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 64,
                    description: 'IANA time zone, e.g. Europe/Amsterdam',
                  },
                },
                additionalProperties: false,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      server_encryption: { type: 'boolean', description: 'false: members must encrypt on the client' },
      key_claim: {
        type: 'boolean',
        description: 'false: secrets of the organisation cannot be claimed with the link key',
      },
      requests: {
        anyOf: [
          { type: 'string', const: 'everyone' },
          { type: 'string', const: 'members' },
          { type: 'string', const: 'nobody' },
        ],
        description:
          'Who may create requests for a secret: everyone who may create secrets, members only (not keys whose creator left), or nobody',
      },
    },
    additionalProperties: false,
  },
  OrgPolicyBody: {
    type: 'object',
    required: [
      'members_only',
      'max_ttl',
      'max_views',
      'passphrase_required',
      'passphrase_min_length',
      'verification_required',
      'recipient_domains',
      'networks',
      'countries',
      'office_hours',
      'server_encryption',
      'key_claim',
    ],
    properties: {
      members_only: {
        type: 'boolean',
        description: 'Only members create: API keys whose creator is no longer a member are refused',
      },
      max_ttl: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }], description: 'Seconds' },
      max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }] },
      passphrase_required: { type: 'boolean' },
      passphrase_min_length: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 1024 }] },
      verification_required: {
        type: 'boolean',
        description: 'Every secret names recipients who confirm a code',
      },
      recipient_domains: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 253 },
        maxItems: 100,
        description: 'Recipient addresses must be at one of these domains; [] allows any',
      },
      networks: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['cidrs', 'enforce'],
            properties: {
              cidrs: {
                type: 'array',
                items: { type: 'string', minLength: 2, maxLength: 49 },
                minItems: 1,
                maxItems: 50,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      countries: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['allow', 'enforce'],
            properties: {
              allow: {
                type: 'array',
                items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
                minItems: 1,
                maxItems: 250,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      office_hours: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['hours', 'enforce'],
            properties: {
              hours: {
                type: 'object',
                required: ['days', 'start', 'end', 'time_zone'],
                properties: {
                  days: {
                    type: 'array',
                    items: {
                      anyOf: [
                        { type: 'string', const: 'mon' },
                        { type: 'string', const: 'tue' },
                        { type: 'string', const: 'wed' },
                        { type: 'string', const: 'thu' },
                        { type: 'string', const: 'fri' },
                        { type: 'string', const: 'sat' },
                        { type: 'string', const: 'sun' },
                      ],
                    },
                    minItems: 1,
                    maxItems: 7,
                    uniqueItems: true,
                    description: 'Weekdays: mon … sun',
                  },
                  start: {
                    type: 'string',
                    pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                    description: 'HH:MM, local time',
                  },
                  end: {
                    type: 'string',
                    pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                    description: 'HH:MM, local time, after start (24:00 allowed)',
                  },
                  time_zone: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 64,
                    description: 'IANA time zone, e.g. Europe/Amsterdam',
                  },
                },
                additionalProperties: false,
              },
              enforce: {
                anyOf: [
                  { type: 'string', const: 'default' },
                  { type: 'string', const: 'required' },
                ],
                description:
                  'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
              },
            },
            additionalProperties: false,
          },
        ],
      },
      server_encryption: { type: 'boolean', description: 'false: members must encrypt on the client' },
      key_claim: {
        type: 'boolean',
        description: 'false: secrets of the organisation cannot be claimed with the link key',
      },
      requests: {
        anyOf: [
          { type: 'string', const: 'everyone' },
          { type: 'string', const: 'members' },
          { type: 'string', const: 'nobody' },
        ],
        description:
          'Who may create requests for a secret: everyone who may create secrets, members only (not keys whose creator left), or nobody',
      },
    },
    additionalProperties: false,
  },
  OPEN_POLICY: {
    members_only: false,
    max_ttl: null,
    max_views: null,
    passphrase_required: false,
    passphrase_min_length: null,
    verification_required: false,
    recipient_domains: [],
    networks: null,
    countries: null,
    office_hours: null,
    server_encryption: true,
    key_claim: true,
    requests: 'everyone',
  },
  OrgPolicyReply: {
    type: 'object',
    required: ['policy', 'updated_at'],
    properties: {
      policy: {
        type: 'object',
        required: [
          'members_only',
          'max_ttl',
          'max_views',
          'passphrase_required',
          'passphrase_min_length',
          'verification_required',
          'recipient_domains',
          'networks',
          'countries',
          'office_hours',
          'server_encryption',
          'key_claim',
          'requests',
        ],
        properties: {
          members_only: {
            type: 'boolean',
            description: 'Only members create: API keys whose creator is no longer a member are refused',
          },
          max_ttl: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }], description: 'Seconds' },
          max_views: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }] },
          passphrase_required: { type: 'boolean' },
          passphrase_min_length: {
            anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 1024 }],
          },
          verification_required: {
            type: 'boolean',
            description: 'Every secret names recipients who confirm a code',
          },
          recipient_domains: {
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: 253 },
            maxItems: 100,
            description: 'Recipient addresses must be at one of these domains; [] allows any',
          },
          networks: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['cidrs', 'enforce'],
                properties: {
                  cidrs: {
                    type: 'array',
                    items: { type: 'string', minLength: 2, maxLength: 49 },
                    minItems: 1,
                    maxItems: 50,
                  },
                  enforce: {
                    anyOf: [
                      { type: 'string', const: 'default' },
                      { type: 'string', const: 'required' },
                    ],
                    description:
                      'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                  },
                },
                additionalProperties: false,
              },
            ],
          },
          countries: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['allow', 'enforce'],
                properties: {
                  allow: {
                    type: 'array',
                    items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
                    minItems: 1,
                    maxItems: 250,
                  },
                  enforce: {
                    anyOf: [
                      { type: 'string', const: 'default' },
                      { type: 'string', const: 'required' },
                    ],
                    description:
                      'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                  },
                },
                additionalProperties: false,
              },
            ],
          },
          office_hours: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['hours', 'enforce'],
                properties: {
                  hours: {
                    type: 'object',
                    required: ['days', 'start', 'end', 'time_zone'],
                    properties: {
                      days: {
                        type: 'array',
                        items: {
                          anyOf: [
                            { type: 'string', const: 'mon' },
                            { type: 'string', const: 'tue' },
                            { type: 'string', const: 'wed' },
                            { type: 'string', const: 'thu' },
                            { type: 'string', const: 'fri' },
                            { type: 'string', const: 'sat' },
                            { type: 'string', const: 'sun' },
                          ],
                        },
                        minItems: 1,
                        maxItems: 7,
                        uniqueItems: true,
                        description: 'Weekdays: mon … sun',
                      },
                      start: {
                        type: 'string',
                        pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                        description: 'HH:MM, local time',
                      },
                      end: {
                        type: 'string',
                        pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
                        description: 'HH:MM, local time, after start (24:00 allowed)',
                      },
                      time_zone: {
                        type: 'string',
                        minLength: 1,
                        maxLength: 64,
                        description: 'IANA time zone, e.g. Europe/Amsterdam',
                      },
                    },
                    additionalProperties: false,
                  },
                  enforce: {
                    anyOf: [
                      { type: 'string', const: 'default' },
                      { type: 'string', const: 'required' },
                    ],
                    description:
                      'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
                  },
                },
                additionalProperties: false,
              },
            ],
          },
          server_encryption: { type: 'boolean', description: 'false: members must encrypt on the client' },
          key_claim: {
            type: 'boolean',
            description: 'false: secrets of the organisation cannot be claimed with the link key',
          },
          requests: {
            anyOf: [
              { type: 'string', const: 'everyone' },
              { type: 'string', const: 'members' },
              { type: 'string', const: 'nobody' },
            ],
            description:
              'Who may create requests for a secret: everyone who may create secrets, members only (not keys whose creator left), or nobody',
          },
        },
        additionalProperties: false,
      },
      updated_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it last changed' },
        ],
      },
    },
    additionalProperties: false,
  },
  Kdf: {
    type: 'object',
    required: ['name', 'salt', 'iterations'],
    properties: {
      name: { type: 'string', const: 'PBKDF2-SHA-256' },
      salt: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'b64u, 16 bytes' },
      iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
    },
    additionalProperties: false,
    description: 'Passphrase key derivation parameters',
  },
  SecretContext: {
    type: 'object',
    properties: {
      label: { type: 'string', maxLength: 1000 },
      username: { type: 'string', maxLength: 1000 },
      url: { type: 'string', maxLength: 1000 },
      environment: { type: 'string', maxLength: 1000 },
      note: { type: 'string', maxLength: 1000 },
    },
    additionalProperties: false,
  },
  IdParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Secret id' } },
  },
  CreatedUpload: {
    type: 'object',
    required: ['id', 'url', 'size'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Upload id' },
      url: { type: 'string', description: 'tus upload URL (path)' },
      size: { type: 'integer', minimum: 0, description: 'Ciphertext bytes to upload' },
    },
    additionalProperties: false,
  },
  CreateReply: {
    type: 'object',
    required: ['id', 'receipt', 'expires_at'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Secret id' },
      receipt: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
        description: 'Receipt: the sender keeps it to see and burn the secret',
      },
      expires_at: { type: 'string', format: 'date-time', description: 'When the secret expires' },
      link: { type: 'string', description: 'Server-encrypted only: the full link with its key' },
      receipt_link: { type: 'string', description: 'Server-encrypted only' },
      link_origin: {
        type: 'string',
        description:
          "The origin links to this secret should use, when it is not the server's own: the creator's organisation's custom domain (https://…). Clients that build the link themselves use it.",
      },
      uploads: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'url', 'size'],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Upload id' },
            url: { type: 'string', description: 'tus upload URL (path)' },
            size: { type: 'integer', minimum: 0, description: 'Ciphertext bytes to upload' },
          },
          additionalProperties: false,
        },
        description: 'With files: one tus upload per file; the secret exists once all are complete',
      },
    },
    additionalProperties: false,
  },
  PeekReply: {
    type: 'object',
    required: ['expires_at', 'max_views', 'views_left', 'kdf', 'size', 'files'],
    properties: {
      expires_at: { type: 'string', format: 'date-time', description: 'When the secret expires' },
      max_views: { type: 'integer', minimum: 0 },
      views_left: { type: 'integer', minimum: 0 },
      kdf: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['name', 'salt', 'iterations'],
            properties: {
              name: { type: 'string', const: 'PBKDF2-SHA-256' },
              salt: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'b64u, 16 bytes' },
              iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
            },
            additionalProperties: false,
            description: 'Passphrase key derivation parameters',
          },
        ],
      },
      size: { type: 'integer', minimum: 0, description: 'Byte length of the content ciphertext' },
      files: { type: 'integer', minimum: 0, description: 'Number of attached files' },
      requires: {
        type: 'object',
        properties: {
          verification: {
            type: 'object',
            required: ['recipients'],
            properties: {
              recipients: { type: 'array', items: { type: 'string' }, description: 'Masked hints, in order' },
            },
            additionalProperties: false,
          },
          network: { type: 'boolean', const: true },
          office_hours: { type: 'boolean', const: true },
          country: { type: 'boolean', const: true },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  ClaimBody: {
    type: 'object',
    properties: {
      token: { type: 'string', pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$', description: 'b64u(T)' },
      link_token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'b64u(L), with a passphrase',
      },
      key: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'Key claim: the part of the link after #',
      },
      passphrase: { type: 'string', minLength: 1, maxLength: 1024 },
      verification_code: {
        type: 'string',
        pattern: '^[0-9]{6}$',
        description: 'Recipient verification: the mailed 6-digit code',
      },
    },
    additionalProperties: false,
    description: 'Either {token, link_token?} or {key, passphrase?}',
  },
  ClaimedFile: {
    type: 'object',
    required: ['id', 'size', 'url'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'File id' },
      size: { type: 'integer', minimum: 0, description: 'Ciphertext bytes' },
      url: { type: 'string', description: 'GET with Authorization: Bearer <grant>' },
    },
    additionalProperties: false,
  },
  ClaimReply: {
    type: 'object',
    required: ['views_left'],
    properties: {
      content: { type: 'string', description: 'Token claim: b64u(stream 0)' },
      files: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'size', 'url'],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'File id' },
            size: { type: 'integer', minimum: 0, description: 'Ciphertext bytes' },
            url: { type: 'string', description: 'GET with Authorization: Bearer <grant>' },
          },
          additionalProperties: false,
        },
      },
      grant: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
        description: 'With files: the download grant',
      },
      grant_expires_at: {
        type: 'string',
        format: 'date-time',
        description: 'With files: when the grant expires',
      },
      text: { type: 'string', description: 'Key claim: the decrypted text' },
      context: {
        type: 'object',
        properties: {
          label: { type: 'string', maxLength: 1000 },
          username: { type: 'string', maxLength: 1000 },
          url: { type: 'string', maxLength: 1000 },
          environment: { type: 'string', maxLength: 1000 },
          note: { type: 'string', maxLength: 1000 },
        },
        additionalProperties: false,
      },
      views_left: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  TUS_VERSION: '1.0.0',
  UPLOAD_CONTENT_TYPE: 'application/offset+octet-stream',
  UploadParams: {
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Upload (blob) id' },
    },
  },
  UploadHeaders: {
    type: 'object',
    required: ['tus-resumable'],
    properties: { 'tus-resumable': { type: 'string', const: '1.0.0' } },
  },
  UploadPatchHeaders: {
    type: 'object',
    required: ['tus-resumable', 'content-type', 'upload-offset'],
    properties: {
      'tus-resumable': { type: 'string', const: '1.0.0' },
      'content-type': { type: 'string', const: 'application/offset+octet-stream' },
      'upload-offset': {
        type: 'string',
        pattern: '^\\d{1,15}$',
        description: 'Where the upload stands (HEAD tells it)',
      },
    },
  },
  UploadOptionsReplyHeaders: {
    type: 'object',
    required: ['tus-resumable', 'tus-version', 'tus-extension', 'tus-max-size'],
    properties: {
      'tus-resumable': { type: 'string', const: '1.0.0' },
      'tus-version': { type: 'string', const: '1.0.0' },
      'tus-extension': { type: 'string', const: 'termination,expiration' },
      'tus-max-size': {
        type: 'string',
        pattern: '^\\d{1,15}$',
        description: 'Largest ciphertext of one file',
      },
    },
  },
  UploadHeadReplyHeaders: {
    type: 'object',
    required: ['tus-resumable', 'upload-offset', 'upload-length'],
    properties: {
      'tus-resumable': { type: 'string', const: '1.0.0' },
      'upload-offset': { type: 'string', pattern: '^\\d{1,15}$', description: 'Bytes stored so far' },
      'upload-length': { type: 'string', pattern: '^\\d{1,15}$', description: 'Declared ciphertext length' },
      'upload-expires': {
        type: 'string',
        pattern: '^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$',
        description: 'When the unfinished upload expires unless a PATCH makes progress (RFC 7231 date)',
      },
    },
  },
  UploadPatchReplyHeaders: {
    type: 'object',
    required: ['tus-resumable', 'upload-offset'],
    properties: {
      'tus-resumable': { type: 'string', const: '1.0.0' },
      'upload-offset': { type: 'string', pattern: '^\\d{1,15}$', description: 'The new offset' },
      'burnlink-secret': { type: 'string', const: 'ready' },
      'upload-expires': {
        type: 'string',
        pattern: '^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$',
        description: 'When the unfinished upload expires unless a PATCH makes progress (RFC 7231 date)',
      },
    },
  },
  CreateWebhookBody: {
    type: 'object',
    required: ['url', 'events'],
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        maxLength: 2048,
        description:
          'http:// or https://, no credentials; private, loopback and link-local hosts are refused',
      },
      events: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 100 },
        minItems: 1,
        maxItems: 50,
        description: 'Event types (`secret.viewed`), patterns (`secret.*`), or `*` for every event',
      },
      description: { type: 'string', maxLength: 200, description: 'What the endpoint is for' },
    },
    additionalProperties: false,
  },
  WebhookInfo: {
    type: 'object',
    required: [
      'id',
      'url',
      'events',
      'description',
      'created_at',
      'created_by',
      'state',
      'disabled_at',
      'disabled_reason',
      'failing',
    ],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Webhook id' },
      url: { type: 'string' },
      events: { type: 'array', items: { type: 'string' } },
      description: { type: 'string' },
      created_at: { type: 'string', format: 'date-time', description: 'Registered' },
      created_by: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'email', 'name'],
            properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
        description: 'Who registered it (null for a key of the organisation or the admin command)',
      },
      state: {
        anyOf: [
          { type: 'string', const: 'active' },
          { type: 'string', const: 'failing' },
          { type: 'string', const: 'disabled' },
        ],
      },
      disabled_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it was disabled' },
        ],
      },
      disabled_reason: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      failing: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['since', 'attempts', 'next_attempt_at'],
            properties: {
              since: {
                type: 'string',
                format: 'date-time',
                description: 'When the record at the head of its line first failed',
              },
              attempts: { type: 'integer', minimum: 0, description: 'Attempts at that record so far' },
              next_attempt_at: { type: 'string', format: 'date-time', description: 'Not before' },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
    description: 'A webhook endpoint; never its signing secret',
  },
  CreateWebhookReply: {
    type: 'object',
    required: [
      'id',
      'url',
      'events',
      'description',
      'created_at',
      'created_by',
      'state',
      'disabled_at',
      'disabled_reason',
      'failing',
      'secret',
    ],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Webhook id' },
      url: { type: 'string' },
      events: { type: 'array', items: { type: 'string' } },
      description: { type: 'string' },
      created_at: { type: 'string', format: 'date-time', description: 'Registered' },
      created_by: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'email', 'name'],
            properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
        description: 'Who registered it (null for a key of the organisation or the admin command)',
      },
      state: {
        anyOf: [
          { type: 'string', const: 'active' },
          { type: 'string', const: 'failing' },
          { type: 'string', const: 'disabled' },
        ],
      },
      disabled_at: {
        anyOf: [
          { type: 'null' },
          { type: 'string', format: 'date-time', description: 'When it was disabled' },
        ],
      },
      disabled_reason: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      failing: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['since', 'attempts', 'next_attempt_at'],
            properties: {
              since: {
                type: 'string',
                format: 'date-time',
                description: 'When the record at the head of its line first failed',
              },
              attempts: { type: 'integer', minimum: 0, description: 'Attempts at that record so far' },
              next_attempt_at: { type: 'string', format: 'date-time', description: 'Not before' },
            },
            additionalProperties: false,
          },
        ],
      },
      secret: {
        type: 'string',
        pattern: '^whsec_[A-Za-z0-9+/]+=*$',
        description: 'The signing secret (Standard Webhooks); shown only in this answer',
      },
    },
    additionalProperties: false,
  },
  WebhookListReply: {
    type: 'object',
    required: ['webhooks'],
    properties: {
      webhooks: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'url',
            'events',
            'description',
            'created_at',
            'created_by',
            'state',
            'disabled_at',
            'disabled_reason',
            'failing',
          ],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Webhook id' },
            url: { type: 'string' },
            events: { type: 'array', items: { type: 'string' } },
            description: { type: 'string' },
            created_at: { type: 'string', format: 'date-time', description: 'Registered' },
            created_by: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['id', 'email', 'name'],
                  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
                  additionalProperties: false,
                },
              ],
              description: 'Who registered it (null for a key of the organisation or the admin command)',
            },
            state: {
              anyOf: [
                { type: 'string', const: 'active' },
                { type: 'string', const: 'failing' },
                { type: 'string', const: 'disabled' },
              ],
            },
            disabled_at: {
              anyOf: [
                { type: 'null' },
                { type: 'string', format: 'date-time', description: 'When it was disabled' },
              ],
            },
            disabled_reason: { anyOf: [{ type: 'null' }, { type: 'string' }] },
            failing: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['since', 'attempts', 'next_attempt_at'],
                  properties: {
                    since: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When the record at the head of its line first failed',
                    },
                    attempts: { type: 'integer', minimum: 0, description: 'Attempts at that record so far' },
                    next_attempt_at: { type: 'string', format: 'date-time', description: 'Not before' },
                  },
                  additionalProperties: false,
                },
              ],
            },
          },
          additionalProperties: false,
          description: 'A webhook endpoint; never its signing secret',
        },
      },
    },
    additionalProperties: false,
  },
  WebhookParams: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'Webhook id' } },
  },
  DeliveryInfo: {
    type: 'object',
    required: [
      'id',
      'message_id',
      'record_id',
      'type',
      'at',
      'attempt',
      'status',
      'ok',
      'error',
      'duration_ms',
    ],
    properties: {
      id: { type: 'integer', minimum: 0, description: 'Delivery log id' },
      message_id: {
        type: 'string',
        description: 'The webhook-id header: msg_<record id>, or msg_test_… for a test',
      },
      record_id: {
        anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0, description: 'The audit record delivered' }],
      },
      type: { type: 'string', description: 'The event type' },
      at: { type: 'string', format: 'date-time', description: 'When the attempt started' },
      attempt: { type: 'integer', minimum: 0, description: '1 for the first attempt at this record' },
      status: { anyOf: [{ type: 'null' }, { type: 'integer', description: 'The HTTP status answered' }] },
      ok: { type: 'boolean' },
      error: { anyOf: [{ type: 'null' }, { type: 'string', description: 'Why it failed, in a few words' }] },
      duration_ms: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  TestWebhookReply: {
    type: 'object',
    required: ['delivery'],
    properties: {
      delivery: {
        type: 'object',
        required: [
          'id',
          'message_id',
          'record_id',
          'type',
          'at',
          'attempt',
          'status',
          'ok',
          'error',
          'duration_ms',
        ],
        properties: {
          id: { type: 'integer', minimum: 0, description: 'Delivery log id' },
          message_id: {
            type: 'string',
            description: 'The webhook-id header: msg_<record id>, or msg_test_… for a test',
          },
          record_id: {
            anyOf: [
              { type: 'null' },
              { type: 'integer', minimum: 0, description: 'The audit record delivered' },
            ],
          },
          type: { type: 'string', description: 'The event type' },
          at: { type: 'string', format: 'date-time', description: 'When the attempt started' },
          attempt: { type: 'integer', minimum: 0, description: '1 for the first attempt at this record' },
          status: { anyOf: [{ type: 'null' }, { type: 'integer', description: 'The HTTP status answered' }] },
          ok: { type: 'boolean' },
          error: {
            anyOf: [{ type: 'null' }, { type: 'string', description: 'Why it failed, in a few words' }],
          },
          duration_ms: { type: 'integer', minimum: 0 },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  DeliveryListQuery: {
    type: 'object',
    properties: { limit: { type: 'integer', minimum: 1, maximum: 100, description: 'Default 50' } },
    additionalProperties: false,
  },
  DeliveryListReply: {
    type: 'object',
    required: ['deliveries'],
    properties: {
      deliveries: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'id',
            'message_id',
            'record_id',
            'type',
            'at',
            'attempt',
            'status',
            'ok',
            'error',
            'duration_ms',
          ],
          properties: {
            id: { type: 'integer', minimum: 0, description: 'Delivery log id' },
            message_id: {
              type: 'string',
              description: 'The webhook-id header: msg_<record id>, or msg_test_… for a test',
            },
            record_id: {
              anyOf: [
                { type: 'null' },
                { type: 'integer', minimum: 0, description: 'The audit record delivered' },
              ],
            },
            type: { type: 'string', description: 'The event type' },
            at: { type: 'string', format: 'date-time', description: 'When the attempt started' },
            attempt: { type: 'integer', minimum: 0, description: '1 for the first attempt at this record' },
            status: {
              anyOf: [{ type: 'null' }, { type: 'integer', description: 'The HTTP status answered' }],
            },
            ok: { type: 'boolean' },
            error: {
              anyOf: [{ type: 'null' }, { type: 'string', description: 'Why it failed, in a few words' }],
            },
            duration_ms: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
        description: 'Newest first',
      },
    },
    additionalProperties: false,
  },
} as const;

export const CREATE_BODY_TEMPLATE = {
  type: 'object',
  properties: {
    ttl: {
      type: 'integer',
      minimum: 987654301,
      maximum: 987654302,
      description: 'Lifetime in seconds (default 987654303)',
    },
    max_views: { type: 'integer', minimum: 1, maximum: 987654304, description: 'Views before burning' },
    verifier: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
      description: 'Client-encrypted: b64u(SHA-256(T))',
    },
    link_verifier: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
      description: 'Client-encrypted with passphrase: b64u(SHA-256(L))',
    },
    kdf: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['name', 'salt', 'iterations'],
          properties: {
            name: { type: 'string', const: 'PBKDF2-SHA-256' },
            salt: { type: 'string', pattern: '^[A-Za-z0-9_-]{21}[AQgw]$', description: 'b64u, 16 bytes' },
            iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
          },
          additionalProperties: false,
          description: 'Passphrase key derivation parameters',
        },
      ],
    },
    content: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Client-encrypted: stream 0' },
    text: { type: 'string', minLength: 1, description: 'Server-encrypted: the secret text' },
    passphrase: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description: 'Server-encrypted: optional passphrase',
    },
    context: {
      type: 'object',
      properties: {
        label: { type: 'string', maxLength: 1000 },
        username: { type: 'string', maxLength: 1000 },
        url: { type: 'string', maxLength: 1000 },
        environment: { type: 'string', maxLength: 1000 },
        note: { type: 'string', maxLength: 1000 },
      },
      additionalProperties: false,
    },
    team: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
      description: 'Signed in or with an API key: the team (id) the secret belongs to, among your own',
    },
    notify: {
      type: 'boolean',
      description:
        'Signed in or with an API key: mail the creator when the secret is viewed, burned or expires (when the server has SMTP)',
    },
    restrictions: {
      type: 'object',
      properties: {
        recipients: {
          type: 'array',
          items: { type: 'string', minLength: 3, maxLength: 254, description: 'An email address' },
          minItems: 1,
          maxItems: 10,
          description: 'Recipient verification: one of these addresses must confirm a mailed 6-digit code',
        },
        networks: {
          type: 'array',
          items: { type: 'string', minLength: 2, maxLength: 49, description: 'CIDR, IPv4 or IPv6' },
          minItems: 1,
          maxItems: 50,
          description: 'The client address must be in one of these networks',
        },
        office_hours: {
          type: 'object',
          required: ['days', 'start', 'end', 'time_zone'],
          properties: {
            days: {
              type: 'array',
              items: {
                anyOf: [
                  { type: 'string', const: 'mon' },
                  { type: 'string', const: 'tue' },
                  { type: 'string', const: 'wed' },
                  { type: 'string', const: 'thu' },
                  { type: 'string', const: 'fri' },
                  { type: 'string', const: 'sat' },
                  { type: 'string', const: 'sun' },
                ],
              },
              minItems: 1,
              maxItems: 7,
              uniqueItems: true,
              description: 'Weekdays: mon … sun',
            },
            start: {
              type: 'string',
              pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
              description: 'HH:MM, local time',
            },
            end: {
              type: 'string',
              pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
              description: 'HH:MM, local time, after start (24:00 allowed)',
            },
            time_zone: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              description: 'IANA time zone, e.g. Europe/Amsterdam',
            },
          },
          additionalProperties: false,
        },
        countries: {
          type: 'object',
          properties: {
            allow: {
              type: 'array',
              items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
              minItems: 1,
              maxItems: 250,
            },
            deny: {
              type: 'array',
              items: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
              minItems: 1,
              maxItems: 250,
            },
          },
          additionalProperties: false,
          description: 'Exactly one of allow or deny',
        },
      },
      additionalProperties: false,
    },
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['size'],
        properties: {
          size: {
            type: 'integer',
            minimum: 0,
            maximum: 9007199254740991,
            description: 'Exact ciphertext length (encryptedSize)',
          },
        },
        additionalProperties: false,
      },
      maxItems: 1000,
      description: 'Client-encrypted: one entry per attached file, in payload order',
    },
  },
  additionalProperties: false,
  description:
    'Either client-encrypted (verifier, content, kdf, link_verifier, files) or server-encrypted (text, passphrase, context)',
} as const;

export const CREATE_REQUEST_BODY_TEMPLATE = {
  type: 'object',
  required: ['public_key', 'description', 'respond_verifier', 'inbox_verifier'],
  properties: {
    ttl: {
      type: 'integer',
      minimum: 987654301,
      maximum: 987654302,
      description: 'How long the request waits for its response in seconds (default 987654303)',
    },
    response_ttl: {
      type: 'integer',
      minimum: 987654301,
      maximum: 987654302,
      description:
        'How long the response waits to be read, counted from when it was given in seconds (default 987654303)',
    },
    public_key: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
      description: "b64u of the requester's X25519 public key (HPKE, RFC 9180)",
    },
    description: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]+$',
      maxLength: 16384,
      description: 'Payload stream 0 encrypted under the request key Q',
    },
    respond_verifier: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
      description: 'b64u(SHA-256(respond token)), the token derived from Q',
    },
    inbox_verifier: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
      description: 'b64u(SHA-256(inbox token)), the token derived from the inbox key',
    },
    team: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{21}[AQgw]$',
      description: 'Signed in: the team it belongs to',
    },
  },
  additionalProperties: false,
} as const;
