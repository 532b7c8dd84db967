import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { CONFIG_VARIABLES } from '../../src/config-variables.js';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
const NAMES = CONFIG_VARIABLES.map((v) => v.name).sort();

test('docs/operations.md has a row for every configuration variable, and no other', () => {
  const documented = [...read('../../../../docs/operations.md').matchAll(/^\|\s*`(BURNLINK_[A-Z_]+)`\s*\|/gm)]
    .map((m) => m[1])
    .sort();
  expect(documented).toEqual(NAMES);
});

test('.env.example mentions every configuration variable', () => {
  const example = [...read('../../../../.env.example').matchAll(/^#?\s*(BURNLINK_[A-Z_]+)=/gm)].map(
    (m) => m[1],
  );
  expect([...new Set(example)].sort()).toEqual(NAMES);
});

describe('CONFIG_VARIABLES', () => {
  test('is every variable loadConfig reads, each once', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        read.add(String(name));
        return undefined;
      },
    });
    loadConfig(env);
    expect(new Set(NAMES).size).toBe(NAMES.length);
    expect([...read].sort()).toEqual(NAMES);
  });

  // What the table gives as a default is what an unset variable means.
  const withDefault = CONFIG_VARIABLES.flatMap((v) =>
    v.default === null ? [] : [{ ...v, default: v.default }],
  );
  test.each(withDefault)('$name=$default is the default', (v) => {
    expect(loadConfig({ [v.name]: v.default })).toEqual(loadConfig({}));
  });

  const withoutDefault = CONFIG_VARIABLES.flatMap((v) => (v.default === null ? [v] : []));
  test.each(withoutDefault)('$name=$example is valid', (v) => {
    expect(() => loadConfig({ [v.name]: v.example })).not.toThrow();
  });
});
