// What a soak records and prints: latencies per minute and kind, RSS samples, errors, and the two verdicts.
import { KINDS } from './soak-workload.js';

export function p99(values) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/** Least-squares slope of `y` over `x`. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/**
 * Latencies bucketed by minute of the run (by the request's start; the drain's last requests count in the last
 * of `minutes`), errors counted by kind and answer.
 */
export function createRecorder(startedAt, minutes = Number.POSITIVE_INFINITY) {
  const last = Math.max(0, Math.ceil(minutes) - 1);
  const buckets = [];
  const errors = new Map();
  return {
    minutes: buckets,
    errors,
    record(kind, ms, started) {
      const m = Math.min(last, Math.max(0, Math.floor((started - startedAt) / 60_000)));
      buckets[m] ??= Object.fromEntries(KINDS.map((k) => [k, []]));
      buckets[m][kind].push(ms);
    },
    fail(kind, what) {
      const key = `${kind}: ${what}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    },
  };
}

const col = (value, width) => String(value).padStart(width);
const ms = (v) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));

export function printSoak({ setup, recorder, samples, verdict, cycles, late }) {
  console.log(`\n${setup}`);
  console.log(`p99 latency per minute, ms (n: requests that minute)`);
  console.log(
    `${'min'.padEnd(5)}${KINDS.map((k) => col(k, 11)).join('')}${col('n', 8)}${col('RSS MiB', 14)}`,
  );
  recorder.minutes.forEach((bucket, m) => {
    if (!bucket) return;
    const last = m === recorder.minutes.length - 1;
    const inMinute = samples.filter((s) => s.t >= m * 60 && (last || s.t < (m + 1) * 60)).map((s) => s.rss);
    const rss = inMinute.length
      ? `${Math.min(...inMinute).toFixed(0)}–${Math.max(...inMinute).toFixed(0)}`
      : '–';
    const n = KINDS.reduce((sum, k) => sum + bucket[k].length, 0);
    console.log(
      `${String(m + 1).padEnd(5)}${KINDS.map((k) => col(ms(p99(bucket[k])), 11)).join('')}${col(n, 8)}${col(rss, 14)}`,
    );
  });
  const trace = [];
  for (const s of samples) if (s.t >= trace.length * 15) trace.push(s.rss.toFixed(0));
  console.log(`RSS MiB every 15 s: ${trace.join(' ')}`);
  console.log(
    `cycles: ${cycles.done} done, ${cycles.failed} failed, ${late} starts skipped (in-flight cap reached)`,
  );
  for (const [what, count] of recorder.errors) console.log(`  error ×${count}  ${what}`);
  console.log(
    `memory: RSS slope over the second half ${verdict.slope >= 0 ? '+' : ''}${verdict.slope.toFixed(2)} MiB/min ` +
      `(threshold ≤ ${verdict.maxSlope} MiB/min) ${verdict.flat ? 'PASS' : 'MISS'}`,
  );
  console.log(`errors: ${verdict.errorCount} (target 0) ${verdict.errorCount === 0 ? 'PASS' : 'MISS'}`);
}
