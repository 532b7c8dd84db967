import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROUTES = fileURLToPath(new URL('../../src/routes/', import.meta.url));
const routeFiles = readdirSync(ROUTES).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

/**
 * DESIGN §9: routes translate HTTP to service calls and back; only the service reaches the stores. A route that
 * imports a store or blob store (other than for a type) or reads one from its context fails here.
 */
test.each(routeFiles)('routes/%s reaches no store but through the service', (name) => {
  const source = readFileSync(`${ROUTES}${name}`, 'utf8');
  const valueImports = [...source.matchAll(/^import (?!type )[^;]*from '(\.\.\/(?:stores|blobs)\/[^']+)'/gm)];
  expect(valueImports.map((m) => m[1])).toEqual([]);
  expect(source).not.toMatch(/ctx\.(store|blobs)\b|\{[^}]*\b(store|blobs)\b[^}]*\} = ctx/);
});

test('the check sees the route files', () => {
  expect(routeFiles).toEqual(expect.arrayContaining(['secrets.ts', 'uploads.ts', 'files.ts', 'receipts.ts']));
});
