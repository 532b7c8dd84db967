import { describe, expect, it } from 'vitest';
import { en } from './en.js';

// Keys, placeholders, plural forms and translations of every locale: i18n/translations.test.ts.
describe('restriction messages', () => {
  it('has a rule message for every rule of the organisation policy', () => {
    for (const rule of [
      'members_only',
      'max_ttl',
      'max_views',
      'passphrase_required',
      'passphrase_min_length',
      'verification_required',
      'recipient_domains',
      'networks',
      'countries',
      'office_hours',
      'server_encryption',
    ])
      expect(Object.keys(en)).toContain(`rule_${rule}`);
  });
});
