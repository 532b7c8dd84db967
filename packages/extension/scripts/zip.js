// Packs dist/ into burnlink-extension.zip (the file a user loads or uploads to a store), with fflate:
// no system zip binary. Entries are sorted and dated 1980-01-01 so the same dist gives the same zip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const out = path.join(root, 'burnlink-extension.zip');
const mtime = new Date(1980, 0, 1);

/** Every file under `dir`, as paths relative to dist with forward slashes. */
function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory()
        ? walk(full)
        : [path.relative(dist, full).split(path.sep).join('/')];
    });
}

const files = Object.fromEntries(
  walk(dist).map((rel) => [rel, [readFileSync(path.join(dist, rel)), { mtime }]]),
);
if (!files['manifest.json']) throw new Error('dist/manifest.json is missing: run vite build first');
const zip = zipSync(files, { level: 9 });
writeFileSync(out, zip);
console.log(
  `burnlink extension: ${Object.keys(files).length} files, ${path.basename(out)} ${(zip.length / 1024).toFixed(1)} KB`,
);
