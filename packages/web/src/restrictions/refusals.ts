import type { Failure, SecretInfo, SecretRequirements } from '@burnlink/client';
import type { RestrictionText } from './restriction-text.js';

/** What a peek says a claim must pass: the masked addresses to pick from, and which checks apply. */
export type Requirements = SecretRequirements;

/** The requirements of a peeked secret, or null when it has none. */
export function requirementsOf(info: SecretInfo): Requirements | null {
  const { verification, network, officeHours, country } = info.requires;
  return (verification && verification.recipients.length > 0) || network || officeHours || country
    ? info.requires
    : null;
}

/** The kinds of refusal this part explains. */
export type Refusal =
  | { kind: 'hours'; opensAt: string | null }
  | { kind: 'network' }
  | { kind: 'country' }
  | { kind: 'verify' }
  | { kind: 'code'; attemptsLeft: number }
  | { kind: 'limit' }
  | { kind: 'mail' };

interface LooseFailure {
  reason: string;
  code?: string;
  opensAt?: string | null;
  attemptsLeft?: number;
  status?: number;
}

/**
 * Which refusal a failed claim or (`codeRequest`) code request is, or null for one this part does not explain.
 * The SDK answers
 * a restriction's 403 as `restricted` (with `code` and `opensAt`), `verification_required` or
 * `verification_code_invalid` (with `attemptsLeft`); an older SDK answered them as `invalid_request` with the
 * catalogue's code. Both are understood.
 */
export function refusalOf(failure: Failure, codeRequest = false): Refusal | null {
  const loose = failure as LooseFailure;
  const code =
    loose.reason === 'restricted' || loose.reason === 'invalid_request' ? (loose.code ?? '') : loose.reason;
  switch (code) {
    case 'outside_office_hours': {
      const opensAt = loose.opensAt ?? null;
      return { kind: 'hours', opensAt: opensAt && !Number.isNaN(Date.parse(opensAt)) ? opensAt : null };
    }
    case 'network_not_allowed':
      return { kind: 'network' };
    case 'country_not_allowed':
      return { kind: 'country' };
    case 'recipient_verification_required':
    case 'verification_required':
      return { kind: 'verify' };
    case 'verification_code_invalid':
      return { kind: 'code', attemptsLeft: loose.attemptsLeft ?? 0 };
    case 'verification_code_limit':
      return { kind: 'limit' };
    case 'mail_unavailable':
      return { kind: 'mail' };
  }
  // The server could not hand the code to its mail server: 503 (the SDK reads any 5xx as `server`).
  if (codeRequest && loose.reason === 'server' && loose.status === 503) return { kind: 'mail' };
  return null;
}

/**
 * The browser's own tag for the app's language (`en-GB` for `en` when that is what the browser prefers), so that
 * dates and times read as the recipient is used to: 24-hour clock, day before month, their zone's name.
 */
export function regionalLocale(
  appLocale: string,
  preferred: readonly string[] = navigatorLanguages(),
): string {
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === appLocale) ?? appLocale;
}

function navigatorLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/**
 * The next opening as the recipient reads it: their language and region, their time zone (named), e.g.
 * "Monday 7 December, 09:00 CET" for `en-GB` in Amsterdam.
 */
export function formatOpening(at: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(regionalLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(at));
}

/** The words for a refusal: what happened, and (for the checks that wait for nothing) that nothing was used. */
export function refusalWords(refusal: Refusal, text: RestrictionText, timeZone?: string): string[] {
  const { r, rp } = text;
  switch (refusal.kind) {
    case 'hours':
      return [
        refusal.opensAt
          ? r('outsideHours', { when: formatOpening(refusal.opensAt, text.locale, timeZone) })
          : r('outsideHoursLater'),
        r('nothingUsed'),
      ];
    case 'network':
      return [r('networkRefused'), r('nothingUsed')];
    case 'country':
      return [r('countryRefused'), r('nothingUsed')];
    case 'verify':
      return [r('verificationRequired')];
    case 'code':
      return [refusal.attemptsLeft > 0 ? rp('codeWrong', refusal.attemptsLeft) : r('codeUsedUp')];
    case 'limit':
      return [r('codeLimit')];
    case 'mail':
      return [r('mailUnavailable')];
  }
}
