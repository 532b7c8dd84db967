// The web app's first load: gzipped JavaScript of every chunk `/` loads, from the build's own measurement
// (packages/web/dist/first-load.json, written by `vite build`), beside the 60 KB budget of DESIGN §8.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function benchWeb() {
  const file = fileURLToPath(new URL('../packages/web/dist/first-load.json', import.meta.url));
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log(`\nWeb first load: ${file} is missing — run \`npm run build\` first`);
    return null;
  }
  const kb = (n) => (n / 1024).toFixed(1);
  console.log('\nWeb app first load of /');
  console.log(
    `gzipped JS ${kb(report.gzipBytes)} KiB (raw ${kb(report.rawBytes)} KiB, ${report.chunks.length} chunk(s)); ` +
      `budget ${kb(report.budgetBytes)} KiB; ratio to budget ${(report.gzipBytes / report.budgetBytes).toFixed(2)}`,
  );
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) benchWeb();
