import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n.js';

describe('createI18n', () => {
  const en = createI18n('en');

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
    expect(createI18n('de').lifetime(3600)).toBe('1 Stunde');
    expect(createI18n('sv').lifetime(86_400)).toMatch(/^1 (dag|dygn)$/);
  });

  it('fills placeholders and picks plural forms', () => {
    expect(en.tp('wrongPassphrase', 1)).toBe(
      'Wrong passphrase. 1 attempt left before the secret is destroyed.',
    );
    expect(en.tp('revealViews', 3)).toBe('It can be viewed 3 more times.');
    expect(createI18n('nl').t('errRejected', { code: 'bad_ttl' })).toContain('bad_ttl');
  });
});

describe('file sizes and transfer figures', () => {
  const en = createI18n('en');

  it('names sizes in the largest binary unit that fits', () => {
    expect(en.bytes(0)).toBe('0 bytes');
    expect(en.bytes(1)).toBe('1 byte');
    expect(en.bytes(1023)).toBe('1,023 bytes');
    expect(en.bytes(65_519)).toBe('64 kB');
    expect(en.bytes(3 * 2 ** 20)).toBe('3 MB');
    expect(en.bytes(2.5 * 2 ** 20)).toBe('2.5 MB');
    expect(en.bytes(2 ** 30)).toBe('1 GB');
    expect(createI18n('de').bytes(2.5 * 2 ** 20)).toBe('2,5 MB');
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
