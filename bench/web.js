// The web app's first load: gzipped JavaScript of every chunk `/` loads, from the build's own measurement
// (packages/web/dist/first-load.json, written by `vite build`), marked against issue #11's target of 45 KiB
// (lib/targets.js). The build fails above its budget (the report's `budgetBytes`), the same 45 KiB.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { atMost, TARGETS } from './lib/targets.js';

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
  const kib = report.gzipBytes / 1024;
  const verdict = atMost('web first-load JS, gzipped', kib, TARGETS.webGzipKiB, ' KiB', 2);
  console.log('\nWeb app first load of /');
  console.log(
    `gzipped JS ${kib.toFixed(2)} KiB${verdict} (target ≤ ${TARGETS.webGzipKiB} KiB; raw ` +
      `${kb(report.rawBytes)} KiB, ${report.chunks.length} chunk(s); the build fails above ${kb(report.budgetBytes)} KiB)`,
  );
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) benchWeb();
