import { type Static, Type } from 'typebox';
import { Id16, IsoTime } from './formats.js';

// Custom domains of an organisation, their DNS verification and the organisation's branding
// (docs/domains.md).

export const DOMAIN_STATES = ['pending', 'active', 'suspended'] as const;
export type DomainState = (typeof DOMAIN_STATES)[number];

/** What the last DNS check of a domain found. */
export const DOMAIN_CHECK_RESULTS = ['verified', 'no_record', 'wrong_record', 'dns_error', 'taken'] as const;
export type DomainCheckResult = (typeof DOMAIN_CHECK_RESULTS)[number];

/** The TXT record's owner name is `_burnlink.<domain>`, its value `burnlink-verify=<token>`. */
export const DOMAIN_TXT_PREFIX = '_burnlink.';
export const DOMAIN_TXT_VALUE_PREFIX = 'burnlink-verify=';

export const AddDomainBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 253,
      description:
        'A host name of at least two labels, such as `secrets.acme.example` (Unicode names are stored in their ASCII form); not an IP address, not this instance’s own host',
    }),
  },
  { additionalProperties: false },
);
export type AddDomainBody = Static<typeof AddDomainBody>;

export const DomainCheck = Type.Object(
  {
    at: IsoTime('When the check ran'),
    result: Type.Union(
      // Spelled out: a Union of a mapped array has the static type `never`.
      [
        Type.Literal('verified'),
        Type.Literal('no_record'),
        Type.Literal('wrong_record'),
        Type.Literal('dns_error'),
        Type.Literal('taken'),
      ],
      {
        description:
          '`verified`; `no_record` (no TXT record at the name); `wrong_record` (TXT records, none with this token); `dns_error` (the resolvers failed, nothing was decided); `taken` (another organisation verified this name first)',
      },
    ),
  },
  { additionalProperties: false },
);
export type DomainCheck = Static<typeof DomainCheck>;

export const DomainInfo = Type.Object(
  {
    id: Id16('Domain id'),
    name: Type.String({ description: 'The host name, lower case, ASCII (punycode for Unicode names)' }),
    state: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('suspended')], {
      description:
        '`pending` until the TXT record is found; `active` while it is served; `suspended` once the record has been missing for the grace period',
    }),
    txt_record: Type.Object(
      {
        name: Type.String({ description: '`_burnlink.<domain>`' }),
        value: Type.String({ description: '`burnlink-verify=<token>`' }),
      },
      { additionalProperties: false, description: 'The record to publish' },
    ),
    created_at: IsoTime('Added'),
    verified_at: Type.Union([Type.Null(), IsoTime('First verified')]),
    last_check: Type.Union([Type.Null(), DomainCheck]),
    missing_since: Type.Union(
      [Type.Null(), IsoTime('An active domain whose record went missing: since when')],
      {
        description:
          'Set while the record is missing; the domain is suspended once the grace period has passed',
      },
    ),
    suspended_at: Type.Union([Type.Null(), IsoTime('Suspended')]),
  },
  { additionalProperties: false },
);
export type DomainInfo = Static<typeof DomainInfo>;

export const DomainListReply = Type.Object(
  { domains: Type.Array(DomainInfo) },
  { additionalProperties: false },
);
export type DomainListReply = Static<typeof DomainListReply>;

export const DomainParams = Type.Object({ id: Id16('Domain id') });

export const AllowedDomainQuery = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300, description: 'The host name Caddy asks about' }) },
  { additionalProperties: false },
);

/** GET /api/v1/domains/allowed: the name is an active domain (Caddy's `ask`; anything else is 404). */
export const AllowedDomainReply = Type.Object(
  { allowed: Type.Literal(true) },
  { additionalProperties: false },
);
export type AllowedDomainReply = Static<typeof AllowedDomainReply>;

/** The web app's languages, which branding may name as its default (`packages/web/src/i18n/locales.ts`). */
export const BRANDING_LANGUAGES = [
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
] as const;

/** Accent colours are `#rrggbb`. */
export const ACCENT_PATTERN = '^#[0-9a-fA-F]{6}$';
/** Largest logo accepted, in bytes, after sanitising. */
export const LOGO_MAX_BYTES = 65536;
export const LOGO_TYPES = ['image/svg+xml', 'image/png'] as const;

/** An organisation's branding, as its members set it (PUT /api/v1/org/branding, domains:manage). */
export const BrandingBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Shown in the header of branded pages' }),
    accent: Type.Union([Type.Null(), Type.String({ pattern: ACCENT_PATTERN })], {
      description: '`#rrggbb`, or null for burnlink’s own',
    }),
    support: Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 200 })], {
      description: 'Support contact shown in the footer: an email address or an https:// URL, or null',
    }),
    language: Type.Union([Type.Null(), Type.String({ minLength: 2, maxLength: 10 })], {
      description: 'Default language of branded pages (one of the web app’s locales), or null',
    }),
  },
  { additionalProperties: false },
);
export type BrandingBody = Static<typeof BrandingBody>;

export const BrandingReply = Type.Object(
  {
    branding: Type.Union([Type.Null(), BrandingBody], { description: 'null until branding is set' }),
    logo: Type.Union([Type.Null(), Type.Literal('image/svg+xml'), Type.Literal('image/png')], {
      description: 'The logo’s type, or null when there is none',
    }),
    updated_at: Type.Union([Type.Null(), IsoTime('Last change')]),
  },
  { additionalProperties: false },
);
export type BrandingReply = Static<typeof BrandingReply>;

/**
 * GET /api/v1/branding: what the page being served looks like. On a verified custom domain, its
 * organisation's branding; on the main host, null. Never anything of another organisation.
 */
export const HostBrandingReply = Type.Object(
  {
    branding: Type.Union([
      Type.Null(),
      Type.Object(
        {
          domain: Type.String(),
          name: Type.String(),
          accent: Type.Union([Type.Null(), Type.String()]),
          support: Type.Union([Type.Null(), Type.String()]),
          language: Type.Union([Type.Null(), Type.String()]),
          logo_url: Type.Union([Type.Null(), Type.String({ description: 'Same-origin path of the logo' })]),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);
export type HostBrandingReply = Static<typeof HostBrandingReply>;

/** PUT /api/v1/org/branding/logo: an SVG or PNG, base64 (standard or url-safe), at most LOGO_MAX_BYTES. */
export const LogoBody = Type.Object(
  {
    type: Type.Union([Type.Literal('image/svg+xml'), Type.Literal('image/png')]),
    data: Type.String({ minLength: 1, maxLength: 2 * LOGO_MAX_BYTES, description: 'The image, base64' }),
  },
  { additionalProperties: false },
);
export type LogoBody = Static<typeof LogoBody>;
