import type { I18n } from '../i18n/i18n.js';
import type { ApiFailure } from './account-api.js';
import type { AccountText } from './account-i18n.js';
import {
  type OwnedSecretInfo,
  ROLES,
  type Role,
  SCOPES,
  type Scope,
  SECRET_STATES,
  type SecretState,
} from './account-types.js';
import type { AccountKey } from './messages/en.js';

/** Key lifetimes offered when creating an API key (seconds); the server caps them at its maximum. */
export const KEY_EXPIRY_CHOICES: readonly { label: AccountKey; seconds: number }[] = [
  { label: 'expiry30d', seconds: 30 * 86_400 },
  { label: 'expiry90d', seconds: 90 * 86_400 },
  { label: 'expiry1y', seconds: 365 * 86_400 },
];

export const ROLE_LABELS: Record<Role, AccountKey> = {
  owner: 'roleOwner',
  admin: 'roleAdmin',
  auditor: 'roleAuditor',
  member: 'roleMember',
};

export const SCOPE_LABELS: Record<Scope, AccountKey> = {
  'secrets:create': 'scopeSecretsCreate',
  'secrets:list': 'scopeSecretsList',
  'secrets:burn': 'scopeSecretsBurn',
  'audit:read': 'scopeAuditRead',
  'keys:manage': 'scopeKeysManage',
  'members:manage': 'scopeMembersManage',
  'policies:manage': 'scopePoliciesManage',
  'webhooks:manage': 'scopeWebhooksManage',
  'domains:manage': 'scopeDomainsManage',
};

/** A secret's state in the words of the receipt page (the app's own messages). */
export const stateLabel = (state: SecretState, { t }: I18n): string =>
  (SECRET_STATES as readonly string[]).includes(state) ? t(`state_${state}`) : state;

export type ListScope = 'own' | 'team' | 'org';

/** The dashboard's tabs for a role: everyone sees their own and their teams'; org reach adds "All secrets". */
export function listScopes(role: Role): ListScope[] {
  return role === 'member' ? ['own', 'team'] : ['own', 'team', 'org'];
}

/** The permissions a new key may get: the creator's own, in the catalogue's order. */
export const grantableScopes = (mine: readonly string[]): Scope[] => SCOPES.filter((s) => mine.includes(s));

/** The roles `actor` may give or take away (docs/teams.md: only an owner manages owners). */
export function manageableRoles(actor: Role): Role[] {
  if (actor === 'owner') return [...ROLES];
  if (actor === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}

/** A person as shown in a list: their name, else their email. */
export const personName = (person: { name: string; email: string }): string => person.name || person.email;

/** Whether a secret can still be opened, so burning it means something: waiting, or viewed with views left. */
export const burnable = (row: Pick<OwnedSecretInfo, 'state' | 'views_left'>): boolean =>
  row.state === 'pending' || (row.state === 'viewed' && (row.views_left ?? 0) > 0);

/** The columns of one dashboard row, in words. */
export function secretRowText(row: OwnedSecretInfo, ctx: { i18n: I18n; text: AccountText; meId: string }) {
  const { i18n, text } = ctx;
  // No creator: made with a key of the organisation (`burnlink admin create-key`), named if the server says.
  const creator = row.creator
    ? row.creator.id === ctx.meId
      ? text.a('you')
      : personName(row.creator)
    : row.key
      ? text.a('orgKey', { name: row.key.name })
      : text.a('nobody');
  return {
    state: stateLabel(row.state, i18n),
    created: i18n.date(row.created_at),
    expires: i18n.date(row.expires_at),
    // Null once the server no longer knows (the secret is gone).
    views:
      row.views_left === null || row.max_views === null
        ? '—'
        : text.a('viewsOf', { left: row.views_left, max: row.max_views }),
    creator,
    team: row.team?.name ?? text.a('noTeam'),
  };
}

/** An account API failure in words (a 401 is the caller's to handle when it means "go and sign in"). */
export function failureText(failure: ApiFailure, { t, duration }: I18n, { a }: AccountText): string {
  const { status, code } = failure;
  if (status === 0) return t('errNetwork');
  if (status === 429)
    return failure.retryAfter === null
      ? a('errRateLimitedSoon')
      : a('errRateLimited', { time: duration(Math.max(1, failure.retryAfter) * 1000) });
  if (code === 'sign_in_failed') return a('errSignInFailed');
  if (code === 'invite_not_found') return a('errInviteInvalid');
  if (code === 'csrf_failed') return a('errCsrf');
  if (status === 401) return a('errSignedOut');
  if (code === 'forbidden' || code === 'insufficient_scope') return a('errForbidden');
  if (code === 'last_owner') return a('errLastOwner');
  if (code === 'last_passkey') return a('errLastPasskey');
  if (code === 'already_exists') return a('errExists');
  if (code === 'webhook_target_refused') return a('errWebhookTarget');
  if (code === 'too_many_webhooks') return a('errTooManyWebhooks');
  // A thing removed meanwhile; not a route this server lacks (an older server), which nothing refreshes.
  if (status === 404 && code.endsWith('_not_found') && code !== 'route_not_found') return a('errGone');
  if (status >= 500 || !code)
    return t(status === 502 || status === 503 || status === 504 ? 'errUnavailable' : 'errServer');
  return a('errInvalid', { code });
}

/**
 * Why an identity-provider sign-in came back to `/sign-in?error=CODE` (docs/teams.md), in words; null for no
 * code. An unknown code reads as a failed sign-in.
 */
export function signInErrorKey(code: string | null): AccountKey | null {
  if (!code) return null;
  const keys: Record<string, AccountKey> = {
    no_account: 'errNoAccount',
    provider_unavailable: 'errProviderUnavailable',
    invite_not_found: 'errInviteInvalid',
    account_exists: 'errAccountExists',
    rate_limited: 'errRateLimitedSoon',
  };
  return keys[code] ?? 'errOidcFailed';
}

/**
 * A label for a new passkey from the browser's own description of its platform, e.g. "Chrome on macOS":
 * enough to tell one's passkeys apart in settings, nothing that identifies the device.
 */
export function passkeyLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|Chromium|CriOS)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /CrOS/.test(userAgent)
            ? 'ChromeOS'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Passkey';
}
