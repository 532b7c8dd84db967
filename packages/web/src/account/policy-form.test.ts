import type { OfficeHours, OrgPolicy } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import { accountText } from './account-i18n.js';
import { en } from './messages/en.js';
import { fromForm, policyRefusalText, splitList, toForm, ttlInputs, weekdayNames } from './policy-form.js';

const OPEN: OrgPolicy = {
  members_only: false,
  max_ttl: null,
  max_views: null,
  passphrase_required: false,
  passphrase_min_length: null,
  verification_required: false,
  recipient_domains: [],
  networks: null,
  countries: null,
  office_hours: null,
  server_encryption: true,
  key_claim: true,
  requests: 'everyone',
};

const STRICT: OrgPolicy = {
  members_only: true,
  max_ttl: 7 * 86_400,
  max_views: 3,
  passphrase_required: true,
  passphrase_min_length: 12,
  verification_required: true,
  recipient_domains: ['acme.example', 'corp.example'],
  networks: { cidrs: ['10.0.0.0/8', '2001:db8::/32'], enforce: 'required' },
  countries: { allow: ['NL', 'SE'], enforce: 'default' },
  office_hours: {
    hours: {
      days: ['mon', 'wed', 'fri'] as OfficeHours['days'],
      start: '08:30',
      end: '24:00',
      time_zone: 'Europe/Amsterdam',
    },
    enforce: 'required',
  },
  server_encryption: false,
  key_claim: false,
  requests: 'nobody',
};

describe('the policy form', () => {
  it('gives back every policy it was filled with, field for field', () => {
    for (const policy of [OPEN, STRICT]) expect(fromForm(toForm(policy))).toEqual({ ok: true, policy });
  });

  it('starts a switched-off rule with sensible values, and leaves it out while it is off', () => {
    const form = toForm(OPEN, 'Europe/Stockholm');
    expect(form.officeHours).toMatchObject({
      on: false,
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '08:00',
      end: '18:00',
      timeZone: 'Europe/Stockholm',
    });
    form.networks.cidrs = 'not even checked';
    expect(fromForm(form)).toEqual({ ok: true, policy: OPEN });
  });

  it('shows a lifetime in the largest whole unit and saves it in seconds', () => {
    expect(ttlInputs(null)).toEqual({ maxTtl: '', maxTtlUnit: 'hours' });
    expect(ttlInputs(3 * 86_400)).toEqual({ maxTtl: '3', maxTtlUnit: 'days' });
    expect(ttlInputs(5400)).toEqual({ maxTtl: '90', maxTtlUnit: 'minutes' });
    expect(ttlInputs(3600)).toEqual({ maxTtl: '1', maxTtlUnit: 'hours' });
    const form = { ...toForm(OPEN), maxTtl: ' 36 ', maxTtlUnit: 'hours' as const };
    expect(fromForm(form)).toMatchObject({ ok: true, policy: { max_ttl: 36 * 3600 } });
  });

  it('reads lists one per line, or separated by commas, and country codes in capitals', () => {
    expect(splitList(' a.example\n\nb.example, c.example ;d.example ')).toEqual([
      'a.example',
      'b.example',
      'c.example',
      'd.example',
    ]);
    const form = toForm(OPEN);
    form.countries = { on: true, allow: 'nl, se', enforce: 'required' };
    expect(fromForm(form)).toMatchObject({ ok: true, policy: { countries: { allow: ['NL', 'SE'] } } });
  });

  it('saves office-hour days in week order, whatever order they were ticked in', () => {
    const form = toForm(STRICT);
    form.officeHours.days = ['fri', 'mon', 'tue'];
    const saved = fromForm(form);
    expect(saved.ok && saved.policy.office_hours?.hours.days).toEqual(['mon', 'tue', 'fri']);
  });

  it('names the field of what the browser can see is wrong, before asking the server', () => {
    const problem = (patch: (form: ReturnType<typeof toForm>) => void) => {
      const form = toForm(STRICT);
      patch(form);
      const result = fromForm(form);
      return result.ok ? null : result.problem;
    };
    expect(problem((f) => (f.maxTtl = '0'))).toEqual({ field: 'maxTtl', message: 'policyErrNumber' });
    expect(problem((f) => (f.maxViews = '2.5'))).toEqual({ field: 'maxViews', message: 'policyErrNumber' });
    expect(problem((f) => (f.passphraseMinLength = '2000'))).toEqual({
      field: 'passphraseMinLength',
      message: 'policyErrLength',
    });
    expect(problem((f) => (f.networks.cidrs = ' \n '))).toEqual({
      field: 'networks',
      message: 'policyErrList',
    });
    expect(problem((f) => (f.countries.allow = ''))).toEqual({
      field: 'countries',
      message: 'policyErrList',
    });
    expect(problem((f) => (f.officeHours.days = []))).toEqual({ field: 'days', message: 'policyErrDays' });
    expect(problem((f) => (f.officeHours.end = '08:30'))).toEqual({
      field: 'hours',
      message: 'policyErrHours',
    });
    expect(problem((f) => (f.officeHours.start = '8'))).toEqual({
      field: 'hours',
      message: 'policyErrHours',
    });
    expect(problem((f) => (f.officeHours.start = '24:00'))).toEqual({
      field: 'hours',
      message: 'policyErrHours',
    });
    expect(problem((f) => (f.officeHours.timeZone = ' '))).toEqual({
      field: 'timeZone',
      message: 'policyErrTimeZone',
    });
    expect(problem(() => {})).toBeNull();
  });

  it('says a refusal in the server’s own words, which name the field and the rule', () => {
    const text = accountText('en', en);
    const failure = (code: string, message?: string) => ({
      ok: false as const,
      status: 400,
      code,
      retryAfter: null,
      ...(message ? { message } : {}),
    });
    expect(
      policyRefusalText(
        failure('invalid_restrictions', 'networks.cidrs: "10.0.0.0/33" is not a network.'),
        text,
      ),
    ).toBe('The server did not accept this policy: networks.cidrs: "10.0.0.0/33" is not a network.');
    expect(
      policyRefusalText(failure('restriction_unavailable', 'Country rules need a GeoIP database.'), text),
    ).toContain('GeoIP');
    expect(policyRefusalText(failure('invalid_request'), text)).toBe(
      'The server did not accept this policy: invalid_request',
    );
    expect(policyRefusalText({ ...failure('insufficient_scope'), status: 403 }, text)).toBeNull();
  });

  it('names weekdays in the reader’s language, Monday first', () => {
    expect(Object.values(weekdayNames('en'))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayNames('de').mon).toMatch(/^Mo/);
  });
});
