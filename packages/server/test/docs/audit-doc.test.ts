import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { AUDITED_TYPES, EVENT_CATALOGUE } from '../../src/audit/event-catalogue.js';
import type { LifecycleEventType } from '../../src/service/events.js';

const doc = readFileSync(new URL('../../../../docs/audit.md', import.meta.url), 'utf8');

/** The rows of the table under `## Event catalogue`, as `{type, when, subject, outcome, details}`. */
function documentedCatalogue() {
  const section = doc.split(/^## Event catalogue$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  const code = (cell: string) => cell.replaceAll('`', '');
  return rows.map(([type = '', when = '', subject = '', outcome = '', details = '']) => ({
    type: code(type),
    when,
    subject: subject === '—' ? null : code(subject),
    outcome: code(outcome),
    details: details === '—' ? [] : details.split(', ').map(code),
  }));
}

// Issue 13, "Done when": docs/audit.md documents the event catalogue and is kept in sync by a test.
test('the catalogue table of docs/audit.md is the code catalogue, row for row, both ways', () => {
  const documented = documentedCatalogue();
  const inCode = AUDITED_TYPES.map((type) => ({
    type,
    ...EVENT_CATALOGUE[type],
    details: [...EVENT_CATALOGUE[type].details],
  }));
  expect(documented.map((row) => row.type).sort()).toEqual([...AUDITED_TYPES].sort());
  expect(documented).toEqual(inCode);
});

test('every lifecycle event type but file.bytes is catalogued', () => {
  // The catalogue is a Record over the union (tsc refuses a missing type); this names one at run time too.
  const all: Record<LifecycleEventType, true> = {
    'secret.created': true,
    'secret.viewed': true,
    'secret.burned': true,
    'secret.expired': true,
    'secret.locked': true,
    'secret.claim_failed': true,
    'secret.claim_refused': true,
    'secret.verification_sent': true,
    'policy.violated': true,
    'request.created': true,
    'request.answered': true,
    'request.burned': true,
    'request.expired': true,
    'file.downloaded': true,
    'upload.cancelled': true,
    'file.bytes': true,
    'rate_limit.tripped': true,
    'upload.quota_refused': true,
    'webhook.created': true,
    'webhook.deleted': true,
    'webhook.enabled': true,
    'webhook.disabled': true,
    'alert.failed_claims_per_secret': true,
    'alert.failed_claims_per_address': true,
    'alert.lockouts': true,
    'alert.rate_limit_trips': true,
    'alert.upload_quota_refusals': true,
    'alert.webhook_disabled': true,
    'session.signed_in': true,
    'session.sign_in_failed': true,
    'session.signed_out': true,
    'member.added': true,
    'member.removed': true,
    'member.role_changed': true,
    'invite.created': true,
    'key.created': true,
    'key.revoked': true,
    'key.shortened': true,
    'passkey.added': true,
    'passkey.removed': true,
    'team.created': true,
    'team.deleted': true,
    'team.member_added': true,
    'team.member_removed': true,
    'policy.updated': true,
    'domain.added': true,
    'domain.removed': true,
    'domain.verified': true,
    'domain.reactivated': true,
    'domain.record_missing': true,
    'domain.suspended': true,
    'branding.updated': true,
  };
  const missing = Object.keys(all).filter(
    (type) => type !== 'file.bytes' && !Object.hasOwn(EVENT_CATALOGUE, type),
  );
  expect(missing).toEqual([]);
  expect(Object.hasOwn(EVENT_CATALOGUE, 'file.bytes')).toBe(false);
});
