import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { testApp } from './support.js';

const doc = (name: string) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), 'utf8');

// The rule: every route is documented in docs/api.md (sign-in routes may stand in the HTTP API table of
// docs/teams.md instead) as well as in the OpenAPI document. A route added without a word in the docs fails here.
test('every path of the OpenAPI document is described in docs/api.md, docs/teams.md or docs/audit.md', async () => {
  const { app } = await testApp();
  const openapi = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, object>;
  };
  const paths = Object.keys(openapi.paths);
  expect(paths).toContain('/api/v1/keys/{id}');
  const written = `${doc('api.md')}\n${doc('teams.md')}\n${doc('audit.md')}`;
  expect(paths.filter((path) => !written.includes(`${path}\``) && !written.includes(`${path} `))).toEqual([]);
});
