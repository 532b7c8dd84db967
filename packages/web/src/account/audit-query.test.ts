import { describe, expect, it } from 'vitest';
import { accountText } from './account-i18n.js';
import type { AuditEvent, DeliveryInfo } from './account-types.js';
import {
  type AuditNames,
  actorText,
  auditApiParams,
  dayStart,
  daysReversed,
  detailsText,
  exportParams,
  filtersFromSearch,
  filtersToSearch,
  NO_FILTERS,
  normaliseTypes,
  subjectText,
  TYPE_GROUPS,
  typeChoice,
} from './audit-query.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { deliveryResultText, requestedEvents } from './webhook-format.js';

const text = accountText('en', en);
const names: AuditNames = {
  people: new Map([
    ['u-ada', 'Ada Lovelace'],
    ['u-me', 'Grace Hopper'],
  ]),
  keys: new Map([['k-ci', 'CI deploy']]),
  meId: 'u-me',
};

describe('audit filters in the address bar', () => {
  it('round-trip through the query string, only the set ones', () => {
    const filters = {
      type: 'secret.*,member.added',
      actor: 'u-ada',
      since: '2026-12-01',
      until: '2026-12-04',
    };
    const search = filtersToSearch(filters);
    expect(search).toBe('?type=secret.*%2Cmember.added&actor=u-ada&since=2026-12-01&until=2026-12-04');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(NO_FILTERS)).toBe('');
    expect(filtersToSearch({ ...NO_FILTERS, actor: 'system' })).toBe('?actor=system');
  });

  it('ignore days that are not real calendar days and unknown parameters', () => {
    expect(filtersFromSearch('?since=2026-02-30&until=yesterday&page=3')).toEqual(NO_FILTERS);
    expect(filtersFromSearch('?since=2028-02-29').since).toBe('2028-02-29');
  });

  it('keep only well-formed type patterns, trimmed and lower-cased', () => {
    expect(normaliseTypes(' Secret.* , member.added,,<script>, alert.*,*')).toBe(
      'secret.*,member.added,alert.*,*',
    );
    expect(normaliseTypes('secret.**,.x,a..b')).toBe('');
    expect(filtersFromSearch('?type=%3Cb%3E,secret.viewed').type).toBe('secret.viewed');
  });

  it('map a type filter to its group, or to "custom" patterns', () => {
    for (const group of TYPE_GROUPS) expect(typeChoice(group.type)).toBe(group.type);
    expect(typeChoice('')).toBe('');
    expect(typeChoice('secret.viewed')).toBe('custom');
  });

  it('say when the first day is after the last', () => {
    expect(daysReversed({ ...NO_FILTERS, since: '2026-12-05', until: '2026-12-04' })).toBe(true);
    expect(daysReversed({ ...NO_FILTERS, since: '2026-12-04', until: '2026-12-04' })).toBe(false);
    expect(daysReversed({ ...NO_FILTERS, since: '2026-12-05' })).toBe(false);
  });
});

describe('audit API and export queries', () => {
  const filters = { type: 'secret.*', actor: 'anonymous', since: '2026-12-01', until: '2026-12-04' };

  it('ask for newest first, a page after the previous `next`, the days as whole local days', () => {
    const params = auditApiParams(filters, 120, 50);
    expect(Object.fromEntries(params)).toEqual({
      type: 'secret.*',
      actor: 'anonymous',
      since: new Date(2026, 11, 1).toISOString(),
      // The last day is included: the range ends when the next day starts.
      until: new Date(2026, 11, 5).toISOString(),
      order: 'desc',
      limit: '50',
      after: '120',
    });
    expect(auditApiParams(NO_FILTERS, null).toString()).toBe('order=desc&limit=50');
  });

  it('carry the same filters to the downloads, without paging', () => {
    for (const format of ['csv', 'jsonl'] as const) {
      expect(Object.fromEntries(exportParams(filters, format))).toEqual({
        type: 'secret.*',
        actor: 'anonymous',
        since: dayStart('2026-12-01'),
        until: dayStart('2026-12-04', 1),
        format,
      });
    }
    expect(exportParams(NO_FILTERS, 'csv').toString()).toBe('format=csv');
  });

  it('start a day at local midnight, across a month end', () => {
    expect(dayStart('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
  });
});

describe('audit records in words', () => {
  it('name the actor: me, a member, a key, else the id', () => {
    expect(actorText({ type: 'user', id: 'u-me' }, names, text)).toBe('You');
    expect(actorText({ type: 'user', id: 'u-ada' }, names, text)).toBe('Ada Lovelace');
    expect(actorText({ type: 'user', id: 'u-gone' }, names, text)).toBe('Person u-gone');
    expect(actorText({ type: 'api_key', id: 'k-ci' }, names, text)).toBe('API key “CI deploy”');
    expect(actorText({ type: 'api_key', id: 'k-other' }, names, text)).toBe('API key k-other');
    expect(actorText({ type: 'anonymous', id: null }, names, text)).toBe('Anonymous visitor');
    expect(actorText({ type: 'system', id: null }, names, text)).toBe('System (automatic)');
    expect(actorText({ type: 'anonymous', id: null }, names, accountText('de', de))).toBe('Anonyme Person');
  });

  it('name the subject by kind, with a member or key name when known', () => {
    expect(subjectText({ type: 'secret', id: 'AAAA' }, names, text)).toBe('Secret AAAA');
    expect(subjectText({ type: 'member', id: 'u-ada' }, names, text)).toBe('Member Ada Lovelace');
    expect(subjectText({ type: 'key', id: 'k-ci' }, names, text)).toBe('API key CI deploy');
    // A kind a newer server may add: named as it comes.
    const future = { type: 'future', id: 'x' } as unknown as AuditEvent['subject'];
    expect(subjectText(future, names, text)).toBe('future x');
    expect(subjectText(null, names, text)).toBe('—');
  });

  it('put the details in one line, the address last', () => {
    expect(detailsText({ details: { views_left: 0, files: 2 }, ip: null })).toBe('views_left: 0, files: 2');
    expect(detailsText({ details: { scopes: ['audit:read', 'secrets:list'] }, ip: '192.0.2.1' })).toBe(
      'scopes: audit:read secrets:list, ip: 192.0.2.1',
    );
    expect(detailsText({ details: {}, ip: null })).toBe('');
  });
});

describe('webhook form and deliveries', () => {
  it('combine ticked and typed events once each; "every event" stands alone', () => {
    expect(requestedEvents(['secret.*'], ' alert.*, secret.* member.added ')).toEqual([
      'secret.*',
      'alert.*',
      'member.added',
    ]);
    expect(requestedEvents(['secret.*', '*'], 'alert.*')).toEqual(['*']);
    expect(requestedEvents([], ' , ')).toEqual([]);
  });

  const delivery: DeliveryInfo = {
    id: 1,
    message_id: 'msg_test_1',
    record_id: null,
    type: 'webhook.test',
    at: '2026-12-04T10:00:00.000Z',
    attempt: 1,
    status: 200,
    ok: true,
    error: null,
    duration_ms: 1234,
  };

  it('say how a test delivery went', () => {
    expect(deliveryResultText(delivery, text)).toBe('Test delivered: HTTP 200 in 1,234 ms.');
    expect(deliveryResultText({ ...delivery, ok: false, status: 500, error: 'HTTP 500' }, text)).toBe(
      'Test not delivered: HTTP 500.',
    );
    expect(deliveryResultText({ ...delivery, ok: false, status: 503, error: null }, text)).toBe(
      'Test not delivered: HTTP 503.',
    );
    expect(
      deliveryResultText({ ...delivery, ok: false, status: null, error: 'timeout after 10s' }, text),
    ).toBe('Test not delivered: timeout after 10s.');
  });
});
