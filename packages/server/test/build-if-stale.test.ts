import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { stalePackages } from '../../../scripts/build-if-stale.js';

// `npm start` builds only what is stale (scripts/build-if-stale.js); here on a two-package workspace where
// `app` depends on `lib`, every file dated explicitly (no sleeping).
let root: string;
const T0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function write(path: string, when = T0, text = 'x') {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  utimesSync(full, when, when);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'burnlink-stale-'));
  write('package.json', T0, JSON.stringify({ workspaces: ['packages/lib', 'packages/app'] }));
  write('tsconfig.base.json');
  const manifest = (name: string, deps: Record<string, string>) =>
    JSON.stringify({ name, scripts: { build: 'tsc' }, dependencies: deps });
  write('packages/lib/package.json', T0, manifest('@t/lib', {}));
  write('packages/lib/src/index.ts');
  write('packages/lib/src/deep/part.ts');
  write('packages/app/package.json', T0, manifest('@t/app', { '@t/lib': '*' }));
  write('packages/app/src/main.ts');
  // Built a minute after the sources.
  for (const out of [
    'packages/lib/dist/index.js',
    'packages/lib/dist/deep/part.js',
    'packages/app/dist/main.js',
  ])
    write(out, later(60));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('nothing is stale when every output is newer than the sources', () => {
  expect(stalePackages(root)).toEqual([]);
});

test('a touched source makes its package stale, and the packages that depend on it', () => {
  write('packages/lib/src/deep/part.ts', later(120));
  expect(stalePackages(root)).toEqual(['packages/lib', 'packages/app']);
});

test('a touched source of the dependent package leaves its dependency built', () => {
  write('packages/app/src/main.ts', later(120));
  expect(stalePackages(root)).toEqual(['packages/app']);
});

test('one output older than a source is enough (a build that stopped halfway)', () => {
  write('packages/lib/dist/deep/part.js', T0);
  write('packages/lib/src/index.ts', later(30));
  // app was built after that edit: only lib is rebuilt.
  expect(stalePackages(root)).toEqual(['packages/lib']);
});

test('a devDependency is no input: its change leaves the package built', () => {
  write(
    'packages/app/package.json',
    T0,
    JSON.stringify({ name: '@t/app', scripts: { build: 'tsc' }, devDependencies: { '@t/lib': '*' } }),
  );
  write('packages/lib/src/index.ts', later(120));
  expect(stalePackages(root)).toEqual(['packages/lib']);
});

test('a package without dist/ (a fresh clone) is stale; so is a changed tsconfig.base.json', () => {
  rmSync(join(root, 'packages/app/dist'), { recursive: true });
  expect(stalePackages(root)).toEqual(['packages/app']);
  write('tsconfig.base.json', later(120));
  expect(stalePackages(root)).toEqual(['packages/lib', 'packages/app']);
});
