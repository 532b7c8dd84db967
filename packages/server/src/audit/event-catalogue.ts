import type { LifecycleEventType } from '../service/events.js';
import type { AuditOutcome, AuditSubject } from './audit-types.js';

/** Every event type the audit trail records: all lifecycle events but `file.bytes` (a metric only). */
export type AuditedEventType = Exclude<LifecycleEventType, 'file.bytes'>;

/** What docs/audit.md says of one event type; `test/docs/audit-doc.test.ts` keeps the two the same. */
export interface CatalogueEntry {
  /** One line: when the event fires. */
  when: string;
  /** What its records are about; null when nothing (a failed sign-in). */
  subject: AuditSubject['type'] | null;
  outcome: AuditOutcome;
  /** The `details` keys its records may carry (snake_case); none is ever a secret value. */
  details: readonly string[];
}

/**
 * The event catalogue: every type the trail records. A `Record` over the event union, so a new lifecycle,
 * identity, guard or alert event that is not catalogued here is a compile error (and `to-draft.ts` maps it).
 */
export const EVENT_CATALOGUE: Readonly<Record<AuditedEventType, CatalogueEntry>> = Object.freeze({
  'secret.created': {
    when: 'a secret was stored (text, or staged until its files are uploaded)',
    subject: 'secret',
    outcome: 'ok',
    details: ['files', 'max_views', 'expires_at'],
  },
  'secret.viewed': {
    when: 'a recipient claimed the secret with the right token or key',
    subject: 'secret',
    outcome: 'ok',
    details: ['views_left', 'files'],
  },
  'secret.claim_failed': {
    when: 'a claim presented a wrong token or passphrase and attempts remain',
    subject: 'secret',
    outcome: 'failed',
    details: ['attempts_left'],
  },
  'secret.claim_refused': {
    when: 'a restriction (network, country, office hours, recipient verification) refused a claim or a code request',
    subject: 'secret',
    outcome: 'refused',
    details: ['reason'],
  },
  'secret.verification_sent': {
    when: "a verification code was mailed to one of the secret's recipients",
    subject: 'secret',
    outcome: 'ok',
    details: [],
  },
  'policy.violated': {
    when: "a create broke its organisation's policy; nothing was stored",
    subject: null,
    outcome: 'refused',
    details: ['rule'],
  },
  'secret.locked': {
    when: 'the last allowed claim failed: the secret was destroyed',
    subject: 'secret',
    outcome: 'refused',
    details: [],
  },
  'secret.burned': {
    when: 'the secret was destroyed on purpose, by its receipt or by its organisation',
    subject: 'secret',
    outcome: 'ok',
    details: [],
  },
  'secret.expired': {
    when: 'the sweeper removed a secret past its expiry (or an upload abandoned)',
    subject: 'secret',
    outcome: 'ok',
    details: [],
  },
  'request.created': {
    when: 'a request for a secret was made (the subject is the request id, which its response shares)',
    subject: 'secret',
    outcome: 'ok',
    details: ['expires_at'],
  },
  'request.answered': {
    when: "a request's one response was given (the response is then a secret of the same id)",
    subject: 'secret',
    outcome: 'ok',
    details: ['files', 'expires_at'],
  },
  'request.burned': {
    when: 'the requester burned a request, waiting or with its unread response',
    subject: 'secret',
    outcome: 'ok',
    details: [],
  },
  'request.expired': {
    when: 'the sweeper found a request past its expiry without a response',
    subject: 'secret',
    outcome: 'ok',
    details: [],
  },
  'file.downloaded': {
    when: "a recipient received a file's last byte with the claim's grant",
    subject: 'secret',
    outcome: 'ok',
    details: ['file'],
  },
  'upload.cancelled': {
    when: 'an unfinished secret was cancelled (tus termination) or cut for going past its declared size',
    subject: 'secret',
    outcome: 'ok',
    details: ['reason'],
  },
  'upload.quota_refused': {
    when: "an upload was refused by the address's byte budget (BURNLINK_UPLOAD_BUDGET)",
    subject: 'secret',
    outcome: 'refused',
    details: [],
  },
  'rate_limit.tripped': {
    when: 'a client went past a rate limit and was answered 429',
    subject: 'address',
    outcome: 'refused',
    details: ['bucket'],
  },
  'session.signed_in': {
    when: 'a person signed in (passkey or OpenID Connect)',
    subject: 'member',
    outcome: 'ok',
    details: ['method'],
  },
  'session.sign_in_failed': {
    when: 'a sign-in was refused',
    subject: null,
    outcome: 'failed',
    details: ['method', 'reason'],
  },
  'session.signed_out': {
    when: 'a person signed out, or ended their sessions everywhere',
    subject: 'member',
    outcome: 'ok',
    details: ['everywhere'],
  },
  'member.added': {
    when: 'a person joined the organisation (an invite, or a join domain)',
    subject: 'member',
    outcome: 'ok',
    details: ['role'],
  },
  'member.removed': {
    when: 'a member was removed from the organisation',
    subject: 'member',
    outcome: 'ok',
    details: [],
  },
  'member.role_changed': {
    when: "a member's role was changed",
    subject: 'member',
    outcome: 'ok',
    details: ['from', 'to'],
  },
  'invite.created': {
    when: 'an invitation was made (in the app, or by burnlink admin invite)',
    subject: 'invite',
    outcome: 'ok',
    details: ['role'],
  },
  'key.created': {
    when: 'an API key was created',
    subject: 'key',
    outcome: 'ok',
    details: ['scopes'],
  },
  'key.revoked': {
    when: 'an API key was revoked',
    subject: 'key',
    outcome: 'ok',
    details: [],
  },
  'key.shortened': {
    when: "an API key's expiry was moved earlier (rotation)",
    subject: 'key',
    outcome: 'ok',
    details: ['expires_at'],
  },
  'passkey.added': {
    when: 'a person registered a passkey',
    subject: 'passkey',
    outcome: 'ok',
    details: [],
  },
  'passkey.removed': {
    when: 'a person removed one of their passkeys',
    subject: 'passkey',
    outcome: 'ok',
    details: [],
  },
  'team.created': {
    when: 'a team was created',
    subject: 'team',
    outcome: 'ok',
    details: [],
  },
  'team.deleted': {
    when: 'a team was deleted',
    subject: 'team',
    outcome: 'ok',
    details: [],
  },
  'team.member_added': {
    when: 'a member was added to a team',
    subject: 'team',
    outcome: 'ok',
    details: ['user_id'],
  },
  'team.member_removed': {
    when: 'a member was taken out of a team',
    subject: 'team',
    outcome: 'ok',
    details: ['user_id'],
  },
  'policy.updated': {
    when: "the organisation's policy was set (PUT /api/v1/org/policy)",
    subject: 'org',
    outcome: 'ok',
    details: [],
  },
  'domain.added': {
    when: 'a custom domain was added (pending until its TXT record is found)',
    subject: 'domain',
    outcome: 'ok',
    details: ['name'],
  },
  'domain.removed': {
    when: 'a custom domain was removed',
    subject: 'domain',
    outcome: 'ok',
    details: ['name'],
  },
  'domain.verified': {
    when: "a custom domain's TXT record was found: it is served from now on",
    subject: 'domain',
    outcome: 'ok',
    details: ['name'],
  },
  'domain.reactivated': {
    when: "a suspended domain's TXT record was found again: it is served again",
    subject: 'domain',
    outcome: 'ok',
    details: ['name'],
  },
  'domain.record_missing': {
    when: "a daily re-check did not find an active domain's TXT record: the grace period started",
    subject: 'domain',
    outcome: 'failed',
    details: ['name'],
  },
  'domain.suspended': {
    when: "an active domain's TXT record stayed missing for the grace period: it is no longer served",
    subject: 'domain',
    outcome: 'failed',
    details: ['name', 'missing_since'],
  },
  'branding.updated': {
    when: "the organisation's branding or logo was set or removed",
    subject: 'org',
    outcome: 'ok',
    details: [],
  },
  'webhook.created': {
    when: 'a webhook endpoint was registered',
    subject: 'webhook',
    outcome: 'ok',
    details: [],
  },
  'webhook.deleted': {
    when: 'a webhook endpoint was deleted',
    subject: 'webhook',
    outcome: 'ok',
    details: [],
  },
  'webhook.enabled': {
    when: 'a disabled webhook endpoint was enabled again',
    subject: 'webhook',
    outcome: 'ok',
    details: [],
  },
  'webhook.disabled': {
    when: 'a webhook endpoint was disabled after failing for 24 hours',
    subject: 'webhook',
    outcome: 'failed',
    details: ['reason'],
  },
  'alert.failed_claims_per_secret': {
    when: 'failed claims of one secret reached their threshold (BURNLINK_ALERTS)',
    subject: 'secret',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
  'alert.failed_claims_per_address': {
    when: 'failed claims from one address reached their threshold',
    subject: 'address',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
  'alert.lockouts': {
    when: 'locked secrets reached their threshold',
    subject: 'org',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
  'alert.rate_limit_trips': {
    when: 'rate-limit trips reached their threshold',
    subject: 'address',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
  'alert.upload_quota_refusals': {
    when: 'upload-budget refusals reached their threshold',
    subject: 'address',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
  'alert.webhook_disabled': {
    when: 'a webhook endpoint was disabled after persistent failure',
    subject: 'webhook',
    outcome: 'ok',
    details: ['count', 'window_seconds'],
  },
});

/** Every audited event type, in catalogue order. */
export const AUDITED_TYPES = Object.keys(EVENT_CATALOGUE) as AuditedEventType[];
