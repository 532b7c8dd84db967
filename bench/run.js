// `npm run bench`: every benchmark, each printed beside a baseline measured in the same run.
// BENCH_ONLY picks the benchmarks (comma-separated: http, auth, audit, files, web, kdf, soak; default
// http,auth,audit,files,web,kdf — the soak takes minutes and runs only when named).
// http: BENCH_STORES picks the stores (default sqlite,redis,postgres), BENCH_NODES the process counts per store
// (default 1,2), BENCH_DURATION the seconds of each create load (default 10). auth: BENCH_AUTH_STORES (default
// sqlite,postgres), BENCH_AUTH_ROUNDS (default 3), BENCH_AUTH_DURATION (seconds per kind and round, default 5).
// audit: BENCH_AUDIT_STORES (default sqlite,postgres), BENCH_AUDIT_ROUNDS (default 2), BENCH_AUDIT_DURATION
// (seconds of each create load, per case and round; default 5).
// files: BENCH_FILES the file sizes (default 100MiB,1GiB; bytes or KiB/MiB/GiB), BENCH_FILE_ROUNDS the rounds
// of each (best kept; default 3). kdf: BENCH_KDF_DURATION the seconds of each create load (default 20).
// soak: BENCH_SOAK_MINUTES (default 10), BENCH_SOAK_RATE (cycles/s; default half of the capacity measured
// first). It ends with the summary of issue #11's targets, each PASS or MISS (lib/targets.js). See bench/README.md.
import { parseSize } from './lib/disk.js';
import { printSummary } from './lib/targets.js';

const list = (value, fallback) => (value ?? fallback).split(',').filter(Boolean);
const KNOWN = ['http', 'auth', 'audit', 'files', 'web', 'kdf', 'soak'];
const only = list(process.env.BENCH_ONLY, 'http,auth,audit,files,web,kdf');
const unknown = only.filter((name) => !KNOWN.includes(name));
if (unknown.length) {
  console.error(`BENCH_ONLY: unknown benchmark ${unknown.join(', ')}; allowed: ${KNOWN.join(', ')}`);
  process.exit(2);
}

if (only.includes('http')) {
  const { benchHttp } = await import('./http.js');
  await benchHttp({
    stores: list(process.env.BENCH_STORES, 'sqlite,redis,postgres'),
    nodes: list(process.env.BENCH_NODES, '1,2').map(Number),
    duration: Number(process.env.BENCH_DURATION ?? 10),
  });
}
if (only.includes('auth')) {
  const { benchAuth } = await import('./auth.js');
  await benchAuth({
    stores: list(process.env.BENCH_AUTH_STORES, 'sqlite,postgres'),
    rounds: Number(process.env.BENCH_AUTH_ROUNDS ?? 3),
    duration: Number(process.env.BENCH_AUTH_DURATION ?? 5),
  });
}
if (only.includes('audit')) {
  const { benchAudit } = await import('./audit.js');
  await benchAudit({
    stores: list(process.env.BENCH_AUDIT_STORES, 'sqlite,postgres'),
    rounds: Number(process.env.BENCH_AUDIT_ROUNDS ?? 2),
    duration: Number(process.env.BENCH_AUDIT_DURATION ?? 5),
  });
}
if (only.includes('files')) {
  const { benchFiles } = await import('./files.js');
  await benchFiles({
    sizes: list(process.env.BENCH_FILES, '100MiB,1GiB').map(parseSize),
    rounds: Number(process.env.BENCH_FILE_ROUNDS ?? 3),
  });
}
if (only.includes('web')) {
  const { benchWeb } = await import('./web.js');
  benchWeb();
}
if (only.includes('kdf')) {
  const { benchKdf } = await import('./kdf-load.js');
  await benchKdf({ duration: Number(process.env.BENCH_KDF_DURATION ?? 20) });
}
if (only.includes('soak')) {
  const { benchSoak } = await import('./soak.js');
  const rate = process.env.BENCH_SOAK_RATE;
  await benchSoak({
    minutes: Number(process.env.BENCH_SOAK_MINUTES ?? 10),
    rate: rate === undefined ? undefined : Number(rate),
  });
}
printSummary();
