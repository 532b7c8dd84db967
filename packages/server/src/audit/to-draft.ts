import type { Actor, LifecycleEvent } from '../service/events.js';
import type { AuditDetail, AuditDraft, AuditSubject } from './audit-types.js';
import { PUBLIC_ORG } from './audit-types.js';
import { type AuditedEventType, EVENT_CATALOGUE } from './event-catalogue.js';

/** What mapping an event needs besides the event. */
export interface DraftContext {
  /** `BURNLINK_AUDIT_IPS`: keep client addresses (and address subjects) in records. */
  ips: boolean;
  /** The organisation that owns each secret (`accountsStore.ownersOf`); anonymous secrets are absent. */
  owners: ReadonlyMap<string, string>;
}

const SYSTEM: Actor = Object.freeze({ type: 'system', id: null });
const ANONYMOUS: Actor = Object.freeze({ type: 'anonymous', id: null });
const iso = (ms: number) => new Date(ms).toISOString();

/** The secret an event is about, when its organisation is the secret's owner's (looked up once per batch). */
export function secretOf(event: LifecycleEvent): string | null {
  switch (event.type) {
    case 'secret.viewed':
    case 'secret.burned':
    case 'secret.expired':
    case 'secret.locked':
    case 'secret.claim_failed':
    case 'secret.claim_refused':
    case 'secret.verification_sent':
    case 'file.downloaded':
    case 'upload.cancelled':
    case 'upload.quota_refused':
      return event.secretId;
    default:
      return null;
  }
}

/**
 * An event as an audit record to append (or null for `file.bytes`, a metric only). The organisation is the
 * secret's owner for secret events (the caller's at creation), the one named by identity, webhook and alert
 * events, else the caller's, else `PUBLIC_ORG`. Only ids, counts and names go in: never a token, key,
 * receipt, passphrase, email address or content. An address goes in only with `ips`.
 */
export function toDraft(event: LifecycleEvent, context: DraftContext): AuditDraft | null {
  if (event.type === 'file.bytes') return null;
  const mapped = map(event, context);
  const caller = 'caller' in event ? event.caller : undefined;
  const { outcome } = EVENT_CATALOGUE[event.type];
  return {
    at: event.at,
    type: event.type,
    org: mapped.org ?? caller?.orgId ?? PUBLIC_ORG,
    actor: mapped.actor ?? caller?.actor ?? SYSTEM,
    subject: mapped.subject,
    outcome,
    details: mapped.details ?? {},
    ip: context.ips ? (caller?.ip ?? mapped.ip ?? null) : null,
  };
}

interface Mapped {
  subject: AuditSubject | null;
  /** Set when the event decides the organisation itself; else the caller's, else public. */
  org?: string | null | undefined;
  /** Set when the event decides the actor itself; else the caller's, else system. */
  actor?: Actor | undefined;
  details?: Record<string, AuditDetail>;
  /** The event's own address (guard events), when the caller carries none. */
  ip?: string | undefined;
}

function map(event: Exclude<LifecycleEvent, { type: 'file.bytes' }>, context: DraftContext): Mapped {
  const secret = (id: string): AuditSubject => ({ type: 'secret', id });
  const owned = (id: string) => context.owners.get(id) ?? PUBLIC_ORG;
  switch (event.type) {
    case 'secret.created':
      // Without a caller the server made it for itself (an invitation's secret): the system's.
      return {
        subject: secret(event.secretId),
        details: { files: event.files, max_views: event.maxViews, expires_at: iso(event.expiresAt) },
      };
    case 'secret.viewed':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { views_left: event.viewsLeft, files: event.files },
      };
    case 'secret.claim_failed':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { attempts_left: event.attemptsLeft },
      };
    case 'secret.locked':
    case 'secret.verification_sent':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
      };
    case 'secret.claim_refused':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { reason: event.reason },
      };
    case 'policy.violated':
      return { subject: null, org: event.orgId, details: { rule: event.rule } };
    case 'secret.burned':
      return { subject: secret(event.secretId), org: owned(event.secretId) };
    case 'secret.expired':
      return { subject: secret(event.secretId), org: owned(event.secretId), actor: SYSTEM };
    case 'request.created':
      return {
        subject: secret(event.requestId),
        org: event.orgId ?? PUBLIC_ORG,
        details: { expires_at: iso(event.expiresAt) },
      };
    case 'request.answered':
      return {
        subject: secret(event.requestId),
        org: event.orgId ?? PUBLIC_ORG,
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { files: event.files, expires_at: iso(event.expiresAt) },
      };
    case 'request.burned':
      return { subject: secret(event.requestId), org: event.orgId ?? PUBLIC_ORG };
    case 'request.expired':
      return { subject: secret(event.requestId), org: event.orgId ?? PUBLIC_ORG, actor: SYSTEM };
    case 'file.downloaded':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { file: event.file },
      };
    case 'upload.cancelled':
      return {
        subject: secret(event.secretId),
        org: owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { reason: event.reason },
      };
    case 'upload.quota_refused':
      return {
        subject: event.secretId === null ? null : secret(event.secretId),
        org: event.secretId === null ? undefined : owned(event.secretId),
        actor: event.caller?.actor ?? ANONYMOUS,
        ip: event.ip,
      };
    case 'rate_limit.tripped':
      return {
        subject: context.ips ? { type: 'address', id: event.ip } : null,
        actor: event.caller?.actor ?? ANONYMOUS,
        details: { bucket: event.bucket },
        ip: event.ip,
      };
    case 'session.signed_in':
      return {
        subject: member(event.userId),
        org: event.orgId,
        actor: { type: 'user', id: event.userId },
        details: { method: event.method },
      };
    case 'session.sign_in_failed':
      return {
        subject: null,
        org: PUBLIC_ORG,
        actor: ANONYMOUS,
        details: { method: event.method, reason: event.reason },
      };
    case 'session.signed_out':
      return {
        subject: member(event.userId),
        org: event.orgId,
        actor: event.caller?.actor ?? { type: 'user', id: event.userId },
        details: { everywhere: event.everywhere },
      };
    case 'member.added':
      return { subject: member(event.userId), org: event.orgId, details: { role: event.role } };
    case 'member.removed':
      return { subject: member(event.userId), org: event.orgId };
    case 'member.role_changed':
      return { subject: member(event.userId), org: event.orgId, details: { from: event.from, to: event.to } };
    case 'invite.created':
      return {
        subject: { type: 'invite', id: event.inviteId },
        org: event.orgId,
        details: { role: event.role },
      };
    case 'key.created':
      return { subject: key(event.keyId), org: event.orgId, details: { scopes: [...event.scopes] } };
    case 'key.revoked':
      return { subject: key(event.keyId), org: event.orgId };
    case 'key.shortened':
      return { subject: key(event.keyId), org: event.orgId, details: { expires_at: iso(event.expiresAt) } };
    case 'passkey.added':
    case 'passkey.removed':
      return {
        subject: { type: 'passkey', id: event.passkeyId },
        actor: event.caller?.actor ?? { type: 'user', id: event.userId },
      };
    case 'team.created':
    case 'team.deleted':
      return { subject: team(event.teamId), org: event.orgId };
    case 'team.member_added':
    case 'team.member_removed':
      return { subject: team(event.teamId), org: event.orgId, details: { user_id: event.userId } };
    case 'policy.updated':
      return { subject: { type: 'org', id: event.orgId }, org: event.orgId };
    case 'webhook.created':
    case 'webhook.deleted':
    case 'webhook.enabled':
      return { subject: webhook(event.webhookId), org: event.orgId };
    case 'webhook.disabled':
      return {
        subject: webhook(event.webhookId),
        org: event.orgId,
        actor: SYSTEM,
        details: { reason: event.reason },
      };
    case 'domain.added':
    case 'domain.removed':
    case 'domain.verified':
    case 'domain.reactivated':
      return { subject: domain(event.domainId), org: event.orgId, details: { name: event.name } };
    case 'domain.record_missing':
      return {
        subject: domain(event.domainId),
        org: event.orgId,
        actor: SYSTEM,
        details: { name: event.name },
      };
    case 'domain.suspended':
      return {
        subject: domain(event.domainId),
        org: event.orgId,
        actor: SYSTEM,
        details: { name: event.name, missing_since: new Date(event.missingSince).toISOString() },
      };
    case 'branding.updated':
      return { subject: { type: 'org', id: event.orgId }, org: event.orgId };
    default:
      return alert(event, context);
  }
}

function alert(event: Extract<LifecycleEvent, { type: `alert.${string}` }>, context: DraftContext): Mapped {
  // An alert about an address names it only as the trail may keep addresses.
  const subject = event.key.type === 'address' && !context.ips ? null : { ...event.key };
  return {
    subject,
    org: event.orgId ?? PUBLIC_ORG,
    actor: SYSTEM,
    details: { count: event.count, window_seconds: Math.round(event.windowMs / 1000) },
  };
}

const member = (id: string): AuditSubject => ({ type: 'member', id });
const key = (id: string): AuditSubject => ({ type: 'key', id });
const team = (id: string): AuditSubject => ({ type: 'team', id });
const webhook = (id: string): AuditSubject => ({ type: 'webhook', id });
const domain = (id: string): AuditSubject => ({ type: 'domain', id });

/** For callers that need the catalogue's view of a type (tests, docs). */
export const isAudited = (type: string): type is AuditedEventType => Object.hasOwn(EVENT_CATALOGUE, type);
