import type { Failure, SecretInfo } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { en } from './messages/en.js';
import { formatOpening, refusalOf, refusalWords, regionalLocale, requirementsOf } from './refusals.js';
import { restrictionText } from './restriction-text.js';

const info = (requires: unknown): SecretInfo =>
  ({
    ok: true,
    id: 'x',
    expiresAt: '2026-12-24T12:00:00Z',
    maxViews: 1,
    viewsLeft: 1,
    passphrase: false,
    kdf: null,
    size: 10,
    files: 0,
    requires,
  }) as SecretInfo;
const failure = (fields: Record<string, unknown>) => ({ ok: false, message: '', ...fields }) as Failure;

describe("a peek's requirements", () => {
  it('reads the SDK’s shape, and none when nothing is required', () => {
    expect(
      requirementsOf(
        info({
          verification: { recipients: ['a•••@e•••.com'] },
          network: true,
          officeHours: false,
          country: false,
        }),
      ),
    ).toEqual({
      verification: { recipients: ['a•••@e•••.com'] },
      network: true,
      officeHours: false,
      country: false,
    });
    expect(
      requirementsOf(info({ verification: null, network: false, officeHours: false, country: false })),
    ).toBeNull();
    expect(
      requirementsOf(info({ verification: null, network: false, officeHours: true, country: false }))
        ?.officeHours,
    ).toBe(true);
  });
});

describe('a refused claim or code request', () => {
  it('is recognised in the SDK’s reasons and as a plain catalogue code', () => {
    expect(
      refusalOf(
        failure({ reason: 'restricted', code: 'outside_office_hours', opensAt: '2026-12-07T08:00:00Z' }),
      ),
    ).toEqual({ kind: 'hours', opensAt: '2026-12-07T08:00:00Z' });
    expect(refusalOf(failure({ reason: 'restricted', code: 'outside_office_hours', opensAt: null }))).toEqual(
      {
        kind: 'hours',
        opensAt: null,
      },
    );
    expect(refusalOf(failure({ reason: 'restricted', code: 'network_not_allowed' }))).toEqual({
      kind: 'network',
    });
    expect(refusalOf(failure({ reason: 'invalid_request', code: 'country_not_allowed' }))).toEqual({
      kind: 'country',
    });
    expect(refusalOf(failure({ reason: 'verification_required' }))).toEqual({ kind: 'verify' });
    expect(
      refusalOf(failure({ reason: 'invalid_request', code: 'recipient_verification_required' })),
    ).toEqual({
      kind: 'verify',
    });
    expect(refusalOf(failure({ reason: 'verification_code_invalid', attemptsLeft: 3 }))).toEqual({
      kind: 'code',
      attemptsLeft: 3,
    });
    expect(refusalOf(failure({ reason: 'invalid_request', code: 'verification_code_limit' }))).toEqual({
      kind: 'limit',
    });
    expect(refusalOf(failure({ reason: 'wrong_passphrase', attemptsLeft: 2 }))).toBeNull();
    expect(refusalOf(failure({ reason: 'invalid_request', code: 'bad_token' }))).toBeNull();
  });

  it('reads a 503 as the mail server only for a code request', () => {
    expect(refusalOf(failure({ reason: 'server', status: 503 }), true)).toEqual({ kind: 'mail' });
    expect(refusalOf(failure({ reason: 'server', status: 503 }))).toBeNull();
  });

  it('formats in the browser’s own region of the app’s language', () => {
    expect(regionalLocale('en', ['nl-NL', 'en-GB', 'en-US'])).toBe('en-GB');
    expect(regionalLocale('de', ['de-AT'])).toBe('de-AT');
    expect(regionalLocale('fr', ['en-GB'])).toBe('fr');
  });

  it('says the next opening in the recipient’s language and time zone', () => {
    // The joining words vary with the ICU version ("at", ","): the parts are what matter.
    expect(formatOpening('2026-12-07T08:00:00Z', 'en-GB', 'Europe/Amsterdam')).toMatch(
      /^Monday 7 December\b.*\b09:00 CET$/,
    );
    expect(formatOpening('2026-12-07T08:00:00Z', 'de', 'Europe/Berlin')).toMatch(
      /Montag, 7\. Dezember.*09:00 MEZ/,
    );
    const [words, nothing] = refusalWords(
      { kind: 'hours', opensAt: '2026-12-07T08:00:00Z' },
      restrictionText('en', en),
      'America/New_York',
    );
    expect(words).toMatch(
      /^This secret opens only during the hours the sender chose\. It opens next on Monday, December 7\b.*\b03:00\sAM EST\.$/,
    );
    expect(nothing).toBe('Nothing was used up: the link still works when you try again.');
  });

  it('counts the tries left on a wrong code, and sends for a new one when none are', () => {
    const text = restrictionText('en', en);
    expect(refusalWords({ kind: 'code', attemptsLeft: 1 }, text)).toEqual([
      'That code is not right. 1 more try with this code.',
    ]);
    expect(refusalWords({ kind: 'code', attemptsLeft: 4 }, text)).toEqual([
      'That code is not right. 4 more tries with this code.',
    ]);
    expect(refusalWords({ kind: 'code', attemptsLeft: 0 }, text)[0]).toMatch(
      /no longer works.*Send a new code\.$/,
    );
  });
});
