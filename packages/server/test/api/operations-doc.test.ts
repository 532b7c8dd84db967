import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderConfigTable, renderEnvExample, withConfigTable } from '../../scripts/config-docs.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { CONFIG_VARIABLES, SET_TOGETHER } from '../../src/config-variables.js';

const OPERATIONS = fileURLToPath(new URL('../../../../docs/operations.md', import.meta.url));
const ENV_EXAMPLE = fileURLToPath(new URL('../../../../.env.example', import.meta.url));

// `npm run docs:config` regenerates both files from src/config-variables.ts through this test.
if (process.env.BURNLINK_WRITE_CONFIG_DOCS === '1') {
  writeFileSync(OPERATIONS, withConfigTable(readFileSync(OPERATIONS, 'utf8'), renderConfigTable()));
  writeFileSync(ENV_EXAMPLE, renderEnvExample());
  console.log(`wrote ${OPERATIONS} and ${ENV_EXAMPLE}`);
}

describe('the configuration documents are generated from CONFIG_VARIABLES (npm run docs:config)', () => {
  test('docs/operations.md has the generated table', () => {
    const committed = readFileSync(OPERATIONS, 'utf8');
    expect(committed).toBe(withConfigTable(committed, renderConfigTable()));
  });

  test('.env.example is the generated one', () => {
    expect(readFileSync(ENV_EXAMPLE, 'utf8')).toBe(renderEnvExample());
  });
});

test('the error quoted in docs/operations.md is the one loadConfig gives', () => {
  const doc = readFileSync(OPERATIONS, 'utf8');
  const [, message, name = '', value = ''] =
    /a message such as\s+`((BURNLINK_[A-Z_]+): "([^"]*)"[^`]*)`/.exec(doc) ?? [];
  expect(message).toBeDefined();
  expect(() => loadConfig({ [name]: value })).toThrow(
    new ConfigError(name, message?.slice(name.length + 2) ?? ''),
  );
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
    const names = CONFIG_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...read].sort()).toEqual([...names].sort());
  });

  // What the docs and .env.example show as a default is what an unset variable means.
  const withDefault = CONFIG_VARIABLES.flatMap((v) =>
    v.default === null ? [] : [{ ...v, default: v.default }],
  );
  test.each(withDefault)('$name=$default is the default', (v) => {
    expect(loadConfig({ [v.name]: v.default })).toEqual(loadConfig({}));
  });

  const withoutDefault = CONFIG_VARIABLES.flatMap((v) => (v.default === null ? [v] : []));
  test.each(withoutDefault)('$name=$example, shown in .env.example, is valid', (v) => {
    // Variables that only work together (the OpenID Connect trio) are tried with their partners' examples.
    const partners = SET_TOGETHER.find((names) => names.includes(v.name)) ?? [v.name];
    const env = Object.fromEntries(
      partners.map((name) => [name, withoutDefault.find((w) => w.name === name)?.example]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });
});
