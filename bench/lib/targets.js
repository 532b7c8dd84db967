// The targets of issue #11, in one place: each benchmark marks its figures PASS or MISS against them and records
// every verdict here; `npm run bench` (bench/run.js) ends with the summary table of them all. Figures only:
// nothing here fails a build or a test.
import { fmt } from './load.js';

export const TARGETS = {
  /** Create and claim requests/s as a ratio to the bare node:http baseline of the same run, per store. */
  throughputRatio: { sqlite: 0.5, redis: 0.35, postgres: 0.35 },
  /** p99 latency of create and of claim at 64 connections, every store. */
  p99Ms: 25,
  /** burnlink raw MB/s as a ratio to the disk baseline (bench/file-baseline-server.js) of the same size. */
  rawUpRatio: 0.7,
  rawDownRatio: 0.9,
  /** The CLI end to end, MB/s of file bytes each way, at files of this size or larger. */
  cliMBps: 250,
  cliAtBytes: 1024 ** 3,
  /** The burnlink server's resident memory: after start-up, and at peak while streaming. */
  idleRssMiB: 100,
  peakRssMiB: 150,
  /** The web app's first-load JavaScript, gzipped (KiB, as the build measures it). */
  webGzipKiB: 45,
};

const verdicts = [];

/** ' PASS' or ' MISS' (five characters, for the tables). */
export const mark = (ok) => (ok === null ? '  n/a' : ok ? ' PASS' : ' MISS');

/**
 * Records one verdict for the summary and returns its mark. `measured` and `limit` are the printed figures
 * with their unit (e.g. `0.42×`, `≥ 0.50×`).
 */
export function verdict(target, measured, limit, ok) {
  verdicts.push({ target, measured, limit, ok });
  return mark(ok);
}

/** Records a target this run did not measure (e.g. the CLI's without a 1 GiB file): `n/a` in the summary. */
export function notMeasured(target, limit, why) {
  verdicts.push({ target, measured: why, limit, ok: null });
}

/** The verdicts recorded so far in this process (the summary's rows, in the order the benchmarks ran). */
export const recordedVerdicts = () => [...verdicts];

/** The mark of a number against a lower (`atLeast`) or upper (`atMost`) limit, recorded for the summary. */
export const atLeast = (target, value, limit, unit = '', digits = 2) =>
  verdict(target, `${fmt(value, digits)}${unit}`, `≥ ${fmt(limit, digits)}${unit}`, value >= limit);
export const atMost = (target, value, limit, unit = '', digits = 0) =>
  verdict(target, `${fmt(value, digits)}${unit}`, `≤ ${fmt(limit, digits)}${unit}`, value <= limit);

/** The summary table of every verdict recorded; says so when no benchmark with a target ran. */
export function printSummary(rows = recordedVerdicts()) {
  console.log('\nIssue #11 targets (figures of this run; ratios to the baselines measured in it)');
  if (rows.length === 0) {
    console.log('no benchmark with a target ran');
    return { pass: 0, miss: 0 };
  }
  const width = Math.max(6, ...rows.map((r) => r.target.length)) + 2;
  console.log(`${'target'.padEnd(width)}${'measured'.padStart(12)}${'limit'.padStart(12)}  verdict`);
  for (const r of rows)
    console.log(`${r.target.padEnd(width)}${r.measured.padStart(12)}${r.limit.padStart(12)} ${mark(r.ok)}`);
  const pass = rows.filter((r) => r.ok === true).length;
  const miss = rows.filter((r) => r.ok === false).length;
  const unmeasured = rows.length - pass - miss;
  console.log(`${pass} PASS, ${miss} MISS${unmeasured ? `, ${unmeasured} not measured` : ''}`);
  return { pass, miss };
}
