import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Core runs unchanged in Node, the browser and the extension: its runtime modules may use web-standard APIs only.
const dir = new URL('./', import.meta.url);
const runtimeModules = readdirSync(dir).filter(
  (name) => name.endsWith('.ts') && !/\.test\.ts$|^test-/.test(name),
);

describe('core uses web-standard APIs only', () => {
  it('finds the runtime modules', () => {
    expect(runtimeModules).toEqual(
      expect.arrayContaining(['index.ts', 'stream-aead.ts', 'secret-envelope.ts']),
    );
  });

  it.each(runtimeModules)('%s imports only relative modules and uses no Node globals', (name) => {
    // Code only: doc comments show usage examples from other packages.
    const source = readFileSync(new URL(name, dir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const imports = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[a-z0-9-]+\.js$/);
    expect(source).not.toMatch(/\bimport\(/);
    expect(source).not.toMatch(/\b(Buffer|process|require|__dirname|globalThis\.process)\b/);
  });
});
