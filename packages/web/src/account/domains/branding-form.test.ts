import { BRANDING_LANGUAGES } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.js';
import { fromBrandingForm, logoVersion, toBrandingForm } from './branding-form.js';

const form = { name: ' Acme ', accent: '#0A7D38', support: 'help@acme.test', language: 'nl' };

describe('the branding form', () => {
  it('offers exactly the languages branding may name', () => {
    expect(Object.keys(LOCALES)).toEqual([...BRANDING_LANGUAGES]);
  });

  it('starts from what the server holds, or the organisation’s name when nothing is set', () => {
    expect(toBrandingForm({ branding: null, logo: null, updated_at: null }, 'Org 1')).toEqual({
      name: 'Org 1',
      accent: '',
      support: '',
      language: '',
    });
    expect(
      toBrandingForm(
        {
          branding: { name: 'Acme', accent: '#0a7d38', support: null, language: 'sv' },
          logo: 'image/png',
          updated_at: '2026-01-01T00:00:00.000Z',
        },
        'Org 1',
      ),
    ).toEqual({ name: 'Acme', accent: '#0a7d38', support: '', language: 'sv' });
  });

  it('becomes the body of PUT /api/v1/org/branding: trimmed, empty meaning none', () => {
    expect(fromBrandingForm(form)).toEqual({
      ok: true,
      body: { name: 'Acme', accent: '#0a7d38', support: 'help@acme.test', language: 'nl' },
    });
    expect(fromBrandingForm({ name: 'Acme', accent: ' ', support: '', language: '' })).toEqual({
      ok: true,
      body: { name: 'Acme', accent: null, support: null, language: null },
    });
    expect(fromBrandingForm({ ...form, support: 'https://acme.test/help' })).toMatchObject({
      ok: true,
      body: { support: 'https://acme.test/help' },
    });
  });

  it('names the first field that is wrong', () => {
    expect(fromBrandingForm({ ...form, name: '  ' })).toEqual({
      ok: false,
      field: 'name',
      problem: 'errName',
    });
    expect(fromBrandingForm({ ...form, name: 'x'.repeat(81) })).toMatchObject({ field: 'name' });
    for (const accent of ['red', '#0a7d3', '#0a7d38ff', '0a7d38'])
      expect(fromBrandingForm({ ...form, accent }), accent).toEqual({
        ok: false,
        field: 'accent',
        problem: 'errAccent',
      });
    for (const support of ['http://acme.test', 'call us', `https://acme.test/${'x'.repeat(200)}`])
      expect(fromBrandingForm({ ...form, support }), support).toEqual({
        ok: false,
        field: 'support',
        problem: 'errSupport',
      });
  });

  it('versions the stored logo by its last change, so a replaced logo is never shown from a cache', () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(logoVersion({ branding: null, logo: null, updated_at: at })).toBeNull();
    expect(logoVersion({ branding: null, logo: 'image/svg+xml', updated_at: at })).toBe(Date.parse(at));
    expect(logoVersion({ branding: null, logo: 'image/png', updated_at: '2026-01-01T00:00:01.000Z' })).toBe(
      Date.parse(at) + 1000,
    );
    expect(logoVersion({ branding: null, logo: 'image/png', updated_at: null })).toBe(0);
  });
});
