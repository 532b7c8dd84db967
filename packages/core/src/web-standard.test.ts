import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Core runs unchanged in Node, the browser and the extension: its runtime modules may use web-standard APIs only.
// One runtime dependency is allowed, in one module: @hpke/core (itself on WebCrypto) for request sealing, reached
// only through the `@burnlink/core/requests` entry so that other bundles leave it out.
const DEPENDENCIES: Record<string, string[]> = { 'request-hpke.ts': ['@hpke/core'] };
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
    const allowed = DEPENDENCIES[name] ?? [];
    for (const specifier of imports) {
      if (!allowed.includes(specifier)) expect(specifier).toMatch(/^\.\/[a-z0-9-]+\.js$/);
    }
    expect(source).not.toMatch(/\bimport\(/);
    expect(source).not.toMatch(/\b(Buffer|process|require|__dirname|globalThis\.process)\b/);
  });
});

describe('the request entry stays out of the main entry', () => {
  it('index.ts re-exports no module that reaches @hpke/core', () => {
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    expect(index).not.toMatch(/request-hpke|request-envelope|requests/);
    for (const name of runtimeModules.filter((n) => n !== 'requests.ts' && n !== 'request-envelope.ts')) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      if (name !== 'request-hpke.ts') expect(source).not.toMatch(/from '(@hpke\/core|\.\/request-hpke\.js)'/);
    }
  });
});
