import { describe, expect, it } from 'vitest';
import { en } from './en.js';

// Keys, placeholders, plural forms and translations of every locale: i18n/translations.test.ts.
describe('account messages', () => {
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
