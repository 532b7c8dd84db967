import type {
  ApiKeyInfo,
  CreateInviteReply,
  CreateKeyReply,
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
 * The audit trail and webhooks of issue 13 (docs/audit.md), as the pages read them: their own shapes until the
 * wire contract has them.
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

export type WebhookState = 'active' | 'failing' | 'disabled';

export interface WebhookInfo {
  id: string;
  url: string;
  events: string[];
  description: string;
  created_at: string;
  created_by: { id: string; email: string; name: string } | null;
  state: WebhookState;
  disabled_at: string | null;
  disabled_reason: string | null;
  failing: { since: string; attempts: number; next_attempt_at: string } | null;
}

/** `POST /api/v1/webhooks`: the endpoint and its signing secret, shown only here. */
export type CreateWebhookReply = WebhookInfo & { secret: string };

export interface CreateWebhookBody {
  url: string;
  events: string[];
  description: string;
}

/** One attempt in an endpoint's delivery log. */
export interface DeliveryInfo {
  id: number | string;
  message_id: string;
  record_id: number | null;
  type: string;
  at: string;
  attempt: number;
  status: number | null;
  ok: boolean;
  error: string | null;
  duration_ms: number;
}
