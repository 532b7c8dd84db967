import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n.js';
import { messageText } from './message-text.js';
import deCore from './messages/de.js';
import enCore from './messages/en.js';
import frCore from './messages/fr.js';
import nlCore from './messages/nl.js';
import svCore from './messages/sv.js';
import { pseudoText } from './pseudo.js';

describe('createI18n', () => {
  const en = createI18n('en', enCore);

  // The list separator of unit lists differs between ICU versions (Node's vs Chromium's): allow both.
  it('counts down in the two largest units, rounding down', () => {
    expect(en.duration(86_400_000 - 500)).toMatch(/^23 hr,? 59 min$/);
    expect(en.duration(86_400_000)).toBe('1 day');
    expect(en.duration(90_061_000)).toMatch(/^1 day,? 1 hr$/);
    expect(en.duration(61_999)).toMatch(/^1 min,? 1 sec$/);
    expect(en.duration(-5)).toBe('0 sec');
  });

  it('names lifetimes with the largest exact unit, in the active language', () => {
    expect(en.lifetime(300)).toBe('5 minutes');
    expect(en.lifetime(604_800)).toBe('7 days');
    expect(createI18n('de', deCore).lifetime(3600)).toBe('1 Stunde');
    expect(createI18n('sv', svCore).lifetime(86_400)).toMatch(/^1 (dag|dygn)$/);
  });

  it('fills placeholders and picks plural forms', () => {
    expect(en.tp('wrongPassphrase', 1)).toBe(
      'Wrong passphrase. 1 attempt left before the secret is destroyed.',
    );
    expect(en.tp('revealViews', 3)).toBe('It can be viewed 3 more times.');
    expect(createI18n('nl', nlCore).t('errRejected', { code: 'bad_ttl' })).toContain('bad_ttl');
  });
});

describe('file sizes and transfer figures', () => {
  const en = createI18n('en', enCore);

  it('names sizes in the largest binary unit that fits', () => {
    expect(en.bytes(0)).toBe('0 bytes');
    expect(en.bytes(1)).toBe('1 byte');
    expect(en.bytes(1023)).toBe('1,023 bytes');
    expect(en.bytes(65_519)).toBe('64 kB');
    expect(en.bytes(3 * 2 ** 20)).toBe('3 MB');
    expect(en.bytes(2.5 * 2 ** 20)).toBe('2.5 MB');
    expect(en.bytes(2 ** 30)).toBe('1 GB');
    expect(createI18n('de', deCore).bytes(2.5 * 2 ** 20)).toBe('2,5 MB');
  });

  it('gives speeds in MB/s and percentages clamped to 0–100', () => {
    expect(en.speed(2.5 * 2 ** 20)).toBe('2.5 MB/s');
    expect(en.speed(12.5 * 2 ** 20)).toBe('13 MB/s');
    expect(en.speed(250 * 2 ** 20)).toBe('250 MB/s');
    expect(en.percent(0.424)).toBe('42%');
    expect(en.percent(1.2)).toBe('100%');
    expect(en.percent(-1)).toBe('0%');
  });
});

describe('plural forms with Intl.PluralRules', () => {
  it('picks every category a locale uses, falling back to _other', () => {
    const pl = messageText<'files_one' | 'files_other'>('pl' as 'en', {
      files_one: 'jeden plik',
      files_few: '{n} pliki',
      files_many: '{n} plików',
      files_other: '{n} pliku',
    });
    expect([1, 3, 5, 22, 1.5].map((n) => pl.tp('files', n))).toEqual([
      'jeden plik',
      '3 pliki',
      '5 plików',
      '22 pliki',
      '1,5 pliku',
    ]);
    const ar = messageText<'x_one' | 'x_other'>(
      'ar' as 'en',
      {
        x_zero: 'z',
        x_two: 't',
        x_other: 'o',
      } as unknown as { x_one: string; x_other: string },
    );
    expect([0, 2, 1].map((n) => ar.tp('x', n))).toEqual(['z', 't', 'o']);
  });

  it('uses the French "many" form for millions', () => {
    expect(createI18n('fr', frCore).tp('filesAttached', 1_000_000)).toMatch(
      /^L’expéditeur a joint 1\s000\s000 de fichiers\.$/,
    );
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders, lengthens about 40% and brackets', () => {
    const text = pseudoText('Copy {n} links now');
    expect(text).toMatch(/^\[.*\]$/);
    expect(text).toContain('{n}');
    expect(text.replace('{n}', '')).not.toMatch(/[A-Za-z]/);
    expect(text.length).toBeGreaterThanOrEqual(Math.round('Copy {n} links now'.length * 1.4));
  });

  it('isolates filled-in values in right-to-left text, and only there', () => {
    const rtl = messageText<'x'>('qps-plocm', { x: 'code {code}, {n} left' });
    expect(rtl.t('x', { code: 'bad_ttl', n: 2 })).toBe('code \u2068bad_ttl\u2069, 2 left');
    expect(messageText<'x'>('en', { x: 'code {code}' }).t('x', { code: 'bad_ttl' })).toBe('code bad_ttl');
  });
});
