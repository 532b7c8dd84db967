import type * as Wire from '@burnlink/wire';
import {
  CREATE_BODY_SENTINELS,
  CREATE_BODY_TEMPLATE,
  CREATE_REQUEST_BODY_TEMPLATE,
  WIRE_SNAPSHOT,
} from './wire-snapshot.js';

/**
 * The wire contract's schemas and constants as the server's runtime uses them: `@burnlink/wire`'s TypeBox
 * schemas as plain JSON, from a generated snapshot (`wire-snapshot.ts`), each typed as the TypeBox schema it
 * copies (so Fastify's type provider infers request types as before). TypeBox itself is never loaded: it cost
 * about 7 MiB of resident memory and 380 modules at start-up, for schemas that never change at run time.
 * `npm run wire:snapshot -w @burnlink/server` regenerates the snapshot after a change to `@burnlink/wire`;
 * `test/api/wire-snapshot.test.ts` fails until then, and fails when runtime code imports TypeBox or
 * `@burnlink/wire` for more than types.
 */
type WireValues = Omit<typeof Wire, 'createBodySchema' | 'createRequestBodySchema'>;

export const WIRE_SCHEMAS = WIRE_SNAPSHOT as unknown as WireValues;

export const {
  ApiKeyInfo,
  AuditExportQuery,
  AuditListQuery,
  AuditListReply,
  CreateInviteBody,
  CreateInviteReply,
  CreateKeyBody,
  CreateKeyReply,
  CreateTeamBody,
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryListQuery,
  DeliveryListReply,
  InviteListReply,
  InviteParams,
  KeyListReply,
  KeyParams,
  MeReply,
  MemberListReply,
  MemberInfo,
  MemberParams,
  SecretListQuery,
  SecretListReply,
  SessionListReply,
  SessionParams,
  SetRoleBody,
  ShortenKeyBody,
  TeamInfo,
  TeamListReply,
  TeamMemberParams,
  TeamParams,
  TestWebhookReply,
  WebhookInfo,
  WebhookListReply,
  WebhookParams,
  OPEN_POLICY,
  OrgPolicy,
  OrgPolicyBody,
  OrgPolicyReply,
  B64U_16_BYTES,
  B64U_32_BYTES,
  B64U_PATTERN,
  ClaimBody,
  ClaimReply,
  ConfigReply,
  CreateReply,
  ErrorBody,
  FileParams,
  HealthReply,
  IdParams,
  OidcStartQuery,
  PasskeyList,
  PasskeyParams,
  PasskeyRegisterBody,
  PasskeyRegisterOptionsBody,
  PasskeySignInBody,
  PeekReply,
  ReceiptParams,
  ReceiptReply,
  TUS_VERSION,
  UPLOAD_CONTENT_TYPE,
  UploadParams,
  SignedInReply,
  WebAuthnOptions,
  VerificationBody,
  VerificationReply,
  RequestIdParams,
  RequestReceiptParams,
  RequestCreated,
  RequestPublic,
  RespondBody,
  RequestResponded,
  InboxBody,
  RequestInbox,
  RequestReceiptReply,
  SEALED_KEY_BYTES,
  AddDomainBody,
  DomainInfo,
  DomainListReply,
  DomainParams,
  AllowedDomainQuery,
  AllowedDomainReply,
  BrandingBody,
  BrandingReply,
  HostBrandingReply,
  LogoBody,
  LOGO_MAX_BYTES,
  BRANDING_LANGUAGES,
  DOMAIN_TXT_PREFIX,
  DOMAIN_TXT_VALUE_PREFIX,
} = WIRE_SCHEMAS;

const TEMPLATE = JSON.stringify(CREATE_BODY_TEMPLATE);
const REQUEST_TEMPLATE = JSON.stringify(CREATE_REQUEST_BODY_TEMPLATE);

/** A template with the sentinels of the lifetime (and views) replaced by the operator's limits. */
function bind(template: string, limits: Wire.RequestLimits & { maxViews?: number }): string {
  const s = CREATE_BODY_SENTINELS;
  const text = template
    .replaceAll(String(s.ttl.min), String(limits.ttl.min))
    .replaceAll(String(s.ttl.max), String(limits.ttl.max))
    .replaceAll(String(s.ttl.default), String(limits.ttl.default));
  return limits.maxViews === undefined ? text : text.replaceAll(String(s.maxViews), String(limits.maxViews));
}

/** `@burnlink/wire`'s `createBodySchema`: the create body bound to the operator's limits. */
export function createBodySchema(limits: Wire.CreateLimits): ReturnType<typeof Wire.createBodySchema> {
  return JSON.parse(bind(TEMPLATE, limits));
}

/** `@burnlink/wire`'s `createRequestBodySchema`: the request body bound to the operator's lifetime limits. */
export function createRequestBodySchema(
  limits: Wire.RequestLimits,
): ReturnType<typeof Wire.createRequestBodySchema> {
  return JSON.parse(bind(REQUEST_TEMPLATE, limits));
}
