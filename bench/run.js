// `npm run bench`: every benchmark, each printed beside a baseline measured in the same run.
// BENCH_STORES picks the stores (default sqlite,redis,postgres), BENCH_NODES the process counts per store
// (default 1,2), BENCH_DURATION the seconds of each create load (default 10).
import { benchHttp } from './http.js';
import { benchWeb } from './web.js';

const list = (value, fallback) => (value ?? fallback).split(',').filter(Boolean);
await benchHttp({
  stores: list(process.env.BENCH_STORES, 'sqlite,redis,postgres'),
  nodes: list(process.env.BENCH_NODES, '1,2').map(Number),
  duration: Number(process.env.BENCH_DURATION ?? 10),
});
benchWeb();
