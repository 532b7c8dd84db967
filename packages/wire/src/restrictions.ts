import { type Static, Type } from 'typebox';
import { Count, IsoTime, Key32 } from './formats.js';

// Per-secret restrictions and organisation policies (docs/policies.md).

/** The most recipient addresses, networks and countries a secret or a policy may name. */
export const RESTRICTION_LIMITS = { recipients: 10, networks: 50, countries: 250 } as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM`, 24-hour; `24:00` only as an end. */
export const CLOCK_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';
/** ISO 3166-1 alpha-2, upper case. */
export const COUNTRY_PATTERN = '^[A-Z]{2}$';

/**
 * Office hours: the secret opens only on `days`, from `start` to `end` (end excluded) local time in
 * `time_zone` (IANA, e.g. `Europe/Amsterdam`). `start` must be before `end` (no window across midnight).
 */
export const OfficeHours = Type.Object(
  {
    // Spelled out: a union built with `WEEKDAYS.map` has the static type `never`.
    days: Type.Array(
      Type.Union([
        Type.Literal('mon'),
        Type.Literal('tue'),
        Type.Literal('wed'),
        Type.Literal('thu'),
        Type.Literal('fri'),
        Type.Literal('sat'),
        Type.Literal('sun'),
      ]),
      {
        minItems: 1,
        maxItems: 7,
        uniqueItems: true,
        description: 'Weekdays: mon … sun',
      },
    ),
    start: Type.String({ pattern: CLOCK_PATTERN, description: 'HH:MM, local time' }),
    end: Type.String({
      pattern: CLOCK_PATTERN,
      description: 'HH:MM, local time, after start (24:00 allowed)',
    }),
    time_zone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone, e.g. Europe/Amsterdam',
    }),
  },
  { additionalProperties: false },
);
export type OfficeHours = Static<typeof OfficeHours>;

const CountryCode = Type.String({ pattern: COUNTRY_PATTERN, description: 'ISO 3166-1 alpha-2' });

/** Allowed or denied countries (exactly one of the two), by the server's offline GeoIP database. */
export const CountryRule = Type.Object(
  {
    allow: Type.Optional(Type.Array(CountryCode, { minItems: 1, maxItems: RESTRICTION_LIMITS.countries })),
    deny: Type.Optional(Type.Array(CountryCode, { minItems: 1, maxItems: RESTRICTION_LIMITS.countries })),
  },
  { additionalProperties: false, description: 'Exactly one of allow or deny' },
);
export type CountryRule = Static<typeof CountryRule>;

/**
 * What the sender asks of a claim, checked by the server before it consumes anything. Stored with the secret
 * and deleted with it; the recipient's addresses are never shown whole (see `PeekRequires`).
 */
export const Restrictions = Type.Object(
  {
    recipients: Type.Optional(
      Type.Array(Type.String({ minLength: 3, maxLength: 254, description: 'An email address' }), {
        minItems: 1,
        maxItems: RESTRICTION_LIMITS.recipients,
        description: 'Recipient verification: one of these addresses must confirm a mailed 6-digit code',
      }),
    ),
    networks: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 49, description: 'CIDR, IPv4 or IPv6' }), {
        minItems: 1,
        maxItems: RESTRICTION_LIMITS.networks,
        description: 'The client address must be in one of these networks',
      }),
    ),
    office_hours: Type.Optional(OfficeHours),
    countries: Type.Optional(CountryRule),
  },
  { additionalProperties: false },
);
export type Restrictions = Static<typeof Restrictions>;

/**
 * In a peek: which steps and checks a claim must pass, never their values. `verification.recipients` holds
 * one masked hint per address (`a•••@e•••.com`), in the sender's order, for the recipient to pick theirs.
 */
export const PeekRequires = Type.Object(
  {
    verification: Type.Optional(
      Type.Object(
        { recipients: Type.Array(Type.String(), { description: 'Masked hints, in order' }) },
        { additionalProperties: false },
      ),
    ),
    network: Type.Optional(Type.Literal(true)),
    office_hours: Type.Optional(Type.Literal(true)),
    country: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type PeekRequires = Static<typeof PeekRequires>;

/**
 * POST /api/v1/secrets/{id}/verification: mail a code to the recipient at this index of the hints. The request
 * proves it holds the link (so the id alone cannot use up a secret's codes): `token` (b64u(T)) for a secret
 * without a passphrase, `link_token` (b64u(L)) for one with, or `key` (the link key, as for a key claim).
 */
export const VerificationBody = Type.Object(
  {
    recipient: Type.Integer({ minimum: 0, maximum: RESTRICTION_LIMITS.recipients - 1 }),
    token: Type.Optional(Key32('Without a passphrase: b64u(T)')),
    link_token: Type.Optional(Key32('With a passphrase: b64u(L)')),
    key: Type.Optional(Key32('The part of the link after #')),
  },
  { additionalProperties: false, description: 'recipient, and exactly one of token, link_token or key' },
);
export type VerificationBody = Static<typeof VerificationBody>;

export const VerificationReply = Type.Object(
  {
    sent_to: Type.String({ description: 'The masked hint of the address the code went to' }),
    expires_at: IsoTime('When the code expires'),
    tries: Count('Wrong codes allowed before this code stops working'),
  },
  { additionalProperties: false },
);
export type VerificationReply = Static<typeof VerificationReply>;

const Enforce = Type.Union([Type.Literal('default'), Type.Literal('required')], {
  description:
    'default: applied when the sender sets none; required: every secret carries it (narrowing allowed)',
});

/**
 * An organisation's rules for what its members send (`policies:manage`). Every field is present; `null`,
 * `false` or `[]` means no rule.
 */
export const OrgPolicy = Type.Object(
  {
    members_only: Type.Boolean({
      description: 'Only members create: API keys whose creator is no longer a member are refused',
    }),
    max_ttl: Type.Union([Type.Null(), Type.Integer({ minimum: 1 })], { description: 'Seconds' }),
    max_views: Type.Union([Type.Null(), Type.Integer({ minimum: 1 })]),
    passphrase_required: Type.Boolean(),
    passphrase_min_length: Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 1024 })]),
    verification_required: Type.Boolean({ description: 'Every secret names recipients who confirm a code' }),
    recipient_domains: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
      maxItems: 100,
      description: 'Recipient addresses must be at one of these domains; [] allows any',
    }),
    networks: Type.Union([
      Type.Null(),
      Type.Object(
        {
          cidrs: Type.Array(Type.String({ minLength: 2, maxLength: 49 }), {
            minItems: 1,
            maxItems: RESTRICTION_LIMITS.networks,
          }),
          enforce: Enforce,
        },
        { additionalProperties: false },
      ),
    ]),
    countries: Type.Union([
      Type.Null(),
      Type.Object(
        {
          allow: Type.Array(CountryCode, { minItems: 1, maxItems: RESTRICTION_LIMITS.countries }),
          enforce: Enforce,
        },
        { additionalProperties: false },
      ),
    ]),
    office_hours: Type.Union([
      Type.Null(),
      Type.Object({ hours: OfficeHours, enforce: Enforce }, { additionalProperties: false }),
    ]),
    server_encryption: Type.Boolean({ description: 'false: members must encrypt on the client' }),
    key_claim: Type.Boolean({
      description: 'false: secrets of the organisation cannot be claimed with the link key',
    }),
    requests: Type.Union([Type.Literal('everyone'), Type.Literal('members'), Type.Literal('nobody')], {
      description:
        'Who may create requests for a secret: everyone who may create secrets, members only (not keys whose creator left), or nobody',
    }),
  },
  { additionalProperties: false },
);
export type OrgPolicy = Static<typeof OrgPolicy>;

/**
 * The body of `PUT /api/v1/org/policy`: the whole policy, where `requests` (added after the others) may be left
 * out by clients written before it and then means `everyone`.
 */
export const OrgPolicyBody = Type.Object(
  { ...OrgPolicy.properties, requests: Type.Optional(OrgPolicy.properties.requests) },
  { additionalProperties: false },
);
export type OrgPolicyBody = Static<typeof OrgPolicyBody>;

/** The policy of an organisation without rules. */
export const OPEN_POLICY: OrgPolicy = {
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
};

/** GET and PUT /api/v1/org/policy. */
export const OrgPolicyReply = Type.Object(
  {
    policy: OrgPolicy,
    updated_at: Type.Union([Type.Null(), IsoTime('When it last changed')]),
  },
  { additionalProperties: false },
);
export type OrgPolicyReply = Static<typeof OrgPolicyReply>;
