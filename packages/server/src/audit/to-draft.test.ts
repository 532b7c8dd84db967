import { describe, expect, test } from 'vitest';
import type { Caller, LifecycleEvent } from '../service/events.js';
import { PUBLIC_ORG } from './audit-types.js';
import { AUDITED_TYPES, type AuditedEventType, EVENT_CATALOGUE } from './event-catalogue.js';
import { toDraft } from './to-draft.js';

const caller: Caller = { actor: { type: 'api_key', id: 'key1' }, orgId: 'org1', ip: '192.0.2.7' };
const at = 1_800_000_000_000;
const alert = (kind: string, key: { type: 'secret' | 'address' | 'webhook' | 'org'; id: string }) =>
  ({ type: `alert.${kind}`, at, orgId: 'org1', key, count: 5, windowMs: 60_000 }) as LifecycleEvent;

/** One event of every audited type; a type missing here is a compile error. */
const SAMPLES: Record<AuditedEventType, LifecycleEvent> = {
  'secret.created': {
    type: 'secret.created',
    secretId: 's1',
    at,
    files: 2,
    expiresAt: at,
    maxViews: 1,
    caller,
  },
  'secret.viewed': { type: 'secret.viewed', secretId: 's1', at, viewsLeft: 0, files: 2, caller },
  'secret.claim_failed': { type: 'secret.claim_failed', secretId: 's1', at, attemptsLeft: 3, caller },
  'secret.locked': { type: 'secret.locked', secretId: 's1', at, caller },
  'secret.claim_refused': {
    type: 'secret.claim_refused',
    secretId: 's1',
    at,
    reason: 'outside_office_hours',
    caller,
  },
  'secret.verification_sent': { type: 'secret.verification_sent', secretId: 's1', at, caller },
  'policy.violated': { type: 'policy.violated', at, orgId: 'org1', rule: 'max_ttl', caller },
  'secret.burned': { type: 'secret.burned', secretId: 's1', at, caller },
  'secret.expired': { type: 'secret.expired', secretId: 's1', at },
  'request.created': { type: 'request.created', requestId: 's1', at, orgId: 'org1', expiresAt: at, caller },
  'request.answered': {
    type: 'request.answered',
    requestId: 's1',
    at,
    orgId: null,
    files: 1,
    expiresAt: at,
  },
  'request.burned': { type: 'request.burned', requestId: 's1', at, orgId: 'org1', caller },
  'request.expired': { type: 'request.expired', requestId: 's1', at, orgId: null },
  'file.downloaded': { type: 'file.downloaded', secretId: 's1', at, file: 1, caller },
  'upload.cancelled': { type: 'upload.cancelled', secretId: 's1', at, reason: 'too_large', caller },
  'upload.quota_refused': { type: 'upload.quota_refused', at, ip: '192.0.2.8', secretId: 's1' },
  'rate_limit.tripped': { type: 'rate_limit.tripped', at, bucket: 'claim', ip: '192.0.2.9' },
  'session.signed_in': { type: 'session.signed_in', at, orgId: 'org1', userId: 'u1', method: 'passkey' },
  'session.sign_in_failed': { type: 'session.sign_in_failed', at, method: 'oidc', reason: 'verification' },
  'session.signed_out': { type: 'session.signed_out', at, orgId: 'org1', userId: 'u1', everywhere: true },
  'member.added': { type: 'member.added', at, orgId: 'org1', userId: 'u2', role: 'member', caller },
  'member.removed': { type: 'member.removed', at, orgId: 'org1', userId: 'u2', caller },
  'member.role_changed': {
    type: 'member.role_changed',
    at,
    orgId: 'org1',
    userId: 'u2',
    from: 'member',
    to: 'admin',
    caller,
  },
  'invite.created': { type: 'invite.created', at, orgId: 'org1', inviteId: 'i1', role: 'auditor' },
  'key.created': { type: 'key.created', at, orgId: 'org1', keyId: 'k2', scopes: ['audit:read'], caller },
  'key.revoked': { type: 'key.revoked', at, orgId: 'org1', keyId: 'k2', caller },
  'key.shortened': { type: 'key.shortened', at, orgId: 'org1', keyId: 'k2', expiresAt: at, caller },
  'passkey.added': { type: 'passkey.added', at, userId: 'u1', passkeyId: 'p1', caller },
  'passkey.removed': { type: 'passkey.removed', at, userId: 'u1', passkeyId: 'p1' },
  'team.created': { type: 'team.created', at, orgId: 'org1', teamId: 't1', caller },
  'team.deleted': { type: 'team.deleted', at, orgId: 'org1', teamId: 't1', caller },
  'team.member_added': { type: 'team.member_added', at, orgId: 'org1', teamId: 't1', userId: 'u2', caller },
  'team.member_removed': {
    type: 'team.member_removed',
    at,
    orgId: 'org1',
    teamId: 't1',
    userId: 'u2',
    caller,
  },
  'policy.updated': { type: 'policy.updated', at, orgId: 'org1', caller },
  'domain.added': { type: 'domain.added', at, orgId: 'org1', domainId: 'd1', name: 'a.example', caller },
  'domain.removed': { type: 'domain.removed', at, orgId: 'org1', domainId: 'd1', name: 'a.example', caller },
  'domain.verified': {
    type: 'domain.verified',
    at,
    orgId: 'org1',
    domainId: 'd1',
    name: 'a.example',
    caller,
  },
  'domain.reactivated': {
    type: 'domain.reactivated',
    at,
    orgId: 'org1',
    domainId: 'd1',
    name: 'a.example',
    caller,
  },
  'domain.record_missing': {
    type: 'domain.record_missing',
    at,
    orgId: 'org1',
    domainId: 'd1',
    name: 'a.example',
  },
  'domain.suspended': {
    type: 'domain.suspended',
    at,
    orgId: 'org1',
    domainId: 'd1',
    name: 'a.example',
    missingSince: at - 1000,
  },
  'branding.updated': { type: 'branding.updated', at, orgId: 'org1', caller },
  'webhook.created': { type: 'webhook.created', at, orgId: 'org1', webhookId: 'w1', caller },
  'webhook.deleted': { type: 'webhook.deleted', at, orgId: 'org1', webhookId: 'w1', caller },
  'webhook.enabled': { type: 'webhook.enabled', at, orgId: 'org1', webhookId: 'w1', caller },
  'webhook.disabled': {
    type: 'webhook.disabled',
    at,
    orgId: 'org1',
    webhookId: 'w1',
    reason: 'HTTP 500 for 24 h',
  },
  'alert.failed_claims_per_secret': alert('failed_claims_per_secret', { type: 'secret', id: 's1' }),
  'alert.failed_claims_per_address': alert('failed_claims_per_address', { type: 'address', id: '192.0.2.9' }),
  'alert.lockouts': alert('lockouts', { type: 'org', id: 'org1' }),
  'alert.rate_limit_trips': alert('rate_limit_trips', { type: 'address', id: '192.0.2.9' }),
  'alert.upload_quota_refusals': alert('upload_quota_refusals', { type: 'address', id: '192.0.2.9' }),
  'alert.webhook_disabled': alert('webhook_disabled', { type: 'webhook', id: 'w1' }),
};

const owners = new Map([['s1', 'org9']]);

describe('toDraft', () => {
  test.each(AUDITED_TYPES)('%s: the subject, outcome and details the catalogue names', (type) => {
    const entry = EVENT_CATALOGUE[type];
    const draft = toDraft(SAMPLES[type], { ips: true, owners });
    expect(draft).not.toBeNull();
    expect(draft?.type).toBe(type);
    expect(draft?.outcome).toBe(entry.outcome);
    expect(draft?.subject?.type ?? null).toBe(entry.subject);
    expect(Object.keys(draft?.details ?? {}).sort()).toEqual([...entry.details].sort());
    expect(draft?.at).toBe(at);
  });

  test('organisations: the owner for secret events, the event or caller otherwise, else public', () => {
    const org = (type: AuditedEventType, ownerMap = owners) =>
      toDraft(SAMPLES[type], { ips: false, owners: ownerMap })?.org;
    expect(org('secret.created')).toBe('org1');
    expect(org('secret.viewed')).toBe('org9');
    expect(org('secret.viewed', new Map())).toBe(PUBLIC_ORG);
    expect(org('upload.quota_refused')).toBe('org9');
    expect(org('rate_limit.tripped')).toBe(PUBLIC_ORG);
    expect(org('session.sign_in_failed')).toBe(PUBLIC_ORG);
    expect(org('passkey.added')).toBe('org1');
    expect(org('passkey.removed')).toBe(PUBLIC_ORG);
    expect(org('invite.created')).toBe('org1');
    expect(org('alert.lockouts')).toBe('org1');
  });

  test('actors: the caller, else who the event names, else the system', () => {
    const actor = (type: AuditedEventType) => toDraft(SAMPLES[type], { ips: false, owners })?.actor;
    expect(actor('secret.viewed')).toEqual(caller.actor);
    expect(actor('secret.expired')).toEqual({ type: 'system', id: null });
    expect(actor('invite.created')).toEqual({ type: 'system', id: null });
    expect(actor('session.signed_in')).toEqual({ type: 'user', id: 'u1' });
    expect(actor('session.sign_in_failed')).toEqual({ type: 'anonymous', id: null });
    expect(actor('rate_limit.tripped')).toEqual({ type: 'anonymous', id: null });
    expect(actor('alert.lockouts')).toEqual({ type: 'system', id: null });
  });

  test('addresses only with ips: no ip, and no address as subject, otherwise', () => {
    for (const type of AUDITED_TYPES) {
      const text = JSON.stringify(toDraft(SAMPLES[type], { ips: false, owners }));
      expect(text).not.toMatch(/192\.0\.2/);
    }
    expect(toDraft(SAMPLES['secret.viewed'], { ips: true, owners })?.ip).toBe('192.0.2.7');
    expect(toDraft(SAMPLES['rate_limit.tripped'], { ips: true, owners })).toMatchObject({
      ip: '192.0.2.9',
      subject: { type: 'address', id: '192.0.2.9' },
    });
  });

  test('file.bytes is a metric, not a record', () => {
    const bytes: LifecycleEvent = {
      type: 'file.bytes',
      secretId: 's1',
      at,
      file: 0,
      direction: 'upload',
      bytes: 1,
    };
    expect(toDraft(bytes, { ips: true, owners })).toBeNull();
  });
});
