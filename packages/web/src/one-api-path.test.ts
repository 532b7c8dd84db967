import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The web app talks to the API through the SDK only (`sdk-client.ts`), so the browser runs the same protocol
// and wire code as the CLI: no page builds an API request of its own. The account pages' plain JSON calls (no
// protocol work) live in one module of their own, `account/account-api.ts`, loaded with those pages, over the
// same `webFetch` (which adds the session's CSRF token). And the wire contract comes in as types only, so no
// TypeBox reaches the bundle (the build also refuses one: vite.config.ts). `session-cookie.ts` names the paths
// that carry the session, for `webFetch`.
const API_MODULES = ['sdk-client.ts', 'session-cookie.ts', 'account/account-api.ts'];
const dir = new URL('./', import.meta.url);
const modules = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
  (name) => /\.tsx?$/.test(name) && !name.endsWith('.test.ts'),
);

/** Code only: comments name routes and show examples. */
const code = (name: string) =>
  readFileSync(new URL(name, dir), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

describe('one path to the API', () => {
  it('finds the pages', () => {
    expect(modules).toEqual(expect.arrayContaining([...API_MODULES, 'pages/create-page.tsx']));
  });

  it.each(modules.filter((name) => !API_MODULES.includes(name)))(
    '%s calls no fetch and names no API path',
    (name) => {
      expect(code(name)).not.toMatch(/\bfetch\s*\(/);
      expect(code(name)).not.toMatch(/['"`]\/api\//);
      expect(code(name)).not.toMatch(/\bXMLHttpRequest\b/);
    },
  );

  it.each(modules)('%s imports @burnlink/wire as types only, and typebox not at all', (name) => {
    for (const [statement, typeOnly, specifier] of code(name).matchAll(
      /\bimport\s+(type\s+)?[^;]*?\bfrom\s+'([^']+)'/g,
    )) {
      if (specifier === '@burnlink/wire') expect(typeOnly, statement).toBeDefined();
      expect(specifier).not.toMatch(/^typebox/);
    }
  });
});
