import { describe, expect, it } from 'vitest';
import { accentTextColour, applyAccent, readHostBranding, supportLink } from './branding.js';

const reply = (branding: Record<string, unknown> | null) => ({ branding });
const acme = {
  domain: 'secrets.acme.test',
  name: 'Acme',
  accent: '#0A7D38',
  support: 'help@acme.test',
  language: 'nl',
  logo_url: '/api/v1/branding/logo?v=1',
};

describe('readHostBranding', () => {
  it('reads an organisation’s branding', () => {
    expect(readHostBranding(reply(acme))).toEqual({
      name: 'Acme',
      accent: '#0a7d38',
      support: { href: 'mailto:help@acme.test', text: 'help@acme.test' },
      language: 'nl',
      logoUrl: '/api/v1/branding/logo?v=1',
    });
  });

  it('is null on a main host and for anything that is not the API’s answer', () => {
    for (const body of [
      reply(null),
      null,
      undefined,
      'Not Found',
      { error: { code: 'not_found' } },
      reply({ ...acme, name: '  ' }),
      reply({ ...acme, name: 7 }),
    ])
      expect(readHostBranding(body)).toBeNull();
  });

  it('leaves out what is malformed: an accent, a language, a contact, a logo off this origin', () => {
    const read = readHostBranding(
      reply({
        ...acme,
        accent: 'red; background: url(x)',
        language: 'xx',
        support: 'javascript:alert(1)',
        logo_url: '//evil.test/logo.svg',
      }),
    );
    expect(read).toEqual({ name: 'Acme', accent: null, support: null, language: null, logoUrl: null });
    expect(readHostBranding(reply({ ...acme, logo_url: '/\\evil.test/x' }))?.logoUrl).toBeNull();
    expect(readHostBranding(reply({ ...acme, logo_url: 'https://evil.test/x' }))?.logoUrl).toBeNull();
  });
});

describe('supportLink', () => {
  it('links an email address with mailto: and an https address as it is', () => {
    expect(supportLink(' it@acme.test ')).toEqual({ href: 'mailto:it@acme.test', text: 'it@acme.test' });
    expect(supportLink('https://acme.test/help')).toEqual({
      href: 'https://acme.test/help',
      text: 'https://acme.test/help',
    });
  });

  it('refuses anything else', () => {
    for (const contact of [
      'http://acme.test',
      'javascript:alert(1)',
      'mailto:it@acme.test',
      'it@acme',
      'a b@acme.test',
      'https://',
      'call us',
    ])
      expect(supportLink(contact), contact).toBeNull();
  });
});

describe('the accent', () => {
  it('gets the text colour that contrasts more', () => {
    expect(accentTextColour('#0a7d38')).toBe('#ffffff');
    expect(accentTextColour('#1b1d21')).toBe('#ffffff');
    expect(accentTextColour('#ffd700')).toBe('#000000');
    expect(accentTextColour('#ffffff')).toBe('#000000');
  });

  it('is set and removed as custom properties through the CSSOM', () => {
    const properties = new Map<string, string>();
    const element = {
      style: {
        setProperty: (name: string, value: string) => properties.set(name, value),
        removeProperty: (name: string) => properties.delete(name),
      },
    } as unknown as HTMLElement;
    applyAccent(element, '#0a7d38');
    expect(Object.fromEntries(properties)).toEqual({ '--accent': '#0a7d38', '--accent-text': '#ffffff' });
    applyAccent(element, 'red');
    expect(properties.size).toBe(0);
    applyAccent(element, '#ffd700');
    applyAccent(element, null);
    expect(properties.size).toBe(0);
  });
});
