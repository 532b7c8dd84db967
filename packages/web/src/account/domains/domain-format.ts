import type { I18n } from '../../i18n/i18n.js';
import type { ApiFailure } from '../account-api.js';
import type { AccountText } from '../account-i18n.js';
import type { DomainCheckResult, DomainInfo, DomainState } from '../account-types.js';
import { failureText } from '../format.js';
import type { DomainText } from './domain-text.js';
import type { DomainKey } from './messages/en.js';

export const DOMAIN_STATE_LABELS: Record<DomainState, DomainKey> = {
  pending: 'statePending',
  active: 'stateActive',
  suspended: 'stateSuspended',
};

/** What a DNS check found, as the end of a sentence ("Last check, 3 May: …"). */
export const CHECK_RESULT_LABELS: Record<DomainCheckResult, DomainKey> = {
  verified: 'checkVerified',
  no_record: 'checkNoRecord',
  wrong_record: 'checkWrongRecord',
  dns_error: 'checkDnsError',
  taken: 'checkTaken',
};

/**
 * A domain's state in a sentence: pending (publish the record), active since when, active but its record missing
 * since when (it will be suspended), suspended since when.
 */
export function domainStateText(domain: DomainInfo, { d }: DomainText, { date }: I18n): string {
  if (domain.state === 'suspended') return d('suspendedText', { date: date(domain.suspended_at ?? '') });
  if (domain.state === 'active')
    return domain.missing_since
      ? d('missingText', { date: date(domain.missing_since) })
      : d('activeText', { date: date(domain.verified_at ?? domain.created_at) });
  return d('pendingText');
}

/** The last DNS check and what it found, or "Not checked yet". */
export function lastCheckText(domain: DomainInfo, { d }: DomainText, { date }: I18n): string {
  const check = domain.last_check;
  if (!check) return d('neverChecked');
  return d('lastCheck', {
    date: date(check.at),
    result: d(CHECK_RESULT_LABELS[check.result] ?? 'checkDnsError'),
  });
}

const DOMAIN_ERRORS: Record<string, DomainKey> = {
  invalid_domain: 'errInvalidDomain',
  domain_taken: 'errDomainTaken',
  too_many_domains: 'errTooManyDomains',
  invalid_logo: 'errInvalidLogo',
};

/**
 * A failure of the domains or branding API in words: the domain errors of the catalogue, else as elsewhere. Only
 * a domain's own 404 (`domain_not_found`: removed meanwhile; the caller reloads the list) says that it is gone;
 * a 404 of the branding API (an older server without it) says that branding is not available.
 */
export function domainFailureText(
  failure: ApiFailure,
  i18n: I18n,
  accountText: AccountText,
  { d }: DomainText,
  subject: 'domain' | 'branding' = 'domain',
): string {
  const key = DOMAIN_ERRORS[failure.code];
  if (key) return d(key);
  if (failure.status === 404) {
    if (subject === 'branding') return d('errBrandingUnavailable', { code: failure.code || '404' });
    if (failure.code === 'domain_not_found') return accountText.a('errGone');
  }
  return failureText(failure, i18n, accountText);
}
