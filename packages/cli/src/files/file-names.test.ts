import { describe, expect, it } from 'vitest';
import { numberedName, planFileName, sanitizeFileName } from './file-names.js';

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system.ini', 'system.ini'],
    ['/absolute/path/key.pem', 'key.pem'],
    ['dir/', 'file'],
    ['..', 'file'],
    ['.', 'file'],
    ['...', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['a\u0000b\nc\rd\te\u001b[31m.txt', 'abcde[31m.txt'],
    ['\u0085c1\u009b.txt', 'c1.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066x\u2069.txt', 'x.txt'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['.bashrc', '_.bashrc'],
    ['.envrc', '_.envrc'],
    ['-rf', '_-rf'],
    ['--help.txt', '_--help.txt'],
    ['  -n', '_-n'],
    ['\u200b-rf', '_-rf'],
    ['pay\u200bpal\u200c\u200d\u2060\ufeff.pdf', 'paypal.pdf'],
    ['evil\u061cgpj.exe', 'evilgpj.exe'],
    ['a-b.txt', 'a-b.txt'],
    ['a..b.txt', 'a..b.txt'],
    ['résumé ✓.pdf', 'résumé ✓.pdf'],
  ])('%j → %j', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected);
  });

  it('keeps names within 255 UTF-8 bytes, extension kept', () => {
    const long = `${'ä'.repeat(300)}.pdf`;
    const safe = sanitizeFileName(long);
    expect(new TextEncoder().encode(safe).length).toBeLessThanOrEqual(255);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe.startsWith('ää')).toBe(true);
  });
});

describe('planFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf', []],
    ['../x/-rf', '_-rf', ['path', 'leading']],
    ['invoice\u202efdp.exe', 'invoicefdp.exe', ['hidden']],
    [' a ', 'a', ['spaces']],
    ['..', 'file', ['empty']],
    [`${'x'.repeat(300)}`, 'x'.repeat(255), ['long']],
  ])('%j → %j, changes %j', (name, safe, changes) => {
    expect(planFileName(name)).toEqual({ name: safe, changes });
  });
});

describe('numberedName', () => {
  it('numbers before the extension; a leading dot is no extension', () => {
    expect(numberedName('report.pdf', 0)).toBe('report.pdf');
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('README', 3)).toBe('README (3)');
    expect(numberedName('.bashrc', 1)).toBe('.bashrc (1)');
  });

  it('stays within 255 bytes', () => {
    const name = sanitizeFileName(`${'x'.repeat(400)}.txt`);
    const numbered = numberedName(name, 12);
    expect(numbered.length).toBe(255);
    expect(numbered.endsWith(' (12).txt')).toBe(true);
  });
});
