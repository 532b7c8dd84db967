// What `npm start` runs before the server: builds only the workspace packages whose output is older than
// their inputs, so a start with nothing changed skips the ~20 s build. `npm run build` still always builds.
// A package's inputs are its src/, package.json, tsconfig*.json, vite.config.ts, index.html and public/,
// the root tsconfig.base.json, and the inputs of the workspace packages in its `dependencies` (the web bundle
// holds them). Its output is dist/: stale when missing, empty, or older (its oldest file) than the newest input.
// A file left in dist/ by a source since deleted keeps its package stale (rebuilt on every start) until dist/ is
// removed. Usage: node scripts/build-if-stale.js [--check] (--check lists the stale packages, builds nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUT_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts', 'index.html'];
const INPUT_DIRS = ['src', 'public'];

/** Every file under `dir` (recursively), as `[path, mtimeMs]`; none when it does not exist. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath ?? entry.path, entry.name);
      return [path, statSync(path).mtimeMs];
    });
}

/** The workspace packages in build order (the root package.json's order), with their workspace dependencies. */
function workspacePackages(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    // Runtime dependencies only: a devDependency (the client's tests start the server) is not in the output.
    const deps = Object.keys(manifest.dependencies ?? {});
    return { dir, name: manifest.name, deps, build: Boolean(manifest.scripts?.build) };
  });
}

/** The newest input of one package alone (not its dependencies). */
function newestOwnInput(root, dir) {
  let newest = statSync(join(root, 'tsconfig.base.json')).mtimeMs;
  for (const name of INPUT_FILES) {
    const path = join(root, dir, name);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  for (const name of INPUT_DIRS)
    for (const [, mtime] of filesUnder(join(root, dir, name))) newest = Math.max(newest, mtime);
  return newest;
}

/**
 * The workspace packages (their directories, in build order) whose dist/ is missing, empty, or older than an
 * input of theirs or of a workspace package they depend on.
 */
export function stalePackages(root) {
  const packages = workspacePackages(root);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const own = new Map(packages.map((pkg) => [pkg.name, newestOwnInput(root, pkg.dir)]));
  const newestInput = (pkg, seen = new Set()) => {
    seen.add(pkg.name);
    let newest = own.get(pkg.name);
    for (const dep of pkg.deps) {
      const other = byName.get(dep);
      if (other && !seen.has(dep)) newest = Math.max(newest, newestInput(other, seen));
    }
    return newest;
  };
  return packages
    .filter((pkg) => pkg.build)
    .filter((pkg) => {
      const outputs = filesUnder(join(root, pkg.dir, 'dist'));
      if (outputs.length === 0) return true;
      const oldestOutput = Math.min(...outputs.map(([, mtime]) => mtime));
      return newestInput(pkg) > oldestOutput;
    })
    .map((pkg) => pkg.dir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const stale = stalePackages(root);
  if (process.argv.includes('--check')) {
    console.log(stale.length === 0 ? 'up to date' : `stale: ${stale.join(', ')}`);
    process.exit(0);
  }
  for (const dir of stale) {
    console.log(`build-if-stale: building ${dir}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', 'build', '--workspace', dir], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
