import { expect, test } from 'vitest';
import { csvCell } from './audit-export.js';

test('CSV cells: RFC 4180 quoting, and a leading quote mark before anything a spreadsheet would run', () => {
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell(12)).toBe('12');
  expect(csvCell(null)).toBe('');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  for (const start of ['+', '-', '@', '\t', '\r'])
    expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
  expect(csvCell('-AbC_dEf')).toBe("'-AbC_dEf");
});
