import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.js';
import enCore from '../i18n/messages/en.js';
import { accountText } from './account-i18n.js';
import type { OwnedSecretInfo } from './account-types.js';
import {
  burnable,
  failureText,
  grantableScopes,
  KEY_EXPIRY_CHOICES,
  listScopes,
  manageableRoles,
  passkeyLabel,
  personName,
  secretRowText,
  signInErrorKey,
} from './format.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';

const i18n = createI18n('en', enCore);
const text = accountText('en', en);
const fail = (status: number, code = '', retryAfter: number | null = null) =>
  ({ ok: false, status, code, retryAfter }) as const;

describe('what each role sees and may grant', () => {
  it('offers "All secrets" only to roles that reach the whole organisation', () => {
    expect(listScopes('member')).toEqual(['own', 'team']);
    for (const role of ['owner', 'admin', 'auditor'] as const)
      expect(listScopes(role)).toEqual(['own', 'team', 'org']);
  });

  it('limits a new key to the creator’s own scopes, in catalogue order', () => {
    expect(grantableScopes(['secrets:burn', 'secrets:create', 'secrets:list'])).toEqual([
      'secrets:create',
      'secrets:list',
      'secrets:burn',
    ]);
    expect(grantableScopes(['audit:read', 'secrets:list', 'made:up'])).toEqual([
      'secrets:list',
      'audit:read',
    ]);
  });

  it('lets only owners hand out or take away the owner role', () => {
    expect(manageableRoles('owner')).toEqual(['owner', 'admin', 'auditor', 'member']);
    expect(manageableRoles('admin')).toEqual(['admin', 'auditor', 'member']);
    expect(manageableRoles('member')).toEqual([]);
  });

  it('offers key lifetimes of 30 days, 90 days and a year', () => {
    expect(KEY_EXPIRY_CHOICES.map((c) => c.seconds)).toEqual([2_592_000, 7_776_000, 31_536_000]);
  });
});

describe('a dashboard row in words', () => {
  it('offers to burn only what can still be opened', () => {
    expect(burnable({ state: 'pending', views_left: 1 })).toBe(true);
    expect(burnable({ state: 'viewed', views_left: 2 })).toBe(true);
    expect(burnable({ state: 'viewed', views_left: 0 })).toBe(false);
    for (const state of ['burned', 'expired', 'locked'] as const)
      expect(burnable({ state, views_left: 1 })).toBe(false);
  });

  const row: OwnedSecretInfo = {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    state: 'pending',
    created_at: '2026-12-04T09:00:00.000Z',
    expires_at: '2026-12-05T09:00:00.000Z',
    max_views: 3,
    views_left: 2,
    viewed_at: [],
    passphrase: false,
    creator: { id: 'u1', name: 'Ada', email: 'ada@example.com' },
    key: null,
    team: { id: 't1', name: 'Ops' },
  };
  const ctx = { i18n, text, meId: 'u2' };

  it('shows state, dates, views left of max, creator and team', () => {
    expect(secretRowText(row, ctx)).toEqual({
      state: 'Waiting to be viewed',
      created: i18n.date(row.created_at),
      expires: i18n.date(row.expires_at),
      views: '2 of 3',
      creator: 'Ada',
      team: 'Ops',
    });
  });

  it('says "You" for my own, names organisation keys and missing teams', () => {
    const mine = secretRowText({ ...row, creator: { id: 'u2', name: 'Me', email: 'me@x' }, team: null }, ctx);
    expect([mine.creator, mine.team]).toEqual(['You', 'No team']);
    expect(secretRowText({ ...row, creator: null, state: 'locked' }, ctx)).toMatchObject({
      creator: 'An organisation key',
      state: 'Destroyed after too many wrong passphrases',
    });
    const deploy = { id: 'k1', name: 'deploy' };
    expect(secretRowText({ ...row, creator: null, key: deploy }, ctx).creator).toBe(
      'Organisation key “deploy”',
    );
  });

  it('shows no view count the server no longer knows, and a person by name or else email', () => {
    expect(secretRowText({ ...row, state: 'burned', views_left: null, max_views: null }, ctx).views).toBe(
      '—',
    );
    expect(personName({ name: '', email: 'e@x' })).toBe('e@x');
  });

  it('formats counts for the locale', () => {
    const german = accountText('de', de);
    expect(german.a('viewsOf', { left: 1000, max: 2000 })).toBe('1.000 von 2.000');
    expect(german.ap('listCount', 1)).toBe('1 Geheimnis angezeigt');
    expect(german.ap('listCount', 2)).toBe('2 Geheimnisse angezeigt');
  });
});

describe('failures in words', () => {
  it('gives the wait of a rate limit', () => {
    expect(failureText(fail(429, 'rate_limited', 90), i18n, text)).toBe(
      `Too many attempts. Try again in ${i18n.duration(90_000)}.`,
    );
    expect(failureText(fail(429, 'rate_limited'), i18n, text)).toBe(en.errRateLimitedSoon);
  });

  it('names the account errors of the catalogue', () => {
    expect(failureText(fail(401, 'sign_in_failed'), i18n, text)).toBe(en.errSignInFailed);
    expect(failureText(fail(401, 'unauthenticated'), i18n, text)).toBe(en.errSignedOut);
    expect(failureText(fail(403, 'csrf_failed'), i18n, text)).toBe(en.errCsrf);
    expect(failureText(fail(403, 'insufficient_scope'), i18n, text)).toBe(en.errForbidden);
    expect(failureText(fail(409, 'last_owner'), i18n, text)).toBe(en.errLastOwner);
    expect(failureText(fail(409, 'last_passkey'), i18n, text)).toBe(en.errLastPasskey);
    expect(failureText(fail(409, 'already_exists'), i18n, text)).toBe(en.errExists);
    expect(failureText(fail(400, 'webhook_target_refused'), i18n, text)).toBe(en.errWebhookTarget);
    expect(failureText(fail(409, 'too_many_webhooks'), i18n, text)).toBe(en.errTooManyWebhooks);
    expect(failureText(fail(404, 'invite_not_found'), i18n, text)).toBe(en.errInviteInvalid);
    expect(failureText(fail(404, 'key_not_found'), i18n, text)).toBe(en.errGone);
    expect(failureText(fail(404, 'route_not_found'), i18n, text)).toBe(
      'The server did not accept this (code: route_not_found).',
    );
    expect(failureText(fail(400, 'invalid_body'), i18n, text)).toBe(
      'The server did not accept this (code: invalid_body).',
    );
  });

  it('falls back to the app’s network and server words', () => {
    expect(failureText(fail(0, 'network'), i18n, text)).toBe(i18n.t('errNetwork'));
    expect(failureText(fail(503), i18n, text)).toBe(i18n.t('errUnavailable'));
    expect(failureText(fail(500, 'internal'), i18n, text)).toBe(i18n.t('errServer'));
  });
});

describe('signInErrorKey', () => {
  it('explains each way an identity-provider sign-in can come back', () => {
    expect(signInErrorKey(null)).toBeNull();
    expect(signInErrorKey('no_account')).toBe('errNoAccount');
    expect(signInErrorKey('provider_unavailable')).toBe('errProviderUnavailable');
    expect(signInErrorKey('invite_not_found')).toBe('errInviteInvalid');
    expect(signInErrorKey('account_exists')).toBe('errAccountExists');
    expect(signInErrorKey('rate_limited')).toBe('errRateLimitedSoon');
    expect(signInErrorKey('sign_in_failed')).toBe('errOidcFailed');
    expect(signInErrorKey('<script>')).toBe('errOidcFailed');
  });
});

describe('passkeyLabel', () => {
  it('names browser and system, nothing more', () => {
    const linuxChrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
    const firefoxMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0';
    expect(passkeyLabel(linuxChrome)).toBe('Chrome on Linux');
    expect(passkeyLabel(iphone)).toBe('Safari on iOS');
    expect(passkeyLabel(edge)).toBe('Edge on Windows');
    expect(passkeyLabel(firefoxMac)).toBe('Firefox on macOS');
    expect(passkeyLabel('')).toBe('Passkey');
  });
});
