import type { Failure } from '@burnlink/client';
import { type OfficeHours, OPEN_POLICY, type OrgPolicy } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  checkPassphrase,
  createFailureText,
  type Draft,
  initialDraft,
  passphraseRule,
} from './create-check.js';
import { en } from './messages/en.js';
import { restrictionText } from './restriction-text.js';

const text = restrictionText('en', en);
const ALL = { verification: true, countries: true };
const draft = (patch: Partial<Draft> = {}, policy: OrgPolicy | null = null): Draft => ({
  ...initialDraft(policy, 'Europe/Amsterdam'),
  ...patch,
});
const policy = (patch: Partial<OrgPolicy>): OrgPolicy => ({ ...OPEN_POLICY, ...patch });
/** Weekdays as the wire types them (typed `never[]` before the wire spelled the union out). */
const days = (...names: string[]) => names as OfficeHours['days'];

describe('the restrictions a sender chose', () => {
  it('sends nothing when nothing was chosen', () => {
    expect(checkDraft(draft(), ALL, null, text)).toEqual({ restrictions: undefined, problem: null });
  });

  it('sends every restriction in the wire shape: lower-cased unique recipients, CIDRs, office hours, countries', () => {
    const checked = checkDraft(
      draft({
        recipients: 'Ada@Example.com, ada@example.com\nbob@example.org',
        networks: '10.0.0.0/8\n2001:db8::/32, 203.0.113.7',
        hoursOn: true,
        days: ['fri', 'mon'],
        start: '08:00',
        end: '00:00',
        countries: 'nl se NL',
      }),
      ALL,
      null,
      text,
    );
    expect(checked).toEqual({
      problem: null,
      restrictions: {
        recipients: ['ada@example.com', 'bob@example.org'],
        networks: ['10.0.0.0/8', '2001:db8::/32', '203.0.113.7/32'],
        office_hours: { days: ['mon', 'fri'], start: '08:00', end: '24:00', time_zone: 'Europe/Amsterdam' },
        countries: { allow: ['NL', 'SE'] },
      },
    });
  });

  it('offers recipients and countries only when the server can enforce them', () => {
    const chosen = draft({ recipients: 'ada@example.com', countries: 'NL' });
    expect(
      checkDraft(chosen, { verification: false, countries: false }, null, text).restrictions,
    ).toBeUndefined();
    expect(checkDraft(chosen, null, null, text).restrictions).toBeUndefined();
  });

  it('names the first problem and the field it is about', () => {
    const problem = (patch: Partial<Draft>) => checkDraft(draft(patch), ALL, null, text).problem;
    expect(problem({ recipients: 'ada@example.com, nobody' })).toEqual({
      field: 'restrict-recipients',
      message: '“nobody” is not an email address.',
    });
    expect(
      problem({ recipients: Array.from({ length: 11 }, (_, i) => `p${i}@example.com`).join(',') }),
    ).toEqual({
      field: 'restrict-recipients',
      message: 'Too many entries: 11 of at most 10.',
    });
    expect(problem({ networks: '10.0.0.0/33' })?.field).toBe('restrict-networks');
    expect(problem({ hoursOn: true, days: [] })?.field).toBe('restrict-day-mon');
    expect(problem({ hoursOn: true, start: '18:00', end: '08:00' })).toEqual({
      field: 'restrict-end',
      message: 'The office hours must end after they start (they cannot run past midnight).',
    });
    expect(problem({ hoursOn: true, start: '' })?.field).toBe('restrict-start');
    expect(problem({ hoursOn: true, zone: 'Mars/Base' })?.field).toBe('restrict-zone');
    expect(problem({ countries: 'NL, Sweden' })).toEqual({
      field: 'restrict-countries',
      message: '“Sweden” is not a two-letter country code.',
    });
    // Office hours switched off are not checked.
    expect(problem({ hoursOn: false, days: [] })).toBeNull();
  });
});

describe('within the organisation policy', () => {
  it('prefills default and required rules', () => {
    const rules = policy({
      networks: { cidrs: ['10.0.0.0/8'], enforce: 'default' },
      countries: { allow: ['NL', 'BE'], enforce: 'required' },
      office_hours: {
        hours: { days: days('mon', 'tue'), start: '09:00', end: '24:00', time_zone: 'Europe/Brussels' },
        enforce: 'default',
      },
    });
    expect(initialDraft(rules, 'UTC')).toMatchObject({
      networks: '10.0.0.0/8',
      countries: 'NL, BE',
      hoursOn: true,
      days: ['mon', 'tue'],
      start: '09:00',
      end: '00:00',
      zone: 'Europe/Brussels',
    });
    expect(initialDraft(null, 'UTC')).toMatchObject({ hoursOn: false, zone: 'UTC', networks: '' });
  });

  it('requires recipients, at allowed domains, when the organisation requires verification', () => {
    const rules = policy({ verification_required: true, recipient_domains: ['example.com'] });
    expect(checkDraft(draft({}, rules), ALL, rules, text).problem).toEqual({
      field: 'restrict-recipients',
      message: 'Your organisation requires this: enter at least one address.',
    });
    expect(checkDraft(draft({ recipients: 'ada@elsewhere.org' }), ALL, rules, text).problem?.message).toBe(
      '“ada@elsewhere.org” is not at a domain your organisation allows (example.com).',
    );
    expect(checkDraft(draft({ recipients: 'ada@example.com' }), ALL, rules, text).problem).toBeNull();
    // A server without mail cannot satisfy the rule: said, with no field to fix.
    expect(checkDraft(draft(), { verification: false, countries: false }, rules, text).problem).toEqual({
      field: null,
      message: text.r('verificationUnavailable'),
    });
  });

  it('lets required networks and countries be narrowed, never widened, and leaves an empty one to the server', () => {
    const rules = policy({
      networks: { cidrs: ['10.0.0.0/8', '2001:db8::/32'], enforce: 'required' },
      countries: { allow: ['NL', 'BE'], enforce: 'required' },
    });
    const check = (patch: Partial<Draft>) => checkDraft(draft(patch), ALL, rules, text);
    expect(check({ networks: '10.1.0.0/16, 2001:db8:5::/48', countries: 'NL' })).toMatchObject({
      problem: null,
      restrictions: { networks: ['10.1.0.0/16', '2001:db8:5::/48'], countries: { allow: ['NL'] } },
    });
    expect(check({ networks: '10.0.0.0/7' }).problem).toEqual({
      field: 'restrict-networks',
      message: '10.0.0.0/7 is outside the networks your organisation allows.',
    });
    expect(check({ countries: 'NL, DE' }).problem?.message).toBe(
      'DE is not among the countries your organisation allows.',
    );
    expect(check({ networks: '', countries: '' })).toEqual({ restrictions: undefined, problem: null });
  });

  it('does not send required office hours: they are fixed, and the server fills them in', () => {
    const rules = policy({
      office_hours: {
        hours: { days: days('mon'), start: '09:00', end: '17:00', time_zone: 'UTC' },
        enforce: 'required',
      },
    });
    expect(checkDraft(draft({ hoursOn: true }), ALL, rules, text)).toEqual({
      restrictions: undefined,
      problem: null,
    });
  });

  it('enforces the passphrase rule the server cannot see, counting characters', () => {
    const required = policy({ passphrase_required: true });
    const min = policy({ passphrase_min_length: 12 });
    expect(checkPassphrase('', required, text)).toEqual({
      field: 'passphrase',
      message: 'Your organisation requires a passphrase.',
    });
    expect(checkPassphrase('x', required, text)).toBeNull();
    expect(checkPassphrase('', min, text)?.message).toBe(
      'Your organisation requires a passphrase of at least 12 characters.',
    );
    expect(checkPassphrase('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', min, text)).not.toBeNull();
    expect(checkPassphrase('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', min, text)).toBeNull();
    expect(checkPassphrase('', OPEN_POLICY, text)).toBeNull();
    expect(checkPassphrase('', null, text)).toBeNull();
    expect(passphraseRule(OPEN_POLICY, text)).toBeNull();
    expect(passphraseRule(min, text)).toBe(
      'Your organisation requires a passphrase of at least 12 characters.',
    );
  });
});

describe('a create the server refused', () => {
  const refused = (code: string, rule?: string): Failure =>
    ({ ok: false, reason: 'invalid_request', code, message: '', ...(rule ? { rule } : {}) }) as Failure;

  it('is put in plain words, naming the broken rule of the policy', () => {
    expect(createFailureText(refused('invalid_restrictions'), text)).toBe(text.r('failInvalid'));
    expect(createFailureText(refused('restriction_unavailable'), text)).toBe(text.r('failUnavailable'));
    expect(createFailureText(refused('policy_violation', 'max_ttl'), text)).toBe(
      'Your organisation’s rules do not allow this secret: the lifetime is longer than allowed.',
    );
    expect(createFailureText(refused('policy_violation', 'new_rule'), text)).toBe(
      'Your organisation’s rules do not allow this secret: rule “new_rule”.',
    );
    expect(createFailureText(refused('content_too_large'), text)).toBeNull();
    expect(createFailureText({ ok: false, reason: 'network', message: '' }, text)).toBeNull();
  });
});
