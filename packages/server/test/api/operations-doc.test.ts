import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

/** Every variable `loadConfig` reads, found in its source (`read('PORT')`, `flag('KEY_CLAIM', …)`, …). */
function variablesInConfig(): string[] {
  const source = read('../../src/config.ts');
  const names = [...source.matchAll(/\b(?:read|integer|duration|seconds|flag|unit|size)\('([A-Z_]+)'/g)].map(
    (m) => `BURNLINK_${m[1]}`,
  );
  return [...new Set(names)].sort();
}

test('docs/operations.md has a row for every configuration variable, and no other', () => {
  const documented = [...read('../../../../docs/operations.md').matchAll(/^\|\s*`(BURNLINK_[A-Z_]+)`\s*\|/gm)]
    .map((m) => m[1])
    .sort();
  expect(variablesInConfig().length).toBe(26);
  expect(documented).toEqual(variablesInConfig());
});

test('.env.example mentions every configuration variable', () => {
  const example = [...read('../../../../.env.example').matchAll(/^#?\s*(BURNLINK_[A-Z_]+)=/gm)].map(
    (m) => m[1],
  );
  expect([...new Set(example)].sort()).toEqual(variablesInConfig());
});
