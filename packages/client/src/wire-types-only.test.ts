import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The SDK runs in browsers (the web app bundles it): it is typed with the wire contract but must not carry its
// runtime, TypeBox. So `@burnlink/wire` is imported with `import type` only, and `typebox` not at all.
const dir = new URL('./', import.meta.url);
const runtimeModules = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
  (name) => name.endsWith('.ts') && !/\.test\.ts$|(^|\/)test-/.test(name),
);

/** Code only: doc comments show usage examples. */
const code = (name: string) =>
  readFileSync(new URL(name, dir), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

describe('the SDK takes the wire contract as types only', () => {
  it('finds the modules typed with the contract', () => {
    const typed = runtimeModules.filter((name) => code(name).includes("from '@burnlink/wire'"));
    expect(typed).toEqual(expect.arrayContaining(['replies.ts', 'send-secret.ts', 'files/tus.ts']));
  });

  it.each(runtimeModules)('%s imports no runtime value of @burnlink/wire or typebox', (name) => {
    const imports = [...code(name).matchAll(/\bimport\s+(type\s+)?[^;]*?\bfrom\s+'([^']+)'/g)];
    for (const [statement, typeOnly, specifier] of imports) {
      if (specifier === '@burnlink/wire') expect(typeOnly, statement).toBeDefined();
      expect(specifier).not.toMatch(/^typebox/);
    }
    expect(code(name)).not.toMatch(/\bimport\(\s*'(@burnlink\/wire|typebox)/);
  });
});
