// Soak (issue #10, item 7): a bounded mixed workload — creates, claims, wrong passphrases, burns, file uploads
// (tus PATCH) and downloads (grant) — against the built server (SQLite, fs blobs, a temporary data directory)
// at about half of its measured capacity, for 10 minutes by default. Reports the server's RSS over time, p99
// per minute and operation, and errors; PASS or MISS for flat memory and for 0 errors. Loopback only.
// Usage: node bench/soak.js [--minutes 10] [--rate CYCLES_PER_S | --load 0.5] [--calibrate 10] [--max-slope 1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBurnlink } from './lib/processes.js';
import { rssMiB } from './lib/rss.js';
import { createRecorder, printSoak, slope } from './lib/soak-report.js';
import { prepareWorkload, runCycle } from './lib/soak-workload.js';

const CALIBRATION_WORKERS = 16;
// Open-loop starts never pile up without bound: past this many cycles in flight a start is skipped and counted.
const MAX_IN_FLIGHT = 256;
const SAMPLE_MS = 1000;
const DRAIN_MS = 35_000;

/** Closed loop, `CALIBRATION_WORKERS` cycles at a time for `seconds`: cycles per second the server sustains. */
async function measureCapacity(ctx, workload, seconds) {
  const until = performance.now() + seconds * 1000;
  let n = 0;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await runCycle(n++, ctx, workload);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CALIBRATION_WORKERS }, worker));
  return done / ((performance.now() - started) / 1000);
}

/** Open loop: starts cycle i at `i / rate` seconds, whatever the answers' pace, until `minutes` have passed. */
async function soak(ctx, workload, { rate, minutes, pid }) {
  const startedAt = performance.now();
  const recorder = createRecorder(startedAt, minutes);
  const run = { ...ctx, record: recorder.record, fail: recorder.fail };
  const samples = [];
  const sample = () => samples.push({ t: (performance.now() - startedAt) / 1000, rss: rssMiB(pid) });
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  const cycles = { done: 0, failed: 0 };
  const inFlight = new Set();
  let started = 0;
  let late = 0;
  const total = Math.round(rate * minutes * 60);
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
    for (; started < due; started++) {
      if (inFlight.size >= MAX_IN_FLIGHT) {
        late++;
        continue;
      }
      const cycle = runCycle(started, run, workload).then((ok) => {
        cycles[ok ? 'done' : 'failed']++;
        inFlight.delete(cycle);
      });
      inFlight.add(cycle);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Requests time out after 30 s, so the drain ends; the cap is a second guard.
  await Promise.race([
    Promise.all(inFlight),
    new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
  ]);
  clearInterval(sampler);
  sample();
  return { recorder, samples, cycles, late: late + inFlight.size };
}

export async function benchSoak({ minutes = 10, rate, load = 0.5, calibrate = 10, maxSlope = 1 } = {}) {
  if (!(minutes > 0 && minutes <= 120)) throw new Error('--minutes / BENCH_SOAK_MINUTES: from 0 to 120');
  if (rate !== undefined && !(rate > 0 && rate <= 10_000))
    throw new Error('--rate: cycles per second, 0 to 10000');
  const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-soak-'));
  let server;
  try {
    server = await startBurnlink({
      BURNLINK_STORE: `sqlite:${join(dir, 'soak.db')}`,
      BURNLINK_DATA_DIR: dir,
    });
    const workload = await prepareWorkload();
    const calibration = createRecorder(performance.now());
    const ctx = { url: server.url, record: calibration.record, fail: calibration.fail };
    let setup;
    if (rate === undefined) {
      const capacity = await measureCapacity(ctx, workload, calibrate);
      if (calibration.errors.size)
        throw new Error(`calibration failed: ${[...calibration.errors.keys()][0]}`);
      rate = capacity * load;
      setup = `Soak: ${minutes} min at ${rate.toFixed(1)} cycles/s = ${load} × capacity ${capacity.toFixed(1)} cycles/s (${CALIBRATION_WORKERS} closed-loop workers, ${calibrate} s)`;
    } else setup = `Soak: ${minutes} min at ${rate} cycles/s (given)`;
    setup += `; a cycle is one of: create+claim, create+2 wrong passphrases+claim, create+burn+claim (404), create+PATCH 64 KiB+claim+download. SQLite, fs blobs.`;
    const result = await soak(ctx, workload, { rate, minutes, pid: server.child.pid });
    const half = result.samples.at(-1).t / 2;
    const perMinute = slope(
      result.samples.filter((s) => s.t >= half).map((s) => ({ x: s.t / 60, y: s.rss })),
    );
    const errorCount = [...result.recorder.errors.values()].reduce((a, b) => a + b, 0);
    const verdict = { slope: perMinute, maxSlope, flat: perMinute <= maxSlope, errorCount };
    printSoak({ setup, ...result, verdict });
    return { rate, ...result, verdict };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: process.env.BENCH_SOAK_MINUTES ?? '10' },
      rate: { type: 'string', default: process.env.BENCH_SOAK_RATE },
      load: { type: 'string', default: '0.5' },
      calibrate: { type: 'string', default: '10' },
      'max-slope': { type: 'string', default: '1' },
    },
  });
  await benchSoak({
    minutes: Number(values.minutes),
    rate: values.rate === undefined ? undefined : Number(values.rate),
    load: Number(values.load),
    calibrate: Number(values.calibrate),
    maxSlope: Number(values['max-slope']),
  });
}
