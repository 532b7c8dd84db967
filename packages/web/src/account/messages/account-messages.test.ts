import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import { sv } from './sv.js';

const ACCOUNT = { en, de, es, fr, nl, sv };

/** Words that are the same in that language (loanwords), as `locale:key`. Keep it short. */
const SAME_AS_ENGLISH = new Set([
  'de:colTeam',
  'de:teamsTitle',
  'de:keyName',
  'de:roleAdmin',
  'de:createTeam',
  'nl:account',
  'nl:colTeam',
  'nl:teamsTitle',
  'nl:roleAuditor',
  'sv:colTeam',
  'sv:teamsTitle',
  'es:roleAuditor',
  'de:stateFilter',
  'nl:stateFilter',
  'sv:stateFilter',
  'de:webhooks',
  'de:webhooksTitle',
  'de:actorUser',
  'de:subjectTeam',
  'de:subjectPasskey',
  'de:subjectOrg',
  'es:webhooks',
  'es:webhooksTitle',
  'fr:webhooks',
  'fr:webhooksTitle',
  'fr:subjectSecret',
  'fr:subjectOrg',
  'nl:webhooks',
  'nl:webhooksTitle',
  'nl:auditFilters',
  'nl:subjectTeam',
  'nl:subjectPasskey',
  'sv:webhooks',
  'sv:webhooksTitle',
  'sv:actorUser',
  'sv:subjectTeam',
  'sv:subjectOrg',
  'de:policySectionPassphrase',
  'fr:unitMinutes',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('account messages', () => {
  const englishKeys = Object.keys(en).sort();

  it('exist for every locale of the app', () => {
    expect(Object.keys(ACCOUNT).sort()).toEqual(Object.keys(LOCALES).sort());
  });

  for (const [locale, messages] of Object.entries(ACCOUNT)) {
    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      expect(Object.keys(messages).sort()).toEqual(englishKeys);
      for (const key of englishKeys) {
        const text = messages[key as keyof typeof en];
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(en[key as keyof typeof en]));
        expect(text.trim(), `${locale}:${key} is empty`).not.toBe('');
      }
    });

    if (locale === 'en') continue;
    it(`${locale} translates every message`, () => {
      const untranslated = englishKeys.filter(
        (key) =>
          messages[key as keyof typeof en] === en[key as keyof typeof en] &&
          !SAME_AS_ENGLISH.has(`${locale}:${key}`),
      );
      expect(untranslated).toEqual([]);
    });
  }

  it('keeps the accessible names other tests drive in English', () => {
    expect(en).toMatchObject({
      signInPasskey: 'Sign in with a passkey',
      signInOidc: 'Sign in with {name}',
      joinName: 'Your name',
      joinCreatePasskey: 'Create your passkey',
      dashboardTitle: 'Dashboard',
      settingsTitle: 'Settings',
      auditTitle: 'Audit trail',
      webhooksTitle: 'Webhooks',
      auditApply: 'Apply filters',
      auditDownloadCsv: 'Download CSV',
      webhookAdd: 'Add an endpoint',
      webhookUrl: 'Endpoint URL',
      webhookTest: 'Send test',
      webhookLog: 'Delivery log',
    });
  });
});
