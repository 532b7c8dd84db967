import type {
  ApiKeyInfo,
  CreateInviteReply,
  CreateKeyReply,
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryInfo,
  InviteInfo,
  MemberInfo,
  MeReply,
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

/**
 * The audit trail of issue 13 (docs/audit.md) as the audit page reads it: its own shape until the wire contract
 * has it. Webhooks (docs/webhooks.md) come from the contract.
 */
export type AuditActorType = 'user' | 'api_key' | 'anonymous' | 'system';
export type AuditOutcome = 'ok' | 'failed' | 'refused';

/** One record of `GET /api/v1/audit`. */
export interface AuditEvent {
  id: number;
  at: string;
  type: string;
  org: string;
  actor: { type: AuditActorType; id: string | null };
  subject: { type: string; id: string } | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditPage {
  events: AuditEvent[];
  /** The `after` of the next page, or null on the last one. */
  next: number | null;
}

export type { CreateWebhookBody, CreateWebhookReply, DeliveryInfo, WebhookInfo };
