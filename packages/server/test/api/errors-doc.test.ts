import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors.js';

const DOC = fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url));

test('docs/errors.md lists exactly the catalogue, with the same statuses', () => {
  const rows = readFileSync(DOC, 'utf8')
    .split('\n')
    .map((line) => /^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], Number(m[2])]);
  const documented = Object.fromEntries(rows);
  expect(rows.length, 'a code is documented twice').toBe(Object.keys(documented).length);
  const catalogue = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, e.status]));
  expect(documented).toEqual(catalogue);
});
