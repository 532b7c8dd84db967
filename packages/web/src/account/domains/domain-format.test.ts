import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.js';
import { en as coreEn } from '../../i18n/messages/en.js';
import { accountText } from '../account-i18n.js';
import type { DomainInfo } from '../account-types.js';
import { en as accountEn } from '../messages/en.js';
import { domainFailureText, domainStateText, lastCheckText } from './domain-format.js';
import { domainText } from './domain-text.js';
import { en } from './messages/en.js';

const i18n = createI18n('en', coreEn);
const text = domainText('en', en);
const account = accountText('en', accountEn);
const at = '2026-03-04T10:00:00.000Z';
const domain: DomainInfo = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  name: 'secrets.acme.test',
  state: 'pending',
  txt_record: { name: '_burnlink.secrets.acme.test', value: 'burnlink-verify=t' },
  created_at: at,
  verified_at: null,
  last_check: null,
  missing_since: null,
  suspended_at: null,
};
const failure = (status: number, code: string) => ({ ok: false as const, status, code, retryAfter: null });

describe('a domain in words', () => {
  it('says what each state means and since when', () => {
    expect(domainStateText(domain, text, i18n)).toBe(en.pendingText);
    const active = { ...domain, state: 'active' as const, verified_at: at };
    expect(domainStateText(active, text, i18n)).toBe(`Served with your branding since ${i18n.date(at)}.`);
    expect(domainStateText({ ...active, missing_since: at }, text, i18n)).toMatch(
      new RegExp(`^The DNS record has been missing since ${i18n.date(at)}\\.`),
    );
    expect(domainStateText({ ...active, state: 'suspended', suspended_at: at }, text, i18n)).toMatch(
      new RegExp(`^Suspended since ${i18n.date(at)}:`),
    );
  });

  it('says what the last check found, every result its own words', () => {
    expect(lastCheckText(domain, text, i18n)).toBe('Not checked yet.');
    const said = new Set<string>();
    for (const result of ['verified', 'no_record', 'wrong_record', 'dns_error', 'taken'] as const) {
      const words = lastCheckText({ ...domain, last_check: { at, result } }, text, i18n);
      expect(words.startsWith(`Last check, ${i18n.date(at)}: `)).toBe(true);
      said.add(words);
    }
    expect(said.size).toBe(5);
    expect(lastCheckText({ ...domain, last_check: { at, result: 'no_record' } }, text, i18n)).toContain(
      'no TXT record',
    );
  });

  it('says the domain errors of the catalogue, and the others as the account pages do', () => {
    expect(domainFailureText(failure(400, 'invalid_domain'), i18n, account, text)).toBe(en.errInvalidDomain);
    expect(domainFailureText(failure(409, 'domain_taken'), i18n, account, text)).toBe(en.errDomainTaken);
    expect(domainFailureText(failure(409, 'too_many_domains'), i18n, account, text)).toBe(
      en.errTooManyDomains,
    );
    expect(domainFailureText(failure(400, 'invalid_logo'), i18n, account, text)).toBe(en.errInvalidLogo);
    expect(domainFailureText(failure(403, 'insufficient_scope'), i18n, account, text)).toBe(
      accountEn.errForbidden,
    );
  });

  it('says "it no longer exists" for a removed domain only, never for a branding answer of 404', () => {
    expect(domainFailureText(failure(404, 'domain_not_found'), i18n, account, text)).toBe(accountEn.errGone);
    for (const code of ['route_not_found', 'domain_not_found', '']) {
      const words = domainFailureText(failure(404, code), i18n, account, text, 'branding');
      expect(words).not.toBe(accountEn.errGone);
      expect(words).toBe(`Branding is not available on this server (code: ${code || '404'}).`);
    }
    expect(domainFailureText(failure(404, 'route_not_found'), i18n, account, text)).not.toBe(
      accountEn.errGone,
    );
    expect(domainFailureText(failure(400, 'invalid_logo'), i18n, account, text, 'branding')).toBe(
      en.errInvalidLogo,
    );
  });
});
