// Module hooks for `source-worker.mjs`: `./x.js` imported from a `.ts` module resolves to `./x.ts` (as
// TypeScript's NodeNext resolution does), workspace packages resolve through their `source` export
// condition, and a `.ts` module is compiled with TypeScript's `transpileModule` (types erased, nothing
// checked). The output is cached under the OS temp directory by a hash of the source, because loading the
// compiler costs seconds and each test starts several threads.
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Per user and 0700: nobody else may plant code that a test thread would run.
const cacheDir = join(tmpdir(), `burnlink-source-worker-${process.getuid?.() ?? 'user'}`);
let compiler;

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (await exists(url)) return { url: url.href, shortCircuit: true };
  }
  return nextResolve(specifier, { ...context, conditions: ['source', ...context.conditions] });
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const cached = join(
    cacheDir,
    `${createHash('sha256').update(url).update('\0').update(source).digest('hex')}.js`,
  );
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit !== null) return { format: 'module', source: hit, shortCircuit: true };
  compiler ??= (await import('typescript')).default;
  const output = compiler.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: compiler.ModuleKind.ESNext,
      target: compiler.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  }).outputText;
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const partial = `${cached}.${randomUUID()}`;
  await writeFile(partial, output);
  await rename(partial, cached);
  return { format: 'module', source: output, shortCircuit: true };
}

async function exists(url) {
  try {
    await access(url);
    return true;
  } catch {
    return false;
  }
}
