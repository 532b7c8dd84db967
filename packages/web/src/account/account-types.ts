import type {
  ApiKeyInfo,
  AuditEvent,
  AuditListReply,
  BrandingBody,
  BrandingReply,
  CreateInviteReply,
  CreateKeyReply,
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryInfo,
  DomainCheckResult,
  DomainInfo,
  DomainListReply,
  DomainState,
  InviteInfo,
  LogoBody,
  MemberInfo,
  MeReply,
  OrgPolicy,
  OrgPolicyReply,
  OwnedSecretInfo,
  ReceiptState,
  Role,
  Scope,
  SecretListReply,
  SessionInfo,
  TeamInfo,
  WebhookInfo,
} from '@burnlink/wire';

/**
 * The account API's replies as the pages read them: the wire contract's types (docs/teams.md), imported as
 * types only (no TypeBox in the bundle). Passkeys are not in the contract yet; their shape is the pages' own.
 */
export type {
  ApiKeyInfo,
  CreateInviteReply,
  CreateKeyReply,
  InviteInfo,
  MemberInfo,
  OwnedSecretInfo,
  Role,
  Scope,
  SecretListReply,
  SessionInfo,
  TeamInfo,
};

/** `GET /api/v1/me` for a session: the web app is always a person signed in. */
export type Me = MeReply & { user: NonNullable<MeReply['user']>; role: Role };

export const ROLES: readonly Role[] = ['owner', 'admin', 'auditor', 'member'];

export const SCOPES: readonly Scope[] = [
  'secrets:create',
  'secrets:list',
  'secrets:burn',
  'audit:read',
  'keys:manage',
  'members:manage',
  'policies:manage',
  'webhooks:manage',
  'domains:manage',
];

export type SecretState = ReceiptState;
/** As on the receipt page. */
export const SECRET_STATES: readonly SecretState[] = ['pending', 'viewed', 'burned', 'expired', 'locked'];

export interface TeamRef {
  id: string;
  name: string;
}

export interface PasskeyView {
  id: string;
  name: string;
  created_at: string;
  last_used_at?: string | null;
}

/** The audit trail (docs/audit.md) and webhooks (docs/webhooks.md) of issue 13, from the wire contract. */
export type AuditOutcome = AuditEvent['outcome'];
/** Organisation policies (issue 14, docs/teams.md "Policies"). */
/** Custom domains and the organisation's branding (issue 18, docs/domains.md). */
export type {
  AuditEvent,
  AuditListReply,
  BrandingBody,
  BrandingReply,
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryInfo,
  DomainCheckResult,
  DomainInfo,
  DomainListReply,
  DomainState,
  LogoBody,
  OrgPolicy,
  OrgPolicyReply,
  WebhookInfo,
};
