#!/usr/bin/env node
// `npm run fuzz`: the fuzz suite (packages/server/test/api/fuzz-*.test.ts) with many more cases than `npm test`.
// FUZZ_RUNS cases in all (default 100000), shared among the properties; FUZZ_SEED replays a run (a random seed
// when unset). Prints the seed first and the cases per property at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const total = process.env.FUZZ_RUNS ?? '100000';
const dir = mkdtempSync(join(tmpdir(), 'burnlink-fuzz-'));
const report = join(dir, 'counts.jsonl');
console.log(
  `fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${total} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${total} npm run fuzz)`,
);

const started = Date.now();
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'server',
    'packages/server/test/api/fuzz-json.test.ts',
    'packages/server/test/api/fuzz-http.test.ts',
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ: '1', FUZZ_SEED: seed, FUZZ_RUNS: total, FUZZ_REPORT: report },
  },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const counts = {};
const statuses = {};
let lines = [];
try {
  lines = readFileSync(report, 'utf8').split('\n').filter(Boolean);
} catch {
  // no file: no property ran
}
for (const line of lines) {
  const part = JSON.parse(line);
  for (const [property, n] of Object.entries(part.counts)) counts[property] = (counts[property] ?? 0) + n;
  for (const [property, seen] of Object.entries(part.statuses)) {
    statuses[property] ??= {};
    for (const [status, n] of Object.entries(seen))
      statuses[property][status] = (statuses[property][status] ?? 0) + n;
  }
}
rmSync(dir, { recursive: true, force: true });
const sum = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`\nfuzz: cases per property (seed ${seed}):`);
for (const [property, n] of Object.entries(counts)) {
  const seen = Object.entries(statuses[property] ?? {})
    .map(([status, k]) => `${status}: ${k}`)
    .join(', ');
  console.log(`  ${property.padEnd(14)} ${String(n).padStart(8)}  (answers ${seen})`);
}
console.log(`  ${'total'.padEnd(14)} ${String(sum).padStart(8)}  in ${seconds} s`);
if (run.status !== 0)
  console.log(`fuzz: FAILED; replay with FUZZ_SEED=${seed} FUZZ_RUNS=${total} npm run fuzz`);
process.exit(run.status ?? 1);
